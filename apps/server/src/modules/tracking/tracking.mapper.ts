/** Rows to the HTTP contract's shapes (ISO times, no encrypted fields). */
import type { InferSelectModel } from 'drizzle-orm';
import type { alerts, dayCentres, deviceBindings, devices, zones } from './tracking.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCentreOut(c: InferSelectModel<typeof dayCentres>) {
  return {
    id: c.id,
    name: c.name,
    streetCode: c.streetCode,
    address: c.address,
    openingHours: c.openingHours,
    staffUserIds: c.staffUserIds,
    version: c.version,
  };
}

export function toDeviceOut(
  d: InferSelectModel<typeof devices>,
  b: InferSelectModel<typeof deviceBindings> | null,
) {
  return {
    id: d.id,
    uniqueId: d.uniqueId,
    protocol: d.protocol,
    model: d.model,
    centreId: d.centreId,
    status: d.status,
    batteryPercent: d.batteryPercent,
    lastFixTime: iso(d.lastFixTime),
    lastSeenAt: iso(d.lastSeenAt),
    personId: b?.personId ?? null,
    consent: !!b?.consentAt,
    version: d.version,
  };
}

export function toZoneOut(z: InferSelectModel<typeof zones>) {
  const g = z.geometry as {
    center?: { latitude: number; longitude: number };
    radiusM?: number;
    points?: { latitude: number; longitude: number }[];
  };
  return {
    id: z.id,
    name: z.name,
    kind: z.kind,
    center: g.center ?? null,
    radiusM: g.radiusM ?? null,
    points: g.points ?? null,
    schedule: z.schedule,
    centreId: z.centreId,
    personId: z.personId,
    exitConfirmFixes: z.exitConfirmFixes,
    exitConfirmSeconds: z.exitConfirmSeconds,
    active: z.active,
    version: z.version,
  };
}

export function toAlertOut(a: InferSelectModel<typeof alerts>) {
  return {
    id: a.id,
    type: a.type,
    state: a.state,
    deviceId: a.deviceId,
    personId: a.personId,
    zoneId: a.zoneId,
    centreId: a.centreId,
    openedAt: a.openedAt.toISOString(),
    fixTime: iso(a.fixTime),
    latitude: a.latitude,
    longitude: a.longitude,
    repeats: a.repeats,
    escalationLevel: a.escalationLevel,
    // Who was told stays in the database: the API says how many.
    escalations: a.escalations.map((e) => ({ level: e.level, at: e.at, notified: e.userIds.length })),
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: iso(a.acknowledgedAt),
    closedBy: a.closedBy,
    closedAt: iso(a.closedAt),
  };
}
