/**
 * The care-network demo (issue 6), all synthetic and marked so: the 扶残助残志愿服务总队 corps with
 * three sub-teams, two Party-member vanguard teams, a social-work team and two 党建联建 partners;
 * ~60 volunteers with generated names (one with a rare character, one minority name with `·`),
 * phones in the 1709 block of the 170 fiction range, ID numbers with valid check characters from
 * the synthetic generator; memberships with leaders and Party flags; and two accounts:
 * `demo_volunteer` (linked to a profile with sign language 2 and blind guiding 1, member of a
 * vanguard team and a sub-team) and `demo_coordinator` (volunteer coordinator). Then, when the
 * registry has persons, pairings, visits, needs, a 暖心行动 project and service hours
 * (seed/care.activity.ts). Idempotent: does nothing once the demo corps exists. Rows are inserted
 * in bulk (no per-row audit: nobody acted), so it adds well under two seconds.
 */
import { and, eq } from 'drizzle-orm';
import type { Availability } from '@jinglin/shared';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/access/actor.js';
import { newId } from '../platform/ids.js';
import { UsersService } from '../modules/users/users.service.js';
import {
  careMembers,
  careOrganisations,
  careVolunteers,
  type ID_TYPES,
} from '../modules/care/care.tables.js';
import type { DemoAccount } from './demo.js';
import {
  MINORITY,
  RARE,
  SURNAMES,
  rng,
  syntheticBirthDate,
  syntheticIdNumber,
  syntheticName,
} from './synthetic.js';
import { seedCareActivity } from './care.activity.js';
import { saveIssuer } from '../modules/care/hours/hours.settings.js';

export const DEMO_CORPS = '扶残助残志愿服务总队';
const SYNTHETIC = '（示例数据，均为合成）';
export const DEMO_VOLUNTEERS = 60;

type OrgRow = typeof careOrganisations.$inferInsert;
type VolRow = typeof careVolunteers.$inferInsert;
type MemberRow = typeof careMembers.$inferInsert;

const SKILLS = [
  'sign_language',
  'blind_guiding',
  'wheelchair_assistance',
  'medical',
  'psychological',
  'legal',
] as const;
const LANGUAGES = ['普通话', '上海话', '中国手语', '英语', '粤语'];

/** The synthetic phone of demo volunteer `i` (0 is demo_volunteer's profile). */
export const demoVolunteerPhone = (i: number) => `1709${String(i).padStart(7, '0')}`;

export interface CareNetworkIds {
  corps: string;
  subTeams: string[];
  vanguard: string[];
  socialWork: string;
  partners: string[];
  volunteers: string[];
  /** The team each volunteer serves in first (for pairings and service records). */
  teamOf: Map<string, string>;
  /** Current members of each team. */
  membersOf: Map<string, string[]>;
}

export async function seedCare(p: Platform, opts: { password: string }): Promise<DemoAccount[]> {
  const db = p.database.db;
  const [done] = await db
    .select({ id: careOrganisations.id })
    .from(careOrganisations)
    .where(and(eq(careOrganisations.kind, 'corps'), eq(careOrganisations.name, DEMO_CORPS)))
    .limit(1);
  if (done) return [];
  const users = new UsersService(p);
  const actor = systemActor();
  const { user: volunteerUser } = await users.create(
    actor,
    {
      username: 'demo_volunteer',
      displayName: '志愿者（示例）',
      roles: ['volunteer'],
      password: opts.password,
    },
    { enforcePolicy: false },
  );
  await users.create(
    actor,
    {
      username: 'demo_coordinator',
      displayName: '志愿者协调员（示例）',
      roles: ['volunteer_coordinator'],
      password: opts.password,
    },
    { enforcePolicy: false },
  );
  const ids = buildNetwork(p, volunteerUser.id);
  await db.transaction(async (tx) => {
    // Parents before children (the hierarchy's foreign key).
    await tx.insert(careOrganisations).values(ids.orgs.filter((o) => !o.parentId));
    await tx.insert(careOrganisations).values(ids.orgs.filter((o) => o.parentId));
    await tx.insert(careVolunteers).values(ids.volunteers);
    await tx.insert(careMembers).values(ids.members);
    // The issuer printed on proofs of service: synthetic, so a demo can print one at once.
    await saveIssuer(tx, 0, {
      name: '上海市静安区残疾人联合会',
      personInCharge: '演示负责人（合成）',
      handler: '演示经办人（合成）',
      contact: '021-00000000（演示）',
    });
  });
  await seedCareActivity(p, ids.network);
  return [
    { username: 'demo_volunteer', roles: ['volunteer'] },
    { username: 'demo_coordinator', roles: ['volunteer_coordinator'] },
  ];
}

