/**
 * Day centres, devices, bindings (with consent) and zones: the administrative side of tracking.
 * Every change is audited (ids only) and drops the ingest cache of the devices it touches.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { ageOn, normaliseIdentifier } from '@jinglin/shared';
import type {
  DayCentreBody,
  DayCentrePatch,
  DevicePatchBody,
  DeviceCreateBody,
  ZoneBody,
} from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { certificates, persons, streets } from '../../platform/db/schema.js';
import { certificateIndex, idNumberIndex } from '../registry/registry.rows.js';
import { dayCentres, deviceBindings, devices, zones } from './tracking.tables.js';
import { normaliseUniqueId, type TrackingIngest } from './tracking.ingest.js';
import { toCentreOut, toDeviceOut, toZoneOut } from './tracking.mapper.js';

export class TrackingService {
  constructor(
    private readonly p: Platform,
    private readonly ingest: TrackingIngest,
  ) {}

  private get db() {
    return this.p.database.db;
  }

  // ---- day centres

  async listCentres() {
    return (await this.db.select().from(dayCentres).orderBy(dayCentres.name)).map(toCentreOut);
  }

  async getCentre(id: string) {
    const [c] = await this.db.select().from(dayCentres).where(eq(dayCentres.id, id));
    if (!c) throw notFound();
    return toCentreOut(c);
  }

  async createCentre(actor: Actor, body: z.infer<typeof DayCentreBody>) {
    return this.db.transaction(async (tx) => {
      await this.checkStreet(tx, body.streetCode);
      const id = newId();
      const [row] = await tx
        .insert(dayCentres)
        .values({ id, ...body })
        .returning();
      await recordAudit(tx, actor, {
        action: 'tracking.centre.create',
        objectType: 'day_centre',
        objectId: id,
      });
      return toCentreOut(row!);
    });
  }

  async patchCentre(actor: Actor, id: string, version: number, body: z.infer<typeof DayCentrePatch>) {
    const out = await this.db.transaction(async (tx) => {
      if (body.streetCode) await this.checkStreet(tx, body.streetCode);
      const [row] = await tx
        .update(dayCentres)
        .set({ ...body, version: version + 1 })
        .where(and(eq(dayCentres.id, id), eq(dayCentres.version, version)))
        .returning();
      if (!row) {
        const [exists] = await tx.select({ id: dayCentres.id }).from(dayCentres).where(eq(dayCentres.id, id));
        throw exists ? new AppError('version_mismatch') : notFound();
      }
      await recordAudit(tx, actor, {
        action: 'tracking.centre.update',
        objectType: 'day_centre',
        objectId: id,
      });
      return toCentreOut(row);
    });
    this.ingest.invalidate();
    return out;
  }

  private async checkStreet(tx: Tx, code: string) {
    const [s] = await tx.select({ code: streets.code }).from(streets).where(eq(streets.code, code));
    if (!s) throw invalid('streetCode', 'not_found');
  }

  // ---- devices

  async listDevices(centreId?: string) {
    const rows = await this.db
      .select({ d: devices, b: deviceBindings, name: persons.name })
      .from(devices)
      .leftJoin(deviceBindings, and(eq(deviceBindings.deviceId, devices.id), isNull(deviceBindings.endedAt)))
      .leftJoin(persons, eq(persons.id, deviceBindings.personId))
      .where(centreId ? eq(devices.centreId, centreId) : undefined)
      .orderBy(devices.uniqueId)
      .limit(5000);
    return rows.map((r) => ({ ...toDeviceOut(r.d, r.b), personName: maskName(r.name) }));
  }

  async getDevice(id: string) {
    const [r] = await this.db
      .select({ d: devices, b: deviceBindings, name: persons.name })
      .from(devices)
      .leftJoin(deviceBindings, and(eq(deviceBindings.deviceId, devices.id), isNull(deviceBindings.endedAt)))
      .leftJoin(persons, eq(persons.id, deviceBindings.personId))
      .where(eq(devices.id, id));
    if (!r) throw notFound();
    return { ...toDeviceOut(r.d, r.b), personName: maskName(r.name) };
  }

  async createDevice(actor: Actor, body: z.infer<typeof DeviceCreateBody>) {
    const uniqueId = normaliseUniqueId(body.uniqueId, body.protocol);
    if (body.protocol === 'jt808' && !/^\d{1,20}$/.test(uniqueId))
      throw invalid('uniqueId', 'invalid_format');
    const id = newId();
    await this.db.transaction(async (tx) => {
      const [dup] = await tx.select({ id: devices.id }).from(devices).where(eq(devices.uniqueId, uniqueId));
      if (dup) throw invalid('uniqueId', 'duplicate');
      if (body.centreId) await this.centreExists(tx, body.centreId);
      await tx.insert(devices).values({
        id,
        uniqueId,
        protocol: body.protocol,
        model: body.model,
        simPhoneEnc: body.simPhone ? this.p.crypto.encrypt(body.simPhone) : null,
        centreId: body.centreId ?? null,
      });
      await recordAudit(tx, actor, { action: 'tracking.device.create', objectType: 'device', objectId: id });
      if (body.personId) await this.bindIn(tx, actor, id, body.personId, body.consent);
    });
    return this.getDevice(id);
  }

  async patchDevice(actor: Actor, id: string, version: number, body: z.infer<typeof DevicePatchBody>) {
    await this.db.transaction(async (tx) => {
      if (body.centreId) await this.centreExists(tx, body.centreId);
      const { simPhone, ...rest } = body;
      const [row] = await tx
        .update(devices)
        .set({
          ...rest,
          ...(simPhone !== undefined
            ? { simPhoneEnc: simPhone ? this.p.crypto.encrypt(simPhone) : null }
            : {}),
          version: version + 1,
        })
        .where(and(eq(devices.id, id), eq(devices.version, version)))
        .returning({ id: devices.id });
      if (!row) {
        const [exists] = await tx.select({ id: devices.id }).from(devices).where(eq(devices.id, id));
        throw exists ? new AppError('version_mismatch') : notFound();
      }
      await recordAudit(tx, actor, { action: 'tracking.device.update', objectType: 'device', objectId: id });
    });
    this.ingest.invalidate(id);
    return this.getDevice(id);
  }

  private async centreExists(tx: Tx, id: string) {
    const [c] = await tx.select({ id: dayCentres.id }).from(dayCentres).where(eq(dayCentres.id, id));
    if (!c) throw invalid('centreId', 'not_found');
  }

  /**
   * The trainee to bind, found by the exact ID number or certificate number (blind indexes): for
   * administrators, who hold no registry access. Only the masked name, gender, age and street come
   * back; every look-up is audited.
   */
  async findTrainees(actor: Actor, number: string | undefined) {
    if (!number) return [];
    const n = normaliseIdentifier(number);
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .select({
          id: persons.id,
          name: persons.name,
          gender: persons.gender,
          birthDate: persons.birthDate,
          streetCode: persons.streetCode,
        })
        .from(persons)
        .where(
          and(
            isNull(persons.mergedInto),
            or(
              eq(persons.idNumberBidx, idNumberIndex(this.p.crypto, n)),
              inArray(
                persons.id,
                tx
                  .select({ id: certificates.personId })
                  .from(certificates)
                  .where(eq(certificates.numberBidx, certificateIndex(this.p.crypto, n))),
              ),
            ),
          ),
        )
        .limit(5);
      await recordAudit(tx, actor, { action: 'tracking.trainee.lookup', details: { count: rows.length } });
      const today = new Date().toISOString().slice(0, 10);
      return rows.map((r) => ({
        id: r.id,
        name: maskName(r.name) ?? '',
        gender: r.gender,
        age: ageOn(r.birthDate, today),
        streetCode: r.streetCode,
      }));
    });
  }

  async bind(actor: Actor, deviceId: string, personId: string, consent?: { by: string; note: string }) {
    await this.db.transaction(async (tx) => {
      const [d] = await tx.select({ id: devices.id }).from(devices).where(eq(devices.id, deviceId));
      if (!d) throw notFound();
      await tx
        .update(deviceBindings)
        .set({ endedAt: new Date() })
        .where(and(eq(deviceBindings.deviceId, deviceId), isNull(deviceBindings.endedAt)));
      await this.bindIn(tx, actor, deviceId, personId, consent);
    });
    this.ingest.invalidate(deviceId);
    return this.getDevice(deviceId);
  }

  private async bindIn(
    tx: Tx,
    actor: Actor,
    deviceId: string,
    personId: string,
    consent?: { by: string; note: string },
  ) {
    const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId));
    if (!person) throw invalid('personId', 'not_found');
    const id = newId();
    await tx.insert(deviceBindings).values({
      id,
      deviceId,
      personId,
      consentBy: consent?.by ?? null,
      consentAt: consent ? new Date() : null,
      consentNote: consent?.note ?? null,
      recordedBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'tracking.device.bind',
      objectType: 'device',
      objectId: deviceId,
      details: { personId, bindingId: id, consent: !!consent },
    });
  }

  async unbind(actor: Actor, deviceId: string) {
    await this.db.transaction(async (tx) => {
      const ended = await tx
        .update(deviceBindings)
        .set({ endedAt: new Date() })
        .where(and(eq(deviceBindings.deviceId, deviceId), isNull(deviceBindings.endedAt)))
        .returning({ id: deviceBindings.id });
      if (ended.length === 0) throw notFound();
      await recordAudit(tx, actor, {
        action: 'tracking.device.unbind',
        objectType: 'device',
        objectId: deviceId,
      });
    });
    this.ingest.invalidate(deviceId);
    return this.getDevice(deviceId);
  }

  // ---- zones

  async listZones(centreId?: string) {
    const rows = await this.db
      .select()
      .from(zones)
      .where(centreId ? eq(zones.centreId, centreId) : undefined)
      .orderBy(zones.name);
    return rows.map(toZoneOut);
  }

  async createZone(actor: Actor, body: z.infer<typeof ZoneBody>) {
    const id = newId();
    const out = await this.db.transaction(async (tx) => {
      await this.centreExists(tx, body.centreId);
      const [row] = await tx
        .insert(zones)
        .values({ id, ...zoneColumns(body) })
        .returning();
      await recordAudit(tx, actor, { action: 'tracking.zone.create', objectType: 'zone', objectId: id });
      return toZoneOut(row!);
    });
    this.ingest.invalidate();
    return out;
  }

  async updateZone(actor: Actor, id: string, version: number, body: z.infer<typeof ZoneBody>) {
    const out = await this.db.transaction(async (tx) => {
      await this.centreExists(tx, body.centreId);
      const [row] = await tx
        .update(zones)
        .set({ ...zoneColumns(body), version: version + 1 })
        .where(and(eq(zones.id, id), eq(zones.version, version)))
        .returning();
      if (!row) {
        const [exists] = await tx.select({ id: zones.id }).from(zones).where(eq(zones.id, id));
        throw exists ? new AppError('version_mismatch') : notFound();
      }
      await recordAudit(tx, actor, { action: 'tracking.zone.update', objectType: 'zone', objectId: id });
      return toZoneOut(row);
    });
    this.ingest.invalidate();
    return out;
  }

  async deleteZone(actor: Actor, id: string) {
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(zones)
        .set({ active: false })
        .where(eq(zones.id, id))
        .returning({ id: zones.id });
      if (!row) throw notFound();
      await recordAudit(tx, actor, { action: 'tracking.zone.deactivate', objectType: 'zone', objectId: id });
    });
    this.ingest.invalidate();
  }
}

/** 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明: the surname and the last character. */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

function zoneColumns(body: z.infer<typeof ZoneBody>) {
  if (body.kind === 'circle' && (!body.center || !body.radiusM)) throw invalid('center', 'required');
  if (body.kind === 'polygon' && !body.points) throw invalid('points', 'required');
  return {
    name: body.name,
    kind: body.kind,
    geometry:
      body.kind === 'circle' ? { center: body.center, radiusM: body.radiusM } : { points: body.points },
    schedule: body.schedule,
    centreId: body.centreId,
    personId: body.personId,
    exitConfirmFixes: body.exitConfirmFixes,
    exitConfirmSeconds: body.exitConfirmSeconds,
    active: body.active,
  };
}
