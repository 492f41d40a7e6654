import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditOut, AuditQuery, AuditVerifyOut, pageOf } from '@jinglin/shared';
import type { Database } from '../db/client.js';
import { actorOf } from '../http/helpers.js';
import { recordAudit, searchAudit, verifyAudit, type AuditRow } from './audit.service.js';

const toOut = (r: AuditRow) => ({
  seq: Number(r.seq),
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorRoles: r.actorRoles,
  action: r.action,
  objectType: r.objectType,
  objectId: r.objectId,
  scope: r.scope,
  result: r.result,
  ip: r.ip,
  requestId: r.requestId,
  details: r.details,
  hash: r.hash,
});

/** The auditor's read-only view. The system administrator holds no `audit.read` (三权分立). */
export function auditRoutes(app: FastifyInstance, database: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'Search the audit trail (newest first)',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditOut) },
      },
      config: { access: 'audit.read' },
    },
    async (req) => {
      const { cursor, limit, ...f } = req.query;
      const rows = await searchAudit(database.db, {
        ...f,
        beforeSeq: cursor ? Number(cursor) || undefined : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      // Reading the audit trail is itself audited.
      await recordAudit(database.db, actorOf(req), {
        action: 'audit.search',
        details: { filters: Object.keys(f), rows: page.length },
      });
      return {
        items: page.map(toOut),
        nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
      };
    },
  );

  r.post(
    '/api/v1/audit/verify',
    {
      schema: { tags, summary: 'Verify the hash chain', response: { 200: AuditVerifyOut } },
      config: { access: 'audit.read' },
    },
    async (req) => {
      const result = await verifyAudit(database);
      await recordAudit(database.db, actorOf(req), {
        action: 'audit.verify',
        result: result.ok ? 'success' : 'failure',
        details: { checked: result.checked, firstBrokenSeq: result.firstBrokenSeq },
      });
      return result;
    },
  );
}
