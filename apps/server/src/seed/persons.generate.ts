/**
 * The people of the synthetic district, in clear values: deterministic for a seed, plausible in
 * their mix (category, grade, age, hukou, living status, low income, work and schooling for their
 * age), with certificate history, guardians and households. No database and no encryption here:
 * seed/persons.ts turns these into rows. Every value is made up (see synthetic.ts).
 */
import { CATEGORY_CODES, type DisabilityCategory, type DisabilityGrade } from '@jinglin/shared';
import {
  ID_AREA_CODES,
  SYNTHETIC_TODAY,
  idNumberFrom,
  syntheticBirthDate,
  syntheticName,
  syntheticPhone,
} from './synthetic.js';

export interface SeedArea {
  streetCode: string;
  communityIds: string[];
}

export interface SeedCertificate {
  number: string;
  category: DisabilityCategory;
  grade: DisabilityGrade;
  issuedAt: string;
  disabilities: { category: number; grade: number }[];
}

export interface SeedGuardian {
  name: string;
  relationship: 'parent' | 'spouse' | 'child' | 'sibling' | 'grandparent' | 'appointed';
  phone: string | null;
  isPrimary: boolean;
}

export interface SeedPerson {
  name: string;
  idNumber: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  address: string | null;
  streetCode: string;
  communityId: string | null;
  hukou: 'shanghai' | 'other';
  livingStatus: 'normal' | 'moved_out' | 'deceased' | 'imprisoned';
  lowIncome: 'dibao' | 'dibao_edge' | 'none';
  employment: string;
  education: string;
  ownsMotorisedWheelchair: boolean;
  certificate: SeedCertificate;
  /** An earlier certificate, replaced by a re-assessment (kept as history). */
  previous: SeedCertificate | null;
  guardians: SeedGuardian[];
  householdRole: 'head' | 'spouse' | 'child' | null;
}

/** Persons who share a household (one member when they live alone or the household is not recorded). */
export interface SeedGroup {
  household: boolean;
  members: SeedPerson[];
}

type Weighted<T> = readonly (readonly [T, number])[];

function pick<T>(r: () => number, table: Weighted<T>): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = r() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}

const oneOf = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Physical most common, then vision, intellectual, mental, hearing, multiple, speech. */
const CATEGORY_MIX: Weighted<DisabilityCategory> = [
  [4, 44],
  [1, 14],
  [5, 11],
  [6, 10],
  [2, 9],
  [7, 7],
  [3, 5],
];
const GRADE_MIX: Weighted<DisabilityGrade> = [
  [1, 12],
  [2, 25],
  [3, 30],
  [4, 33],
];
/** Age bands: mostly 40–80, some children. */
const AGE_MIX: Weighted<readonly [number, number]> = [
  [[0, 18], 5],
  [[18, 40], 12],
  [[40, 60], 28],
  [[60, 80], 42],
  [[80, 100], 13],
];
/** Relative size of each street/town's registry (the populous north has more). */
const STREET_WEIGHT: Record<string, number> = {
  jingansi: 0.6,
  caojiadu: 0.8,
  jiangninglu: 0.8,
  shimenerlu: 0.5,
  nanjingxilu: 0.5,
  tianmuxilu: 0.5,
  beizhan: 0.6,
  baoshanlu: 0.7,
  zhijiangxilu: 0.8,
  gonghexinlu: 1.0,
  daninglu: 1.0,
  pengpuxincun: 1.3,
  linfenlu: 1.1,
  pengpu: 1.6,
};
const ROADS: Record<string, readonly string[]> = {
  jingansi: ['愚园路', '华山路', '常德路'],
  caojiadu: ['万航渡路', '长寿路', '武定西路'],
  jiangninglu: ['江宁路', '昌平路', '海防路'],
  shimenerlu: ['石门二路', '新闸路', '康定路'],
  nanjingxilu: ['南京西路', '威海路', '茂名北路'],
  tianmuxilu: ['天目西路', '恒丰路', '长安路'],
  beizhan: ['天目中路', '浙江北路', '海宁路'],
  baoshanlu: ['宝山路', '宝昌路', '东宝兴路'],
  zhijiangxilu: ['芷江西路', '中华新路', '青云路'],
  gonghexinlu: ['共和新路', '延长中路', '洛川中路'],
  daninglu: ['大宁路', '广中西路', '平型关路'],
  pengpuxincun: ['场中路', '保德路', '平顺路'],
  linfenlu: ['临汾路', '阳曲路', '汾西路'],
  pengpu: ['共康路', '永和路', '江场西路'],
};
const SHANGHAI_AREAS = ID_AREA_CODES.filter((a) => a.startsWith('31'));
const OTHER_AREAS = ID_AREA_CODES.filter((a) => !a.startsWith('31'));
const DAY = 86_400_000;
const CERT_START = Date.UTC(2008, 0, 1); // the second-generation certificate

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function employmentFor(r: () => number, age: number, gender: string, grade: number): string {
  if (age < 6) return 'unknown';
  if (age < 18) return 'student';
  if (age < 22 && r() < 0.4) return 'student';
  if (age >= (gender === 'male' ? 60 : 55)) return r() < 0.9 ? 'retired' : 'unable_to_work';
  if (grade <= 2 && r() < 0.5) return 'unable_to_work';
  return pick(r, [
    ['employed', 38],
    ['self_employed', 6],
    ['unemployed', 24],
    ['unable_to_work', 26],
    ['unknown', 6],
  ] as const);
}

