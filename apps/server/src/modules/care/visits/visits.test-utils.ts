/** Test helpers for visits: a worker's Actor for service calls with a fixed clock, SQL counts. */
import { sql } from 'drizzle-orm';
import { permissionsOf, type Role } from '@jinglin/shared';
import type { TestEnv, TestUser } from '../../../../test/harness.js';
import type { Actor } from '../../../platform/access/actor.js';
import { scopeOf } from '../../../platform/access/scope.js';

/** The Actor the access layer would build for this test user (no break-glass grants). */
export function actorFor(u: TestUser, area: { streetCode?: string; communityId?: string } = {}): Actor {
  const roles = u.roles as Role[];
  return {
    userId: u.id,
    roles,
    permissions: permissionsOf(roles),
    scope: scopeOf(
      { id: u.id, roles, streetCode: area.streetCode ?? null, communityId: area.communityId ?? null },
      [],
    ),
    streetCode: area.streetCode ?? null,
    communityId: area.communityId ?? null,
    sessionId: null,
    ip: null,
    requestId: null,
    language: 'zh-CN',
  };
}

export async function rows<T>(t: TestEnv, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = await t.p.database.db.execute(q);
  return (r as unknown as { rows: T[] }).rows;
}

export async function serviceRecords(t: TestEnv, visitId: string) {
  return rows<{ volunteer_id: string; minutes: number; state: string; source: string }>(
    t,
    sql`SELECT volunteer_id, minutes, state, source FROM care_service_records WHERE source = 'visit' AND source_id = ${visitId} ORDER BY volunteer_id`,
  );
}

export async function auditCount(t: TestEnv, action: string, objectId?: string) {
  const r = await rows<{ n: number }>(
    t,
    objectId
      ? sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`
      : sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`,
  );
  return r[0]!.n;
}
