/**
 * The tracking service's side of the ingest port. Positions from many devices are gathered for a
 * few milliseconds and written in one transaction (one multi-row INSERT of positions, one UPDATE of
 * devices, one upsert of zone states, alerts and their notifications alongside). Each device's
 * state (binding and consent, last accepted fix, zone states) is cached in memory; the database is
 * the truth: the cache is loaded from it and dropped for a device whenever a batch fails or the
 * device's binding or zones change.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { IngestSink, KnownDevice, RegisterOutcome } from './ingest.port.js';
import type { DecodedPosition, Protocol } from './protocols/position.js';
import { assessFix } from './geo/index.js';
import { devices, deviceZoneStates } from './tracking.tables.js';
import { evaluateZone, scheduleActive } from './tracking.zones.js';
import { raiseAlert, type AlertInput } from './tracking.alerts.js';
import { loadTrackingSettings, type TrackingSettings } from './tracking.settings.js';
import { insertPositions, PositionColumns, updateDevices } from './tracking.repo.js';
import { KeyedLoader } from './tracking.loader.js';
import { Lane, type LaneOptions } from './tracking.lane.js';
import { loadDeviceStates, type DeviceState } from './tracking.states.js';
import { safeError } from './gateway/redact.js';

interface DeviceRow {
  id: string;
  uniqueId: string;
  protocol: Protocol;
  authCode: string | null;
}

interface Pending {
  device: KnownDevice;
  /** Empty: the device was only seen (and, with `authCode`, registered). */
  positions: DecodedPosition[];
  receivedAt: Date;
  /** JT/T 808 registration: the auth code issued. */
  authCode: string | null;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Alarms that jump the queue (a person may be in danger now). */
const URGENT_ALARMS = new Set<string>(['sos', 'removed', 'fall']);

const ALARM_ALERTS = { sos: 'sos', removed: 'removed', fall: 'fall', low_battery: 'low_battery' } as const;

export class TrackingIngest implements IngestSink {
  private readonly cache = new Map<string, DeviceState>();
  /** Writers, each owning the devices whose id hashes to it (see Lane). */
  private readonly lanes: Lane<Pending>[];
  private flushing: Promise<unknown> = Promise.resolve();
  /** Device lookups by uniqueId of one event-loop turn answered by one query (a reconnect storm is thousands at once). */
  private readonly lookup = new KeyedLoader<string, DeviceRow>(async (keys) => {
    const rows = await this.p.database.db
      .select({
        id: devices.id,
        uniqueId: devices.uniqueId,
        protocol: devices.protocol,
        authCode: devices.authCode,
      })
      .from(devices)
      .where(sql`${devices.uniqueId} = ANY(${sql.param(keys)}::text[])`);
    return new Map(rows.map((r) => [r.uniqueId, r]));
  });

  constructor(
    private readonly p: Platform,
    opts: Partial<LaneOptions & { lanes: number }> = {},
  ) {
    // PGlite runs one statement at a time: one writer. PostgreSQL: a few, so that its backends and
    // this process overlap instead of waiting on each other's round trips.
    const lanes = opts.lanes ?? (p.database.kind === 'postgresql' ? 3 : 1);
    const o: LaneOptions = { batchMs: opts.batchMs ?? 5, batchMax: opts.batchMax ?? 2000 };
    this.lanes = Array.from({ length: lanes }, () => new Lane(o, (batch) => this.writeBatch(batch)));
  }

  /** Forget the cached state of one device (or all): the next batch reloads it from the database. */
  invalidate(deviceId?: string): void {
    if (deviceId) this.cache.delete(deviceId);
    else this.cache.clear();
  }

  async findDevice(uniqueId: string, protocol: Protocol): Promise<KnownDevice | undefined> {
    const row = await this.lookup.load(normaliseUniqueId(uniqueId, protocol));
    return row ? { id: row.id, uniqueId: row.uniqueId, protocol: row.protocol } : undefined;
  }

  /** The code is written by the batch writer (every write to a device row goes through it: no lock-order deadlocks). */
  async registerTerminal(uniqueId: string): Promise<RegisterOutcome> {
    const found = await this.findDevice(uniqueId, 'jt808');
    if (!found) return { ok: false, result: 4 };
    const authCode = String(randomInt(10 ** 9, 10 ** 10));
    await this.enqueue(found, [], new Date(), authCode);
    return { ok: true, authCode };
  }

  async checkAuthCode(uniqueId: string, code: string): Promise<boolean> {
    const row = await this.lookup.load(normaliseUniqueId(uniqueId, 'jt808'));
    return !!row?.authCode && row.authCode === code;
  }

  /** Online and last seen: written with the next batch (one UPDATE for all its devices). */
  seen(device: KnownDevice, at: Date): Promise<void> {
    return this.enqueue(device, [], at);
  }

  ingest(device: KnownDevice, positions: DecodedPosition[], receivedAt: Date): Promise<void> {
    return this.enqueue(device, positions, receivedAt);
  }