function educationFor(r: () => number, age: number, category: number): string {
  if (age < 6) return 'none';
  if ((category === 5 || category === 7) && r() < 0.6) return r() < 0.7 ? 'special_school' : 'none';
  if (age < 12) return 'primary';
  if (age < 15) return 'junior';
  if (age < 18)
    return pick(r, [
      ['senior', 5],
      ['vocational', 3],
      ['special_school', 2],
    ] as const);
  const older = age >= 60;
  return pick(r, [
    ['none', older ? 10 : 2],
    ['primary', older ? 25 : 8],
    ['junior', older ? 35 : 25],
    ['senior', older ? 18 : 22],
    ['vocational', 10],
    ['college', older ? 6 : 14],
    ['bachelor', older ? 4 : 14],
    ['postgraduate', older ? 0.5 : 2],
    ['unknown', 3],
  ] as const);
}

export interface GeneratorOptions {
  areas: SeedArea[];
  /** Reserves an ID number: false when it is taken (by this run or by the database), and another is tried. */
  claim(idNumber: string): boolean;
}

/** An endless, deterministic stream of household groups. */
export function* generatePersons(r: () => number, opts: GeneratorOptions): Generator<SeedGroup> {
  const streets: Weighted<SeedArea> = opts.areas.map((a) => [a, STREET_WEIGHT[a.streetCode] ?? 0.8]);
  if (!streets.length) throw new Error('no streets: load the district areas first');

  /** A free ID number: another sequence number (same parity), then another address code, then the next day. */
  const idFor = (birthDate: string, gender: 'male' | 'female', hukou: string): string => {
    const areas = hukou === 'shanghai' ? SHANGHAI_AREAS : OTHER_AREAS;
    const a0 = Math.floor(r() * areas.length);
    const s0 = Math.floor(r() * 50);
    let day = birthDate;
    for (let shift = 0; ; shift++) {
      for (let ai = 0; ai < areas.length; ai++) {
        for (let si = 0; si < 50; si++) {
          const seq = 900 + ((s0 + si) % 50) * 2 + (gender === 'male' ? 1 : 0);
          const id = idNumberFrom(areas[(a0 + ai) % areas.length]!, day, seq);
          if (opts.claim(id)) return id;
        }
      }
      day = iso(Date.parse(birthDate) - (shift + 1) * DAY);
    }
  };

  const certificateOf = (id: string, birthDate: string, category: DisabilityCategory): SeedCertificate => {
    const grade = pick(r, GRADE_MIX);
    const from = Math.max(CERT_START, Date.parse(birthDate) + 180 * DAY);
    const issued = from >= SYNTHETIC_TODAY ? SYNTHETIC_TODAY : from + r() * (SYNTHETIC_TODAY - from);
    const disabilities: SeedCertificate['disabilities'] = [];
    if (category === 7) {
      const a = 1 + Math.floor(r() * 6);
      const b = 1 + ((a + Math.floor(r() * 5)) % 6);
      disabilities.push({ category: a, grade }, { category: b, grade: Math.min(4, grade + 1) });
    }
    return { number: `${id}${category}${grade}`, category, grade, issuedAt: iso(issued), disabilities };
  };

  /** An earlier assessment: milder (or another category), issued at least a year before. */
  const previousOf = (c: SeedCertificate, birthDate: string): SeedCertificate | null => {
    const from = Math.max(CERT_START, Date.parse(birthDate) + 180 * DAY);
    const until = Date.parse(c.issuedAt) - 365 * DAY;
    if (until <= from) return null;
    const category = (
      c.category !== 7 && r() < 0.25 ? (c.category === 4 ? 7 : 4) : c.category
    ) as DisabilityCategory;
    const grade = (category === c.category ? Math.min(4, c.grade + 1) : c.grade) as DisabilityGrade;
    if (category === c.category && grade === c.grade) return null;
    const id = c.number.slice(0, 18);
    return {
      number: `${id}${category}${grade}`,
      category,
      grade,
      issuedAt: iso(from + r() * (until - from)),
      disabilities: category === 7 ? [{ category: 4, grade }] : [],
    };
  };

  const guardiansOf = (name: string, age: number, category: number): SeedGuardian[] => {
    if (!(age < 18 || category === 5 || category === 6)) return [];
    const surname = name.includes('·') ? '' : [...name][0]!;
    const relation: SeedGuardian['relationship'] =
      age < 45
        ? 'parent'
        : pick(r, [
            ['spouse', 4],
            ['sibling', 2],
            [age > 65 ? 'child' : 'sibling', 3],
            ['appointed', 1],
          ] as const);
    const gName = () => {
      const n = syntheticName(r);
      return relation === 'parent' && surname && !n.includes('·') ? surname + [...n].slice(1).join('') : n;
    };
    const out: SeedGuardian[] = [
      { name: gName(), relationship: relation, phone: syntheticPhone(r), isPrimary: true },
    ];
    if (r() < 0.3)
      out.push({
        name: gName(),
        relationship: age < 18 && r() < 0.3 ? 'grandparent' : relation,
        phone: r() < 0.8 ? syntheticPhone(r) : null,
        isPrimary: false,
      });
    return out;
  };

  const person = (
    area: { streetCode: string; communityId: string | null; address: string | null },
    age: number,
    family: { hukou?: SeedPerson['hukou']; lowIncome?: SeedPerson['lowIncome'] },
    householdRole: SeedPerson['householdRole'],
  ): SeedPerson => {
    const gender = r() < 0.55 ? 'male' : 'female';
    const birthDate = syntheticBirthDate(r, age, Math.min(100, age + 1));
    const hukou = family.hukou ?? (r() < 0.88 ? 'shanghai' : 'other');
    const idNumber = idFor(birthDate, gender, hukou);
    const name = syntheticName(r);
    const category = pick(r, CATEGORY_MIX);
    const certificate = certificateOf(idNumber, birthDate, category);
    const previous = r() < 0.12 ? previousOf(certificate, birthDate) : null;
    const x = r();
    const dead = age >= 80 ? 0.1 : age >= 60 ? 0.04 : 0.01;
    const jailed = age >= 18 && age < 60 ? 0.005 : 0;
    const livingStatus =
      x < dead
        ? 'deceased'
        : x < dead + 0.03
          ? 'moved_out'
          : x < dead + 0.03 + jailed
            ? 'imprisoned'
            : 'normal';
    const y = r();
    const lowIncome = family.lowIncome ?? (y < 0.08 ? 'dibao' : y < 0.13 ? 'dibao_edge' : 'none');
    return {
      name,
      idNumber,
      gender,
      birthDate,
      phone: r() < (age < 18 ? 0.3 : 0.9) ? syntheticPhone(r) : null,
      address: area.address,
      streetCode: area.streetCode,
      communityId: area.communityId,
      hukou,
      livingStatus,
      lowIncome,
      employment: employmentFor(r, age, gender, certificate.grade),
      education: educationFor(r, age, category),
      ownsMotorisedWheelchair:
        CATEGORY_CODES[category] === 'physical' && certificate.grade <= 3 && age >= 18 && r() < 0.12,
      certificate,
      previous,
      guardians: guardiansOf(name, age, category),
      householdRole,
    };
  };

  for (;;) {
    const street = pick(r, streets);
    const roads = ROADS[street.streetCode] ?? ['示例路'];
    const address =
      r() < 0.97
        ? `${oneOf(r, roads)}${1 + Math.floor(r() * 1500)}弄${1 + Math.floor(r() * 60)}号${1 + Math.floor(r() * 18)}0${1 + Math.floor(r() * 6)}室`
        : null;
    const area = {
      streetCode: street.streetCode,
      communityId: street.communityIds.length ? oneOf(r, street.communityIds) : null,
      address,
    };
    if (r() >= 0.06) {
      const [lo, hi] = pick(r, AGE_MIX);
      yield { household: false, members: [person(area, lo + Math.floor(r() * (hi - lo)), {}, null)] };
      continue;
    }
    // A household with two or three registered members: a couple, or a parent and a child.
    const headAge = 35 + Math.floor(r() * 50);
    const head = person(area, headAge, {}, 'head');
    const family = { hukou: head.hukou, lowIncome: head.lowIncome };
    const childAge = () => Math.max(0, headAge - 22 - Math.floor(r() * 14));
    const members = [head];
    if (r() < 0.6)
      members.push(person(area, Math.max(20, headAge - 6 + Math.floor(r() * 12)), family, 'spouse'));
    else members.push(person(area, childAge(), family, 'child'));
    if (r() < 0.3) members.push(person(area, childAge(), family, 'child'));
    yield { household: true, members };
  }
}
