import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  Ok,
  OtpRequestBody,
  OtpVerifyBody,
  PreferencesPatch,
  SecuritySettings,
  SessionUser,
  TotpCodeBody,
  TotpSetupResult,
} from '@jinglin/shared';
import type { Config } from '../../config.js';
import { actorOf } from '../http/helpers.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../http/types.js';
import type { Db } from '../db/client.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  getSecuritySettings,
  invalidateSecuritySettings,
  putSecuritySettings,
} from '../settings/settings.service.js';
import { csrfFor, type AuthService } from './auth.service.js';

export function authRoutes(app: FastifyInstance, auth: AuthService, config: Config, database: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const db = () => database;

  function setSessionCookies(reply: FastifyReply, result: z.infer<typeof LoginResult>) {
    const common = { path: '/', sameSite: 'lax' as const, secure: config.secureCookies };
    reply.setCookie(SESSION_COOKIE, result.token, {
      ...common,
      httpOnly: true,
      expires: new Date(result.expiresAt),
    });
    reply.setCookie(CSRF_COOKIE, csrfFor(result.token), {
      ...common,
      httpOnly: false,
      expires: new Date(result.expiresAt),
    });
  }
  function clearCookies(reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Staff sign-in (user name, password, TOTP when enrolled)',
        body: LoginBody,
        response: { 200: LoginResult },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const result = await auth.login(req.body, req.meta);
      setSessionCookies(reply, result);
      return result;
    },
  );

  r.post(
    '/api/v1/auth/otp/request',
    {
      schema: {
        tags,
        summary: 'Send a one-time sign-in code to a resident’s phone',
        body: OtpRequestBody,
        response: { 202: Ok },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      await auth.requestOtp(req.body.phone, req.meta);
      return reply.status(202).send({ ok: true as const });
    },
  );

  r.post(
    '/api/v1/auth/otp/verify',
    {
      schema: {
        tags,
        summary: 'Resident / guardian sign-in with the one-time code',
        body: OtpVerifyBody,
        response: { 200: LoginResult },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const result = await auth.verifyOtp(req.body.phone, req.body.code, req.meta);
      setSessionCookies(reply, result);
      return result;
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags,
        summary: 'End this session (token and cookie stop working at once)',
        response: { 200: Ok },
      },
      config: { access: 'enrolment' },
    },
    async (req, reply) => {
      await auth.logout(actorOf(req));
      clearCookies(reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      schema: { tags, summary: 'The signed-in user', response: { 200: SessionUser } },
      config: { access: 'enrolment' },
    },
    async (req) => auth.sessionUser(req.auth!.user, req.auth!.session.mustEnrollTotp),
  );

  r.patch(
    '/api/v1/auth/me/preferences',
    {
      schema: {
        tags,
        summary: 'Care mode, language, read-aloud rate',
        body: PreferencesPatch,
        response: { 200: SessionUser },
      },
      config: { access: 'enrolment' },
    },
    async (req) => auth.updatePreferences(actorOf(req), req.body, req.auth!.session.mustEnrollTotp),
  );

  r.post(
    '/api/v1/auth/password',
    {
      schema: { tags, summary: 'Change one’s own password', body: ChangePasswordBody, response: { 200: Ok } },
      config: { access: 'authenticated' },
    },
    async (req) => {
      await auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/auth/totp/setup',
    {
      schema: { tags, summary: 'Start TOTP enrolment: a new secret', response: { 200: TotpSetupResult } },
      config: { access: 'enrolment' },
    },
    async (req) => auth.totpSetup(actorOf(req)),
  );

  r.post(
    '/api/v1/auth/totp/enable',
    {
      schema: {
        tags,
        summary: 'Finish TOTP enrolment with a code',
        body: TotpCodeBody,
        response: { 200: SessionUser },
      },
      config: { access: 'enrolment' },
    },
    async (req) => auth.totpEnable(actorOf(req), req.body.code),
  );

  r.get(
    '/api/v1/settings/security',
    {
      schema: {
        tags: ['settings'],
        summary: 'Sign-in and session policy',
        response: { 200: SecuritySettings },
      },
      config: { access: 'security.manage' },
    },
    async () => getSecuritySettings(db()),
  );

  r.put(
    '/api/v1/settings/security',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the sign-in and session policy',
        body: SecuritySettings,
        response: { 200: SecuritySettings },
      },
      config: { access: 'security.manage' },
    },
    async (req) => {
      const actor = actorOf(req);
      await db().transaction(async (tx) => {
        await putSecuritySettings(tx, req.body);
        await recordAudit(tx, actor, {
          action: 'settings.security.update',
          objectType: 'settings',
          objectId: 'security',
          details: { ...req.body },
        });
      });
      // Again after the commit: a request that read the old value meanwhile must not keep it cached.
      invalidateSecuritySettings();
      return req.body;
    },
  );
}
