/**
 * The care network's activity in the demo, synthetic and consistent, written straight into the
 * tables (no per-row audit: nobody acted): ~40 pairings of teams or volunteers with registry persons
 * in several streets (responsible worker demo_community for persons of its community, demo_street
 * for the rest of 临汾路, demo_street_b for 北站); per pairing a visit done (with its volunteers and
 * their service records) and the next one planned — some overdue, one missed; needs in every status
 * (one overdue); a 暖心行动 project with stages; a joint meeting of the two vanguard teams whose
 * needs became work items. Dates are relative to the seed day (Shanghai), so "overdue" stays true.
 */
import { asc, inArray, isNull, and, eq } from 'drizzle-orm';
import type { Platform } from '../platform/platform.js';
import { newId } from '../platform/ids.js';
import { persons, users } from '../platform/db/schema.js';
import { carePairings } from '../modules/care/care.tables.js';
import { careVisitParticipants, careVisits } from '../modules/care/visits/visits.tables.js';
import { careNeedActions, careNeeds } from '../modules/care/needs/needs.tables.js';
import { careMeetings, careProjects, careWorkItems } from '../modules/care/plans/plans.tables.js';
import { careServiceRecords } from '../modules/care/hours/hours.tables.js';
import type { CareNetworkIds } from './care.js';

export const DEMO_PAIRINGS = 40;
const DAY = 86_400_000;

/** The Shanghai date `n` days from `base` (ms). */
const dayOf = (base: number, n: number) => new Date(base + 8 * 3600_000 + n * DAY).toISOString().slice(0, 10);
/** 10:00 Shanghai time on a date. */
const tenOClock = (d: string) => new Date(`${d}T10:00:00+08:00`);

type Visit = typeof careVisits.$inferInsert;
type Need = typeof careNeeds.$inferInsert;