  private enqueue(
    device: KnownDevice,
    positions: DecodedPosition[],
    receivedAt: Date,
    authCode: string | null = null,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const item = { device, positions, receivedAt, authCode, resolve, reject };
      // An alarm (SOS, removed, fall) jumps the queue and does not wait for the batch window.
      const urgent = positions.some((p) => !p.backfill && p.alarms.some((a) => URGENT_ALARMS.has(a)));
      this.laneOf(device.id).push(item, urgent);
    });
  }

  private laneOf(deviceId: string): Lane<Pending> {
    if (this.lanes.length === 1) return this.lanes[0]!;
    let h = 0;
    for (let i = 0; i < deviceId.length; i++) h = (h * 31 + deviceId.charCodeAt(i)) | 0;
    return this.lanes[Math.abs(h) % this.lanes.length]!;
  }

  /** Write everything queued now (tests and shutdown). */
  async drain(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.drain()));
    await this.flushing;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    try {
      await this.write(batch);
    } catch (err) {
      for (const b of batch) this.cache.delete(b.device.id);
      this.p.log.error({ err: safeError(err), devices: batch.length }, 'tracking batch failed');
      throw err;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const db = this.p.database.db;
    const settings = await loadTrackingSettings(db);
    const now = new Date();
    // Reads only: the states are a cache of the database; a failed batch drops them.
    const states = await this.statesOf(
      db,
      batch.map((b) => b.device.id),
    );
    const rows = new PositionColumns();
    const alertsToRaise: AlertInput[] = [];
    const deviceUpdates = new Map<string, { fix: DecodedPosition | null; seen: Date }>();
    const touched = new Set<DeviceState>();
    const authCodes = new Map<string, string>();
    for (const item of batch) {
      const st = states.get(item.device.id)!;
      const upd = deviceUpdates.get(st.id) ?? { fix: null, seen: item.receivedAt };
      if (item.receivedAt > upd.seen) upd.seen = item.receivedAt;
      deviceUpdates.set(st.id, upd);
      if (item.authCode) authCodes.set(st.id, item.authCode);
      if (st.blocked || item.positions.length === 0) continue;
      const receivedAt = item.receivedAt.toISOString();
      const sorted =
        item.positions.length > 1
          ? [...item.positions].sort((a, b) => a.fixTime.getTime() - b.fixTime.getTime())
          : item.positions;
      for (const pos of sorted) {
        rows.push(st, pos, receivedAt);
        this.evaluate(st, pos, settings, now, alertsToRaise);
        if (!upd.fix || pos.fixTime > upd.fix.fixTime) upd.fix = pos;
      }
      st.wasOffline = false;
      touched.add(st);
    }
    const updates = [...deviceUpdates].map(([id, u]) => ({
      id,
      seen: u.seen,
      fixTime: u.fix?.fixTime ?? null,
      latitude: u.fix?.latitude ?? null,
      longitude: u.fix?.longitude ?? null,
      batteryPercent: u.fix?.batteryPercent ?? null,
    }));
    const dirty = [...touched].flatMap((st) => st.zones.filter((z) => z.dirty).map((z) => ({ st, z })));
    const devicesSql = updateDevices(updates, authCodes);
    // The common case (no zone state changed, nothing to alert): one statement, atomic by itself,
    // one round trip.
    if (dirty.length === 0 && alertsToRaise.length === 0) {
      await db.execute(
        rows.length > 0 ? sql`WITH ins AS (${insertPositions(rows)}) ${devicesSql}` : devicesSql,
      );
      return;
    }
    let created = 0;
    await db.transaction(async (tx) => {
      if (rows.length > 0) await tx.execute(insertPositions(rows));
      await tx.execute(devicesSql);
      if (dirty.length > 0) {
        await tx
          .insert(deviceZoneStates)
          .values(
            dirty.map(({ st, z }) => ({
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
      }
      for (const a of alertsToRaise) {
        const r = await raiseAlert(tx, this.p.notifier, a, now, settings);
        if (!r.created) continue;
        created++;
        this.p.log.info({ alertId: r.id, deviceId: a.deviceId, type: a.type }, 'tracking alert');
      }
    });
    dirty.forEach(({ z }) => (z.dirty = false));
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

  /**
   * The state of every device of a batch: cached entries as they are, the others (new or older
   * than CACHE_TTL_MS) loaded together in three queries — devices with their centre and open
   * binding, the zones that apply, their zone states.
   */
  private statesOf(tx: Tx, deviceIds: string[]): Promise<Map<string, DeviceState>> {
    return loadDeviceStates(tx, deviceIds, this.cache);
  }
}

/** JT/T 808 terminal phones are stored without leading zeros; other ids as given (trimmed). */
export function normaliseUniqueId(uniqueId: string, protocol: Protocol): string {
  const t = uniqueId.trim();
  return protocol === 'jt808' ? t.replace(/^0+(?=\d)/, '') : t;
}
