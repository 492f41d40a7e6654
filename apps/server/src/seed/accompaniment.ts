/**
 * The hospital accompaniment demo (issue 7, 静安有爱 就医无碍), synthetic and marked so: the three
 * partner hospitals (华东医院, 上海市第十人民医院, 上海市市北医院 — the last one's address still to be
 * checked) with departments and a meeting point; three weekly sessions (华东 Tuesday afternoon,
 * 十院 Thursday morning, 市北 Friday afternoon: three a week, the programme's target), timed inside
 * the demo volunteer's weekly availability (Tuesday 14:00–17:00, Thursday 09:00–11:30) so the
 * automatic assignment can offer them; the next 元旦 as a public holiday; demo_volunteer and a
 * dozen volunteers with a matching skill willing at the hospitals; the hospital-desk account
 * `demo_desk` (华东医院); and a handful of bookings of synthetic persons: the demo resident's
 * (17000000001) next visit, confirmed by demo_volunteer, and a past one completed with feedback;
 * the demo guardian's ward's past visit awaiting a rating; others booked, unfilled, completed and
 * missed. Completed visits add the volunteer's hours like a check-out does. Idempotent: does
 * nothing once the first demo hospital exists. Rows go in in bulk (nobody acted: no audit).
 */
import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Platform } from '../platform/platform.js';
import type { Tx } from '../platform/db/client.js';
import { systemActor } from '../platform/access/actor.js';
import { newId } from '../platform/ids.js';
import { persons, users } from '../platform/db/schema.js';
import { UsersService } from '../modules/users/users.service.js';
import { personsOfAccount } from '../modules/registry/portal-persons.js';
import { careVolunteers } from '../modules/care/care.tables.js';
import { recordServiceForSource } from '../modules/care/hours/hours.recorder.js';
import {
  accBookings,
  accDeskUsers,
  accHolidays,
  accHospitals,
  accOffers,
  accSessions,
  accVolunteerHospitals,
} from '../modules/accompaniment/accompaniment.tables.js';
import { shanghaiInstant } from '../modules/accompaniment/accompaniment.calendar.js';
import type { DemoAccount } from './demo.js';

type Service = 'sign_language' | 'blind_guide' | 'wheelchair';
type BookingRow = typeof accBookings.$inferInsert;

const DEPARTMENTS = [
  ['ent', '耳鼻喉科'],
  ['ophthalmology', '眼科'],
  ['internal', '内科'],
  ['orthopaedics', '骨科'],
  ['neurology', '神经内科'],
  ['cardiology', '心内科'],
  ['rehabilitation', '康复医学科'],
  ['stomatology', '口腔科'],
  ['dermatology', '皮肤科'],
] as const;
const departments = (codes: readonly string[]) =>
  DEPARTMENTS.filter(([c]) => codes.includes(c)).map(([code, name]) => ({ code, name }));

export const DEMO_HOSPITALS = [
  {
    code: 'huadong',
    name: '华东医院',
    address: '静安区延安西路221号',
    meetingPoint: '门诊大厅一楼服务台（延安西路221号正门进）',
    departments: departments(DEPARTMENTS.map(([c]) => c)),
    session: { weekday: 2, startsAt: '14:00', endsAt: '16:30', capacity: 6 },
    services: ['sign_language', 'blind_guide'] as Service[],
  },
  {
    code: 'shiyuan',
    name: '上海市第十人民医院',
    address: '静安区延长中路301号',
    meetingPoint: '门诊楼一楼志愿者服务台',
    departments: departments([
      'ent',
      'ophthalmology',
      'internal',
      'orthopaedics',
      'neurology',
      'cardiology',
      'rehabilitation',
    ]),
    session: { weekday: 4, startsAt: '09:00', endsAt: '11:30', capacity: 4 },
    services: ['sign_language', 'blind_guide', 'wheelchair'] as Service[],
  },
  {
    code: 'shibei',
    name: '上海市市北医院',
    address: '待核实',
    meetingPoint: '门诊大厅导医台',
    departments: departments(['ent', 'ophthalmology', 'internal', 'orthopaedics', 'rehabilitation']),
    session: { weekday: 5, startsAt: '13:30', endsAt: '16:30', capacity: 4 },
    services: ['sign_language', 'wheelchair'] as Service[],
  },
];