export async function seedCareActivity(p: Platform, ids: CareNetworkIds): Promise<void> {
  const db = p.database.db;
  const staff = await db
    .select({ id: users.id, username: users.username, communityId: users.communityId })
    .from(users)
    .where(inArray(users.username, ['demo_district', 'demo_street', 'demo_street_b', 'demo_community']));
  const user = (name: string) => staff.find((u) => u.username === name);
  const community = user('demo_community');
  const pick = (where: ReturnType<typeof and>, n: number) =>
    db
      .select({
        id: persons.id,
        streetCode: persons.streetCode,
        communityId: persons.communityId,
        householdId: persons.householdId,
      })
      .from(persons)
      .where(and(where, eq(persons.livingStatus, 'normal'), isNull(persons.mergedInto)))
      .orderBy(asc(persons.id))
      .limit(n);
  const chosen = new Map<string, Awaited<ReturnType<typeof pick>>[number]>();
  const add = (rows: Awaited<ReturnType<typeof pick>>) => {
    for (const r of rows) if (chosen.size < DEMO_PAIRINGS) chosen.set(r.id, r);
  };
  if (community?.communityId) add(await pick(and(eq(persons.communityId, community.communityId)), 6));
  add(await pick(and(eq(persons.streetCode, 'linfenlu')), 16));
  add(await pick(and(eq(persons.streetCode, 'beizhan')), 8));
  add(await pick(undefined, 200));
  if (!chosen.size) return;
  const ownerOf = (r: { streetCode: string; communityId: string | null }) =>
    community && r.communityId === community.communityId
      ? community.id
      : r.streetCode === 'linfenlu'
        ? user('demo_street')?.id
        : r.streetCode === 'beizhan'
          ? user('demo_street_b')?.id
          : null;
  const district = user('demo_district')?.id ?? null;
  const now = Date.now();
  const today = dayOf(now, 0);
  const teams = [...ids.vanguard, ...ids.subTeams, ids.socialWork];
  const pairings: (typeof carePairings.$inferInsert)[] = [];
  const visits: Visit[] = [];
  const participants: (typeof careVisitParticipants.$inferInsert)[] = [];
  const records: (typeof careServiceRecords.$inferInsert)[] = [];
  [...chosen.values()].forEach((person, i) => {
    // Every fourth pairing is with one volunteer (demo_volunteer's profile among them), the rest with a team.
    const volunteerId = i % 4 === 3 ? ids.volunteers[i === 3 ? 0 : (i * 7) % ids.volunteers.length]! : null;
    const teamId = volunteerId ? null : teams[i % teams.length]!;
    const weekly = i % 6 === 5;
    const step = weekly ? 14 : 30;
    const ownerUserId = ownerOf(person) ?? null;
    const lastDone = dayOf(now, -(10 + (i % 20)));
    // Every fifth pairing's next visit is overdue; the others are due within the coming weeks.
    const next = i % 5 === 0 ? dayOf(now, -(3 + (i % 7))) : dayOf(Date.parse(lastDone), step);
    const pairingId = newId();
    pairings.push({
      id: pairingId,
      personId: person.id,
      householdId: i % 3 === 0 ? person.householdId : null,
      teamId,
      volunteerId,
      startOn: dayOf(now, -(120 + i * 5)),
      goals: weekly ? '每两周电话或上门一次，关注康复训练进展' : '每月上门探访，了解生活困难，协助办理补贴',
      visitEvery: weekly ? 2 : 1,
      visitUnit: weekly ? 'week' : 'month',
      ownerUserId,
      nextVisitOn: next,
    });
    const team = teamId ? (ids.membersOf.get(teamId) ?? []) : [];
    const who = volunteerId ? [volunteerId] : team.slice(i % 2, (i % 2) + 2);
    const doneId = newId();
    const minutes = 60 + (i % 4) * 15;
    visits.push({
      id: doneId,
      pairingId,
      personId: person.id,
      ownerUserId,
      plannedOn: lastDone,
      state: 'done',
      mode: i % 7 === 6 ? 'phone' : 'home',
      visitedAt: tenOClock(lastDone),
      minutes,
      findings: i % 3 === 0 ? '家中无障碍扶手松动，需要维修。' : '生活基本稳定，情绪良好。',
      recordedBy: ownerUserId ?? district,
      recordedAt: new Date(tenOClock(lastDone).getTime() + 3 * 3600_000),
      createdBy: ownerUserId ?? district,
    });
    who.forEach((v, seq) => {
      participants.push({ visitId: doneId, volunteerId: v, seq, minutes });
      records.push({
        id: newId(),
        volunteerId: v,
        source: 'visit',
        sourceId: doneId,
        organisationId: teamId ?? ids.teamOf.get(v) ?? null,
        activity: '结对家庭走访',
        content: '上门走访结对家庭，了解需求（示例数据）',
        startedAt: tenOClock(lastDone),
        minutes,
        recordedBy: ownerUserId ?? district,
      });
    });
    if (i % 11 === 10) {
      visits.push({
        id: newId(),
        pairingId,
        personId: person.id,
        ownerUserId,
        plannedOn: dayOf(Date.parse(lastDone), -step),
        state: 'missed',
        reason: '家中无人，已电话联系改期。',
        recordedBy: ownerUserId ?? district,
        recordedAt: tenOClock(dayOf(Date.parse(lastDone), -step)),
        createdBy: ownerUserId ?? district,
      });
    }
    visits.push({
      id: newId(),
      pairingId,
      personId: person.id,
      ownerUserId,
      plannedOn: next,
      createdBy: district,
    });
  });
  const needs = needsFor(now, visits, district);
  await db.transaction(async (tx) => {
    await tx.insert(carePairings).values(pairings);
    await tx.insert(careVisits).values(visits);
    if (participants.length) await tx.insert(careVisitParticipants).values(participants);
    if (records.length) await tx.insert(careServiceRecords).values(records);
    await tx.insert(careNeeds).values(needs);
    await tx.insert(careNeedActions).values(
      needs.flatMap((n) => [
        { id: newId(), needId: n.id!, at: n.createdAt!, actorUserId: n.raisedBy, kind: 'created' as const },
        ...(n.status === 'open'
          ? []
          : [
              {
                id: newId(),
                needId: n.id!,
                at: n.updatedAt!,
                actorUserId: n.ownerUserId,
                kind:
                  n.status === 'resolved' || n.status === 'closed'
                    ? ('resolved' as const)
                    : ('status' as const),
                note: n.resolution ?? '',
                detail: { from: 'open', to: n.status },
              },
            ]),
      ]),
    );
    await seedPlans(tx, ids, needs, now, district, today);
  });
}

const NEED_TEXT: [Need['category'], string][] = [
  ['accessibility', '卫生间加装扶手'],
  ['assistive_device', '申请适配助听器'],
  ['medical', '陪同复诊'],
  ['daily_living', '助餐服务'],
  ['rehabilitation', '社区康复训练'],
  ['financial', '咨询残疾人两项补贴'],
  ['employment', '推荐辅助性就业岗位'],
  ['psychological', '家属心理疏导'],
];
const STATUSES: Need['status'][] = [
  'open',
  'open',
  'in_progress',
  'in_progress',
  'resolved',
  'closed',
  'withdrawn',
  'open',
];

