/**
 * Test helpers for benefits: a programme of its own per test (a rule that also requires a fact
 * `tag_…` only that test's persons carry, so tests sharing a database never see each other's
 * persons), persons of a given age, and a cycle run to its end.
 */
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AmountItem, RuleExpr } from '@jinglin/shared';
import type { TestEnv, TestUser } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';
import { rng, syntheticIdNumber } from '../../seed/synthetic.js';
import { systemActor } from '../../platform/access/actor.js';
import { benefitsOf } from './benefits.module.js';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** The transport subsidy's shape (Shanghai hukou, under 65, certificate, living), plus the test's tag. */
export const transportLike = (tag: string): RuleExpr => ({
  op: 'and',
  args: [
    { op: 'cmp', var: tag, cmp: 'eq', value: true },
    { op: 'cmp', var: 'hukou', cmp: 'eq', value: 'shanghai' },
    { op: 'cmp', var: 'age', cmp: 'lt', value: 65 },
    { op: 'cmp', var: 'has_certificate', cmp: 'eq', value: true },
    { op: 'cmp', var: 'living_status', cmp: 'eq', value: 'normal' },
  ],
});

export const flat = (fen: number): AmountItem[] => [
  { label: { zh: '补贴', en: 'Subsidy' }, amountFen: fen, multiplier: 1 },
];

export interface TestProgram {
  code: string;
  tag: string;
  versionId: string;
}

/** A published programme whose rule is `rule(tag)`, in force from 2020-01. */
export async function makeProgram(
  t: TestEnv,
  manager: TestUser,
  opts: { rule?: (tag: string) => RuleExpr; amounts?: AmountItem[]; periodicity?: 'monthly' | 'yearly' } = {},
): Promise<TestProgram> {
  const id = uniq();
  const code = `t_${id}`;
  const tag = `tag_${id}`;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/benefits/programs',
    headers: manager.auth,
    payload: {
      code,
      nameZh: '测试补贴',
      nameEn: 'Test subsidy',
      periodicity: opts.periodicity ?? 'monthly',
      variables: [{ name: tag, type: 'boolean', label: { zh: '测试标记', en: 'Test tag' } }],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const v = await t.app.inject({
    method: 'POST',
    url: `/api/v1/benefits/programs/${code}/versions`,
    headers: manager.auth,
    payload: {
      rule: (opts.rule ?? transportLike)(tag),
      amounts: opts.amounts ?? flat(4500),
      effectiveFrom: '2020-01-01',
    },
  });
  expect(v.statusCode, v.body).toBe(201);
  const pub = await t.app.inject({
    method: 'POST',
    url: `/api/v1/benefits/programs/${code}/versions/${v.json().id}/publish`,
    headers: manager.auth,
  });
  expect(pub.statusCode, pub.body).toBe(200);
  return { code, tag, versionId: v.json().id };
}

/** A birth date making the person `age` on `on` (whole years, the day after the birthday). */
export function birthDateFor(age: number, on: string): string {
  const d = new Date(`${on}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

let seq = Math.floor(Math.random() * 1e6);
const issued = new Set<string>();

/** Registers a person (through the API) and tags them for the programme. Returns the person's id. */
export async function makePerson(
  t: TestEnv,
  worker: TestUser,
  opts: {
    tag?: string;
    birthDate?: string;
    streetCode?: string;
    phone?: string;
    over?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const base = personBody();
  // A birth date of its own unless asked (so ID numbers rarely share a date), and never an ID
  // number this process issued before (synthetic sequence digits can repeat).
  const birthDate =
    opts.birthDate ??
    `19${70 + (seq % 30)}-${String(1 + (seq % 12)).padStart(2, '0')}-${String(1 + (seq % 28)).padStart(2, '0')}`;
  let idNumber = syntheticIdNumber(rng(seq++), birthDate, 'female');
  while (issued.has(idNumber)) idNumber = syntheticIdNumber(rng(seq++), birthDate, 'female');
  issued.add(idNumber);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/persons',
    headers: worker.auth,
    payload: {
      ...base,
      idNumber,
      gender: 'female',
      birthDate,
      certificate: { number: `${idNumber}42`, issuedAt: '2020-05-01' },
      streetCode: opts.streetCode ?? 'linfenlu',
      ...(opts.phone ? { phone: opts.phone } : {}),
      ...opts.over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (opts.tag) await tagPerson(t, id, opts.tag, true);
  return id;
}

/** Sets a fact straight through the service (as the system), without a person.changed re-evaluation. */
export async function tagPerson(t: TestEnv, personId: string, tag: string, value: boolean | null) {
  await t.p.database.db.execute(
    value === null
      ? sql`DELETE FROM benefit_facts WHERE person_id = ${personId} AND name = ${tag}`
      : sql`INSERT INTO benefit_facts (person_id, name, value_bool) VALUES (${personId}, ${tag}, ${value})
            ON CONFLICT (person_id, name) DO UPDATE SET value_bool = EXCLUDED.value_bool`,
  );
}

/** Creates the period's cycle, runs it to its end (in small chunks), returns the cycle id. */
export async function runCycle(
  t: TestEnv,
  runner: TestUser,
  code: string,
  period: string,
  chunkSize = 3,
): Promise<string> {
  const c = await t.app.inject({
    method: 'POST',
    url: `/api/v1/benefits/programs/${code}/cycles`,
    headers: runner.auth,
    payload: { period },
  });
  expect(c.statusCode, c.body).toBe(201);
  const cycleId = c.json().id as string;
  await rerunCycle(t, cycleId, chunkSize);
  return cycleId;
}

export async function rerunCycle(t: TestEnv, cycleId: string, chunkSize = 3) {
  await benefitsOf(t.p).cycles.run({ ...systemActor(), userId: null }, cycleId, { chunkSize });
  await t.p.jobs.drain();
}

export async function entitlementsOf(t: TestEnv, user: TestUser, cycleId: string, query = '') {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/benefits/cycles/${cycleId}/entitlements?limit=200${query}`,
    headers: user.auth,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    person: { id: string };
    state: string;
    amountFen: number;
    streetCode: string;
  }[];
}
