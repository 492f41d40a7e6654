/**
 * The demo district's benefit programmes (../shared/domain/README.md "Benefits"): the transport
 * subsidy exactly as found (granted without application since 2022-11-01); the living, nursing and
 * motorised-wheelchair fuel subsidies and the two insurances with unconfirmed rules, marked as
 * example configuration. Also, for the demo only: synthetic social-security-card account
 * references, and the demo resident and guardian linked to a person each so the portal shows
 * something.
 */
import { sql } from 'drizzle-orm';
import type { AmountItem, ProgramCreateBody, RuleExpr } from '@jinglin/shared';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/access/actor.js';
import { resultRows } from '../platform/db/client.js';
import { newId } from '../platform/ids.js';
import { ProgramsService } from '../modules/benefits/programs.service.js';
import { findProgram, findVersionById } from '../modules/benefits/programs.repo.js';
import { CyclesService } from '../modules/benefits/cycles.service.js';
import { finishCycle } from '../modules/benefits/cycles.job.js';
import { compileVersion } from '../modules/benefits/engine.js';
import { periodOf, previousPeriod, shanghaiToday } from '../modules/benefits/periods.js';
import { benefitPayees } from '../modules/benefits/benefits.tables.js';
import { phoneIndex } from '../modules/registry/registry.rows.js';

const cmp = (
  v: string,
  c: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge',
  value: number | string | boolean,
): RuleExpr => ({
  op: 'cmp',
  var: v,
  cmp: c,
  value,
});
const all = (...args: RuleExpr[]): RuleExpr => ({ op: 'and', args });
const any = (...args: RuleExpr[]): RuleExpr => ({ op: 'or', args });
const item = (zh: string, en: string, fen: number, when?: RuleExpr): AmountItem => ({
  label: { zh, en },
  amountFen: fen,
  multiplier: 1,
  ...(when ? { when } : {}),
});

const living = cmp('living_status', 'eq', 'normal');
const shanghai = cmp('hukou', 'eq', 'shanghai');

export interface DemoProgram {
  program: ProgramCreateBody;
  rule: RuleExpr;
  amounts: AmountItem[];
  effectiveFrom: string;
  notes: string;
}