const DAY = 86_400_000;
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
/** The first date strictly after `today` on an ISO weekday. */
const nextOn = (today: string, wd: number) => addDays(today, ((wd - weekdayOf(today) + 6) % 7) + 1);
/** The last date strictly before `today` on an ISO weekday, `weeksBack` weeks further back. */
const lastOn = (today: string, wd: number, weeksBack = 0) =>
  addDays(today, -(((weekdayOf(today) - wd + 6) % 7) + 1) - 7 * weeksBack);

const SKILL: Record<Service, string> = {
  sign_language: 'sign_language',
  blind_guide: 'blind_guiding',
  wheelchair: 'wheelchair_assistance',
};
/** The registry's disability category a service is usually booked for (1 视力, 2 听力, 4 肢体). */
const CATEGORY: Record<Service, number> = { sign_language: 2, blind_guide: 1, wheelchair: 4 };

export async function seedAccompaniment(p: Platform, opts: { password: string }): Promise<DemoAccount[]> {
  const db = p.database.db;
  const [done] = await db
    .select({ id: accHospitals.id })
    .from(accHospitals)
    .where(eq(accHospitals.code, DEMO_HOSPITALS[0]!.code))
    .limit(1);
  if (done) return [];
  const { user: desk } = await new UsersService(p).create(
    systemActor(),
    {
      username: 'demo_desk',
      displayName: '华东医院服务台（示例）',
      roles: ['hospital_desk'],
      password: opts.password,
    },
    { enforcePolicy: false },
  );
  const today = shanghaiToday();
  await db.transaction(async (tx) => {
    const hospitals = DEMO_HOSPITALS.map((h) => ({ ...h, id: newId(), sessionId: newId() }));
    await tx.insert(accHospitals).values(
      hospitals.map((h) => ({
        id: h.id,
        code: h.code,
        name: h.name,
        address: h.address,
        meetingPoint: h.meetingPoint,
        departments: h.departments,
      })),
    );
    await tx.insert(accSessions).values(
      hospitals.map((h) => ({
        id: h.sessionId,
        hospitalId: h.id,
        ...h.session,
        services: h.services,
        validFrom: `${Number(today.slice(0, 4)) - 1}-01-01`,
      })),
    );
    const year = Number(today.slice(0, 4)) + 1;
    await tx
      .insert(accHolidays)
      .values([{ date: `${year}-01-01`, name: '元旦' }])
      .onConflictDoNothing();
    await tx.insert(accDeskUsers).values({ userId: desk.id, hospitalId: hospitals[0]!.id });
    const volunteers = await willingVolunteers(tx, hospitals);
    await seedBookings(tx, today, hospitals, volunteers.demo);
  });
  return [{ username: 'demo_desk', roles: ['hospital_desk'] }];
}

type Hospital = (typeof DEMO_HOSPITALS)[number] & { id: string; sessionId: string };

/** demo_volunteer at all three hospitals; the first volunteers with a matching skill at one or two. */
async function willingVolunteers(tx: Tx, hospitals: Hospital[]) {
  const [demo] = await tx
    .select({ id: careVolunteers.id })
    .from(careVolunteers)
    .innerJoin(users, eq(users.id, careVolunteers.userId))
    .where(eq(users.username, 'demo_volunteer'));
  const rows: { volunteerId: string; hospitalId: string }[] = [];
  if (demo) rows.push(...hospitals.map((h) => ({ volunteerId: demo.id, hospitalId: h.id })));
  const others = await tx
    .select({ id: careVolunteers.id, skills: careVolunteers.skills })
    .from(careVolunteers)
    .where(and(eq(careVolunteers.active, true), isNull(careVolunteers.userId)))
    .orderBy(asc(careVolunteers.volunteerNo))
    .limit(60);
  const skilled = others
    .filter((v) => v.skills.some((s) => Object.values(SKILL).includes(s.skill)))
    .slice(0, 12);
  skilled.forEach((v, i) => {
    rows.push({ volunteerId: v.id, hospitalId: hospitals[i % 3]!.id });
    if (i % 2 === 0) rows.push({ volunteerId: v.id, hospitalId: hospitals[(i + 1) % 3]!.id });
  });
  if (rows.length) await tx.insert(accVolunteerHospitals).values(rows);
  return { demo: demo?.id ?? null, skilled };
}

