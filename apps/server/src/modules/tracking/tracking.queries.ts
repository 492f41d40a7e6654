/**
 * What people see: position history (time-bounded, paginated, every view audited), alerts with
 * acknowledge/close, a centre's live map and a guardian's ward. Visibility: a device bound to a
 * trainee is seen only by the staff of the device's day centre (and the trainee's guardians through
 * /me); an unbound device (installation, testing) by administrators (tracking.manage).
 */
import { and, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { guardians, persons } from '../../platform/db/schema.js';
import { alerts, dayCentres, deviceBindings, devices, positions, zones } from './tracking.tables.js';
import { toAlertOut, toZoneOut } from './tracking.mapper.js';

const MAX_RANGE_MS = 7 * 24 * 3600_000;

export class TrackingQueries {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  /** Centres where the actor is on the staff list. */
  async centresOf(tx: Tx, actor: Actor): Promise<string[]> {
    if (!actor.userId) return [];
    const rows = await tx
      .select({ id: dayCentres.id })
      .from(dayCentres)
      .where(sql`${actor.userId}::uuid = ANY(${dayCentres.staffUserIds})`);
    return rows.map((r) => r.id);
  }

  /** The device if the actor may see its data; otherwise not found (existence isn't leaked). */
  private async visibleDevice(tx: Tx, actor: Actor, deviceId: string) {
    const [r] = await tx
      .select({ id: devices.id, centreId: devices.centreId, personId: deviceBindings.personId })
      .from(devices)
      .leftJoin(deviceBindings, and(eq(deviceBindings.deviceId, devices.id), isNull(deviceBindings.endedAt)))
      .where(eq(devices.id, deviceId));
    if (!r) throw notFound();
    if (r.personId) {
      const mine = await this.centresOf(tx, actor);
      if (!r.centreId || !mine.includes(r.centreId)) throw notFound();
    } else if (!can(actor, 'tracking.manage')) throw notFound();
    return r;
  }

  async history(
    actor: Actor,
    deviceId: string,
    q: { from: string; to: string; cursor?: string; limit: number },
  ) {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (!(to > from)) throw invalid('to', 'before_from');
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw invalid('to', 'range_too_long');
    return this.db.transaction(async (tx) => {
      const dev = await this.visibleDevice(tx, actor, deviceId);
      let after: SQL | undefined;
      if (q.cursor) {
        const [t, id] = q.cursor.split('_');
        if (!t || !id || !/^\d+$/.test(t) || !/^\d+$/.test(id)) throw invalid('cursor', 'invalid');
        const ct = new Date(Number(t)).toISOString();
        after = sql`(${positions.fixTime}, ${positions.id}) > (${ct}::timestamptz, ${Number(id)})`;
      }
      const rows = await tx
        .select()
        .from(positions)
        .where(
          and(
            eq(positions.deviceId, deviceId),
            sql`${positions.fixTime} >= ${from.toISOString()}::timestamptz`,
            lt(positions.fixTime, to),
            after,
            // Positions of a bound device are shown only from its current trainee's time.
            dev.personId ? eq(positions.personId, dev.personId) : isNull(positions.personId),
          ),
        )
        .orderBy(positions.fixTime, positions.id)
        .limit(q.limit + 1);
      const more = rows.length > q.limit;
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      await recordAudit(tx, actor, {
        action: 'tracking.positions.view',
        objectType: 'device',
        objectId: deviceId,
        details: {
          personId: dev.personId,
          from: from.toISOString(),
          to: to.toISOString(),
          count: page.length,
        },
      });
      return {
        items: page.map((r) => ({
          fixTime: r.fixTime.toISOString(),
          receivedAt: r.receivedAt.toISOString(),
          latitude: r.latitude,
          longitude: r.longitude,
          valid: r.valid,
          speedKmh: r.speedKmh,
          course: r.course,
          altitudeM: r.altitudeM,
          accuracyM: r.accuracyM,
          batteryPercent: r.batteryPercent,
          backfill: r.backfill,
          attributes: r.attributes as Record<string, unknown>,
        })),
        nextCursor: more && last ? `${last.fixTime.getTime()}_${last.id}` : null,
      };
    });
  }

  private async alertScope(tx: Tx, actor: Actor): Promise<SQL> {
    const mine = await this.centresOf(tx, actor);
    const parts: SQL[] = [];
    if (mine.length > 0)
      parts.push(and(sql`${alerts.personId} IS NOT NULL`, inArray(alerts.centreId, mine))!);
    if (can(actor, 'tracking.manage')) parts.push(isNull(alerts.personId));
    return parts.length > 0 ? or(...parts)! : sql`false`;
  }

  async listAlerts(
    actor: Actor,
    q: {
      deviceId?: string;
      centreId?: string;
      state?: 'open' | 'acknowledged' | 'closed';
      cursor?: string;
      limit: number;
    },
  ) {
    return this.db.transaction(async (tx) => {
      const scope = await this.alertScope(tx, actor);
      const rows = await tx
        .select({ a: alerts, personName: persons.name, deviceUniqueId: devices.uniqueId })
        .from(alerts)
        .leftJoin(persons, eq(persons.id, alerts.personId))
        .innerJoin(devices, eq(devices.id, alerts.deviceId))
        .where(
          and(
            scope,
            q.deviceId ? eq(alerts.deviceId, q.deviceId) : undefined,
            q.centreId ? eq(alerts.centreId, q.centreId) : undefined,
            q.state ? eq(alerts.state, q.state) : undefined,
            q.cursor ? lt(alerts.id, q.cursor) : undefined,
          ),
        )
        .orderBy(desc(alerts.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          ...toAlertOut(r.a),
          personName: r.personName,
          deviceUniqueId: r.deviceUniqueId,
        })),
        nextCursor: rows.length > q.limit ? page.at(-1)!.a.id : null,
      };
    });
  }

  async transition(actor: Actor, id: string, to: 'acknowledged' | 'closed') {
    return this.db.transaction(async (tx) => {
      const scope = await this.alertScope(tx, actor);
      const [a] = await tx
        .select()
        .from(alerts)
        .where(and(eq(alerts.id, id), scope));
      if (!a) throw notFound();
      if (a.state === 'closed' || (to === 'acknowledged' && a.state !== 'open'))
        throw new AppError('invalid_state');
      const now = new Date();
      const [row] = await tx
        .update(alerts)
        .set(
          to === 'acknowledged'
            ? { state: 'acknowledged', acknowledgedBy: actor.userId, acknowledgedAt: now }
            : { state: 'closed', closedBy: actor.userId, closedAt: now },
        )
        .where(eq(alerts.id, id))
        .returning();
      await recordAudit(tx, actor, {
        action: `tracking.alert.${to === 'closed' ? 'close' : 'acknowledge'}`,
        objectType: 'alert',
        objectId: id,
      });
      return toAlertOut(row!);
    });
  }

  async live(actor: Actor, centreId: string) {
    return this.db.transaction(async (tx) => {
      const mine = await this.centresOf(tx, actor);
      if (!mine.includes(centreId)) throw notFound();
      return this.liveOf(
        tx,
        and(eq(devices.centreId, centreId), sql`${deviceBindings.consentAt} IS NOT NULL`)!,
      );
    });
  }

  private async liveOf(tx: Tx, where: SQL) {
    const rows = await tx
      .select({
        deviceId: devices.id,
        personId: deviceBindings.personId,
        status: devices.status,
        batteryPercent: devices.batteryPercent,
        lastFixTime: devices.lastFixTime,
        latitude: devices.lastLatitude,
        longitude: devices.lastLongitude,
        openAlerts: sql<number>`(SELECT count(*)::int FROM alerts a WHERE a.device_id = ${devices.id} AND a.state <> 'closed' AND a.person_id = ${deviceBindings.personId})`,
        name: persons.name,
        centreId: devices.centreId,
        // Outside any active zone beats inside one; zones not watched now are 'unknown'.
        zoneState: sql<
          'inside' | 'outside' | 'unknown'
        >`(SELECT CASE WHEN bool_or(s.state = 'outside') THEN 'outside' WHEN bool_or(s.state = 'inside') THEN 'inside' ELSE 'unknown' END
          FROM device_zone_states s JOIN zones z ON z.id = s.zone_id AND z.active
          WHERE s.device_id = ${devices.id})`,
      })
      .from(devices)
      .innerJoin(deviceBindings, and(eq(deviceBindings.deviceId, devices.id), isNull(deviceBindings.endedAt)))
      .leftJoin(persons, eq(persons.id, deviceBindings.personId))
      .where(where)
      .orderBy(persons.namePinyin, devices.id)
      .limit(2000);
    return rows.map((r) => ({ ...r, lastFixTime: r.lastFixTime ? r.lastFixTime.toISOString() : null }));
  }

  /** A centre's active zones, for its staff's live map (the zone editor uses listZones). */
  async centreZones(actor: Actor, centreId: string) {
    return this.db.transaction(async (tx) => {
      const mine = await this.centresOf(tx, actor);
      if (!mine.includes(centreId) && !can(actor, 'tracking.manage')) throw notFound();
      const rows = await tx
        .select()
        .from(zones)
        .where(and(eq(zones.centreId, centreId), eq(zones.active, true)))
        .orderBy(zones.name);
      return rows.map(toZoneOut);
    });
  }

  private async wardsOf(tx: Tx, actor: Actor): Promise<string[]> {
    if (!actor.userId) return [];
    const rows = await tx
      .select({ personId: guardians.personId })
      .from(guardians)
      .where(eq(guardians.userId, actor.userId));
    return rows.map((r) => r.personId);
  }

  /** The active zones that watch a guardian's wards (their centre's, and those set for the ward). */
  async myZones(actor: Actor) {
    return this.db.transaction(async (tx) => {
      const wards = await this.wardsOf(tx, actor);
      if (wards.length === 0) return [];
      const watched = await tx
        .select({ centreId: devices.centreId, personId: deviceBindings.personId })
        .from(devices)
        .innerJoin(
          deviceBindings,
          and(eq(deviceBindings.deviceId, devices.id), isNull(deviceBindings.endedAt)),
        )
        .where(and(inArray(deviceBindings.personId, wards), sql`${deviceBindings.consentAt} IS NOT NULL`));
      const centreIds = [...new Set(watched.flatMap((w) => (w.centreId ? [w.centreId] : [])))];
      if (centreIds.length === 0) return [];
      const rows = await tx
        .select()
        .from(zones)
        .where(
          and(
            inArray(zones.centreId, centreIds),
            eq(zones.active, true),
            or(isNull(zones.personId), inArray(zones.personId, wards)),
          ),
        )
        .orderBy(zones.name);
      return rows.map(toZoneOut);
    });
  }

  /** A guardian's wards: last position of each consented, bound device. */
  async myWards(actor: Actor) {
    return this.db.transaction(async (tx) => {
      const wards = await this.wardsOf(tx, actor);
      if (wards.length === 0) return [];
      const out = await this.liveOf(
        tx,
        and(inArray(deviceBindings.personId, wards), sql`${deviceBindings.consentAt} IS NOT NULL`)!,
      );
      await recordAudit(tx, actor, { action: 'tracking.ward.view', details: { devices: out.length } });
      return out;
    });
  }

  async myAlerts(actor: Actor, limit: number) {
    return this.db.transaction(async (tx) => {
      const wards = await this.wardsOf(tx, actor);
      if (wards.length === 0) return [];
      const since = new Date(Date.now() - 30 * 24 * 3600_000);
      const rows = await tx
        .select()
        .from(alerts)
        .where(
          and(inArray(alerts.personId, wards), gt(alerts.openedAt, since), lte(alerts.openedAt, new Date())),
        )
        .orderBy(desc(alerts.openedAt))
        .limit(limit);
      return rows.map(toAlertOut);
    });
  }
}
