/** Proofs of service and the issuer settings under /api/v1/care. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  IssuerSettings,
  IssuerSettingsOut,
  ProofBody,
  ProofListQuery,
  ProofOut,
  ProofPrintOut,
  RevokeProofBody,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../../platform/http/helpers.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import type { HoursModule } from './hours.module.js';
import { loadIssuer, saveIssuer } from './hours.settings.js';

export function hoursProofRoutes(app: FastifyInstance, m: HoursModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['care-hours'];
  const base = '/api/v1/care';

  r.post(
    `${base}/volunteers/:id/proofs`,
    {
      schema: {
        tags,
        summary: 'Issue a proof of service (证明) for a period',
        params: IdParams,
        body: ProofBody,
        response: { 201: ProofOut },
      },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req, reply) => reply.status(201).send(await m.proofs.issue(actorOf(req), req.params.id, req.body)),
  );
  r.get(
    `${base}/proofs`,
    {
      schema: {
        tags,
        summary: 'Proofs issued',
        querystring: ProofListQuery,
        response: { 200: pageOf(ProofOut) },
      },
      config: { access: 'care.hours' },
    },
    async (req) => m.proofs.list(req.query),
  );
  r.get(
    `${base}/proofs/:id`,
    {
      schema: {
        tags,
        summary: 'A proof as printed, with the full ID number (audited)',
        params: IdParams,
        response: { 200: ProofPrintOut },
      },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req) => m.proofs.print(actorOf(req), req.params.id, false),
  );
  r.post(
    `${base}/proofs/:id/revoke`,
    {
      schema: {
        tags,
        summary: 'Revoke a proof with a reason',
        params: IdParams,
        body: RevokeProofBody,
        response: { 200: ProofOut },
      },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req) => m.proofs.revoke(actorOf(req), req.params.id, req.body.reason),
  );
  r.get(
    `${base}/me/hours/proofs`,
    {
      schema: { tags, summary: 'My proofs', response: { 200: z.array(ProofOut) } },
      config: { access: 'care.own' },
    },
    async (req) => m.proofs.listMine(actorOf(req)),
  );
  r.get(
    `${base}/me/hours/proofs/:id`,
    {
      schema: {
        tags,
        summary: 'One of my proofs as printed (audited)',
        params: IdParams,
        response: { 200: ProofPrintOut },
      },
      config: { access: 'care.own', recordRoute: true },
    },
    async (req) => m.proofs.print(actorOf(req), req.params.id, true),
  );

  // ---- care settings: the issuer printed on proofs
  r.get(
    `${base}/settings/issuer`,
    {
      schema: {
        tags,
        summary: 'The issuer of proofs (name, person in charge, handler, contact)',
        response: { 200: IssuerSettingsOut },
      },
      config: { access: 'care.settings' },
    },
    async (_req, reply) => {
      const out = await loadIssuer(m.p.database.db);
      etag(reply, out.version);
      return out;
    },
  );
  r.put(
    `${base}/settings/issuer`,
    {
      schema: {
        tags,
        summary: 'Change the issuer (If-Match; 0 before the first save)',
        body: IssuerSettings,
        response: { 200: IssuerSettingsOut },
      },
      config: { access: 'care.settings' },
    },
    async (req, reply) => {
      const version = ifMatch(req);
      const out = await m.p.database.db.transaction(async (tx) => {
        const saved = await saveIssuer(tx, version, req.body);
        await recordAudit(tx, actorOf(req), {
          action: 'care.settings.issuer.update',
          details: { keys: Object.keys(req.body) },
        });
        return saved;
      });
      etag(reply, out.version);
      return out;
    },
  );
}
