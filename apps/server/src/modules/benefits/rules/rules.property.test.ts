/**
 * The compiled SQL and the TypeScript evaluator agree: random persons (null category/grade, missing
 * and empty facts, guardians, birthdays on and around the reference date and on 29 February) and
 * random well-typed rules and amount items, inserted into a real database and evaluated both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CMP_OPS,
  EDUCATION,
  EMPLOYMENT,
  HUKOU,
  LIVING_STATUS,
  LOW_INCOME,
  type AmountItem,
  type ProgramVariable,
  type RuleExpr,
} from '@jinglin/shared';
import { createTestEnv, type TestEnv } from '../../../../test/harness.js';
import { amountFen, evaluateRule, loadPersonFacts, variablesOf } from './evaluate.js';
import { explainRule } from './explain.js';
import { checkAmounts, checkRule, resolveVariables, type RuleVariableDef } from './variables.js';
import {
  expectedFacts,
  insertPersons,
  runCompiled,
  type FactRow,
  type TestPerson,
} from './rules.fixtures.js';

const PROGRAM: ProgramVariable[] = [
  { name: 'veteran', type: 'boolean', label: { zh: '伤残军人', en: 'Disabled veteran' } },
  { name: 'vehicles', type: 'number', min: 0, max: 3, label: { zh: '车辆数', en: 'Vehicles' } },
  { name: 'income', type: 'number', min: 0, max: 3, label: { zh: '收入', en: 'Income' } },
  { name: 'care_level', type: 'enum', values: ['a', 'b', 'c'], label: { zh: '护理等级', en: 'Care level' } },
];
const defs = resolveVariables(PROGRAM);
const VARS = [...defs.values()];
const AGES = [0, 1, 16, 17, 18, 59, 60, 64, 65, 80];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoOf = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

const refDateArb = fc.oneof(
  fc.constantFrom('2024-02-29', '2024-03-01', '2025-03-01', '2025-02-28', '2024-01-01', '2028-02-29'),
  fc
    .record({ y: fc.integer({ min: 2020, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${pad(m)}-01`),
);

/** Birthdays near an age threshold on the reference date, on 28/29 Feb and 1 Mar, or anywhere. */
const birthArb = (ref: string) =>
  fc.oneof(
    fc.record({ n: fc.constantFrom(...AGES), delta: fc.integer({ min: -2, max: 2 }) }).map(({ n, delta }) => {
      const [y, m, d] = ref.split('-').map(Number) as [number, number, number];
      return isoOf(new Date(Date.UTC(y - n, m - 1, d + delta)));
    }),
    fc
      .record({
        y: fc.constantFrom(1956, 1959, 1960, 1963, 2007, 2008, 2020, 2021),
        md: fc.constantFrom('02-28', '02-29', '03-01'),
      })
      .filter(({ y, md }) => md !== '02-29' || y % 4 === 0)
      .map(({ y, md }) => `${y}-${md}`),
    fc.date({ min: new Date('1920-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map(isoOf),
  );

const factArb = (def: RuleVariableDef): fc.Arbitrary<FactRow | null> => {
  const row = (v: Partial<FactRow>): FactRow => ({
    name: def.name,
    valueNum: null,
    valueText: null,
    valueBool: null,
    ...v,
  });
  const value: fc.Arbitrary<FactRow> =
    def.type === 'number'
      ? fc
          .oneof(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 12 }).map((k) => k / 4),
          )
          .map((n) => row({ valueNum: n }))
      : def.type === 'enum'
        ? fc.constantFrom(...def.values!).map((s) => row({ valueText: s }))
        : fc.boolean().map((b) => row({ valueBool: b }));
  return fc.oneof(fc.constant(null), fc.constant(row({})), value, value);
};

const personArb = (ref: string): fc.Arbitrary<TestPerson> =>
  fc
    .record({
      birthDate: birthArb(ref),
      hukou: fc.constantFrom(...HUKOU),
      livingStatus: fc.constantFrom(...LIVING_STATUS),
      lowIncome: fc.constantFrom(...LOW_INCOME),
      gender: fc.constantFrom('male' as const, 'female' as const),
      employment: fc.constantFrom(...EMPLOYMENT),
      education: fc.constantFrom(...EDUCATION),
      cert: fc.option(
        fc.record({ category: fc.integer({ min: 1, max: 7 }), grade: fc.integer({ min: 1, max: 4 }) }),
      ),
      ownsMotorisedWheelchair: fc.boolean(),
      guardians: fc.integer({ min: 0, max: 2 }),
      facts: fc.tuple(...PROGRAM.map((v) => factArb(defs.get(v.name)!))),
    })
    .map(({ cert, facts, ...rest }) => ({
      ...rest,
      category: cert?.category ?? null,
      grade: cert?.grade ?? null,
      facts: facts.filter((f): f is FactRow => f !== null),
    }));

/** Numbers a comparison on this variable may use: around its range, sometimes a fraction. */
const numberArb = (def: RuleVariableDef): fc.Arbitrary<number> => {
  if (def.name === 'age')
    return fc.oneof(
      fc.constantFrom(...AGES),
      fc.constantFrom(...AGES).map((a) => a + 0.5),
    );
  const lo = (def.min ?? 0) - 1;
  const hi = (def.max ?? 10) + 1;
  return fc.oneof(
    fc.integer({ min: lo, max: hi }),
    fc.integer({ min: lo * 4, max: hi * 4 }).map((k) => k / 4),
  );
};

const leafArb = (def: RuleVariableDef): fc.Arbitrary<RuleExpr> => {
  const v = def.name;
  const present = fc.constant<RuleExpr>({ op: 'present', var: v });
  switch (def.type) {
    case 'boolean':
      return fc.oneof(
        fc.record({
          op: fc.constant('cmp' as const),
          var: fc.constant(v),
          cmp: fc.constantFrom('eq' as const, 'ne' as const),
          value: fc.boolean(),
        }),
        present,
      );
    case 'enum':
      return fc.oneof(
        fc.record({
          op: fc.constant('cmp' as const),
          var: fc.constant(v),
          cmp: fc.constantFrom('eq' as const, 'ne' as const),
          value: fc.constantFrom(...def.values!),
        }),
        fc.record({
          op: fc.constant('in' as const),
          var: fc.constant(v),
          values: fc.subarray([...def.values!], { minLength: 1 }),
        }),
        present,
      );
    case 'number':
      return fc.oneof(
        fc.record({
          op: fc.constant('cmp' as const),
          var: fc.constant(v),
          cmp: fc.constantFrom(...CMP_OPS),
          value: numberArb(def),
        }),
        fc.record({
          op: fc.constant('in' as const),
          var: fc.constant(v),
          values: fc.array(numberArb(def), { minLength: 1, maxLength: 4 }),
        }),
        present,
      );
  }
};

const { rule: ruleArb } = fc.letrec<{ rule: RuleExpr; leaf: RuleExpr }>((tie) => ({
  leaf: fc.oneof(fc.constant<RuleExpr>({ op: 'true' }), ...VARS.map(leafArb), ...VARS.map(leafArb)),
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({
      op: fc.constantFrom('and' as const, 'or' as const),
      args: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ op: fc.constant('not' as const), arg: tie('rule') }),
  ),
}));

