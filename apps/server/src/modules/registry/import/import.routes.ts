import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JobAccepted } from '@jinglin/shared';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/helpers.js';
import { attachment, XLSX_MIME } from '../export/xlsx.js';
import type { ImportService } from './import.service.js';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

/** The form fields next to the file. */
export const ImportFields = z
  .object({
    dryRun: flag(true),
    skipInvalid: flag(false),
    streetCode: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

const ImportJobParams = z.object({ jobId: z.uuid() }).strict();

const DESCRIPTION = `Multipart form: \`file\` (.xlsx or .csv — the type is read from the content; CSV in UTF-8, with or
without BOM, UTF-16 with BOM, or GB18030/GBK), \`dryRun\` (\`true\` by default: validate only),
\`skipInvalid\` (\`false\` by default: nothing is written unless every row is valid) and \`streetCode\`
(the 街镇 for rows without one). Columns (Chinese headers, common variants accepted; the header row may
follow title rows): 姓名, 身份证号, 残疾人证号, 发证日期 (optional: the import date when absent), 性别,
出生日期, 联系电话, 户籍, 街镇, 居委, 住址, 低保.

Answers 202 \`{ jobId }\`; follow the job at \`GET /api/v1/jobs/{jobId}\` (or its server-sent events). Its
result: \`{ dryRun, rows, valid, invalid, written, errors: [{ row, column, code, message }] (the first
200), errorReportAvailable }\`. A committed import writes all valid rows in one transaction, each person
with a history entry (\`import\`) and a \`person.changed\` event, and one audit row \`person.import\`.
413 when the file (or an .xlsx's content) is too large or a zip bomb; 415 when it is neither .xlsx nor
CSV text, or an unsafe zip.`;

export function importRoutes(app: FastifyInstance, svc: ImportService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];

  r.post(
    '/api/v1/persons/import',
    {
      schema: {
        tags,
        summary: 'Import persons from an .xlsx or .csv file (a job; a dry run by default)',
        description: DESCRIPTION,
        consumes: ['multipart/form-data'],
        response: { 202: JobAccepted },
      },
      config: { access: 'persons.import' },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', {
          fields: [{ path: 'body', code: 'multipart_required' }],
        });
      const fields: Record<string, string> = {};
      let tmp: string | undefined;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || tmp) {
              part.file.resume();
              throw new AppError('validation_failed', {
                fields: [{ path: part.fieldname, code: 'unrecognized_keys' }],
              });
            }
            tmp = await svc.receive(part.file);
          } else fields[part.fieldname] = String(part.value);
        }
        if (!tmp) throw new AppError('validation_failed', { fields: [{ path: 'file', code: 'required' }] });
        const opts = ImportFields.safeParse(fields);
        if (!opts.success)
          throw new AppError('validation_failed', {
            fields: opts.error.issues.map((i) => ({
              path: i.path.join('.') || 'body',
              code: i.code === 'unrecognized_keys' ? 'unrecognized_keys' : 'invalid_value',
            })),
          });
        const jobId = await svc.start(actorOf(req), tmp, opts.data);
        return reply.status(202).send({ jobId });
      } finally {
        if (tmp) await svc.discard(tmp);
      }
    },
  );

  r.get(
    '/api/v1/persons/import/:jobId/errors.xlsx',
    {
      schema: {
        tags,
        summary: 'The invalid rows of an import as uploaded, with an 错误 column (.xlsx)',
        description: 'Only for the user who started the import; kept for 7 days.',
        params: ImportJobParams,
        produces: [XLSX_MIME],
      },
      config: { access: 'persons.import', recordRoute: true },
    },
    async (req, reply) => {
      const out = await svc.errorReport(actorOf(req), req.params.jobId);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment(out.filename, `导入错误-${out.filename.slice(14)}`))
        .send(out.stream);
    },
  );
}
