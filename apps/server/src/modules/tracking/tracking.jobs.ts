/**
 * The worker's tracking duties, run from its tick (`trackingOf(p).jobs.tick()`): devices silent too
 * long are marked offline and alerted; open alerts nobody acknowledged are escalated along the
 * ladder (settings `escalationLadder`, up to `maxEscalationLevel`); positions older than `retentionDays` are
 * purged; monthly partitions of `positions` are created ahead (rows already in the default
 * partition for that month are moved in the same transaction).
 */
import { and, eq, isNotNull, lt, or, isNull, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import { resultRows } from '../../platform/db/client.js';
import { alerts, deviceBindings, devices } from './tracking.tables.js';
import { loadTrackingSettings } from './tracking.settings.js';
import { notifyLevel, raiseAlert, rungOf } from './tracking.alerts.js';
import type { TrackingIngest } from './tracking.ingest.js';

const MONTHS_AHEAD = 2;

export class TrackingJobs {
  private lastDaily = '';

  constructor(
    private readonly p: Platform,
    private readonly ingest: TrackingIngest,
  ) {}

  /** One worker tick: offline and escalation every time; partitions and retention once a day. */
  async tick(now = new Date()): Promise<void> {
    await this.offlineCheck(now);
    await this.escalate(now);
    const day = now.toISOString().slice(0, 10);
    if (day !== this.lastDaily) {
      this.lastDaily = day;
      await this.ensurePartitions(now);
      await this.purge(now);
    }
  }

  /** Devices not heard from for `offlineMinutes`: status offline and one `offline` alert each. */
  async offlineCheck(now = new Date()): Promise<number> {
    const s = await loadTrackingSettings(this.p.database.db, true);
    const cutoff = new Date(now.getTime() - s.offlineMinutes * 60_000);
    return this.p.database.db.transaction(async (tx) => {
      const gone = await tx
        .update(devices)
        .set({ status: 'offline' })
        .where(
          and(eq(devices.status, 'online'), isNotNull(devices.lastSeenAt), lt(devices.lastSeenAt, cutoff)),
        )
        .returning({ id: devices.id, centreId: devices.centreId });
      for (const d of gone) {
        const [b] = await tx
          .select({ personId: deviceBindings.personId, consentAt: deviceBindings.consentAt })
          .from(deviceBindings)
          .where(and(eq(deviceBindings.deviceId, d.id), isNull(deviceBindings.endedAt)));
        this.ingest.invalidate(d.id);
        if (b && !b.consentAt) continue;
        await raiseAlert(
          tx,
          this.p.notifier,
          {
            type: 'offline',
            deviceId: d.id,
            personId: b?.personId ?? null,
            zoneId: null,
            centreId: d.centreId,
            fixTime: null,
            latitude: null,
            longitude: null,
          },
          now,
          s,
        );
      }
      return gone.length;
    });
  }

  /**
   * The escalation ladder: an alert still `open` (nobody acknowledged it) `afterMinutes` of the next
   * rung (default `escalationMinutes`) after its last notice goes up one level, up to
   * `maxEscalationLevel`, and that level's contacts are told; each step is recorded on the alert
   * (`escalations`). Rows are locked `SKIP LOCKED`: two workers never escalate one alert twice.
   */
  async escalate(now = new Date()): Promise<number> {
    const s = await loadTrackingSettings(this.p.database.db, true);
    let n = 0;
    for (let level = 0; level < s.maxEscalationLevel; level++) {
      const minutes = rungOf(s.escalationLadder, level + 1).afterMinutes ?? s.escalationMinutes;
      const cutoff = new Date(now.getTime() - minutes * 60_000);
      n += await this.p.database.db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(alerts)
          .where(
            and(
              eq(alerts.state, 'open'),
              eq(alerts.escalationLevel, level),
              or(isNull(alerts.lastNotifiedAt), lt(alerts.lastNotifiedAt, cutoff)),
            ),
          )
          .orderBy(alerts.openedAt)
          .limit(500)
          .for('update', { skipLocked: true });
        for (const a of due) {
          const reached = await notifyLevel(
            tx,
            this.p.notifier,
            { alertId: a.id, type: a.type, deviceId: a.deviceId, centreId: a.centreId, personId: a.personId },
            level + 1,
            now,
            s,
          );
          this.p.log.warn(
            { alertId: a.id, deviceId: a.deviceId, level: reached },
            'tracking alert escalated',
          );
        }
        return due.length;
      });
    }
    if (n > 0) await this.p.notifier.flush();
    return n;
  }

  /** Deletes positions older than the retention; whole monthly partitions are dropped when entirely old. */
  async purge(now = new Date()): Promise<number> {
    const s = await loadTrackingSettings(this.p.database.db, true);
    const cutoff = new Date(now.getTime() - s.retentionDays * 24 * 3600_000);
    const db = this.p.database.db;
    for (const part of await this.partitions()) {
      if (part.to && part.to <= cutoff) await db.execute(sql.raw(`DROP TABLE IF EXISTS "${part.name}"`));
    }
    const res = resultRows<{ n: number }>(
      await db.execute(
        sql`WITH d AS (DELETE FROM positions WHERE fix_time < ${cutoff.toISOString()}::timestamptz RETURNING 1) SELECT count(*)::int AS n FROM d`,
      ),
    );
    return res[0]?.n ?? 0;
  }

  /** Monthly partitions (UTC months) from this month to MONTHS_AHEAD ahead. */
  async ensurePartitions(now = new Date()): Promise<string[]> {
    const made: string[] = [];
    const existing = new Set((await this.partitions()).map((p) => p.name));
    for (let i = 0; i <= MONTHS_AHEAD; i++) {
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const name = `positions_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
      if (existing.has(name)) continue;
      const f = from.toISOString();
      const t = to.toISOString();
      await this.p.database.db.transaction(async (tx) => {
        // Rows already in the default partition for this month move into the new one.
        await tx.execute(sql.raw(`CREATE TABLE "${name}" (LIKE positions INCLUDING DEFAULTS)`));
        await tx.execute(
          sql.raw(
            `WITH moved AS (DELETE FROM positions_default WHERE fix_time >= '${f}' AND fix_time < '${t}' RETURNING *) INSERT INTO "${name}" SELECT * FROM moved`,
          ),
        );
        await tx.execute(
          sql.raw(`ALTER TABLE positions ATTACH PARTITION "${name}" FOR VALUES FROM ('${f}') TO ('${t}')`),
        );
      });
      made.push(name);
    }
    return made;
  }

  async partitions(): Promise<{ name: string; to: Date | null }[]> {
    const rows = resultRows<{ name: string; bound: string }>(
      await this.p.database.db.execute(sql`
        SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'positions'::regclass`),
    );
    return rows.map((r) => {
      const m = /TO \('([^']+)'\)/.exec(r.bound);
      return { name: r.name, to: m ? new Date(m[1]!) : null };
    });
  }
}
