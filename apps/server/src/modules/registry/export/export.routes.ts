import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PersonListQuery } from '@jinglin/shared';
import { actorOf } from '../../../platform/http/helpers.js';
import type { ExportService } from './export.service.js';
import { attachment, XLSX_MIME } from './xlsx.js';

export const ExportQuerySchema = PersonListQuery.omit({ cursor: true, limit: true })
  .extend({
    /** With the persons.reveal permission: include the clear identifiers, for this reason (audited). */
    revealReason: z.string().trim().min(4).max(200).optional(),
  })
  .strict();

export function exportRoutes(app: FastifyInstance, svc: ExportService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/persons/export',
    {
      schema: {
        tags: ['registry'],
        summary: 'Export persons to .xlsx (same filters as the list; identifiers masked unless revealed)',
        description:
          'Streams an .xlsx of every person in the caller’s scope matching the filters, with Chinese ' +
          'column headers. ID, certificate and phone numbers and addresses are masked; with ' +
          '`revealReason` (at least 4 characters) and the `persons.reveal` permission they are in the ' +
          'clear. Audited as `person.export` with the row count. Formula-looking cells are escaped.',
        querystring: ExportQuerySchema,
        produces: [XLSX_MIME],
      },
      config: { access: 'persons.export' },
    },
    async (req, reply) => {
      const out = await svc.export(actorOf(req), req.query);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment(out.filename, `人员名册-${out.filename.slice(8)}`))
        .header('x-row-count', String(out.rows))
        .send(out.stream);
    },
  );
}