function org(
  kind: OrgRow['kind'],
  name: string,
  parentId: string | null,
  extra: Partial<OrgRow> = {},
): OrgRow {
  return { id: newId(), kind, name, parentId, description: SYNTHETIC, ...extra };
}

/** Everything of the network as rows, deterministic but for the ids. */
function buildNetwork(p: Platform, volunteerUserId: string) {
  const r = rng(6);
  const corps = org('corps', DEMO_CORPS, null, {
    description: `静安区残联指导的志愿服务总队，下设卫健、企业、高校分队。${SYNTHETIC}`,
  });
  const subTeams = [
    org('sub_team', '卫健系统分队', corps.id!),
    org('sub_team', '静安置业"置爱益生"分队', corps.id!),
    org('sub_team', '同济大学分队', corps.id!),
  ];
  const vanguard = [
    org('vanguard_team', '残疾人党员先锋队', null),
    org('vanguard_team', '机关党员突击队', null),
  ];
  const socialWork = org('social_work_team', '助残社工队', null);
  const partners = [
    org('partner', '某社区卫生服务中心党支部（示例）', null, {
      contribution: '每季度为结对家庭义诊一次，提供康复咨询。',
      contributionCategories: ['expertise', 'volunteers'],
    }),
    org('partner', '某物业服务企业党支部（示例）', null, {
      contribution: '提供活动场地，节日慰问物资。',
      contributionCategories: ['venue', 'goods'],
    }),
  ];
  const teams = [...subTeams, ...vanguard, socialWork];
  const volunteers: VolRow[] = [];
  const members: MemberRow[] = [];
  const teamOf = new Map<string, string>();
  for (let i = 0; i < DEMO_VOLUNTEERS; i++) {
    const id = newId();
    const name =
      i === 1
        ? SURNAMES[3]! + RARE[2]! // a rare character (CJK Extension B)
        : i === 2
          ? MINORITY[5]! // a minority name with the middle dot
          : syntheticName(r);
    const gender = r() < 0.5 ? 'male' : 'female';
    const idType: (typeof ID_TYPES)[number] =
      i === 7 ? 'hk_macao_permit' : i === 11 ? 'passport' : 'resident_id';
    const idNumber =
      i === 7
        ? `H${String(60000000 + i)}`
        : i === 11
          ? `E${String(10000000 + i)}`
          : i === 0 || r() < 0.7
            ? syntheticIdNumber(r, syntheticBirthDate(r, 19, 70), gender)
            : null;
    const phone = demoVolunteerPhone(i);
    volunteers.push({
      id,
      name,
      phoneEnc: p.crypto.encrypt(phone),
      phoneBidx: p.crypto.blindIndex('phone', phone),
      idType,
      idNumberEnc: idNumber ? p.crypto.encrypt(idNumber) : null,
      idNumberBidx: idNumber ? p.crypto.blindIndex('id_number', idNumber) : null,
      volunteerNo: `SZY-DEMO-${String(i + 1).padStart(5, '0')}`,
      userId: i === 0 ? volunteerUserId : null,
      skills:
        i === 0
          ? [
              { skill: 'sign_language', level: 2 },
              { skill: 'blind_guiding', level: 1 },
            ]
          : skillsFor(r),
      languages: i === 0 ? ['普通话', '中国手语'] : languagesFor(r),
      availability: availabilityFor(r, i),
      training:
        r() < 0.6 || i === 0 ? [{ course: '助残志愿服务通识培训', completedOn: '2026-03-14', hours: 4 }] : [],
      awards: i % 9 === 0 ? [{ title: '优秀志愿者', awardedOn: '2025-12-05', by: DEMO_CORPS }] : [],
      evaluations:
        i % 4 === 0 ? [{ on: '2026-06-30', rating: 4 + (i % 2), note: '服务认真，家属满意。' }] : [],
      active: i !== 59,
    });
    // Everyone in one team; every third volunteer also in a second one. demo_volunteer: a vanguard
    // team and a sub-team.
    const first = i === 0 ? vanguard[0]! : teams[i % teams.length]!;
    const second = i === 0 ? subTeams[0]! : i % 3 === 0 ? teams[(i + 2) % teams.length]! : null;
    teamOf.set(id, first.id!);
    for (const t of second && second.id !== first.id ? [first, second] : [first]) {
      const isVanguard = t.kind === 'vanguard_team';
      members.push({
        id: newId(),
        organisationId: t.id!,
        volunteerId: id,
        role: 'member',
        partyMember: isVanguard || r() < 0.2,
        joinedOn: `202${3 + (i % 3)}-0${1 + (i % 9)}-15`,
      });
    }
  }
  // The first member of each team leads it.
  for (const t of teams) {
    const lead = members.find((m) => m.organisationId === t.id && m.volunteerId !== volunteers[0]!.id);
    if (lead) lead.role = 'leader';
  }
  // One membership that ended (an end of membership shows on the pages).
  const ended = members.find((m, k) => k > 20 && m.organisationId === subTeams[2]!.id);
  if (ended) ended.leftOn = '2026-09-30';
  const network: CareNetworkIds = {
    corps: corps.id!,
    subTeams: subTeams.map((t) => t.id!),
    vanguard: vanguard.map((t) => t.id!),
    socialWork: socialWork.id!,
    partners: partners.map((t) => t.id!),
    volunteers: volunteers.map((v) => v.id!),
    teamOf,
    membersOf: new Map(
      teams.map((t) => [
        t.id!,
        members.filter((m) => m.organisationId === t.id && !m.leftOn).map((m) => m.volunteerId),
      ]),
    ),
  };
  return { orgs: [corps, ...teams, ...partners], volunteers, members, network };
}

