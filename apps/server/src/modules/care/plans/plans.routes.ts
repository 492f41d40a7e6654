/**
 * Meetings and work plans API under /api/v1/care (care.plans, district-wide): 暖心行动 projects and
 * their progress, meetings, work items, "my work items", planners and a need looked up by its ref.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  MeetingBody,
  MeetingListQuery,
  MeetingOut,
  MeetingPatch,
  MeetingSummaryOut,
  PlanNeedOut,
  PlanNeedQuery,
  PlannerOut,
  ProjectBody,
  ProjectListQuery,
  ProjectOut,
  ProjectPatch,
  ProjectProgressOut,
  WorkItemBody,
  WorkItemListQuery,
  WorkItemNoteBody,
  WorkItemOut,
  WorkItemPatch,
  WorkQueueOut,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../../platform/http/helpers.js';
import type { PlansService } from './plans.service.js';

const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function plansRoutes(app: FastifyInstance, s: PlansService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['care-plans'];
  const base = '/api/v1/care';
  const access = 'care.plans' as const;

  // ---- 暖心行动 projects
  r.get(
    `${base}/projects`,
    {
      schema: {
        tags,
        summary: '暖心行动 projects',
        querystring: ProjectListQuery,
        response: { 200: pageOf(ProjectOut) },
      },
      config: { access },
    },
    async (req) => s.projects.list(req.query),
  );
  r.post(
    `${base}/projects`,
    {
      schema: {
        tags,
        summary: 'Create a project with ordered stages',
        body: ProjectBody,
        response: { 201: ProjectOut },
      },
      config: { access },
    },
    async (req, reply) => reply.status(201).send(await s.projects.create(actorOf(req), req.body)),
  );
  r.get(
    `${base}/projects/:id`,
    {
      schema: { tags, summary: 'One project', params: IdParams, response: { 200: ProjectOut } },
      config: { access },
    },
    async (req, reply) => {
      const out = await s.projects.get(req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/projects/:id`,
    {
      schema: {
        tags,
        summary: 'Change a project (If-Match)',
        params: IdParams,
        body: ProjectPatch,
        response: { 200: ProjectOut },
      },
      config: { access },
    },
    async (req, reply) => {
      const out = await s.projects.patch(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.get(
    `${base}/projects/:id/progress`,
    {
      schema: {
        tags,
        summary: "A project's progress: items per stage by status, overdue, % done",
        params: IdParams,
        response: { 200: ProjectProgressOut },
      },
      config: { access },
    },
    async (req) => s.projects.progress(req.params.id),
  );

  // ---- meetings, lectures, activities
  r.get(
    `${base}/meetings`,
    {
      schema: {
        tags,
        summary: 'Meetings, lectures and activities (newest first) with attendance counts',
        querystring: MeetingListQuery,
        response: { 200: Page(MeetingSummaryOut) },
      },
      config: { access },
    },
    async (req) => s.meetings.list(req.query),
  );
  r.post(
    `${base}/meetings`,
    {
      schema: { tags, summary: 'Record a meeting', body: MeetingBody, response: { 201: MeetingOut } },
      config: { access },
    },
    async (req, reply) => reply.status(201).send(await s.meetings.create(actorOf(req), req.body)),
  );
  r.get(
    `${base}/meetings/:id`,
    {
      schema: { tags, summary: 'One meeting', params: IdParams, response: { 200: MeetingOut } },
      config: { access },
    },
    async (req, reply) => {
      const out = await s.meetings.get(actorOf(req), req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/meetings/:id`,
    {
      schema: {
        tags,
        summary: 'Change a meeting (If-Match)',
        params: IdParams,
        body: MeetingPatch,
        response: { 200: MeetingOut },
      },
      config: { access },
    },
    async (req, reply) => {
      const out = await s.meetings.patch(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );

  // ---- work-plan items
  r.get(
    `${base}/work-items`,
    {
      schema: {
        tags,
        summary: 'Work-plan items by deadline',
        querystring: WorkItemListQuery,
        response: { 200: Page(WorkItemOut) },
      },
      config: { access },
    },
    async (req) => s.items.list(actorOf(req), req.query),
  );
  r.post(
    `${base}/work-items`,
    {
      schema: {
        tags,
        summary: 'Create a work item (from a meeting or in a project)',
        body: WorkItemBody,
        response: { 201: WorkItemOut },
      },
      config: { access },
    },
    async (req, reply) => reply.status(201).send(await s.items.create(actorOf(req), req.body)),
  );
  r.get(
    `${base}/work-items/:id`,
    {
      schema: { tags, summary: 'One work item', params: IdParams, response: { 200: WorkItemOut } },
      config: { access },
    },
    async (req, reply) => {
      const out = await s.items.get(actorOf(req), req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/work-items/:id`,
    {
      schema: {
        tags,
        summary: 'Change a work item: fields, stage, status, with a note (If-Match)',
        params: IdParams,
        body: WorkItemPatch,
        response: { 200: WorkItemOut },
      },
      config: { access },
    },
    async (req, reply) => {
      const out = await s.items.patch(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.post(
    `${base}/work-items/:id/progress`,
    {
      schema: {
        tags,
        summary: 'Add a progress note (If-Match)',
        params: IdParams,
        body: WorkItemNoteBody,
        response: { 200: WorkItemOut },
      },
      config: { access },
    },
    async (req, reply) => {
      const out = await s.items.addNote(actorOf(req), req.params.id, ifMatch(req), req.body.note);
      etag(reply, out.version);
      return out;
    },
  );
  r.get(
    `${base}/queue/work-items`,
    {
      schema: {
        tags,
        summary: 'My work items: open and in progress, overdue first',
        response: { 200: WorkQueueOut },
      },
      config: { access },
    },
    async (req) => s.items.queue(actorOf(req)),
  );

  // ---- pickers
  r.get(
    `${base}/planners`,
    {
      schema: { tags, summary: 'Staff who may own work items', response: { 200: z.array(PlannerOut) } },
      config: { access },
    },
    async () => s.planners(),
  );
  r.get(
    `${base}/plan-needs`,
    {
      schema: {
        tags,
        summary: 'A need by its ref (in the caller’s scope): ref, category, title, status',
        querystring: PlanNeedQuery,
        response: { 200: z.array(PlanNeedOut) },
      },
      config: { access },
    },
    async (req) => s.needsByRef(actorOf(req), req.query.ref),
  );
}
