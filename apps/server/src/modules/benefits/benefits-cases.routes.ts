/** Review queue, objections, a person's eligibility and facts, payment files, the resident portal. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EligibilityOut,
  FactsBody,
  FactsOut,
  IdParams,
  MyBenefitsOut,
  ObjectionBody,
  ObjectionDecisionBody,
  ObjectionOut,
  ObjectionQuery,
  Ok,
  PaymentImportOut,
  PaymentQuery,
  ReviewDecisionBody,
  ReviewOut,
  ReviewQuery,
  WaiverBody,
  pageOf,
} from '@jinglin/shared';
import { AppError } from '../../platform/errors.js';
import { actorOf, ifMatch } from '../../platform/http/helpers.js';
import { XLSX_MIME, attachment } from '../registry/export/xlsx.js';
import type { BenefitsModule } from './benefits.module.js';

export function benefitsCaseRoutes(app: FastifyInstance, m: BenefitsModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['benefits'];

  r.get(
    '/api/v1/benefits/reviews',
    {
      schema: {
        tags,
        summary: 'The review queue: grants and stops proposed after registry changes',
        querystring: ReviewQuery,
        response: { 200: pageOf(ReviewOut) },
      },
      config: { access: 'benefits.review' },
    },
    async (req) => m.reviews.list(actorOf(req), req.query),
  );

  r.post(
    '/api/v1/benefits/reviews/:id/decision',
    {
      schema: {
        tags,
        summary: 'Accept or dismiss a proposed grant or stop',
        params: IdParams,
        body: ReviewDecisionBody,
        response: { 200: ReviewOut },
      },
      config: { access: 'benefits.review', recordRoute: true },
    },
    async (req) => m.reviews.decide(actorOf(req), req.params.id, req.body.decision, req.body.note),
  );

  r.get(
    '/api/v1/benefits/objections',
    {
      schema: {
        tags,
        summary: 'Objection cases, earliest deadline first',
        querystring: ObjectionQuery,
        response: { 200: pageOf(ObjectionOut) },
      },
      config: { access: 'benefits.review' },
    },
    async (req) => m.objections.list(actorOf(req), req.query),
  );

  r.post(
    '/api/v1/benefits/objections/:id/decision',
    {
      schema: {
        tags,
        summary: 'Decide an objection (If-Match: its version); the resident is told',
        params: IdParams,
        body: ObjectionDecisionBody,
        response: { 200: ObjectionOut },
      },
      config: { access: 'benefits.review', recordRoute: true },
    },
    async (req) =>
      m.objections.decide(actorOf(req), req.params.id, ifMatch(req), req.body.decision, req.body.text),
  );

  r.get(
    '/api/v1/persons/:id/eligibility',
    {
      schema: {
        tags,
        summary: 'Every active programme for this person: eligible or not, rule by rule, in plain language',
        params: IdParams,
        response: { 200: EligibilityOut },
      },
      config: { access: 'benefits.read', recordRoute: true },
    },
    async (req) => m.eligibility.forPerson(actorOf(req), req.params.id),
  );

  r.get(
    '/api/v1/persons/:id/benefit-facts',
    {
      schema: {
        tags,
        summary: 'Programme facts and the payment account (masked)',
        params: IdParams,
        response: { 200: FactsOut },
      },
      config: { access: 'benefits.read', recordRoute: true },
    },
    async (req) => m.facts.get(actorOf(req), req.params.id),
  );

  r.put(
    '/api/v1/persons/:id/benefit-facts',
    {
      schema: {
        tags,
        summary: 'Set programme facts (null clears) and the payment account',
        params: IdParams,
        body: FactsBody,
        response: { 200: FactsOut },
      },
      config: { access: 'benefits.run', recordRoute: true },
    },
    async (req) => m.facts.put(actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/benefits/cycles/:id/payments.xlsx',
    {
      schema: {
        tags,
        summary: 'A street’s payment list for the bank (approved, unpaid; ID numbers masked)',
        params: IdParams,
        querystring: PaymentQuery,
        produces: [XLSX_MIME],
      },
      config: { access: 'benefits.run', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.payments.exportList(actorOf(req), req.params.id, req.query.streetCode);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachment(out.filename, `发放名单-${out.filename.slice(9)}`))
        .send(out.stream);
    },
  );

  r.post(
    '/api/v1/benefits/cycles/:id/payments',
    {
      schema: {
        tags,
        summary: 'Import the bank’s results (.xlsx or .csv: 付款编号, 结果, 失败原因, 银行流水号)',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: PaymentImportOut },
      },
      config: { access: 'benefits.run', recordRoute: true },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', {
          fields: [{ path: 'body', code: 'multipart_required' }],
        });
      let tmp: string | undefined;
      try {
        for await (const part of req.parts()) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' || tmp) {
            part.file.resume();
            throw new AppError('validation_failed', {
              fields: [{ path: part.fieldname, code: 'unrecognized_keys' }],
            });
          }
          tmp = await m.uploads.receive(part.file);
        }
        if (!tmp) throw new AppError('validation_failed', { fields: [{ path: 'file', code: 'required' }] });
        return await m.payments.importResults(actorOf(req), req.params.id, tmp);
      } finally {
        if (tmp) await m.uploads.discard(tmp);
      }
    },
  );

  // ——— The resident portal ———

  r.get(
    '/api/v1/me/benefits',
    {
      schema: {
        tags: ['portal'],
        summary: 'My benefits (and my wards’), notices and objections',
        response: { 200: MyBenefitsOut },
      },
      config: { access: 'benefits.own' },
    },
    async (req) => m.portal.myBenefits(actorOf(req)),
  );

  r.post(
    '/api/v1/me/benefits/waivers',
    {
      schema: {
        tags: ['portal'],
        summary: 'Decline a benefit from next month on',
        body: WaiverBody,
        response: { 200: Ok },
      },
      config: { access: 'benefits.own' },
    },
    async (req) => {
      await m.portal.decline(actorOf(req), req.body.personId, req.body.programCode);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/me/benefits/objections',
    {
      schema: {
        tags: ['portal'],
        summary: 'Object to a grant, a stop or an amount',
        body: ObjectionBody,
        response: { 201: ObjectionOut },
      },
      config: { access: 'benefits.own' },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await m.portal.object(actorOf(req), req.body.personId, req.body.programCode, req.body.text)),
  );

  r.post(
    '/api/v1/me/notices/:id/read',
    {
      schema: { tags: ['portal'], summary: 'Mark a notice read', params: IdParams, response: { 200: Ok } },
      config: { access: 'benefits.own', recordRoute: true },
    },
    async (req) => {
      await m.portal.markRead(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
