/**
 * Sign-in, sessions and second factors. Staff sign in with user name + password (+ TOTP where
 * their role requires it); residents and guardians with phone number + one-time code. Sessions are
 * opaque random tokens stored only as SHA-256 hashes, with idle and absolute timeouts.
 */
import crypto from 'node:crypto';
import {
  Preferences,
  permissionsOf,
  type LoginResult,
  type Role,
  type SecuritySettings,
  type SessionUser,
} from '@jinglin/shared';
import type { Platform } from '../platform.js';
import type { Tx } from '../db/client.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { randomToken, sha256 } from '../crypto/field-crypto.js';
import { recordAudit } from '../audit/audit.service.js';
import { computeScope, type LiveGrant } from '../access/scope.js';
import type { Actor } from '../access/actor.js';
import { cachedSecuritySettings, getSecuritySettings } from '../settings/settings.service.js';
import * as repo from './auth.repo.js';
import { cachedSession, forgetSession, rememberSession, sessionGeneration } from './session-cache.js';
import { assertStrongPassword, dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
  language: 'zh-CN' | 'en';
}

/** Per-IP: at most this many failed sign-ins in 15 minutes before throttling. */
export const IP_FAILURE_LIMIT = 30;
const IP_WINDOW_MS = 15 * 60_000;
const OTP_TTL_MS = 5 * 60_000;
const OTP_MAX_ATTEMPTS = 5;
const OTP_PER_HOUR = 5;

const accountKey = (username: string) => `account:${sha256(username.trim().toLowerCase())}`;
const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;
export const csrfFor = (token: string) => sha256(`csrf:${token}`).slice(0, 43);

function anonymousActor(meta: RequestMeta, userId: string | null = null, roles: Role[] = []): Actor {
  return {
    userId,
    roles,
    permissions: new Set(),
    scope: { district: false, streets: [], communities: [], grantIds: [] },
    streetCode: null,
    communityId: null,
    sessionId: null,
    ...meta,
  };
}

export function requiresTotp(roles: readonly Role[], s: SecuritySettings): boolean {
  return roles.some((r) => s.totpRequiredRoles.includes(r));
}

