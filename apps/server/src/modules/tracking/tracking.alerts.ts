/**
 * Raising alerts (one per incident: an open or acknowledged alert of the same type, device and zone
 * absorbs repeats) and notifying the people who care: the centre's staff and the trainee's
 * guardians who have an account. Always inside the caller's transaction; logs carry ids only.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { resultRows } from '../../platform/db/client.js';
import { sql } from 'drizzle-orm';
import { guardians } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Notifier } from '../../platform/notify/notify.service.js';
import { dayCentres } from './tracking.tables.js';

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
  if (row.created) await notifyContacts(tx, notifier, { ...a, alertId: row.id }, 0);
  return row;
}

/** Contacts of an alert: staff of the device's centre, then guardians with accounts (primary first). */
export async function contactsOf(
  tx: Tx,
  centreId: string | null,
  personId: string | null,
): Promise<string[]> {
  const out: string[] = [];
  if (centreId) {
    const c = await tx
      .select({ staff: dayCentres.staffUserIds })
      .from(dayCentres)
      .where(eq(dayCentres.id, centreId));
    out.push(...(c[0]?.staff ?? []));
  }
  if (personId) {
    const g = await tx
      .select({ userId: guardians.userId, primary: guardians.isPrimary })
      .from(guardians)
      .where(inArray(guardians.personId, [personId]));
    g.sort((x, y) => Number(y.primary) - Number(x.primary));
    for (const r of g) if (r.userId && !out.includes(r.userId)) out.push(r.userId);
  }
  return out;
}

export async function notifyContacts(
  tx: Tx,
  notifier: Notifier,
  a: { alertId: string; type: AlertType; deviceId: string; centreId: string | null; personId: string | null },
  escalationLevel: number,
): Promise<number> {
  const contacts = await contactsOf(tx, a.centreId, a.personId);
  for (const userId of contacts) {
    await notifier.enqueue(tx, {
      userId,
      address: null,
      template: 'tracking.alert',
      payload: { alertId: a.alertId, type: a.type, deviceId: a.deviceId, escalationLevel },
    });
  }
  return contacts.length;
}
