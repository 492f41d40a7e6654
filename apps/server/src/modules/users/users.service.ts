import type { Role, UserCreateBody, UserOut, UserPatchBody } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { maskPhone, randomToken } from '../../platform/crypto/field-crypto.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { assertStrongPassword, hashPassword } from '../../platform/auth/passwords.js';
import { clearFailures, revokeUserSessions } from '../../platform/auth/auth.repo.js';
import { sha256 } from '../../platform/crypto/field-crypto.js';
import { findCommunity, findStreet } from '../areas/areas.repo.js';
import * as repo from './users.repo.js';
import { assertGrantable, assertManageable, assertScopeFields } from './users.policy.js';

/**
 * The names of the staff members with these ids, for other modules (e.g. who changed a person's
 * record): a work name, shown to staff who read that record; residents and guardians are left out.
 */
export function staffNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  return repo.staffDisplayNames(tx, ids);
}

export class UsersService {
  constructor(private readonly p: Platform) {}

  toOut(u: repo.UserRow): UserOut {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles as Role[],
      streetCode: u.streetCode,
      communityId: u.communityId,
      phone: u.phoneEnc ? maskPhone(this.p.crypto.decrypt(u.phoneEnc)) : null,
      disabled: u.disabled,
      totpEnabled: u.totpEnabled,
      lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      version: u.version,
    };
  }

  async list(actor: Actor, f: repo.UserFilter): Promise<{ items: UserOut[]; nextCursor: string | null }> {
    const rows = await repo.listUsers(this.p.database.db, actor.scope, { ...f, limit: f.limit + 1 });
    const page = rows.slice(0, f.limit);
    return {
      items: page.map((u) => this.toOut(u)),
      nextCursor: rows.length > f.limit ? page[page.length - 1]!.id : null,
    };
  }

  async count(actor: Actor): Promise<number> {
    return repo.countUsers(this.p.database.db, actor.scope);
  }

  /** A user's record is personal data: reading it is audited. */
  async get(actor: Actor, id: string): Promise<UserOut> {
    const u = await repo.findUser(this.p.database.db, actor.scope, id);
    if (!u) throw notFound();
    await recordAudit(this.p.database.db, actor, {
      action: 'user.read',
      objectType: 'user',
      objectId: id,
      details: actor.scope.grantIds.length ? { breakGlassGrants: actor.scope.grantIds } : {},
    });
    return this.toOut(u);
  }

  /** Resolves street / community and checks they exist and agree. */
  private async area(tx: Tx, streetCode: string | null, communityId: string | null) {
    if (communityId) {
      const c = await findCommunity(tx, communityId);
      if (!c)
        throw new AppError('validation_failed', { fields: [{ path: 'communityId', code: 'not_found' }] });
      if (streetCode && streetCode !== c.streetCode)
        throw new AppError('validation_failed', { fields: [{ path: 'communityId', code: 'not_in_street' }] });
      streetCode = c.streetCode;
    }
    if (streetCode && !(await findStreet(tx, streetCode)))
      throw new AppError('validation_failed', { fields: [{ path: 'streetCode', code: 'not_found' }] });
    return { streetCode, communityId };
  }

  private assertAreaInScope(actor: Actor, streetCode: string | null) {
    if (actor.userId === null || actor.scope.district) return;
    if (!streetCode || !actor.scope.streets.includes(streetCode)) throw new AppError('forbidden');
  }

  async create(
    actor: Actor,
    body: UserCreateBody,
    opts: { enforcePolicy?: boolean } = {},
  ): Promise<{ user: UserOut; generatedPassword?: string }> {
    const roles = [...new Set(body.roles)];
    assertGrantable(actor, roles, null);
    assertManageable(actor, roles);
    const generated = body.password ? undefined : randomToken(12);
    const password = body.password ?? generated!;
    const isResidentOnly = roles.every((r) => r === 'resident' || r === 'guardian');
    if (body.password && opts.enforcePolicy !== false) assertStrongPassword(password, body.username);
    if (isResidentOnly && !body.phone)
      throw new AppError('validation_failed', { fields: [{ path: 'phone', code: 'required' }] });
    const passwordHash = await hashPassword(password);
    const id = newId();
    const row = await this.p.database.db.transaction(async (tx) => {
      const { streetCode, communityId } = await this.area(
        tx,
        body.streetCode ?? null,
        body.communityId ?? null,
      );
      assertScopeFields(roles, streetCode, communityId);
      this.assertAreaInScope(actor, streetCode);
      if (await repo.usernameTaken(tx, body.username))
        throw new AppError('conflict', { fields: [{ path: 'username', code: 'taken' }] });
      let phoneEnc: Buffer | null = null;
      let phoneBidx: string | null = null;
      if (body.phone) {
        phoneBidx = this.p.crypto.blindIndex('phone', body.phone);
        if (await repo.phoneTaken(tx, phoneBidx))
          throw new AppError('conflict', { fields: [{ path: 'phone', code: 'taken' }] });
        phoneEnc = this.p.crypto.encrypt(body.phone);
      }
      await repo.insertUser(tx, {
        id,
        username: body.username,
        displayName: body.displayName ?? body.username,
        passwordHash: isResidentOnly && !body.password ? null : passwordHash,
        roles,
        streetCode,
        communityId,
        phoneEnc,
        phoneBidx,
      });
      await recordAudit(tx, actor, {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        details: { roles, streetCode, communityId },
      });
      return (await repo.findUser(tx, { district: true, streets: [], communities: [], grantIds: [] }, id))!;
    });
    return {
      user: this.toOut(row),
      ...(generated && !isResidentOnly ? { generatedPassword: generated } : {}),
    };
  }

  async patch(actor: Actor, id: string, version: number, body: UserPatchBody): Promise<UserOut> {
    return this.p.database.db.transaction(async (tx) => {
      const cur = await repo.findUser(tx, actor.scope, id);
      if (!cur) throw notFound();
      if (cur.version !== version) throw new AppError('version_mismatch');
      const roles = body.roles ? [...new Set(body.roles)] : (cur.roles as Role[]);
      if (body.roles) {
        assertGrantable(actor, roles, id);
        assertManageable(actor, roles);
      }
      assertManageable(actor, cur.roles as Role[]);
      const area = await this.area(
        tx,
        body.streetCode !== undefined ? body.streetCode : body.communityId ? null : cur.streetCode,
        body.communityId !== undefined ? body.communityId : cur.communityId,
      );
      assertScopeFields(roles, area.streetCode, area.communityId);
      this.assertAreaInScope(actor, area.streetCode);
      if (body.disabled && id === actor.userId) throw new AppError('forbidden');
      const set: Parameters<typeof repo.updateUserVersioned>[3] = {
        roles,
        streetCode: area.streetCode,
        communityId: area.communityId,
      };
      if (body.displayName !== undefined) set.displayName = body.displayName;
      if (body.disabled !== undefined) set.disabled = body.disabled;
      if (body.phone !== undefined) {
        if (body.phone === null) {
          set.phoneEnc = null;
          set.phoneBidx = null;
        } else {
          const bidx = this.p.crypto.blindIndex('phone', body.phone);
          if (await repo.phoneTaken(tx, bidx, id))
            throw new AppError('conflict', { fields: [{ path: 'phone', code: 'taken' }] });
          set.phoneEnc = this.p.crypto.encrypt(body.phone);
          set.phoneBidx = bidx;
        }
      }
      const updated = await repo.updateUserVersioned(tx, id, version, set);
      if (!updated) throw new AppError('version_mismatch');
      const rolesChanged =
        JSON.stringify([...(cur.roles as string[])].sort()) !== JSON.stringify([...roles].sort());
      const endSessions =
        rolesChanged ||
        (body.disabled === true && !cur.disabled) ||
        area.streetCode !== cur.streetCode ||
        area.communityId !== cur.communityId;
      // Disabling a user or changing their roles or area ends their sessions at once.
      if (endSessions) await revokeUserSessions(tx, id);
      await recordAudit(tx, actor, {
        action: 'user.update',
        objectType: 'user',
        objectId: id,
        details: {
          fields: Object.keys(body),
          rolesChanged,
          sessionsEnded: endSessions,
          version: updated.version,
        },
      });
      return this.toOut(updated);
    });
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    await this.p.database.db.transaction(async (tx) => {
      const cur = await repo.findUser(tx, actor.scope, id);
      if (!cur) throw notFound();
      assertManageable(actor, cur.roles as Role[]);
      assertStrongPassword(password, cur.username);
      await repo.updateUserVersioned(tx, id, cur.version, { passwordHash: await hashPassword(password) });
      await revokeUserSessions(tx, id);
      await recordAudit(tx, actor, { action: 'user.password.reset', objectType: 'user', objectId: id });
    });
  }

  async unlock(actor: Actor, id: string): Promise<UserOut> {
    return this.p.database.db.transaction(async (tx) => {
      const cur = await repo.findUser(tx, actor.scope, id);
      if (!cur) throw notFound();
      await clearFailures(tx, `account:${sha256(cur.username.trim().toLowerCase())}`);
      const u = await repo.updateUserVersioned(tx, id, cur.version, { lockedUntil: null });
      await recordAudit(tx, actor, { action: 'user.unlock', objectType: 'user', objectId: id });
      return this.toOut(u ?? cur);
    });
  }
}
