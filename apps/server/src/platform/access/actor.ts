/**
 * Who is acting, with what permissions and over which data. Built once per request by the access
 * layer (or by the CLI / a job for system work) and passed to every service call.
 */
import type { Permission, Role } from '@jinglin/shared';

export interface DataScope {
  /** The whole district. */
  district: boolean;
  /** Street codes and community ids the actor may see (from their role or break-glass grants). */
  streets: string[];
  communities: string[];
  /** Break-glass grants in force (audited on use). */
  grantIds: string[];
}

export interface Actor {
  userId: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  scope: DataScope;
  streetCode: string | null;
  communityId: string | null;
  sessionId: string | null;
  ip: string | null;
  requestId: string | null;
  language: 'zh-CN' | 'en';
}

export const NO_SCOPE: DataScope = { district: false, streets: [], communities: [], grantIds: [] };

/** The system itself (CLI, migrations, jobs without a user). */
export function systemActor(requestId: string | null = null): Actor {
  return {
    userId: null,
    roles: [],
    permissions: new Set(),
    scope: { district: true, streets: [], communities: [], grantIds: [] },
    streetCode: null,
    communityId: null,
    sessionId: null,
    ip: null,
    requestId,
    language: 'zh-CN',
  };
}

export function can(actor: Actor, p: Permission): boolean {
  return actor.permissions.has(p);
}
