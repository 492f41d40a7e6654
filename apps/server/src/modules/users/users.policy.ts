/** Rules for who may create or change which users (pure, unit-tested). */
import { ROLE_SCOPE, scopeNeeds, type Role } from '@jinglin/shared';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';

/**
 * Nobody can grant a role they do not hold — except the system administrator, whose duty is user
 * management; but even they cannot grant `auditor` to themselves or hold both (三权分立), and an
 * auditor account cannot hold any other role.
 */
export function assertGrantable(actor: Actor, roles: readonly Role[], targetUserId: string | null): void {
  const isAdmin = actor.roles.includes('district_admin');
  const isSystem = actor.userId === null;
  for (const r of roles) {
    if (!isSystem && !isAdmin && !actor.roles.includes(r))
      throw new AppError('role_not_grantable', { fields: [{ path: 'roles', code: 'role_not_grantable' }] });
  }
  if (roles.includes('auditor') && roles.length > 1)
    throw new AppError('role_not_grantable', { fields: [{ path: 'roles', code: 'separation_of_duties' }] });
  if (roles.includes('district_admin') && roles.includes('auditor'))
    throw new AppError('role_not_grantable', { fields: [{ path: 'roles', code: 'separation_of_duties' }] });
  if (
    !isSystem &&
    targetUserId !== null &&
    targetUserId === actor.userId &&
    roles.some((r) => !actor.roles.includes(r))
  )
    throw new AppError('role_not_grantable', { fields: [{ path: 'roles', code: 'self_elevation' }] });
}

/** Street / community roles need their area; district-wide roles must not carry one they don't use. */
export function assertScopeFields(
  roles: readonly Role[],
  streetCode: string | null,
  communityId: string | null,
): void {
  for (const r of roles) {
    const need = scopeNeeds(r);
    if (need === 'street' && !streetCode)
      throw new AppError('scope_required', { fields: [{ path: 'streetCode', code: 'required' }] });
    if (need === 'community' && !communityId)
      throw new AppError('scope_required', { fields: [{ path: 'communityId', code: 'required' }] });
  }
}

/** A street officer may manage only users of their own street (and never district-wide roles). */
export function assertManageable(actor: Actor, roles: readonly Role[]): void {
  if (actor.userId === null || actor.scope.district) return;
  if (roles.some((r) => ROLE_SCOPE[r] === 'district' || r === 'auditor'))
    throw new AppError('role_not_grantable');
}