export const DEMO_PROGRAMS: DemoProgram[] = [
  {
    program: {
      code: 'transport_subsidy',
      nameZh: '残疾人交通补贴',
      nameEn: 'Disability transport subsidy',
      descriptionZh:
        '本市户籍、未满 65 周岁、持本市残疾人证（或残疾军人证、伤残人民警察证）的残疾人，免申即享，每月 45 元，由街镇打入社保卡银行账户。',
      descriptionEn:
        'For disabled people with Shanghai hukou, under 65, holding a Shanghai disability certificate (or a disabled veteran’s / injured police officer’s certificate): granted without application, 45 yuan a month into the social-security-card bank account.',
      periodicity: 'monthly',
      example: false,
      variables: [
        {
          name: 'veteran_or_police_certificate',
          type: 'boolean',
          label: {
            zh: '持残疾军人证或伤残人民警察证',
            en: 'Disabled veteran’s or injured police certificate',
          },
        },
      ],
    },
    rule: all(
      shanghai,
      cmp('age', 'lt', 65),
      any(cmp('has_certificate', 'eq', true), cmp('veteran_or_police_certificate', 'eq', true)),
      living,
    ),
    amounts: [item('交通补贴', 'Transport subsidy', 4500)],
    effectiveFrom: '2022-11-01',
    notes: '按已公布的规则配置（2022-11-01 起免申即享）。',
  },
  {
    program: {
      code: 'living_subsidy',
      nameZh: '困难残疾人生活补贴',
      nameEn: 'Living subsidy for disabled people in hardship',
      descriptionZh: '低保、低保边缘家庭中的残疾人（国发〔2015〕52号）。金额为示例，待确认。',
      descriptionEn:
        'Disabled people in dibao and dibao-edge families (State Council 2015 No. 52). Amounts are an example, to confirm.',
      periodicity: 'monthly',
      example: true,
      variables: [],
    },
    rule: all(
      shanghai,
      cmp('has_certificate', 'eq', true),
      { op: 'in', var: 'low_income', values: ['dibao', 'dibao_edge'] },
      living,
    ),
    amounts: [
      item('低保家庭', 'Dibao family', 45000, cmp('low_income', 'eq', 'dibao')),
      item('低保边缘家庭', 'Dibao-edge family', 32000, cmp('low_income', 'eq', 'dibao_edge')),
    ],
    effectiveFrom: '2025-07-01',
    notes: '示例配置：上海 2025-07-01 起标准待确认。',
  },
  {
    program: {
      code: 'nursing_subsidy',
      nameZh: '重度残疾人护理补贴',
      nameEn: 'Nursing subsidy for severely disabled people',
      descriptionZh: '一、二级残疾人，以及三级智力、精神残疾人。金额为示例，待确认。',
      descriptionEn:
        'Grade 1–2, and grade 3 intellectual or mental disability. Amounts are an example, to confirm.',
      periodicity: 'monthly',
      example: true,
      variables: [],
    },
    rule: all(
      shanghai,
      living,
      any(
        { op: 'in', var: 'grade', values: [1, 2] },
        all(cmp('grade', 'eq', 3), { op: 'in', var: 'category', values: [5, 6] }),
      ),
    ),
    amounts: [
      item('一级', 'Grade 1', 35000, cmp('grade', 'eq', 1)),
      item('二级及三级智力、精神', 'Grade 2, grade 3 intellectual or mental', 18000, {
        op: 'in',
        var: 'grade',
        values: [2, 3],
      }),
    ],
    effectiveFrom: '2025-07-01',
    notes: '示例配置：标准待确认。',
  },
  {
    program: {
      code: 'wheelchair_fuel_subsidy',
      nameZh: '机动轮椅车燃油补贴',
      nameEn: 'Motorised-wheelchair fuel subsidy',
      descriptionZh:
        '肢体残疾、持证、拥有符合 GB 12995-2006 的机动轮椅车。全国标准每车每年 260 元；本市标准待确认。',
      descriptionEn:
        'Physical disability, certificate holder, owns a motorised wheelchair meeting GB 12995-2006. National figure 260 yuan a vehicle a year; Shanghai’s to confirm.',
      periodicity: 'yearly',
      example: true,
      variables: [
        {
          name: 'wheelchair_meets_gb12995',
          type: 'boolean',
          label: { zh: '轮椅车符合 GB 12995-2006', en: 'Wheelchair meets GB 12995-2006' },
        },
        {
          name: 'wheelchairs_owned',
          type: 'number',
          min: 0,
          max: 3,
          label: { zh: '机动轮椅车数量', en: 'Motorised wheelchairs owned' },
        },
      ],
    },
    rule: all(
      living,
      cmp('has_certificate', 'eq', true),
      { op: 'in', var: 'category', values: [4, 7] },
      cmp('owns_motorised_wheelchair', 'eq', true),
      { op: 'not', arg: cmp('wheelchair_meets_gb12995', 'eq', false) },
    ),
    amounts: [
      {
        label: { zh: '每车每年', en: 'Per vehicle a year' },
        amountFen: 26000,
        multiplier: { var: 'wheelchairs_owned' },
        when: { op: 'present', var: 'wheelchairs_owned' },
      },
      item('一辆（未登记数量）', 'One vehicle (number not recorded)', 26000, {
        op: 'not',
        arg: { op: 'present', var: 'wheelchairs_owned' },
      }),
    ],
    effectiveFrom: '2025-01-01',
    notes: '示例配置：全国标准 260 元/车/年，本市标准待确认。',
  },
  {
    program: {
      code: 'wheelchair_insurance',
      nameZh: '机动（电动）轮椅车保险',
      nameEn: 'Motorised (electric) wheelchair insurance',
      descriptionZh: '规则未找到：示例配置，须由区残联确认后发布。',
      descriptionEn: 'Rules not found: example configuration, to be confirmed by the federation before use.',
      periodicity: 'yearly',
      example: true,
      variables: [],
    },
    rule: all(living, cmp('owns_motorised_wheelchair', 'eq', true), cmp('has_certificate', 'eq', true)),
    amounts: [item('保费（示例）', 'Premium (example)', 10000)],
    effectiveFrom: '2025-01-01',
    notes: '示例配置：规则与金额均待确认。',
  },
  {
    program: {
      code: 'comprehensive_insurance',
      nameZh: '残疾人综合保险',
      nameEn: 'Comprehensive insurance for disabled people',
      descriptionZh: '规则未找到：示例配置，须由区残联确认后发布。',
      descriptionEn: 'Rules not found: example configuration, to be confirmed by the federation before use.',
      periodicity: 'yearly',
      example: true,
      variables: [],
    },
    rule: all(shanghai, living, cmp('has_certificate', 'eq', true)),
    amounts: [item('保费（示例）', 'Premium (example)', 5000)],
    effectiveFrom: '2025-01-01',
    notes: '示例配置：规则与金额均待确认。',
  },
];