/** Up to `n` synthetic persons of a disability category, not the demo accounts' persons. */
async function personsOf(tx: Tx, category: number, n: number, skip: string[]) {
  const rows = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(
      and(
        eq(persons.category, category),
        eq(persons.livingStatus, 'normal'),
        isNull(persons.mergedInto),
        skip.length ? notInArray(persons.id, skip) : undefined,
      ),
    )
    .orderBy(asc(persons.id))
    .limit(n);
  return rows.map((r) => r.id);
}

interface Planned {
  hospital: Hospital;
  date: string;
  personId: string;
  service: Service;
  department: string;
  note?: string;
  channel: BookingRow['channel'];
  state: 'booked' | 'completed' | 'no_show';
  volunteerId?: string | null;
  minutes?: number;
  steps?: string[];
  rating?: number;
  feedback?: string;
}

async function seedBookings(tx: Tx, today: string, hospitals: Hospital[], demoVolunteer: string | null) {
  const [residentUser] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, 'demo_resident'));
  const [guardianUser] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, 'demo_guardian'));
  const resident = (await personsOfAccount(tx, residentUser?.id ?? null)).find((x) => x.self);
  const ward = (await personsOfAccount(tx, guardianUser?.id ?? null)).find((x) => !x.self);
  const skip = [resident?.id, ward?.id].filter((x): x is string => !!x);
  const deaf = await personsOf(tx, CATEGORY.sign_language, 3, skip);
  const blind = await personsOf(tx, CATEGORY.blind_guide, 2, skip);
  const physical = await personsOf(tx, CATEGORY.wheelchair, 2, skip);
  const [hd, sy, sb] = hospitals as [Hospital, Hospital, Hospital];
  const plan: Planned[] = [];
  if (resident) {
    plan.push({
      hospital: hd,
      date: nextOn(today, hd.session.weekday),
      personId: resident.id,
      service: 'sign_language',
      department: '耳鼻喉科',
      note: '复查听力，请帮忙和医生沟通。',
      channel: 'portal',
      state: 'booked',
      volunteerId: demoVolunteer,
    });
    plan.push({
      hospital: sy,
      date: lastOn(today, sy.session.weekday, 1),
      personId: resident.id,
      service: 'sign_language',
      department: '内科',
      channel: 'portal',
      state: 'completed',
      volunteerId: demoVolunteer,
      minutes: 140,
      steps: ['registration', 'consultation', 'payment', 'pharmacy', 'interpretation'],
      rating: 5,
      feedback: '志愿者很耐心，手语翻译很清楚，谢谢！',
    });
  }
  if (ward)
    plan.push({
      hospital: sy,
      date: lastOn(today, sy.session.weekday, 0),
      personId: ward.id,
      service: 'blind_guide',
      department: '眼科',
      channel: 'guardian',
      state: 'completed',
      volunteerId: demoVolunteer,
      minutes: 120,
      steps: ['registration', 'consultation', 'tests'],
    });
  const at = (list: string[], i: number) => list[i] ?? null;
  const more: (Omit<Planned, 'personId'> & { personId: string | null })[] = [
    {
      hospital: hd,
      date: nextOn(today, hd.session.weekday),
      personId: at(deaf, 0),
      service: 'sign_language',
      department: '内科',
      channel: 'community',
      state: 'booked',
    },
    {
      hospital: sy,
      date: nextOn(today, sy.session.weekday),
      personId: at(blind, 0),
      service: 'blind_guide',
      department: '眼科',
      note: '需要从地铁站出口接。',
      channel: 'hotline',
      state: 'booked',
    },
    {
      hospital: sb,
      date: nextOn(today, sb.session.weekday),
      personId: at(physical, 0),
      service: 'wheelchair',
      department: '骨科',
      channel: 'community',
      state: 'booked',
    },
    {
      hospital: hd,
      date: lastOn(today, hd.session.weekday, 0),
      personId: at(blind, 1),
      service: 'blind_guide',
      department: '眼科',
      channel: 'community',
      state: 'completed',
      volunteerId: demoVolunteer,
      minutes: 150,
      steps: ['registration', 'consultation', 'tests', 'payment', 'pharmacy'],
      rating: 4,
      feedback: '全程有人带着，很安心。',
    },
    {
      hospital: sb,
      date: lastOn(today, sb.session.weekday, 0),
      personId: at(deaf, 1),
      service: 'sign_language',
      department: '耳鼻喉科',
      channel: 'hotline',
      state: 'no_show',
    },
    {
      hospital: sb,
      date: lastOn(today, sb.session.weekday, 1),
      personId: at(physical, 1),
      service: 'wheelchair',
      department: '康复医学科',
      channel: 'community',
      state: 'completed',
      minutes: 90,
      steps: ['registration', 'consultation'],
    },
  ];
  for (const m of more) if (m.personId) plan.push({ ...m, personId: m.personId });

  const seq = new Map<number, number>();
  const rows: BookingRow[] = [];
  const offers: (typeof accOffers.$inferInsert)[] = [];
  for (const b of plan.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
    const year = Number(b.date.slice(0, 4));
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    const start = shanghaiInstant(b.date, b.hospital.session.startsAt);
    const end = shanghaiInstant(b.date, b.hospital.session.endsAt);
    const done = b.state === 'completed';
    const id = newId();
    rows.push({
      id,
      ref: `PZ-${year}-${String(n).padStart(6, '0')}`,
      sessionId: b.hospital.sessionId,
      hospitalId: b.hospital.id,
      date: b.date,
      startsAt: start,
      endsAt: end,
      personId: b.personId,
      service: b.service,
      department: b.department,
      note: b.note ?? '',
      channel: b.channel,
      state: b.state,
      volunteerId: b.volunteerId ?? null,
      confirmedAt: new Date(start.getTime() - 6 * DAY),
      remindedAt: b.state === 'booked' ? null : new Date(start.getTime() - DAY),
      checkedInAt: done ? new Date(start.getTime() + 5 * 60_000) : null,
      checkedOutAt: done ? new Date(start.getTime() + (5 + (b.minutes ?? 0)) * 60_000) : null,
      minutes: done ? (b.minutes ?? null) : null,
      steps: b.steps ?? [],
      serviceNote: done ? '就诊顺利。' : '',
      rating: b.rating ?? null,
      feedback: b.feedback ?? '',
      feedbackAt: b.rating ? new Date(end.getTime() + DAY) : null,
      createdAt: new Date(start.getTime() - 6 * DAY),
    });
    if (b.volunteerId)
      offers.push({
        id: newId(),
        bookingId: id,
        volunteerId: b.volunteerId,
        state: 'accepted',
        offeredAt: new Date(start.getTime() - 5 * DAY),
        respondedAt: new Date(start.getTime() - 5 * DAY + 3_600_000),
      });
  }
  if (!rows.length) return;
  await tx.insert(accBookings).values(rows);
  if (offers.length) await tx.insert(accOffers).values(offers);
  // A completed visit counts the volunteer's hours, as a check-out does.
  for (const r of rows)
    if (r.state === 'completed' && r.volunteerId && r.minutes && r.checkedInAt)
      await recordServiceForSource(tx, {
        source: 'accompaniment',
        sourceId: r.id!,
        activity: `陪同就医（${hospitals.find((h) => h.id === r.hospitalId)?.name ?? ''}）`,
        content:
          r.service === 'sign_language'
            ? '助聋手翻'
            : r.service === 'blind_guide'
              ? '助盲全程就诊'
              : '轮椅协助',
        startedAt: r.checkedInAt,
        entries: [{ volunteerId: r.volunteerId, minutes: r.minutes }],
        recordedBy: null,
      });
}