/** Eight needs, one per status at least, the first open one overdue; raised on visits done and elsewhere. */
function needsFor(now: number, visits: Visit[], district: string | null): Need[] {
  const done = visits.filter((v) => v.state === 'done');
  const year = dayOf(now, 0).slice(0, 4);
  return NEED_TEXT.map(([category, title], k) => {
    const v = done[(k * 3) % done.length]!;
    const status = STATUSES[k]!;
    const createdAt = new Date(now - (k === 0 ? 20 : 2 + k) * DAY);
    const overdue = k === 0;
    const finished = status === 'resolved' || status === 'closed';
    return {
      id: newId(),
      ref: `XQ-${year}-${String(k + 1).padStart(6, '0')}`,
      personId: v.personId,
      source: k % 4 === 3 ? 'phone' : k % 4 === 2 ? 'counter' : 'visit',
      visitId: k % 4 < 2 ? v.id : null,
      category,
      urgency: k === 0 ? 'high' : 'normal',
      title,
      description: '示例数据（合成）',
      ownerUserId: v.ownerUserId ?? district,
      status,
      dueAt: new Date(overdue ? now - 3 * DAY : now + (5 + k) * DAY),
      resolution: finished
        ? '已协调解决，居民表示满意。'
        : status === 'withdrawn'
          ? '居民表示暂不需要。'
          : '',
      resolvedAt: finished ? new Date(now - DAY) : null,
      outcomeNotifiedAt: status === 'closed' ? new Date(now - DAY / 2) : null,
      raisedBy: v.recordedBy ?? district,
      createdAt,
      updatedAt: status === 'open' ? createdAt : new Date(now - DAY),
    };
  });
}

type Tx = Parameters<Parameters<Platform['database']['db']['transaction']>[0]>[0];

async function seedPlans(
  tx: Tx,
  ids: CareNetworkIds,
  needs: Need[],
  now: number,
  district: string | null,
  today: string,
) {
  const projectId = newId();
  await tx.insert(careProjects).values({
    id: projectId,
    name: '暖心行动（示例）',
    description: '先锋队结对帮扶困难残疾人家庭的年度项目。示例数据（合成）。',
    stages: [
      {
        key: 'survey',
        name: '需求摸底',
        tasks: [{ task: '走访结对家庭，登记需求', standard: '每户至少走访 1 次，需求登记完整' }],
      },
      {
        key: 'plan',
        name: '方案制定',
        tasks: [{ task: '联席会议分析需求，形成帮扶清单', standard: '每项需求有责任人和完成时限' }],
      },
      {
        key: 'deliver',
        name: '实施帮扶',
        tasks: [{ task: '按清单落实帮扶', standard: '按期完成率不低于 90%' }],
      },
      {
        key: 'review',
        name: '评估总结',
        tasks: [{ task: '回访家庭，总结经验', standard: '满意度回访覆盖全部家庭' }],
      },
    ],
  });
  const meetingId = newId();
  const vanguardMembers = ids.vanguard.flatMap((t) => ids.membersOf.get(t) ?? []).slice(0, 6);
  const discussed = needs.filter((n) => n.status === 'open' || n.status === 'in_progress');
  await tx.insert(careMeetings).values({
    id: meetingId,
    kind: 'joint_meeting',
    title: '先锋队、突击队联席会议（示例）',
    heldAt: new Date(`${dayOf(now, -7)}T14:00:00+08:00`),
    place: '区残联三楼会议室',
    organisationIds: ids.vanguard,
    attendees: [
      ...vanguardMembers.map((volunteerId, k) => ({ volunteerId, present: k !== 5 })),
      ...(district ? [{ userId: district, present: true }] : []),
      { name: '合作单位代表（示例）', present: true },
    ],
    minutes: '分析近期走访中提出的需求，明确责任人和完成时限。示例数据（合成）。',
    needIds: discussed.map((n) => n.id!),
    createdBy: district,
  });
  const stages = ['plan', 'deliver', 'deliver', 'review'];
  await tx.insert(careWorkItems).values(
    discussed.slice(0, 4).map((n, k) => ({
      id: newId(),
      title: n.title!,
      meetingId,
      needId: n.id!,
      projectId,
      stageKey: stages[k]!,
      ownerUserId: n.ownerUserId ?? district,
      organisationId: ids.vanguard[k % 2]!,
      deadline: k === 1 ? dayOf(now, -2) : dayOf(now, 14 + k * 7),
      status: k === 3 ? ('done' as const) : k === 2 ? ('in_progress' as const) : ('open' as const),
      progress:
        k >= 2 && district
          ? [
              {
                at: `${today}T09:00:00+08:00`,
                userId: district,
                note: '已联系相关单位。',
                status: 'in_progress',
              },
            ]
          : [],
      doneAt: k === 3 ? new Date(now - DAY) : null,
    })),
  );
}
