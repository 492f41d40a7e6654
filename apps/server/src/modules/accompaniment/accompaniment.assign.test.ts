/**
 * Property tests of the assignment rules (issue 7 item 6): never a volunteer without the skill or
 * level, the hospital, the time; never a double-booked volunteer; never a declined offer again;
 * nobody eligible and free left idle while a booking stays unfilled; the same answer whatever the
 * order of the volunteers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Availability } from '@jinglin/shared';
import { isAvailableThroughout, shanghaiDate } from '../care/care.availability.js';
import {
  ACCOMPANIMENT_SERVICES,
  assignVolunteers,
  refusalOf,
  type BookingNeed,
  type Candidate,
} from './accompaniment.assign.js';

const HOSPITALS = ['huadong', 'shiyi', 'shibei'];
const SKILLS = ['sign_language', 'blind_guiding', 'wheelchair_assistance', 'medical'];
/** Monday 2026-11-30 00:00 Shanghai. */
const MONDAY = Date.parse('2026-11-29T16:00:00Z');
const at = (day: number, minute: number) => new Date(MONDAY + day * 86_400_000 + minute * 60_000);
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const range = fc
  .tuple(fc.integer({ min: 7 * 4, max: 16 * 4 }), fc.integer({ min: 4, max: 44 }))
  .map(([q, len]) => ({ from: hhmm(q * 15), to: hhmm(Math.min(q * 15 + len * 15, 23 * 60 + 45)) }));
const availability: fc.Arbitrary<Availability> = fc.record({
  weekly: fc.record(
    Object.fromEntries(
      ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, fc.array(range, { maxLength: 3 })]),
    ) as Record<'1', fc.Arbitrary<{ from: string; to: string }[]>>,
  ) as fc.Arbitrary<Availability['weekly']>,
  exceptions: fc.uniqueArray(
    fc.record({
      date: fc.integer({ min: 0, max: 6 }).map((d) =>
        at(d, 0 + 8 * 60)
          .toISOString()
          .slice(0, 10),
      ),
      available: fc.boolean(),
      ranges: fc.array(range, { maxLength: 2 }),
    }),
    { maxLength: 2, selector: (e) => e.date },
  ),
});

const interval = fc
  .tuple(
    fc.integer({ min: 0, max: 6 }),
    fc.integer({ min: 8 * 4, max: 17 * 4 }),
    fc.integer({ min: 2, max: 16 }),
  )
  .map(([d, q, len]) => ({ start: at(d, q * 15), end: at(d, Math.min(q * 15 + len * 15, 23 * 60)) }));

const booking = (i: number) =>
  fc
    .record({
      hospitalId: fc.constantFrom(...HOSPITALS),
      service: fc.constantFrom(...ACCOMPANIMENT_SERVICES),
      minLevel: fc.integer({ min: 1, max: 3 }),
      when: interval,
    })
    .map(({ when, ...b }): BookingNeed => ({ id: `b${i}`, ...b, ...when }));

const candidate = (i: number, bookingIds: string[]) =>
  fc
    .record({
      active: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      skills: fc.uniqueArray(
        fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.integer({ min: 1, max: 3 }) }),
        { minLength: 1, maxLength: 4, selector: (s) => s.skill },
      ),
      availability,
      hospitalIds: fc.subarray(HOSPITALS, { minLength: 1 }),
      load: fc.integer({ min: 0, max: 5 }),
      lastServedAt: fc.option(fc.integer({ min: 0, max: 60 }).map((d) => new Date(MONDAY - d * 86_400_000))),
      busy: fc.array(interval, { maxLength: 2 }),
      declined: bookingIds.length
        ? fc.subarray(bookingIds, { maxLength: Math.min(2, bookingIds.length) })
        : fc.constant([]),
    })
    .map((c): Candidate => ({ id: `v${i}`, ...c }));

const scenario = fc
  .tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: 12 }))
  .chain(([nb, nc]) => {
    const ids = Array.from({ length: nb }, (_, i) => `b${i}`);
    return fc.tuple(
      fc.tuple(...Array.from({ length: nb }, (_, i) => booking(i))),
      nc
        ? fc.tuple(...Array.from({ length: nc }, (_, i) => candidate(i, ids)))
        : fc.constant([] as Candidate[]),
    );
  });

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) =>
  a.start < b.end && b.start < a.end;

