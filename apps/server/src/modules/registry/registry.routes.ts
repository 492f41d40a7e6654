import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CertificateInput,
  CertificateOut,
  DuplicateOut,
  GuardianBody,
  GuardianOut,
  HistoryOut,
  HouseholdLinkBody,
  HouseholdListQuery,
  HouseholdOut,
  IdParams,
  MergeBody,
  Ok,
  PersonCreateBody,
  PersonListItem,
  PersonListQuery,
  PersonOut,
  PersonPatchBody,
  RevealBody,
  RevealOut,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../platform/http/helpers.js';
import type { PersonsService } from './persons.service.js';
import type { RelatedService } from './related.service.js';

const GuardianParams = z.object({ id: z.uuid(), guardianId: z.uuid() }).strict();

export function registryRoutes(app: FastifyInstance, persons: PersonsService, related: RelatedService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];

  r.get(
    '/api/v1/persons',
    {
      schema: {
        tags,
        summary: 'Search persons: name, pinyin, initials, ID, certificate or phone number; filters',
        querystring: PersonListQuery,
        response: { 200: pageOf(PersonListItem) },
      },
      config: { access: 'persons.read' },
    },
    async (req) => persons.list(actorOf(req), req.query),
  );

  r.get(
    '/api/v1/persons/count',
    {
      schema: {
        tags,
        summary: 'How many persons match (same filters as the list)',
        querystring: PersonListQuery,
        response: { 200: z.object({ count: z.number().int() }) },
      },
      config: { access: 'persons.read' },
    },
    async (req) => ({ count: await persons.count(actorOf(req), req.query) }),
  );

  r.post(
    '/api/v1/persons',
    {
      schema: { tags, summary: 'Register a person', body: PersonCreateBody, response: { 201: PersonOut } },
      config: { access: 'persons.write' },
    },
    async (req, reply) => reply.status(201).send(await persons.create(actorOf(req), req.body)),
  );

  r.get(
    '/api/v1/persons/:id',
    {
      schema: {
        tags,
        summary: 'One person (identifiers masked)',
        params: IdParams,
        response: { 200: PersonOut },
      },
      config: { access: 'persons.read', recordRoute: true },
    },
    async (req, reply) => {
      const p = await persons.get(actorOf(req), req.params.id);
      etag(reply, p.version);
      return p;
    },
  );

  r.patch(
    '/api/v1/persons/:id',
    {
      schema: {
        tags,
        summary: 'Change a person (If-Match: version)',
        params: IdParams,
        body: PersonPatchBody,
        response: { 200: PersonOut },
      },
      config: { access: 'persons.write', recordRoute: true },
    },
    async (req, reply) => {
      const p = await persons.patch(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, p.version);
      return p;
    },
  );

  r.post(
    '/api/v1/persons/:id/reveal',
    {
      schema: {
        tags,
        summary: 'The clear identifiers, with a reason (audited)',
        params: IdParams,
        body: RevealBody,
        response: { 200: RevealOut },
      },
      config: { access: 'persons.reveal', recordRoute: true },
    },
    async (req) => persons.reveal(actorOf(req), req.params.id, req.body.reason),
  );

  r.get(
    '/api/v1/persons/:id/history',
    {
      schema: {
        tags,
        summary: 'Who changed what, when and why',
        params: IdParams,
        response: { 200: z.object({ items: z.array(HistoryOut) }) },
      },
      config: { access: 'persons.read', recordRoute: true },
    },
    async (req) => ({ items: await persons.history(actorOf(req), req.params.id) }),
  );

  r.get(
    '/api/v1/persons/:id/certificates',
    {
      schema: {
        tags,
        summary: 'Certificates, newest first (history included)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CertificateOut) }) },
      },
      config: { access: 'persons.read', recordRoute: true },
    },
    async (req) => ({ items: await related.certificates(actorOf(req), req.params.id) }),
  );

  r.post(
    '/api/v1/persons/:id/certificates',
    {
      schema: {
        tags,
        summary: 'Record a new certificate or re-assessment',
        params: IdParams,
        body: CertificateInput,
        response: { 201: CertificateOut },
      },
      config: { access: 'persons.write', recordRoute: true },
    },
    async (req, reply) =>
      reply.status(201).send(await related.addCertificate(actorOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/v1/persons/:id/guardians',
    {
      schema: {
        tags,
        summary: 'Guardians (phones masked)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(GuardianOut) }) },
      },
      config: { access: 'persons.read', recordRoute: true },
    },
    async (req) => ({ items: await related.guardians(actorOf(req), req.params.id) }),
  );

  r.post(
    '/api/v1/persons/:id/guardians',
    {
      schema: {
        tags,
        summary: 'Add a guardian',
        params: IdParams,
        body: GuardianBody,
        response: { 201: GuardianOut },
      },
      config: { access: 'persons.write', recordRoute: true },
    },
    async (req, reply) =>
      reply.status(201).send(await related.addGuardian(actorOf(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/v1/persons/:id/guardians/:guardianId',
    {
      schema: { tags, summary: 'Remove a guardian', params: GuardianParams, response: { 200: Ok } },
      config: { access: 'persons.write', recordRoute: true },
    },
    async (req) => {
      await related.removeGuardian(actorOf(req), req.params.id, req.params.guardianId);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/persons/:id/household',
    {
      schema: {
        tags,
        summary: 'Put the person in a household (new, or an existing one)',
        params: IdParams,
        body: HouseholdLinkBody,
        response: { 200: HouseholdOut },
      },
      config: { access: 'persons.write', recordRoute: true },
    },
    async (req) => related.linkHousehold(actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/households',
    {
      schema: {
        tags,
        summary: 'Find households in scope: by number, or by a member (name, pinyin, ID number)',
        querystring: HouseholdListQuery,
        response: { 200: pageOf(HouseholdOut) },
      },
      config: { access: 'persons.read' },
    },
    async (req) => related.households(actorOf(req), req.query),
  );

  r.get(
    '/api/v1/households/:id',
    {
      schema: {
        tags,
        summary: 'A household and its members in scope',
        params: IdParams,
        response: { 200: HouseholdOut },
      },
      config: { access: 'persons.read', recordRoute: true },
    },
    async (req) => related.household(actorOf(req), req.params.id),
  );

  r.get(
    '/api/v1/persons/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Possible duplicates (similar name, same birth date)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(DuplicateOut) }) },
      },
      config: { access: 'persons.read', recordRoute: true },
    },
    async (req) => ({ items: await related.duplicates(actorOf(req), req.params.id) }),
  );

  r.post(
    '/api/v1/persons/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge this duplicate into another record (both histories kept)',
        params: IdParams,
        body: MergeBody,
        response: { 200: PersonOut },
      },
      config: { access: 'persons.merge', recordRoute: true },
    },
    async (req) => related.merge(actorOf(req), req.params.id, req.body.intoId, req.body.reason),
  );
}
