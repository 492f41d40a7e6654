/**
 * The tracking service's side of the ingest port. Positions from many devices are gathered for a
 * few milliseconds and written in one transaction (one multi-row INSERT of positions, one UPDATE of
 * devices, one upsert of zone states, alerts and their notifications alongside). Each device's
 * state (binding and consent, last accepted fix, zone states) is cached in memory; the database is
 * the truth: the cache is loaded from it and dropped for a device whenever a batch fails or the
 * device's binding or zones change.
 */
import { randomInt } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { IngestSink, KnownDevice, RegisterOutcome } from './ingest.port.js';
import type { DecodedPosition, Protocol } from './protocols/position.js';
import { assessFix, type FixForFilter } from './geo/index.js';
import { dayCentres, deviceBindings, devices, deviceZoneStates, zones } from './tracking.tables.js';
import type { OpeningHours, ZoneSchedule } from './tracking.tables.js';
import { evaluateZone, scheduleActive, zoneGeometry, type ZoneState } from './tracking.zones.js';
import { raiseAlert, type AlertInput } from './tracking.alerts.js';
import { loadTrackingSettings, type TrackingSettings } from './tracking.settings.js';
import { insertPositions, positionRow, updateDevices } from './tracking.repo.js';
import type { Zone } from './geo/index.js';

interface CachedZone {
  id: string;
  zone: Zone;
  schedule: ZoneSchedule;
  confirmFixes: number | null;
  confirmSeconds: number | null;
  state: ZoneState;
  dirty: boolean;
}

interface DeviceState {
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

interface Pending {
  device: KnownDevice;
  positions: DecodedPosition[];
  receivedAt: Date;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Bind/unbind/zone changes made in this process drop the entry at once; in another process, within this time. */
const CACHE_TTL_MS = 60_000;

const ALARM_ALERTS = { sos: 'sos', removed: 'removed', fall: 'fall', low_battery: 'low_battery' } as const;

export class TrackingIngest implements IngestSink {
  private readonly cache = new Map<string, DeviceState>();
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly p: Platform,
    private readonly opts: { batchMs: number; batchMax: number } = { batchMs: 5, batchMax: 2000 },
  ) {}

  /** Forget the cached state of one device (or all): the next batch reloads it from the database. */
  invalidate(deviceId?: string): void {
    if (deviceId) this.cache.delete(deviceId);
    else this.cache.clear();
  }

  async findDevice(uniqueId: string, protocol: Protocol): Promise<KnownDevice | undefined> {
    void protocol;
    const rows = await this.p.database.db
      .select({ id: devices.id, uniqueId: devices.uniqueId, protocol: devices.protocol })
      .from(devices)
      .where(eq(devices.uniqueId, normaliseUniqueId(uniqueId, protocol)));
    return rows[0];
  }

  async registerTerminal(uniqueId: string): Promise<RegisterOutcome> {
    const found = await this.findDevice(uniqueId, 'jt808');
    if (!found) return { ok: false, result: 4 };
    const authCode = String(randomInt(10 ** 9, 10 ** 10));
    await this.p.database.db.update(devices).set({ authCode }).where(eq(devices.id, found.id));
    return { ok: true, authCode };
  }

  async checkAuthCode(uniqueId: string, code: string): Promise<boolean> {
    const rows = await this.p.database.db
      .select({ authCode: devices.authCode })
      .from(devices)
      .where(eq(devices.uniqueId, normaliseUniqueId(uniqueId, 'jt808')));
    return !!rows[0]?.authCode && rows[0].authCode === code;
  }

  async seen(device: KnownDevice, at: Date): Promise<void> {
    await this.p.database.db
      .update(devices)
      .set({ lastSeenAt: at, status: 'online' })
      .where(
        and(eq(devices.id, device.id), or(isNull(devices.lastSeenAt), sql`${devices.lastSeenAt} < ${at}`)),
      );
  }

  ingest(device: KnownDevice, positions: DecodedPosition[], receivedAt: Date): Promise<void> {
    if (positions.length === 0) return this.seen(device, receivedAt);
    return new Promise((resolve, reject) => {
      this.queue.push({ device, positions, receivedAt, resolve, reject });
      const size = this.queue.reduce((n, q) => n + q.positions.length, 0);
      if (size >= this.opts.batchMax) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.opts.batchMs);
    });
  }