function skillsFor(r: () => number) {
  const n = 1 + Math.floor(r() * 3);
  const picked = new Set<(typeof SKILLS)[number]>();
  while (picked.size < n) picked.add(SKILLS[Math.floor(r() * SKILLS.length)]!);
  return [...picked].map((skill) => ({ skill, level: 1 + Math.floor(r() * 3) }));
}

function languagesFor(r: () => number) {
  const out = ['普通话'];
  for (const l of LANGUAGES.slice(1)) if (r() < 0.25) out.push(l);
  return out;
}

/** Weekday evenings, weekend days or mixed; some with a dated exception (off, or only a morning). */
function availabilityFor(r: () => number, i: number): Availability {
  const weekly: Availability['weekly'] = {};
  const pattern = i === 0 ? 0 : Math.floor(r() * 3);
  if (pattern === 0) {
    weekly['2'] = [{ from: '14:00', to: '17:00' }];
    weekly['4'] = [{ from: '09:00', to: '11:30' }];
    weekly['6'] = [{ from: '09:00', to: '12:00' }];
  } else if (pattern === 1) {
    weekly['6'] = [{ from: '09:00', to: '17:00' }];
    weekly['7'] = [{ from: '09:00', to: '12:00' }];
  } else {
    for (const d of ['1', '3', '5'] as const) weekly[d] = [{ from: '18:30', to: '20:30' }];
  }
  const exceptions: Availability['exceptions'] = [];
  if (i % 5 === 0) exceptions.push({ date: '2026-12-24', available: false, ranges: [] });
  if (i % 7 === 0)
    exceptions.push({ date: '2027-01-02', available: true, ranges: [{ from: '09:00', to: '11:00' }] });
  return { weekly, exceptions };
}