const amountsArb: fc.Arbitrary<AmountItem[]> = fc.array(
  fc.record(
    {
      label: fc.constant({ zh: '项目', en: 'Item' }),
      amountFen: fc.integer({ min: 0, max: 100_000 }),
      multiplier: fc.oneof(
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('vehicles', 'income', 'category', 'grade', 'age').map((v) => ({ var: v })),
      ),
      when: ruleArb,
    },
    { requiredKeys: ['label', 'amountFen', 'multiplier'] },
  ),
  { maxLength: 3 },
);

const caseArb = refDateArb.chain((refDate) =>
  fc.record({
    refDate: fc.constant(refDate),
    persons: fc.array(personArb(refDate), { minLength: 30, maxLength: 30 }),
    rules: fc.array(ruleArb, { minLength: 3, maxLength: 3 }),
    amounts: amountsArb,
  }),
);

describe('compiled rules agree with the TypeScript evaluator', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('for random persons, rules and amounts', async () => {
    let checked = 0;
    const seen = { passed: 0, failed: 0, paid: 0, nullGrade: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ refDate, persons, rules, amounts }) => {
        for (const r of rules) expect(checkRule(r, defs)).toEqual([]);
        expect(checkAmounts(amounts, defs)).toEqual([]);
        await t.p.database.db.transaction(async (tx) => {
          const ids = await insertPersons(tx, t.p.crypto, persons);
          const loaded = await loadPersonFacts(tx, ids, defs);
          const compiled: Awaited<ReturnType<typeof runCompiled>>[] = [];
          for (const r of rules)
            compiled.push(await runCompiled(tx, ids, r, amounts, { refDate, vars: defs }));
          persons.forEach((person, i) => {
            const id = ids[i]!;
            const facts = loaded.get(id)!;
            expect(facts).toEqual(expectedFacts(person, defs));
            const vars = variablesOf(facts, refDate);
            rules.forEach((rule, k) => {
              const row = compiled[k]!.get(id)!;
              const ctx = JSON.stringify({ refDate, person, rule, amounts, vars });
              expect(row.ok, ctx).toBe(evaluateRule(rule, vars));
              expect(row.fen, ctx).toBe(amountFen(amounts, vars));
              expect(explainRule(rule, vars, defs).passed).toBe(row.ok);
              checked++;
              seen[row.ok ? 'passed' : 'failed']++;
              if (row.fen > 0) seen.paid++;
              if (vars.grade === null) seen.nullGrade++;
            });
          });
        });
      }),
      { numRuns: 80 },
    );
    expect(checked).toBe(80 * 30 * 3);
    // Not a degenerate sample: both outcomes, paid amounts, persons without a certificate.
    for (const n of Object.values(seen)) expect(n).toBeGreaterThan(checked / 50);
  });
});