describe('assignment rules (property-based)', () => {
  it('assigns only a volunteer with the skill and level, the hospital, the time, who did not decline', () => {
    fc.assert(
      fc.property(scenario, ([bookings, candidates]) => {
        const byId = new Map(candidates.map((c) => [c.id, c]));
        for (const a of assignVolunteers(bookings, candidates)) {
          if (!a.volunteerId) continue;
          const b = bookings.find((x) => x.id === a.bookingId)!;
          const c = byId.get(a.volunteerId)!;
          expect(refusalOf(c, b)).toBeNull();
          const skill = c.skills.find(
            (s) =>
              s.skill ===
              {
                sign_language: 'sign_language',
                blind_guide: 'blind_guiding',
                wheelchair: 'wheelchair_assistance',
              }[b.service],
          );
          expect(skill && skill.level >= b.minLevel).toBe(true);
          expect(c.hospitalIds).toContain(b.hospitalId);
          expect(c.declined).not.toContain(b.id);
          expect(isAvailableThroughout(c.availability, b.start, b.end)).toBe(true);
          expect(c.busy.some((x) => overlaps(x, b))).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never double-books a volunteer', () => {
    fc.assert(
      fc.property(scenario, ([bookings, candidates]) => {
        const result = assignVolunteers(bookings, candidates);
        const byVolunteer = new Map<string, BookingNeed[]>();
        for (const a of result) {
          if (!a.volunteerId) continue;
          const b = bookings.find((x) => x.id === a.bookingId)!;
          const mine = byVolunteer.get(a.volunteerId) ?? [];
          for (const other of mine)
            expect(overlaps(other, b), `${a.volunteerId}: ${other.id} and ${b.id}`).toBe(false);
          byVolunteer.set(a.volunteerId, [...mine, b]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('leaves a booking unfilled only when every volunteer is refused or serving an overlapping booking', () => {
    fc.assert(
      fc.property(scenario, ([bookings, candidates]) => {
        const result = assignVolunteers(bookings, candidates);
        for (const a of result) {
          if (a.volunteerId) continue;
          const b = bookings.find((x) => x.id === a.bookingId)!;
          for (const c of candidates) {
            if (refusalOf(c, b) !== null) continue;
            const serving = result
              .filter((r) => r.volunteerId === c.id)
              .map((r) => bookings.find((x) => x.id === r.bookingId)!);
            expect(
              serving.some((x) => overlaps(x, b)),
              `${c.id} was free for ${b.id}`,
            ).toBe(true);
          }
          expect(Object.keys(a.refusals ?? {}).sort()).toEqual(candidates.map((c) => c.id).sort());
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same answer whatever the order of the volunteers', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ([bookings, candidates], seed) => {
        const shuffled = [...candidates].sort(
          (x, y) => ((x.id.length * seed) % 7) - ((y.id.length * seed) % 7) || (x.id < y.id ? 1 : -1),
        );
        const strip = (r: ReturnType<typeof assignVolunteers>) => r.map((a) => [a.bookingId, a.volunteerId]);
        expect(strip(assignVolunteers(bookings, shuffled))).toEqual(
          strip(assignVolunteers(bookings, candidates)),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('assignment choices', () => {
  const always: Availability = {
    weekly: Object.fromEntries(
      ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ from: '07:00', to: '21:00' }]]),
    ) as Availability['weekly'],
    exceptions: [],
  };
  const vol = (id: string, over: Partial<Candidate> = {}): Candidate => ({
    id,
    active: true,
    skills: [{ skill: 'sign_language', level: 2 }],
    availability: always,
    hospitalIds: ['huadong'],
    load: 0,
    lastServedAt: null,
    busy: [],
    declined: [],
    ...over,
  });
  const tue = (id: string, over: Partial<BookingNeed> = {}): BookingNeed => ({
    id,
    hospitalId: 'huadong',
    service: 'sign_language',
    minLevel: 1,
    start: at(1, 13 * 60),
    end: at(1, 16 * 60),
    ...over,
  });

  it('spreads the work: the least loaded first, counting this run, then the longest idle', () => {
    const r = assignVolunteers(
      [
        tue('b1'),
        tue('b2', { start: at(2, 13 * 60), end: at(2, 16 * 60) }),
        tue('b3', { start: at(3, 13 * 60), end: at(3, 16 * 60) }),
      ],
      [
        vol('a', { load: 1 }),
        vol('b', { load: 0, lastServedAt: new Date(MONDAY - 86_400_000) }),
        vol('c', { load: 0, lastServedAt: null }),
      ],
    );
    expect(r.map((x) => x.volunteerId)).toEqual(['c', 'b', 'a']);
  });

  it('fills the scarce booking first: the only blind guide is kept for the blind patient', () => {
    const guide = vol('g', {
      skills: [
        { skill: 'sign_language', level: 2 },
        { skill: 'blind_guiding', level: 2 },
      ],
    });
    const r = assignVolunteers(
      [tue('sign'), tue('blind', { service: 'blind_guide' })],
      [guide, vol('s', { load: 3 })],
    );
    expect(r).toEqual([
      { bookingId: 'sign', volunteerId: 's' },
      { bookingId: 'blind', volunteerId: 'g' },
    ]);
  });

  it('says why nobody could take an unfilled booking', () => {
    const [a] = assignVolunteers(
      [tue('b', { minLevel: 3 })],
      [
        vol('low'),
        vol('far', { hospitalIds: ['shibei'], skills: [{ skill: 'sign_language', level: 3 }] }),
        vol('no', { declined: ['b'], skills: [{ skill: 'sign_language', level: 3 }] }),
      ],
    );
    expect(a).toEqual({
      bookingId: 'b',
      volunteerId: null,
      refusals: { low: 'level', far: 'hospital', no: 'declined' },
    });
  });
});

describe('isAvailableThroughout', () => {
  const a: Availability = {
    weekly: {
      '2': [
        { from: '08:00', to: '12:00' },
        { from: '12:00', to: '17:00' },
      ],
      '3': [{ from: '13:00', to: '15:00' }],
    },
    exceptions: [{ date: shanghaiDate(at(2, 0)), available: false, ranges: [] }],
  } as Availability;

  it('joins touching ranges, needs the whole interval, and honours exceptions', () => {
    expect(isAvailableThroughout(a, at(1, 11 * 60), at(1, 13 * 60))).toBe(true);
    expect(isAvailableThroughout(a, at(1, 16 * 60), at(1, 17 * 60))).toBe(true);
    expect(isAvailableThroughout(a, at(1, 16 * 60), at(1, 17 * 60 + 1))).toBe(false);
    expect(isAvailableThroughout(a, at(1, 7 * 60 + 59), at(1, 9 * 60))).toBe(false);
    expect(isAvailableThroughout(a, at(2, 13 * 60), at(2, 14 * 60)), 'off that day').toBe(false);
    expect(isAvailableThroughout(a, at(0, 9 * 60), at(0, 10 * 60)), 'no Monday ranges').toBe(false);
    expect(isAvailableThroughout(a, at(1, 23 * 60), at(2, 60)), 'across midnight').toBe(false);
  });
});

describe('the generator', () => {
  it('makes scenarios where bookings are filled and where some are not (so the properties bite)', () => {
    let filled = 0;
    let unfilled = 0;
    let refusedAsBusy = 0;
    for (const [bookings, candidates] of fc.sample(scenario, { numRuns: 300, seed: 42 })) {
      for (const a of assignVolunteers(bookings, candidates)) {
        if (a.volunteerId) filled++;
        else {
          unfilled++;
          if (Object.values(a.refusals ?? {}).includes('busy')) refusedAsBusy++;
        }
      }
    }
    expect(filled, `filled ${filled}, unfilled ${unfilled}`).toBeGreaterThan(300);
    expect(unfilled).toBeGreaterThan(300);
    expect(refusedAsBusy).toBeGreaterThan(20);
  });
});
