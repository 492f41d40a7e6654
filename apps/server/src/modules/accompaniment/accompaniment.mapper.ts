/** Rows → the HTTP contract's outputs (packages/shared/src/schemas/accompaniment.ts). */
import type { z } from 'zod';
import type { AccBookingOut, AccHospitalOut, AccSessionOut } from '@jinglin/shared';
import type { accBookings, accHospitals, accSessions } from './accompaniment.tables.js';

type Hospital = typeof accHospitals.$inferSelect;
type Session = typeof accSessions.$inferSelect;
type Booking = typeof accBookings.$inferSelect;

export const toHospitalOut = (h: Hospital): z.infer<typeof AccHospitalOut> => ({
  id: h.id,
  code: h.code,
  name: h.name,
  address: h.address,
  meetingPoint: h.meetingPoint,
  departments: h.departments,
  phone: h.phone,
  active: h.active,
  version: h.version,
});

export const toSessionOut = (s: Session): z.infer<typeof AccSessionOut> => ({
  id: s.id,
  hospitalId: s.hospitalId,
  weekday: s.weekday,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  services: s.services as z.infer<typeof AccSessionOut>['services'],
  capacity: s.capacity,
  minLevel: s.minLevel,
  validFrom: s.validFrom,
  validTo: s.validTo,
  active: s.active,
  version: s.version,
});

export interface BookingJoin {
  b: Booking;
  hospitalName: string;
  meetingPoint: string;
  personName: string;
  volunteerName: string | null;
  offerVolunteerId: string | null;
  offerState: 'offered' | 'accepted' | 'declined' | 'withdrawn' | null;
}

export const toBookingOut = (r: BookingJoin): z.infer<typeof AccBookingOut> => ({
  id: r.b.id,
  ref: r.b.ref,
  hospital: { id: r.b.hospitalId, name: r.hospitalName, meetingPoint: r.meetingPoint },
  sessionId: r.b.sessionId,
  date: r.b.date,
  startsAt: r.b.startsAt.toISOString(),
  endsAt: r.b.endsAt.toISOString(),
  service: r.b.service,
  department: r.b.department,
  note: r.b.note,
  channel: r.b.channel,
  state: r.b.state,
  personName: r.personName,
  volunteer: r.b.volunteerId && r.volunteerName ? { id: r.b.volunteerId, name: r.volunteerName } : null,
  offer: r.offerVolunteerId && r.offerState ? { volunteerId: r.offerVolunteerId, state: r.offerState } : null,
  checkedInAt: r.b.checkedInAt?.toISOString() ?? null,
  checkedOutAt: r.b.checkedOutAt?.toISOString() ?? null,
  minutes: r.b.minutes,
  steps: r.b.steps as z.infer<typeof AccBookingOut>['steps'],
  rating: r.b.rating,
  feedback: r.b.feedback,
  version: r.b.version,
});