/** Creates and publishes the demo programmes that do not exist yet. Returns how many were created. */
export async function seedBenefitPrograms(p: Platform, only?: string[]): Promise<number> {
  const svc = new ProgramsService(p);
  const actor = systemActor();
  let n = 0;
  for (const d of DEMO_PROGRAMS) {
    if (only && !only.includes(d.program.code)) continue;
    if (await findProgram(p.database.db, d.program.code)) continue;
    await svc.create(actor, d.program);
    const v = await svc.createVersion(actor, d.program.code, {
      rule: d.rule,
      amounts: d.amounts,
      effectiveFrom: d.effectiveFrom,
      notes: d.notes,
    });
    await svc.publish(actor, d.program.code, v.id);
    n++;
  }
  return n;
}

/** Synthetic account references (SYN-…: they are no bank's) for persons without one. */
export async function seedPayees(p: Platform): Promise<number> {
  const db = p.database.db;
  const ids = resultRows<{ id: string }>(
    await db.execute(
      sql`SELECT id FROM persons p WHERE NOT EXISTS (SELECT 1 FROM benefit_payees b WHERE b.person_id = p.id) ORDER BY id`,
    ),
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = ids.slice(i, i + 1000).map((personId, j) => ({
      personId,
      accountRefEnc: p.crypto.encrypt(`SYN-${String(6_200_000_000 + i + j).padStart(12, '0')}`),
    }));
    await db.insert(benefitPayees).values(rows).onConflictDoNothing();
  }
  return ids.length;
}

/**
 * Links the demo resident (17000000001) to a person who receives the transport subsidy, and the
 * demo guardian (17000000002) as guardian of a person with an intellectual disability.
 */
export async function linkDemoResidents(p: Platform): Promise<void> {
  const db = p.database.db;
  await db.transaction(async (tx) => {
    const [self] = resultRows<{ id: string }>(
      await tx.execute(sql`
        SELECT id FROM persons WHERE hukou = 'shanghai' AND living_status = 'normal' AND category IS NOT NULL
          AND birth_date > (current_date - interval '60 years') AND birth_date < (current_date - interval '20 years')
          AND merged_into IS NULL ORDER BY id LIMIT 1`),
    );
    if (self) {
      const phone = '17000000001';
      await tx.execute(sql`UPDATE persons SET phone_enc = ${p.crypto.encrypt(phone)}, phone_bidx = ${phoneIndex(p.crypto, phone)}
        WHERE id = ${self.id}`);
    }
    const [ward] = resultRows<{ id: string }>(
      await tx.execute(sql`
        SELECT id FROM persons WHERE category = 5 AND living_status = 'normal' AND merged_into IS NULL
          AND (id <> ${self?.id ?? null}::uuid OR ${self?.id ?? null}::uuid IS NULL) ORDER BY id LIMIT 1`),
    );
    const [guardianUser] = resultRows<{ id: string }>(
      await tx.execute(sql`SELECT id FROM users WHERE username = 'demo_guardian'`),
    );
    if (ward && guardianUser) {
      const phone = '17000000002';
      await tx.execute(sql`
        INSERT INTO guardians (id, person_id, name, relationship, phone_enc, phone_bidx, is_primary, user_id)
        VALUES (${newId()}, ${ward.id}, '监护人（示例）', 'parent', ${p.crypto.encrypt(phone)}, ${phoneIndex(p.crypto, phone)}, true, ${guardianUser.id})`);
    }
  });
}

/**
 * Demo history: last month's transport-subsidy cycle, run and paid, and everyone in it enrolled —
 * so the demo starts where a real district would be (staff then run this month's cycle).
 */
export async function seedBenefitHistory(p: Platform): Promise<void> {
  const db = p.database.db;
  const program = await findProgram(db, 'transport_subsidy');
  if (!program) return;
  const period = previousPeriod(periodOf(shanghaiToday(), 'monthly'));
  const cycle = await new CyclesService(p).create(systemActor(), program.code, period);
  const version = (await findVersionById(db, cycle.versionId!))!;
  const rule = compileVersion(program, version, period);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO benefit_entitlements (id, program_id, person_id, period, cycle_id, version_id, street_code, amount_fen,
        state, paid_at, payment_ref, decision_note)
      SELECT gen_random_uuid(), ${program.id}, p.id, ${period}, ${cycle.id}, ${version.id}, p.street_code, ${rule.amount},
        'paid', now(), 'DEMO', '示例数据 demo data'
      FROM persons p WHERE ${rule.eligible}
      ON CONFLICT (program_id, person_id, period) DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO benefit_enrolments (program_id, person_id, state, since_period, reason)
      SELECT program_id, person_id, 'active', ${period}, '{}'::jsonb FROM benefit_entitlements WHERE cycle_id = ${cycle.id}
      ON CONFLICT DO NOTHING`);
  });
  await finishCycle(p, cycle.id);
}
