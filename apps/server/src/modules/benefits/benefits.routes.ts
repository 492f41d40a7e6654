/** Programmes, rule versions, simulation, cycles and entitlements. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CodeParams,
  CodeVersionParams,
  CycleCreateBody,
  CycleListQuery,
  CycleOut,
  EntitlementBulkBody,
  EntitlementBulkOut,
  EntitlementOut,
  EntitlementQuery,
  IdParams,
  JobAccepted,
  ProgramCreateBody,
  ProgramOut,
  ProgramPatchBody,
  ProgramVersionBody,
  ProgramVersionOut,
  SimulationOut,
  SimulationQuery,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../platform/http/helpers.js';
import type { BenefitsModule } from './benefits.module.js';

export function benefitsRoutes(app: FastifyInstance, m: BenefitsModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['benefits'];

  r.get(
    '/api/v1/benefits/programs',
    {
      schema: {
        tags,
        summary: 'Programmes, each with its version in force',
        response: { 200: z.array(ProgramOut) },
      },
      config: { access: 'benefits.read' },
    },
    async () => m.programs.list(),
  );

  r.post(
    '/api/v1/benefits/programs',
    {
      schema: { tags, summary: 'Create a programme', body: ProgramCreateBody, response: { 201: ProgramOut } },
      config: { access: 'benefits.manage' },
    },
    async (req, reply) => reply.status(201).send(await m.programs.create(actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/benefits/programs/:code',
    {
      schema: { tags, summary: 'One programme', params: CodeParams, response: { 200: ProgramOut } },
      config: { access: 'benefits.read' },
    },
    async (req, reply) => {
      const out = await m.programs.get(req.params.code);
      etag(reply, out.version);
      return out;
    },
  );

  r.patch(
    '/api/v1/benefits/programs/:code',
    {
      schema: {
        tags,
        summary: 'Change a programme (If-Match: its version)',
        params: CodeParams,
        body: ProgramPatchBody,
        response: { 200: ProgramOut },
      },
      config: { access: 'benefits.manage' },
    },
    async (req, reply) => {
      const out = await m.programs.patch(actorOf(req), req.params.code, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );

  r.post(
    '/api/v1/benefits/programs/:code/versions',
    {
      schema: {
        tags,
        summary: 'Draft a new rule version',
        params: CodeParams,
        body: ProgramVersionBody,
        response: { 201: ProgramVersionOut },
      },
      config: { access: 'benefits.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await m.programs.createVersion(actorOf(req), req.params.code, req.body)),
  );

  r.get(
    '/api/v1/benefits/programs/:code/versions/:versionId',
    {
      schema: {
        tags,
        summary: 'One rule version',
        params: CodeVersionParams,
        response: { 200: ProgramVersionOut },
      },
      config: { access: 'benefits.read' },
    },
    async (req) => m.programs.getVersion(req.params.code, req.params.versionId),
  );

  r.put(
    '/api/v1/benefits/programs/:code/versions/:versionId',
    {
      schema: {
        tags,
        summary: 'Change a draft version',
        params: CodeVersionParams,
        body: ProgramVersionBody,
        response: { 200: ProgramVersionOut },
      },
      config: { access: 'benefits.manage' },
    },
    async (req) => m.programs.updateDraft(actorOf(req), req.params.code, req.params.versionId, req.body),
  );

  r.post(
    '/api/v1/benefits/programs/:code/versions/:versionId/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft version',
        params: CodeVersionParams,
        response: { 200: ProgramVersionOut },
      },
      config: { access: 'benefits.manage' },
    },
    async (req) => m.programs.publish(actorOf(req), req.params.code, req.params.versionId),
  );

  r.get(
    '/api/v1/benefits/programs/:code/versions/:versionId/simulation',
    {
      schema: {
        tags,
        summary: 'Who would qualify per street and what it costs, against the version in force',
        params: CodeVersionParams,
        querystring: SimulationQuery,
        response: { 200: SimulationOut },
      },
      config: { access: 'benefits.manage' },
    },
    async (req) => m.simulation.simulate(req.params.code, req.params.versionId, req.query.period),
  );

  r.post(
    '/api/v1/benefits/programs/:code/cycles',
    {
      schema: {
        tags,
        summary: 'Create the cycle of a period (bound to the version in force on its first day)',
        params: CodeParams,
        body: CycleCreateBody,
        response: { 201: CycleOut },
      },
      config: { access: 'benefits.run' },
    },
    async (req, reply) =>
      reply.status(201).send(await m.cycles.create(actorOf(req), req.params.code, req.body.period)),
  );

  r.get(
    '/api/v1/benefits/cycles',
    {
      schema: {
        tags,
        summary: 'Cycles, newest period first',
        querystring: CycleListQuery,
        response: { 200: z.array(CycleOut) },
      },
      config: { access: 'benefits.read' },
    },
    async (req) => m.cycles.list(actorOf(req), req.query.programCode, req.query.limit),
  );

  r.get(
    '/api/v1/benefits/cycles/:id',
    {
      schema: {
        tags,
        summary: 'One cycle with its entitlements counted by state',
        params: IdParams,
        response: { 200: CycleOut },
      },
      config: { access: 'benefits.read' },
    },
    async (req) => m.cycles.get(actorOf(req), req.params.id),
  );

  r.post(
    '/api/v1/benefits/cycles/:id/run',
    {
      schema: {
        tags,
        summary: 'Run the cycle over the registry (a job; repeating it never duplicates an entitlement)',
        params: IdParams,
        response: { 202: JobAccepted },
      },
      config: { access: 'benefits.run' },
    },
    async (req, reply) => reply.status(202).send({ jobId: await m.cycles.run(actorOf(req), req.params.id) }),
  );

  r.get(
    '/api/v1/benefits/cycles/:id/entitlements',
    {
      schema: {
        tags,
        summary: 'The cycle’s entitlements in the caller’s scope',
        params: IdParams,
        querystring: EntitlementQuery,
        response: { 200: pageOf(EntitlementOut) },
      },
      config: { access: 'benefits.read' },
    },
    async (req) => m.cycles.entitlements(actorOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/v1/benefits/cycles/:id/entitlements/bulk',
    {
      schema: {
        tags,
        summary: 'Submit, approve (four eyes), reject or cancel entitlements by id or by street',
        description:
          'submit and cancel need benefits.run; approve and reject need benefits.approve and never apply to what the caller submitted (four_eyes).',
        params: IdParams,
        body: EntitlementBulkBody,
        response: { 200: EntitlementBulkOut },
      },
      config: { access: 'benefits.run' },
    },
    async (req) => m.cycles.bulk(actorOf(req), req.params.id, req.body),
  );
}
