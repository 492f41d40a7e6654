/**
 * Raising alerts (one per incident: an open or acknowledged alert of the same type, device and zone
 * absorbs repeats) and notifying the people who care along the escalation ladder (settings
 * `escalationLadder`: level 0 at once, each next level when nobody acknowledged within its
 * minutes — see tracking.jobs.ts). Always inside the caller's transaction; logs carry ids only.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { resultRows } from '../../platform/db/client.js';
import { sql } from 'drizzle-orm';
import { guardians } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Notifier } from '../../platform/notify/notify.service.js';
import { alerts, dayCentres, type AlertEscalation } from './tracking.tables.js';
import type { EscalationRung, TrackingSettings } from './tracking.settings.js';

export type AlertType =
  'sos' | 'geofence_exit' | 'geofence_enter' | 'low_battery' | 'offline' | 'removed' | 'fall';

export interface AlertInput {
  type: AlertType;
  deviceId: string;
  personId: string | null;
  zoneId: string | null;
  centreId: string | null;
  fixTime: Date | null;
  latitude: number | null;
  longitude: number | null;
}

const NIL = '00000000-0000-0000-0000-000000000000';

/** Insert the alert or count a repeat on the open incident; returns the id and whether it is new. */
export async function raiseAlert(
  tx: Tx,
  notifier: Notifier,
  a: AlertInput,
  now: Date,
  settings: LadderSettings,
): Promise<{ id: string; created: boolean }> {
  const id = newId();
  const rows = resultRows<{ id: string; created: boolean }>(
    await tx.execute(sql`
      INSERT INTO alerts (id, type, device_id, person_id, zone_id, centre_id, state, opened_at, fix_time, latitude, longitude, last_notified_at)
      VALUES (${id}, ${a.type}, ${a.deviceId}, ${a.personId}, ${a.zoneId}, ${a.centreId}, 'open', ${now.toISOString()},
              ${a.fixTime ? a.fixTime.toISOString() : null}, ${a.latitude}, ${a.longitude}, ${now.toISOString()})
      ON CONFLICT (device_id, type, coalesce(zone_id, ${NIL}::uuid)) WHERE state <> 'closed'
      DO UPDATE SET repeats = alerts.repeats + 1
      RETURNING id, (xmax = 0) AS created`),
  );
  const row = rows[0]!;
  if (row.created) await notifyLevel(tx, notifier, { ...a, alertId: row.id }, 0, now, settings);
  return row;
}

export type LadderSettings = Pick<TrackingSettings, 'escalationLadder' | 'maxEscalationLevel'>;

/** The rung of a level: levels past the ladder's end use its last rung. */
export function rungOf(ladder: EscalationRung[], level: number): EscalationRung {
  return ladder[Math.min(level, ladder.length - 1)]!;
}

/** The users a rung tells about an alert (ids; staff, then guardians primary first, then named users). */
export async function recipientsOf(
  tx: Tx,
  rung: EscalationRung,
  centreId: string | null,
  personId: string | null,
): Promise<string[]> {
  const out: string[] = [];
  const add = (id: string | null) => {
    if (id && !out.includes(id)) out.push(id);
  };
  if (rung.groups.includes('centre_staff') && centreId) {
    const c = await tx
      .select({ staff: dayCentres.staffUserIds })
      .from(dayCentres)
      .where(eq(dayCentres.id, centreId));
    (c[0]?.staff ?? []).forEach(add);
  }
  if (rung.groups.includes('guardians') && personId) {
    const g = await tx
      .select({ userId: guardians.userId, primary: guardians.isPrimary })
      .from(guardians)
      .where(inArray(guardians.personId, [personId]));
    g.sort((x, y) => Number(y.primary) - Number(x.primary));
    g.forEach((r) => add(r.userId));
  }
  rung.userIds.forEach(add);
  return out;
}

/**
 * Tells the contacts of `level` about an alert and records it on the alert (`escalations`,
 * `escalation_level`, `last_notified_at`). A level with nobody to tell is recorded and passed
 * over at once to the next (up to `maxEscalationLevel`): nobody waits M minutes for an empty rung.
 * Returns the level reached.
 */
export async function notifyLevel(
  tx: Tx,
  notifier: Notifier,
  a: { alertId: string; type: AlertType; deviceId: string; centreId: string | null; personId: string | null },
  level: number,
  now: Date,
  settings: LadderSettings,
): Promise<number> {
  for (let l = level; ; l++) {
    const userIds = await recipientsOf(tx, rungOf(settings.escalationLadder, l), a.centreId, a.personId);
    for (const userId of userIds) {
      await notifier.enqueue(tx, {
        userId,
        address: null,
        template: 'tracking.alert',
        payload: { alertId: a.alertId, type: a.type, deviceId: a.deviceId, escalationLevel: l },
      });
    }
    const entry: AlertEscalation = { level: l, at: now.toISOString(), userIds };
    await tx
      .update(alerts)
      .set({
        escalationLevel: l,
        lastNotifiedAt: now,
        escalations: sql`${alerts.escalations} || ${JSON.stringify([entry])}::jsonb`,
      })
      .where(eq(alerts.id, a.alertId));
    if (userIds.length > 0 || l >= settings.maxEscalationLevel) return l;
  }
}
