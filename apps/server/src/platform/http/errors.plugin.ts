/**
 * One error handler: AppError, request validation and Fastify's own errors become RFC 9457
 * problem+json in the request's language. Unexpected errors are logged (ids only) and answered
 * with a generic 500 that reveals nothing.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_MESSAGES, ERROR_STATUS, FIELD_MESSAGES, type ErrorCode, type Language } from '@jinglin/shared';
import { AppError, type FieldError } from '../errors.js';
import { languageOf } from './access.plugin.js';

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params: { keys?: string[]; input?: unknown };
}

function fieldMessage(lang: Language, code: string, fallback?: string): string {
  return (
    FIELD_MESSAGES[lang][code] ??
    ERROR_MESSAGES[lang][code as ErrorCode] ??
    fallback ??
    FIELD_MESSAGES[lang].custom!
  );
}

function zodFields(items: ValidationItem[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  for (const i of items) {
    const path = i.instancePath.replace(/^\//, '').split('/').filter(Boolean);
    if (i.keyword === 'unrecognized_keys' && i.params.keys) {
      for (const k of i.params.keys) out.push({ path: [...path, k].join('.'), code: 'unrecognized_keys' });
      continue;
    }
    const missing = i.keyword === 'invalid_type' && /received undefined/.test(i.message ?? '');
    // Custom codes set with `{ error: 'invalid_format' }` arrive as the message.
    const code = missing ? 'required' : i.keyword === 'custom' && i.message ? i.message : i.keyword;
    out.push({ path: path.length ? path.join('.') : prefix, code });
  }
  return out;
}

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  fields?: FieldError[],
  headers?: Record<string, string>,
) {
  const lang = languageOf(req);
  const status = ERROR_STATUS[code];
  const detail = ERROR_MESSAGES[lang][code];
  if (headers) for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `urn:jinglin:problem:${code}`,
      title: ERROR_MESSAGES.en[code],
      status,
      detail,
      code,
      instance: req.url.split('?')[0],
      requestId: String(req.id),
      ...(fields?.length
        ? {
            errors: fields.map((f) => ({
              path: f.path,
              code: f.code,
              message: f.message ?? fieldMessage(lang, f.code),
            })),
          }
        : {}),
    });
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
      if (err instanceof AppError) return sendProblem(req, reply, err.code, err.fields, err.headers);
      if (hasZodFastifySchemaValidationErrors(err)) {
        const issues = err.validation as unknown as ValidationItem[];
        const where = err.validationContext ?? 'body';
        return sendProblem(req, reply, 'validation_failed', zodFields(issues, where));
      }
      if (isResponseSerializationError(err)) {
        req.log.error({ requestId: req.id, url: req.routeOptions.url }, 'response did not match its schema');
        return sendProblem(req, reply, 'internal');
      }
      const fe = err as FastifyError;
      if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413)
        return sendProblem(req, reply, 'payload_too_large');
      if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415)
        return sendProblem(req, reply, 'unsupported_media_type');
      if (
        fe.statusCode === 400 ||
        fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        err instanceof SyntaxError
      )
        return sendProblem(req, reply, 'validation_failed', [{ path: 'body', code: 'invalid_format' }]);
      if (fe.statusCode === 429) return sendProblem(req, reply, 'throttled');
      req.log.error(
        { requestId: req.id, err: { message: err.message, code: fe.code, stack: err.stack } },
        'unhandled error',
      );
      return sendProblem(req, reply, 'internal');
    });
    app.setNotFoundHandler((req, reply) => sendProblem(req, reply, 'not_found'));
  },
  { name: 'jinglin-errors' },
);