  /** Write everything queued now (tests and shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.running) {
      this.kick();
      await this.running;
    }
    await this.flushing;
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.running = this.writeBatch(batch)
      .then(
        () => batch.forEach((b) => b.resolve()),
        (err) => {
          for (const b of batch) this.cache.delete(b.device.id);
          this.p.log.error({ err: (err as Error).message, devices: batch.length }, 'tracking batch failed');
          batch.forEach((b) => b.reject(err));
        },
      )
      .finally(() => {
        this.running = null;
        if (this.queue.length > 0) this.kick();
      });
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const settings = await loadTrackingSettings(this.p.database.db);
    const now = new Date();
    let created = 0;
    await this.p.database.db.transaction(async (tx) => {
      const rows: Record<string, unknown>[] = [];
      const alertsToRaise: AlertInput[] = [];
      const deviceUpdates = new Map<string, { fix: DecodedPosition | null; seen: Date }>();
      const touched = new Set<DeviceState>();
      for (const item of batch) {
        const st = await this.stateOf(tx, item.device.id);
        const upd = deviceUpdates.get(st.id) ?? { fix: null, seen: item.receivedAt };
        if (item.receivedAt > upd.seen) upd.seen = item.receivedAt;
        deviceUpdates.set(st.id, upd);
        if (st.blocked) continue;
        const sorted = [...item.positions].sort((a, b) => a.fixTime.getTime() - b.fixTime.getTime());
        for (const pos of sorted) {
          rows.push(positionRow(st, pos, item.receivedAt));
          this.evaluate(st, pos, settings, now, alertsToRaise);
          if (!upd.fix || pos.fixTime > upd.fix.fixTime) upd.fix = pos;
        }
        st.wasOffline = false;
        touched.add(st);
      }
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.execute(insertPositions(rows.slice(i, i + 1000)));
      }
      const updates = [...deviceUpdates].map(([id, u]) => ({
        id,
        seen: u.seen,
        fixTime: u.fix?.fixTime ?? null,
        latitude: u.fix?.latitude ?? null,
        longitude: u.fix?.longitude ?? null,
        batteryPercent: u.fix?.batteryPercent ?? null,
      }));
      for (let i = 0; i < updates.length; i += 1000) {
        await tx.execute(updateDevices(updates.slice(i, i + 1000)));
      }
      const states = [...touched].flatMap((st) => st.zones.filter((z) => z.dirty).map((z) => ({ st, z })));
      if (states.length > 0) {
        await tx
          .insert(deviceZoneStates)
          .values(
            states.map(({ st, z }) => ({
              deviceId: st.id,
              zoneId: z.id,
              state: z.state.state,
              pendingExitCount: z.state.pendingExitCount,
              pendingExitSince: z.state.pendingExitSince,
              lastEvaluatedFixTime: z.state.lastEvaluatedFixTime,
            })),
          )
          .onConflictDoUpdate({
            target: [deviceZoneStates.deviceId, deviceZoneStates.zoneId],
            set: {
              state: sql`excluded.state`,
              pendingExitCount: sql`excluded.pending_exit_count`,
              pendingExitSince: sql`excluded.pending_exit_since`,
              lastEvaluatedFixTime: sql`excluded.last_evaluated_fix_time`,
            },
          });
        states.forEach(({ z }) => (z.dirty = false));
      }
      for (const a of alertsToRaise) {
        const r = await raiseAlert(tx, this.p.notifier, a, now);
        if (!r.created) continue;
        created++;
        this.p.log.info({ alertId: r.id, deviceId: a.deviceId, type: a.type }, 'tracking alert');
      }
    });
    // New alerts leave at once (one delivery at a time from this process), not at the worker's next tick.
    if (created > 0) this.flushing = this.flushing.then(() => this.p.notifier.flush()).catch(() => undefined);
  }

  private evaluate(
    st: DeviceState,
    pos: DecodedPosition,
    s: TrackingSettings,
    now: Date,
    out: AlertInput[],
  ): void {
    const t = pos.fixTime.getTime();
    const base = {
      deviceId: st.id,
      personId: st.personId,
      centreId: st.centreId,
      fixTime: pos.fixTime,
      latitude: pos.latitude,
      longitude: pos.longitude,
    };
    if (t > st.lastAlarmFixTime) {
      st.lastAlarmFixTime = t;
      const types = new Set<keyof typeof ALARM_ALERTS>();
      for (const a of pos.alarms) if (a in ALARM_ALERTS) types.add(a as keyof typeof ALARM_ALERTS);
      if (pos.batteryPercent !== null && pos.batteryPercent <= s.lowBatteryPercent) types.add('low_battery');
      for (const type of types) out.push({ ...base, type: ALARM_ALERTS[type], zoneId: null });
    }
    const verdict = assessFix(pos, st.lastAccepted, {
      now,
      consecutiveJumpRejects: st.jumpRejects,
      lastRejected: st.lastRejected,
    });
    if (!verdict.accept) {
      if (verdict.reason === 'implausible_jump') {
        st.jumpRejects++;
        st.lastRejected = pos;
      }
      return;
    }
    st.lastAccepted = pos;
    st.jumpRejects = 0;
    st.lastRejected = null;
    const rules = {
      exitConfirmFixes: s.exitConfirmFixes,
      exitConfirmSeconds: s.exitConfirmSeconds,
      reconnectGapSeconds: s.reconnectGapSeconds,
      minMarginM: s.minMarginM,
    };
    for (const z of st.zones) {
      const active = scheduleActive(z.schedule, st.centreHours, pos.fixTime);
      const { next, raise } = evaluateZone(
        z.zone,
        active,
        z.state,
        pos,
        {
          ...rules,
          exitConfirmFixes: z.confirmFixes ?? rules.exitConfirmFixes,
          exitConfirmSeconds: z.confirmSeconds ?? rules.exitConfirmSeconds,
        },
        st.wasOffline,
      );
      if (next !== z.state) {
        z.state = next;
        z.dirty = true;
      }
      if (raise) out.push({ ...base, type: raise, zoneId: z.id });
    }
  }

  private async stateOf(tx: Tx, deviceId: string): Promise<DeviceState> {
    const hit = this.cache.get(deviceId);
    if (hit && Date.now() - hit.loadedAt < CACHE_TTL_MS) return hit;
    const [d] = await tx
      .select({ centreId: devices.centreId, status: devices.status, hours: dayCentres.openingHours })
      .from(devices)
      .leftJoin(dayCentres, eq(dayCentres.id, devices.centreId))
      .where(eq(devices.id, deviceId));
    const [b] = await tx
      .select({ personId: deviceBindings.personId, consentAt: deviceBindings.consentAt })
      .from(deviceBindings)
      .where(and(eq(deviceBindings.deviceId, deviceId), isNull(deviceBindings.endedAt)));
    const personId = b?.personId ?? null;
    const zoneRows = await tx
      .select()
      .from(zones)
      .where(
        and(
          eq(zones.active, true),
          or(
            personId ? eq(zones.personId, personId) : sql`false`,
            d?.centreId ? and(eq(zones.centreId, d.centreId), isNull(zones.personId)) : sql`false`,
          ),
        ),
      );
    const stateRows = await tx.select().from(deviceZoneStates).where(eq(deviceZoneStates.deviceId, deviceId));
    const lastEval = stateRows.reduce((m, r) => Math.max(m, r.lastEvaluatedFixTime?.getTime() ?? 0), 0);
    const st: DeviceState = {
      id: deviceId,
      loadedAt: Date.now(),
      centreId: d?.centreId ?? null,
      centreHours: d?.hours ?? null,
      personId,
      blocked: !!b && !b.consentAt,
      wasOffline: d?.status === 'offline',
      lastAccepted: null,
      lastRejected: null,
      jumpRejects: 0,
      lastAlarmFixTime: lastEval,
      zones: zoneRows.map((z) => {
        const s = stateRows.find((r) => r.zoneId === z.id);
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
    const [last] = await tx
      .select({ t: devices.lastFixTime, lat: devices.lastLatitude, lon: devices.lastLongitude })
      .from(devices)
      .where(eq(devices.id, deviceId));
    if (last?.t && last.lat !== null && last.lon !== null) {
      st.lastAccepted = {
        fixTime: last.t,
        valid: true,
        latitude: last.lat,
        longitude: last.lon,
        accuracyM: null,
      };
      st.lastAlarmFixTime = Math.max(st.lastAlarmFixTime, last.t.getTime());
    }
    this.cache.set(deviceId, st);
    return st;
  }
}

/** JT/T 808 terminal phones are stored without leading zeros; other ids as given (trimmed). */
export function normaliseUniqueId(uniqueId: string, protocol: Protocol): string {
  const t = uniqueId.trim();
  return protocol === 'jt808' ? t.replace(/^0+(?=\d)/, '') : t;
}
