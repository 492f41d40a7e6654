/** Care network API under /api/v1/care: organisations and teams, members, volunteers, pairings, a volunteer's own. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  MemberBody,
  MemberOut,
  MemberParams,
  MemberPatch,
  MyPairingOut,
  OrganisationBody,
  OrganisationListQuery,
  OrganisationOut,
  OrganisationPatch,
  PairingBody,
  PairingListQuery,
  PairingOut,
  PairingPatch,
  VolunteerBody,
  VolunteerListQuery,
  VolunteerOut,
  VolunteerPatch,
  VolunteerRevealBody,
  VolunteerRevealOut,
  VolunteerMembershipOut,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../platform/http/helpers.js';
import type { CareModule } from './care.module.js';

export function careRoutes(app: FastifyInstance, m: CareModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['care'];
  const base = '/api/v1/care';
  const s = m.service;
  const pr = m.pairings;

  // ---- organisations and teams
  r.get(
    `${base}/organisations`,
    {
      schema: {
        tags,
        summary: 'Organisations and teams (corps, sub-teams, vanguard, social-work teams, partners)',
        querystring: OrganisationListQuery,
        response: { 200: pageOf(OrganisationOut) },
      },
      config: { access: 'care.read' },
    },
    async (req) => s.listOrganisations(req.query),
  );
  r.post(
    `${base}/organisations`,
    {
      schema: {
        tags,
        summary: 'Create an organisation or team',
        body: OrganisationBody,
        response: { 201: OrganisationOut },
      },
      config: { access: 'care.manage' },
    },
    async (req, reply) => reply.status(201).send(await s.createOrganisation(actorOf(req), req.body)),
  );
  r.get(
    `${base}/organisations/:id`,
    {
      schema: {
        tags,
        summary: 'One organisation or team',
        params: IdParams,
        response: { 200: OrganisationOut },
      },
      config: { access: 'care.read', recordRoute: true },
    },
    async (req, reply) => {
      const out = await s.getOrganisation(req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/organisations/:id`,
    {
      schema: {
        tags,
        summary: 'Change an organisation or team (If-Match)',
        params: IdParams,
        body: OrganisationPatch,
        response: { 200: OrganisationOut },
      },
      config: { access: 'care.manage', recordRoute: true },
    },
    async (req, reply) => {
      const out = await s.patchOrganisation(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );

  // ---- members
  r.get(
    `${base}/organisations/:id/members`,
    {
      schema: {
        tags,
        summary: 'Members of an organisation or team',
        params: IdParams,
        response: { 200: z.array(MemberOut) },
      },
      config: { access: 'care.read', recordRoute: true },
    },
    async (req) => s.listMembers(req.params.id),
  );
  r.post(
    `${base}/organisations/:id/members`,
    {
      schema: {
        tags,
        summary: 'Add a member',
        params: IdParams,
        body: MemberBody,
        response: { 201: MemberOut },
      },
      config: { access: 'care.manage' },
    },
    async (req, reply) => reply.status(201).send(await s.addMember(actorOf(req), req.params.id, req.body)),
  );
  r.patch(
    `${base}/organisations/:id/members/:memberId`,
    {
      schema: {
        tags,
        summary: "Change a member's role, Party membership or leaving date (If-Match)",
        params: MemberParams,
        body: MemberPatch,
        response: { 200: MemberOut },
      },
      config: { access: 'care.manage', recordRoute: true },
    },
    async (req, reply) => {
      const out = await s.patchMember(
        actorOf(req),
        req.params.id,
        req.params.memberId,
        ifMatch(req),
        req.body,
      );
      etag(reply, out.version);
      return out;
    },
  );

  // ---- volunteers
  r.get(
    `${base}/volunteers`,
    {
      schema: {
        tags,
        summary: 'Volunteers',
        querystring: VolunteerListQuery,
        response: { 200: pageOf(VolunteerOut) },
      },
      config: { access: 'care.read' },
    },
    async (req) => s.listVolunteers(req.query),
  );
  r.post(
    `${base}/volunteers`,
    {
      schema: {
        tags,
        summary: 'Create a volunteer profile',
        body: VolunteerBody,
        response: { 201: VolunteerOut },
      },
      config: { access: 'care.manage' },
    },
    async (req, reply) => reply.status(201).send(await s.createVolunteer(actorOf(req), req.body)),
  );
  r.get(
    `${base}/volunteers/:id`,
    {
      schema: { tags, summary: 'One volunteer', params: IdParams, response: { 200: VolunteerOut } },
      config: { access: 'care.read', recordRoute: true },
    },
    async (req, reply) => {
      const out = await s.getVolunteer(req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/volunteers/:id`,
    {
      schema: {
        tags,
        summary: 'Change a volunteer profile (If-Match)',
        params: IdParams,
        body: VolunteerPatch,
        response: { 200: VolunteerOut },
      },
      config: { access: 'care.manage', recordRoute: true },
    },
    async (req, reply) => {
      const out = await s.patchVolunteer(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.get(
    `${base}/volunteers/:id/memberships`,
    {
      schema: {
        tags,
        summary: "A volunteer's memberships (current first)",
        params: IdParams,
        response: { 200: z.array(VolunteerMembershipOut) },
      },
      config: { access: 'care.read', recordRoute: true },
    },
    async (req) => s.volunteerMemberships(req.params.id),
  );
  r.post(
    `${base}/volunteers/:id/reveal`,
    {
      schema: {
        tags,
        summary: "A volunteer's phone in clear, with a reason (audited; never the ID number)",
        params: IdParams,
        body: VolunteerRevealBody,
        response: { 200: VolunteerRevealOut },
      },
      config: { access: 'care.manage', recordRoute: true },
    },
    async (req) => s.revealVolunteer(actorOf(req), req.params.id, req.body.reason),
  );

  // ---- pairings
  r.get(
    `${base}/pairings`,
    {
      schema: {
        tags,
        summary: 'Pairings (结对) in scope',
        querystring: PairingListQuery,
        response: { 200: pageOf(PairingOut) },
      },
      config: { access: 'care.read' },
    },
    async (req) => pr.list(actorOf(req), req.query),
  );
  r.post(
    `${base}/pairings`,
    {
      schema: {
        tags,
        summary: 'Pair a team or volunteer with a family',
        body: PairingBody,
        response: { 201: PairingOut },
      },
      config: { access: 'care.pairings' },
    },
    async (req, reply) => reply.status(201).send(await pr.create(actorOf(req), req.body)),
  );
  r.get(
    `${base}/pairings/:id`,
    {
      schema: { tags, summary: 'One pairing', params: IdParams, response: { 200: PairingOut } },
      config: { access: 'care.read', recordRoute: true },
    },
    async (req, reply) => {
      const out = await pr.get(actorOf(req), req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/pairings/:id`,
    {
      schema: {
        tags,
        summary: 'Change or end a pairing (If-Match)',
        params: IdParams,
        body: PairingPatch,
        response: { 200: PairingOut },
      },
      config: { access: 'care.pairings', recordRoute: true },
    },
    async (req, reply) => {
      const out = await pr.patch(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );

  // ---- a volunteer's own
  r.get(
    `${base}/me/volunteer`,
    {
      schema: {
        tags,
        summary: "The caller's volunteer profile (null when they have none)",
        response: { 200: z.object({ profile: VolunteerOut.nullable() }) },
      },
      config: { access: 'care.own' },
    },
    async (req) => ({ profile: await s.myVolunteer(actorOf(req)) }),
  );
  r.get(
    `${base}/me/pairings`,
    {
      schema: {
        tags,
        summary: "The caller's pairings (own or their teams')",
        response: { 200: z.array(MyPairingOut) },
      },
      config: { access: 'care.own' },
    },
    async (req) => pr.listMine(actorOf(req)),
  );
  r.get(
    `${base}/me/pairings/:id`,
    {
      schema: {
        tags,
        summary: "One of the caller's pairings",
        params: IdParams,
        response: { 200: MyPairingOut },
      },
      config: { access: 'care.own', recordRoute: true },
    },
    async (req) => pr.getMine(actorOf(req), req.params.id),
  );
}
