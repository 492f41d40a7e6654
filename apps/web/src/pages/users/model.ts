/** The users page's types, constants and request bodies (pure: no React). */
import { scopeNeeds, type Role } from '@jinglin/shared';
import type { ProblemSummary } from '../../forms';
import { tidyPhone } from '../../forms';
import type { UserCreateBody, UserOut, UserPatchBody } from '../../types';

export interface Filters {
  q?: string;
  role?: Role;
  streetCode?: string;
}

export interface EditValues {
  username?: string;
  password?: string;
  displayName?: string;
  roles: Role[];
  streetCode?: string | null;
  communityId?: string | null;
  phone?: string;
  clearPhone?: boolean;
}

export type DrawerState =
  { mode: 'create' } | { mode: 'edit'; user: UserOut } | { mode: 'reset'; user: UserOut } | null;

export const NO_ERRORS: ProblemSummary = { items: [] };
export const PAGE_SIZE = 50;
export const EDIT_FIELDS = [
  'username',
  'password',
  'displayName',
  'roles',
  'streetCode',
  'communityId',
  'phone',
];

export function isLocked(u: UserOut): boolean {
  return Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now());
}

/** Whether any of the chosen roles needs a street (or a community). */
export function needs(values: Partial<EditValues>, level: 'street' | 'community'): boolean {
  return (values.roles ?? []).some((r) => scopeNeeds(r) === level);
}

/** POST /users: only what was filled in. */
export function createBody(v: EditValues): UserCreateBody {
  return {
    username: (v.username ?? '').trim(),
    roles: v.roles,
    ...(v.password ? { password: v.password } : {}),
    ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
    ...(v.streetCode ? { streetCode: v.streetCode } : {}),
    ...(v.communityId ? { communityId: v.communityId } : {}),
    ...(v.phone?.trim() ? { phone: tidyPhone(v.phone) } : {}),
  };
}

/** PATCH /users/:id: only what changed (a blank phone keeps the old one; "clear" removes it). */
export function patchBody(u: UserOut, v: EditValues): UserPatchBody {
  const body: UserPatchBody = {};
  if ((v.displayName ?? '').trim() !== u.displayName) body.displayName = (v.displayName ?? '').trim();
  if ([...v.roles].sort().join() !== [...u.roles].sort().join()) body.roles = v.roles;
  if ((v.streetCode ?? null) !== u.streetCode) body.streetCode = v.streetCode ?? null;
  if ((v.communityId ?? null) !== u.communityId) body.communityId = v.communityId ?? null;
  if (v.clearPhone) body.phone = null;
  else if (v.phone?.trim()) body.phone = tidyPhone(v.phone);
  return body;
}
