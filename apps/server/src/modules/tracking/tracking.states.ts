/**
 * The ingest's per-device state (binding and consent, last accepted fix, zone states): loaded for a
 * batch's devices in a few set queries and cached in memory (tracking.ingest.ts).
 */
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import type { FixForFilter, Zone } from './geo/index.js';
import { dayCentres, deviceBindings, devices, deviceZoneStates, zones } from './tracking.tables.js';
import type { OpeningHours, ZoneSchedule } from './tracking.tables.js';
import { zoneGeometry, type ZoneState } from './tracking.zones.js';

/** Bind/unbind/zone changes made in this process drop the entry at once; in another process, within this time. */
const CACHE_TTL_MS = 60_000;

export interface CachedZone {
  id: string;
  zone: Zone;
  schedule: ZoneSchedule;
  confirmFixes: number | null;
  confirmSeconds: number | null;
  state: ZoneState;
  dirty: boolean;
}

export interface DeviceState {
  id: string;
  /** When loaded: entries are reloaded after CACHE_TTL_MS (another process's API may have changed the binding or zones). */
  loadedAt: number;
  centreId: string | null;
  centreHours: OpeningHours | null;
  personId: string | null;
  /** Bound without consent on record: nothing is stored. */
  blocked: boolean;
  wasOffline: boolean;
  lastAccepted: FixForFilter | null;
  lastRejected: FixForFilter | null;
  jumpRejects: number;
  /** Newest fix time whose alarms were evaluated (older data never raises). */
  lastAlarmFixTime: number;
  zones: CachedZone[];
}

export async function loadDeviceStates(
  tx: Tx,
  deviceIds: string[],
  cache: Map<string, DeviceState>,
): Promise<Map<string, DeviceState>> {
  const out = new Map<string, DeviceState>();
  const missing = new Set<string>();
  const at = Date.now();
  for (const id of deviceIds) {
    const hit = cache.get(id);
    if (hit && at - hit.loadedAt < CACHE_TTL_MS) out.set(id, hit);
    else missing.add(id);
  }
  if (missing.size === 0) return out;
  const ids = [...missing];
  const uuids = (values: string[]) => sql`${sql.param(values)}::uuid[]`;
  const devRows = await tx
    .select({
      id: devices.id,
      centreId: devices.centreId,
      status: devices.status,
      hours: dayCentres.openingHours,
      lastFixTime: devices.lastFixTime,
      lastLatitude: devices.lastLatitude,
      lastLongitude: devices.lastLongitude,
      boundPersonId: deviceBindings.personId,
      bindingId: deviceBindings.id,
      consentAt: deviceBindings.consentAt,
    })
    .from(devices)
    .leftJoin(dayCentres, eq(dayCentres.id, devices.centreId))
    .leftJoin(deviceBindings, and(eq(deviceBindings.deviceId, devices.id), isNull(deviceBindings.endedAt)))
    .where(sql`${devices.id} = ANY(${uuids(ids)})`);
  const byId = new Map(devRows.map((d) => [d.id, d]));
  const personIds = [...new Set(devRows.flatMap((d) => (d.boundPersonId ? [d.boundPersonId] : [])))];
  const centreIds = [...new Set(devRows.flatMap((d) => (d.centreId ? [d.centreId] : [])))];
  const zoneRows =
    personIds.length + centreIds.length === 0
      ? []
      : await tx
          .select()
          .from(zones)
          .where(
            and(
              eq(zones.active, true),
              or(
                personIds.length ? sql`${zones.personId} = ANY(${uuids(personIds)})` : sql`false`,
                centreIds.length
                  ? and(sql`${zones.centreId} = ANY(${uuids(centreIds)})`, isNull(zones.personId))
                  : sql`false`,
              ),
            ),
          );
  const stateRows =
    zoneRows.length === 0
      ? []
      : await tx
          .select()
          .from(deviceZoneStates)
          .where(sql`${deviceZoneStates.deviceId} = ANY(${uuids(ids)})`);
  const statesByDevice = new Map<string, (typeof stateRows)[number][]>();
  for (const r of stateRows) {
    const list = statesByDevice.get(r.deviceId);
    if (list) list.push(r);
    else statesByDevice.set(r.deviceId, [r]);
  }
  for (const deviceId of ids) {
    const d = byId.get(deviceId);
    const personId = d?.boundPersonId ?? null;
    const centreId = d?.centreId ?? null;
    const mine = statesByDevice.get(deviceId) ?? [];
    const lastEval = mine.reduce((m, r) => Math.max(m, r.lastEvaluatedFixTime?.getTime() ?? 0), 0);
    const applicable = zoneRows.filter((z) =>
      z.personId ? z.personId === personId : !!centreId && z.centreId === centreId,
    );
    const st: DeviceState = {
      id: deviceId,
      loadedAt: at,
      centreId,
      centreHours: d?.hours ?? null,
      personId,
      blocked: !!d?.bindingId && !d.consentAt,
      wasOffline: d?.status === 'offline',
      lastAccepted: null,
      lastRejected: null,
      jumpRejects: 0,
      lastAlarmFixTime: lastEval,
      zones: applicable.map((z) => {
        const s = mine.find((r) => r.zoneId === z.id);
        return {
          id: z.id,
          zone: zoneGeometry(z.kind, z.geometry),
          schedule: z.schedule,
          confirmFixes: z.exitConfirmFixes,
          confirmSeconds: z.exitConfirmSeconds,
          state: s
            ? {
                state: s.state,
                pendingExitCount: s.pendingExitCount,
                pendingExitSince: s.pendingExitSince,
                lastEvaluatedFixTime: s.lastEvaluatedFixTime,
              }
            : { state: 'unknown', pendingExitCount: 0, pendingExitSince: null, lastEvaluatedFixTime: null },
          dirty: false,
        };
      }),
    };
    // The last stored fix anchors the jitter filter and the alarm clock after a restart.
    if (d?.lastFixTime && d.lastLatitude !== null && d.lastLongitude !== null) {
      st.lastAccepted = {
        fixTime: d.lastFixTime,
        valid: true,
        latitude: d.lastLatitude,
        longitude: d.lastLongitude,
        accuracyM: null,
      };
      st.lastAlarmFixTime = Math.max(st.lastAlarmFixTime, d.lastFixTime.getTime());
    }
    cache.set(deviceId, st);
    out.set(deviceId, st);
  }
  return out;
}