export class AuthService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  async login(
    body: { username: string; password: string; totp?: string | undefined },
    meta: RequestMeta,
  ): Promise<LoginResult> {
    const db = this.db;
    const settings = await getSecuritySettings(db);
    const now = Date.now();
    const aKey = accountKey(body.username);
    const iKey = ipKey(meta.ip);
    if ((await repo.countFailures(db, iKey, new Date(now - IP_WINDOW_MS))) >= IP_FAILURE_LIMIT) {
      await recordAudit(db, anonymousActor(meta), {
        action: 'auth.login',
        result: 'denied',
        details: { reason: 'ip_throttled' },
      });
      this.p.log.warn({ requestId: meta.requestId }, 'sign-in throttled for IP');
      throw new AppError('throttled', { headers: { 'retry-after': String(IP_WINDOW_MS / 1000) } });
    }
    const lockWindow = settings.lockoutMinutes * 60_000;
    if ((await repo.countFailures(db, aKey, new Date(now - lockWindow))) >= settings.lockoutThreshold) {
      await recordAudit(db, anonymousActor(meta), {
        action: 'auth.login',
        result: 'denied',
        details: { reason: 'account_locked' },
      });
      throw new AppError('account_locked', {
        headers: { 'retry-after': String(settings.lockoutMinutes * 60) },
      });
    }
    const user = await repo.findUserByUsername(db, body.username);
    const ok = user?.passwordHash
      ? await verifyPassword(user.passwordHash, body.password)
      : (await verifyPassword(await dummyHash(), body.password), false);
    if (!user || !ok || user.disabled) {
      await this.fail(
        aKey,
        iKey,
        meta,
        user?.id ?? null,
        settings,
        user ? (user.disabled ? 'disabled' : 'password') : 'unknown_user',
      );
      throw new AppError('invalid_credentials');
    }
    const roles = user.roles as Role[];
    let mustEnrollTotp = false;
    if (user.totpEnabled && user.totpSecretEnc) {
      if (!body.totp) throw new AppError('totp_required');
      const step = checkTotp(this.p.crypto.decrypt(user.totpSecretEnc), body.totp, user.totpLastStep);
      if (step === null) {
        await this.fail(aKey, iKey, meta, user.id, settings, 'totp');
        throw new AppError('totp_invalid');
      }
      await repo.updateUser(db, user.id, { totpLastStep: step });
    } else if (requiresTotp(roles, settings)) {
      mustEnrollTotp = true;
    }
    await repo.clearFailures(db, aKey);
    return this.startSession(user, settings, meta, mustEnrollTotp, 'auth.login');
  }

  private async fail(
    aKey: string,
    iKey: string,
    meta: RequestMeta,
    userId: string | null,
    settings: SecuritySettings,
    reason: string,
  ): Promise<void> {
    const db = this.db;
    await repo.addFailure(db, [aKey, iKey]);
    const n = await repo.countFailures(db, aKey, new Date(Date.now() - settings.lockoutMinutes * 60_000));
    if (userId && n >= settings.lockoutThreshold) {
      await repo.updateUser(db, userId, {
        lockedUntil: new Date(Date.now() + settings.lockoutMinutes * 60_000),
      });
    }
    await recordAudit(db, anonymousActor(meta, userId), {
      action: 'auth.login',
      objectType: userId ? 'user' : null,
      objectId: userId,
      result: 'failure',
      details: { reason, failuresInWindow: n, locked: n >= settings.lockoutThreshold },
    });
    this.p.log.info({ requestId: meta.requestId, userId, reason }, 'sign-in failed');
  }

  private async startSession(
    user: repo.UserRow,
    settings: SecuritySettings,
    meta: RequestMeta,
    mustEnrollTotp: boolean,
    action: string,
  ): Promise<LoginResult> {
    const token = randomToken(32);
    const sessionId = newId();
    const expiresAt = new Date(Date.now() + settings.absoluteTimeoutHours * 3600_000);
    await this.db.transaction(async (tx) => {
      await repo.insertSession(tx, {
        id: sessionId,
        tokenHash: sha256(token),
        userId: user.id,
        expiresAt,
        ip: meta.ip,
        mustEnrollTotp,
      });
      await repo.updateUser(tx, user.id, { lastLoginAt: new Date(), lockedUntil: null });
      await recordAudit(
        tx,
        { ...anonymousActor(meta, user.id, user.roles as Role[]), sessionId },
        {
          action,
          objectType: 'user',
          objectId: user.id,
          details: { sessionId, mustEnrollTotp },
        },
      );
    });
    this.p.log.info({ requestId: meta.requestId, userId: user.id, sessionId }, 'signed in');
    return {
      token,
      user: this.sessionUser(user, mustEnrollTotp),
      expiresAt: expiresAt.toISOString(),
      idleTimeoutSeconds: settings.idleTimeoutMinutes * 60,
    };
  }

  sessionUser(user: repo.UserRow, mustEnrollTotp: boolean): SessionUser {
    const roles = user.roles as Role[];
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles,
      permissions: [...permissionsOf(roles)],
      streetCode: user.streetCode,
      communityId: user.communityId,
      totpEnabled: user.totpEnabled,
      mustEnrollTotp,
      preferences: Preferences.parse(user.preferences ?? {}),
    };
  }

  /**
   * The session behind a token, or undefined when it is unknown, revoked, expired or idle too long,
   * or its user is disabled. One query (session, user, live grants: see repo.findSessionForToken),
   * or none when the look-up is in the session cache (session-cache.ts: at most 1 s old, dropped
   * when this process changes anything); the settings come from their cache (at most 5 s old).
   * `background`: the request is a poll (header `X-Jinglin-Background: 1`) and does not restart
   * the idle clock.
   */
  async authenticate(
    token: string,
    opts: { background?: boolean } = {},
  ): Promise<repo.SessionWithUser | undefined> {
    if (!token || token.length > 200) return undefined;
    const db = this.db;
    const now = new Date();
    const hash = sha256(token);
    let found = cachedSession(db, hash, now.getTime());
    if (!found) {
      const gen = sessionGeneration();
      found = await repo.findSessionForToken(db, hash, now);
      if (!found) return undefined;
      rememberSession(db, hash, found, gen, now.getTime());
    }
    const { session, user } = found;
    const settings = await cachedSecuritySettings(db);
    if (now.getTime() - session.lastSeenAt.getTime() > settings.idleTimeoutMinutes * 60_000) {
      forgetSession(db, hash);
      await repo.revokeSession(db, session.id);
      return undefined;
    }
    if (user.disabled) return undefined;
    // Throttled touch: at most one write a minute per session. A background request (a page polling
    // for news, e.g. the alert inbox) is not the user's activity: it never keeps a session alive.
    if (!opts.background && now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await repo.touchSession(db, session.id, now);
      session.lastSeenAt = now; // the cached copy too
    }
    return found;
  }

  /** `grants`: the user's live break-glass grants when already read (authenticate); else read here. */
  async actorFor(
    tx: Tx,
    user: repo.UserRow,
    session: repo.SessionRow | null,
    meta: RequestMeta,
    grants?: readonly LiveGrant[] | null,
  ): Promise<Actor> {
    const roles = user.roles as Role[];
    const { id, streetCode, communityId } = user;
    return {
      userId: user.id,
      roles,
      permissions: permissionsOf(roles),
      scope: await computeScope(tx, { id, roles, streetCode, communityId }, grants ?? undefined),
      streetCode: user.streetCode,
      communityId: user.communityId,
      sessionId: session?.id ?? null,
      ...meta,
    };
  }

  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    await this.db.transaction(async (tx) => {
      await repo.revokeSession(tx, actor.sessionId!);
      await recordAudit(tx, actor, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
    });
  }

  // ——— Residents and guardians: phone number + one-time code ———

  /** Always succeeds from the caller's view (no enumeration of registered phone numbers). */
  async requestOtp(phone: string, meta: RequestMeta): Promise<void> {
    const db = this.db;
    const bidx = this.p.crypto.blindIndex('phone', phone);
    const iKey = ipKey(meta.ip);
    if ((await repo.countFailures(db, iKey, new Date(Date.now() - IP_WINDOW_MS))) >= IP_FAILURE_LIMIT)
      throw new AppError('throttled');
    if ((await repo.countOtpsSince(db, bidx, new Date(Date.now() - 3600_000))) >= OTP_PER_HOUR) {
      throw new AppError('throttled', { headers: { 'retry-after': '3600' } });
    }
    const user = await repo.findUserByPhoneIndex(db, bidx);
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    await db.transaction(async (tx) => {
      // A code row is written for unknown numbers too, so timing and rate limits look the same.
      await repo.insertOtp(tx, {
        id: newId(),
        phoneBidx: bidx,
        codeHash: sha256(`${bidx}:${code}`),
        expiresAt: new Date(Date.now() + OTP_TTL_MS),
      });
      const eligible =
        user && !user.disabled && (user.roles as Role[]).some((r) => r === 'resident' || r === 'guardian');
      if (eligible) {
        await this.p.notifier.enqueue(tx, {
          userId: user.id,
          address: phone,
          template: 'login_code',
          payload: { code, minutes: 5 },
        });
      }
      await recordAudit(tx, anonymousActor(meta, eligible ? user.id : null), {
        action: 'auth.otp.request',
        objectType: eligible ? 'user' : null,
        objectId: eligible ? user.id : null,
        result: eligible ? 'success' : 'failure',
      });
    });
    await this.p.notifier.flush();
  }

  async verifyOtp(phone: string, code: string, meta: RequestMeta): Promise<LoginResult> {
    const db = this.db;
    const bidx = this.p.crypto.blindIndex('phone', phone);
    const settings = await getSecuritySettings(db);
    const iKey = ipKey(meta.ip);
    if ((await repo.countFailures(db, iKey, new Date(Date.now() - IP_WINDOW_MS))) >= IP_FAILURE_LIMIT)
      throw new AppError('throttled');
    const otp = await repo.latestOtp(db, bidx, new Date());
    const user = await repo.findUserByPhoneIndex(db, bidx);
    const good =
      otp &&
      otp.attempts < OTP_MAX_ATTEMPTS &&
      crypto.timingSafeEqual(Buffer.from(otp.codeHash), Buffer.from(sha256(`${bidx}:${code}`)));
    const eligible =
      user && !user.disabled && (user.roles as Role[]).some((r) => r === 'resident' || r === 'guardian');
    if (!good || !eligible) {
      if (otp) await repo.bumpOtpAttempts(db, otp.id);
      await repo.addFailure(db, [iKey]);
      await recordAudit(db, anonymousActor(meta, user?.id ?? null), {
        action: 'auth.otp.verify',
        result: 'failure',
      });
      throw new AppError('otp_invalid');
    }
    await repo.useOtp(db, otp.id);
    return this.startSession(user, settings, meta, false, 'auth.otp.verify');
  }

  // ——— Second factor enrolment, password, preferences ———

  async totpSetup(actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.getUser(actor);
    if (user.totpEnabled) throw new AppError('conflict');
    const secret = newTotpSecret();
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { totpSecretEnc: this.p.crypto.encrypt(secret) });
      await recordAudit(tx, actor, { action: 'auth.totp.setup', objectType: 'user', objectId: user.id });
    });
    return { secret, otpauthUrl: totpUri(user.username, secret) };
  }

  async totpEnable(actor: Actor, code: string): Promise<SessionUser> {
    const user = await this.getUser(actor);
    if (!user.totpSecretEnc) throw new AppError('totp_not_enrolled');
    const step = checkTotp(this.p.crypto.decrypt(user.totpSecretEnc), code, user.totpLastStep);
    if (step === null)
      throw new AppError('totp_invalid', { fields: [{ path: 'code', code: 'totp_invalid' }] });
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, {
        totpEnabled: true,
        totpLastStep: step,
        version: user.version + 1,
        updatedAt: new Date(),
      });
      if (actor.sessionId) await repo.clearMustEnroll(tx, actor.sessionId);
      await recordAudit(tx, actor, { action: 'auth.totp.enable', objectType: 'user', objectId: user.id });
    });
    return this.sessionUser({ ...user, totpEnabled: true }, false);
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const user = await this.getUser(actor);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current)))
      throw new AppError('invalid_credentials', {
        fields: [{ path: 'currentPassword', code: 'invalid_credentials' }],
      });
    assertStrongPassword(next, user.username, 'newPassword');
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { passwordHash, version: user.version + 1, updatedAt: new Date() });
      await recordAudit(tx, actor, { action: 'auth.password.change', objectType: 'user', objectId: user.id });
    });
  }

  async updatePreferences(
    actor: Actor,
    patch: Partial<Preferences>,
    mustEnrollTotp: boolean,
  ): Promise<SessionUser> {
    const user = await this.getUser(actor);
    const preferences = Preferences.parse({ ...(user.preferences as object), ...patch });
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, { preferences });
      await recordAudit(tx, actor, {
        action: 'auth.preferences.update',
        objectType: 'user',
        objectId: user.id,
        details: { ...patch },
      });
    });
    return this.sessionUser({ ...user, preferences }, mustEnrollTotp);
  }

  private async getUser(actor: Actor): Promise<repo.UserRow> {
    const user = actor.userId ? await repo.findUserById(this.db, actor.userId) : undefined;
    if (!user) throw new AppError('unauthenticated');
    return user;
  }
}
