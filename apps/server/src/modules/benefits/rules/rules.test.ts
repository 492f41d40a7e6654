import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { AmountItem, ProgramVariable, RuleExpr } from '@jinglin/shared';
import { RuleExplanation } from '@jinglin/shared';
import { createTestEnv, type TestEnv } from '../../../../test/harness.js';
import { compileRule, thresholdDate } from './compile.js';
import { ageOn, amountFen, evaluateRule, loadPersonFacts, scaleFen, variablesOf } from './evaluate.js';
import { describeRule, explainRule } from './explain.js';
import { checkAmounts, checkRule, resolveVariables } from './variables.js';
import { expectedFacts, insertPersons, runCompiled, testPerson } from './rules.fixtures.js';

const PROGRAM: ProgramVariable[] = [
  { name: 'disabled_veteran', type: 'boolean', label: { zh: '伤残军人', en: 'Disabled veteran' } },
  { name: 'vehicles', type: 'number', min: 0, max: 3, label: { zh: '车辆数', en: 'Vehicles' } },
  { name: 'care_level', type: 'enum', values: ['a', 'b'], label: { zh: '护理等级', en: 'Care level' } },
];
const defs = resolveVariables(PROGRAM);
const REF = '2025-03-01';

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
const base = variablesOf(
  expectedFacts(testPerson({ birthDate: '1960-03-02', category: null, grade: null }), defs),
  REF,
);

describe('ages', () => {
  it('counts whole years, a year more on the birthday itself', () => {
    expect(ageOn('2025-03-01', '1960-03-01')).toBe(65);
    expect(ageOn('2025-03-01', '1960-03-02')).toBe(64);
    expect(ageOn('2025-03-01', '1960-02-28')).toBe(65);
    expect(ageOn('2025-03-01', '2025-03-02')).toBe(-1);
  });
  it('29 February: one year older on 1 March in a common year, on 29 February in a leap year', () => {
    expect(ageOn('2025-02-28', '2008-02-29')).toBe(16);
    expect(ageOn('2025-03-01', '2008-02-29')).toBe(17);
    expect(ageOn('2024-02-28', '2008-02-29')).toBe(15);
    expect(ageOn('2024-02-29', '2008-02-29')).toBe(16);
    expect(ageOn('2024-02-29', '2007-03-01')).toBe(16);
    expect(ageOn('2024-02-29', '2007-02-28')).toBe(17);
  });
  it('threshold dates clamp to the last day of the month', () => {
    expect(thresholdDate('2024-02-29', 1)).toBe('2023-02-28');
    expect(thresholdDate('2024-02-29', 4)).toBe('2020-02-29');
    expect(thresholdDate('2025-03-01', 65)).toBe('1960-03-01');
    expect(thresholdDate('2025-03-01', 3000)).toBeNull();
  });
});

describe('evaluating', () => {
  it('each operator on numbers, enums and booleans', () => {
    expect(evaluateRule(cmp('age', 'lt', 65), base)).toBe(true);
    expect(evaluateRule(cmp('age', 'le', 64), base)).toBe(true);
    expect(evaluateRule(cmp('age', 'gt', 64), base)).toBe(false);
    expect(evaluateRule(cmp('age', 'ge', 64), base)).toBe(true);
    expect(evaluateRule(cmp('age', 'eq', 64), base)).toBe(true);
    expect(evaluateRule(cmp('age', 'ne', 64), base)).toBe(false);
    expect(evaluateRule(cmp('hukou', 'eq', 'shanghai'), base)).toBe(true);
    expect(evaluateRule(cmp('hukou', 'ne', 'shanghai'), base)).toBe(false);
    expect(evaluateRule(cmp('has_guardian', 'eq', false), base)).toBe(true);
    expect(evaluateRule({ op: 'in', var: 'education', values: ['junior', 'senior'] }, base)).toBe(true);
    expect(evaluateRule({ op: 'true' }, base)).toBe(true);
    expect(evaluateRule({ op: 'and', args: [{ op: 'true' }, cmp('gender', 'eq', 'male')] }, base)).toBe(
      false,
    );
    expect(evaluateRule({ op: 'or', args: [cmp('gender', 'eq', 'male'), { op: 'true' }] }, base)).toBe(true);
  });
  it('a comparison without a value is false, whatever the operator; not is plain negation', () => {
    for (const c of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) {
      expect(evaluateRule(cmp('grade', c, 2), base)).toBe(false);
      expect(evaluateRule(cmp('vehicles', c, 1), base)).toBe(false);
      expect(evaluateRule({ op: 'not', arg: cmp('grade', c, 2) }, base)).toBe(true);
    }
    expect(evaluateRule(cmp('care_level', 'ne', 'a'), base)).toBe(false);
    expect(evaluateRule({ op: 'in', var: 'grade', values: [1, 2, 3, 4] }, base)).toBe(false);
    expect(evaluateRule({ op: 'present', var: 'grade' }, base)).toBe(false);
    expect(evaluateRule({ op: 'present', var: 'age' }, base)).toBe(true);
    expect(evaluateRule(cmp('has_certificate', 'eq', false), base)).toBe(true);
  });
  it('amounts: items whose condition holds, multiplier variables (none counts 0), whole fen', () => {
    const items: AmountItem[] = [
      { label: { zh: '基本', en: 'Base' }, amountFen: 10000, multiplier: 1 },
      { label: { zh: '高龄', en: 'Older' }, amountFen: 5000, multiplier: 2, when: cmp('age', 'ge', 65) },
      { label: { zh: '车辆', en: 'Vehicles' }, amountFen: 3000, multiplier: { var: 'vehicles' } },
    ];
    expect(amountFen(items, base)).toBe(10000);
    expect(amountFen(items, { ...base, age: 65, vehicles: 2 })).toBe(26000);
    expect(scaleFen(5, 0.5)).toBe(3);
    expect(scaleFen(5, -0.5)).toBe(-3);
    expect(scaleFen(333, 0.15)).toBe(50);
    expect(scaleFen(1, 1e-7)).toBe(0);
  });
});

describe('checking', () => {
  it('accepts well-typed rules and names each problem by path', () => {
    expect(
      checkRule({ op: 'and', args: [cmp('age', 'lt', 65), cmp('care_level', 'eq', 'a')] }, defs),
    ).toEqual([]);
    const bad: RuleExpr = {
      op: 'and',
      args: [
        cmp('hukou', 'lt', 'shanghai'),
        cmp('age', 'eq', '65'),
        cmp('hukou', 'eq', 'beijing'),
        cmp('nope', 'eq', 1),
        { op: 'not', arg: cmp('has_guardian', 'ge', true) },
        { op: 'in', var: 'grade', values: [1, 'two'] },
        { op: 'in', var: 'has_guardian', values: ['x'] },
        { op: 'or', args: [] },
        { op: 'present', var: 'ghost' },
        cmp('disabled_veteran', 'eq', 1),
      ],
    };
    expect(checkRule(bad, defs)).toEqual([
      { path: 'rule.args.0.cmp', code: 'type_mismatch' },
      { path: 'rule.args.1.value', code: 'type_mismatch' },
      { path: 'rule.args.2.value', code: 'invalid_value' },
      { path: 'rule.args.3.var', code: 'unknown_variable' },
      { path: 'rule.args.4.arg.cmp', code: 'type_mismatch' },
      { path: 'rule.args.5.values.1', code: 'type_mismatch' },
      { path: 'rule.args.6.var', code: 'type_mismatch' },
      { path: 'rule.args.7.args', code: 'empty' },
      { path: 'rule.args.8.var', code: 'unknown_variable' },
      { path: 'rule.args.9.value', code: 'type_mismatch' },
    ]);
  });
  it('amount items: conditions and multiplier variables', () => {
    const items: AmountItem[] = [
      { label: { zh: 'a', en: 'a' }, amountFen: 1, multiplier: { var: 'care_level' } },
      { label: { zh: 'b', en: 'b' }, amountFen: 1, multiplier: { var: 'missing' } },
      { label: { zh: 'c', en: 'c' }, amountFen: 1, multiplier: 1, when: cmp('grade', 'eq', 'x') },
      { label: { zh: 'd', en: 'd' }, amountFen: 1, multiplier: { var: 'vehicles' } },
    ];
    expect(checkAmounts(items, defs)).toEqual([
      { path: 'amounts.0.multiplier.var', code: 'type_mismatch' },
      { path: 'amounts.1.multiplier.var', code: 'unknown_variable' },
      { path: 'amounts.2.when.value', code: 'type_mismatch' },
    ]);
  });
  it('a programme variable may not shadow a built-in', () => {
    expect(() =>
      resolveVariables([{ name: 'age', type: 'number', label: { zh: '年龄', en: 'Age' } }]),
    ).toThrow(/variables.0.name shadows_builtin/);
    expect(defs.get('vehicles')?.type).toBe('number');
    expect(defs.get('hukou')?.type).toBe('enum');
  });
});

describe('explaining', () => {
  it('leaves in plain language with the actual value, a tree mirroring the rule', () => {
    const rule: RuleExpr = {
      op: 'and',
      args: [
        cmp('age', 'lt', 65),
        cmp('hukou', 'eq', 'shanghai'),
        cmp('grade', 'le', 2),
        { op: 'not', arg: cmp('low_income', 'eq', 'dibao') },
        { op: 'in', var: 'care_level', values: ['a', 'b'] },
      ],
    };
    const e = explainRule(rule, base, defs);
    expect(RuleExplanation.parse(e)).toEqual(e);
    expect(e.passed).toBe(false);
    expect(e.text).toEqual({ zh: '以下条件未全部满足 ✗', en: 'Not all of the following are met ✗' });
    expect(e.children!.map((c) => c.text)).toEqual([
      { zh: '年龄 64 岁，未满 65 岁 ✓', en: 'Age 64 years, under 65 ✓' },
      { zh: '户籍 上海 ✓', en: 'Hukou Shanghai ✓' },
      {
        zh: '残疾等级 无（无有效残疾人证），要求不超过 2 ✗',
        en: 'Disability grade none (no valid certificate), required at most 2 ✗',
      },
      { zh: '以下条件不成立 ✓', en: 'The following does not hold ✓' },
      {
        zh: '护理等级 无（未记录），要求为 a、b 之一 ✗',
        en: 'Care level none (not recorded), required one of a, b ✗',
      },
    ]);
    expect(e.children![3]!.children![0]!.text).toEqual({
      zh: '低保状况 无，要求为 低保 ✗',
      en: 'Low-income status none, required minimum living allowance (dibao) ✗',
    });
    const cat = explainRule(cmp('category', 'eq', 4), { ...base, category: 4 }, defs);
    expect(cat.text.zh).toBe('残疾类别 4（肢体残疾）✓');
    const cat3 = explainRule(cmp('category', 'eq', 3), { ...base, category: 4 }, defs);
    expect(cat3.text).toEqual({
      zh: '残疾类别 4（肢体残疾），要求等于 3（言语残疾）✗',
      en: 'Disability category 4 (physical), required exactly 3 ✗',
    });
  });
  it('describes a rule in one line', () => {
    const rule: RuleExpr = {
      op: 'and',
      args: [
        cmp('hukou', 'eq', 'shanghai'),
        cmp('age', 'lt', 65),
        cmp('has_certificate', 'eq', true),
        { op: 'or', args: [cmp('disabled_veteran', 'eq', true), { op: 'in', var: 'grade', values: [1, 2] }] },
      ],
    };
    expect(describeRule(rule, defs)).toEqual({
      zh: '户籍为上海 且 年龄小于 65 岁 且 持有效残疾人证 且 （伤残军人 或 残疾等级为 1、2 之一）',
      en: 'Hukou is Shanghai and age under 65 years and holds a valid certificate and (disabled veteran or disability grade is one of 1, 2)',
    });
  });
});

describe('compiled SQL', () => {
  it('binds every value: nothing from the rule reaches the SQL text', () => {
    const evil = "a'); DROP TABLE persons; --";
    const vars = resolveVariables([
      { name: 'x_enum', type: 'enum', values: [evil, 'b'], label: { zh: 'x', en: 'x' } },
    ]);
    const q = new PgDialect().sqlToQuery(
      compileRule(
        { op: 'and', args: [cmp('x_enum', 'eq', evil), cmp('hukou', 'eq', 'other')] },
        { refDate: REF, vars },
      ),
    );
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain('other');
    expect(q.params).toEqual(expect.arrayContaining([evil, 'x_enum', 'other']));
    expect(() => compileRule(cmp('age', 'lt', 1), { refDate: REF, vars, alias: 'p; --' })).toThrow();
  });
});

describe('on the database', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('ageOn is PostgreSQL age(); compiled age comparisons agree, 29 February included', async () => {
    const refs = ['2024-02-29', '2025-02-28', '2025-03-01', '2024-03-01', '2023-12-31'];
    const births = [
      '2008-02-29',
      '2007-02-28',
      '2007-03-01',
      '2000-02-29',
      '1959-03-01',
      '1960-02-29',
      '2024-02-29',
    ];
    for (const ref of refs) {
      // Born after the reference date: age() truncates towards zero, the formula does not.
      for (const b of births.filter((b) => b <= ref)) {
        const [row] = await t.p.database.rows<{ a: number }>(
          sql`SELECT date_part('year', age(${ref}::date, ${b}::date))::int AS a`,
        );
        expect(ageOn(ref, b), `${ref} ${b}`).toBe(row!.a);
      }
    }
    await t.p.database.db.transaction(async (tx) => {
      const list = births.map((birthDate) => testPerson({ birthDate }));
      const ids = await insertPersons(tx, t.p.crypto, list);
      for (const ref of refs) {
        for (const n of [0, 1, 15, 16, 17, 24, 65]) {
          for (const c of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) {
            const rule = cmp('age', c, n);
            const got = await runCompiled(tx, ids, rule, [], { refDate: ref, vars: defs });
            list.forEach((p, i) => {
              const want = evaluateRule(rule, variablesOf(expectedFacts(p, defs), ref));
              expect(got.get(ids[i]!)!.ok, `${ref} ${p.birthDate} age ${c} ${n}`).toBe(want);
            });
          }
        }
      }
    });
  });

  it('loads persons, guardians and facts in two queries, well under 50 ms for one person', async () => {
    const person = testPerson({
      guardians: 2,
      category: null,
      grade: null,
      facts: [
        { name: 'vehicles', valueNum: 2, valueText: null, valueBool: null },
        { name: 'care_level', valueNum: null, valueText: 'b', valueBool: null },
        { name: 'disabled_veteran', valueNum: null, valueText: null, valueBool: null },
      ],
    });
    const [id] = await t.p.database.db.transaction((tx) =>
      insertPersons(tx, t.p.crypto, [person, testPerson()]),
    );
    const loaded = await loadPersonFacts(
      t.p.database.db,
      [id!, '00000000-0000-7000-8000-000000000000'],
      defs,
    );
    expect([...loaded.keys()]).toEqual([id]);
    expect(loaded.get(id!)).toEqual(expectedFacts(person, defs));
    expect(loaded.get(id!)!.facts).toEqual({ vehicles: 2, care_level: 'b', disabled_veteran: null });
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      await loadPersonFacts(t.p.database.db, [id!], defs);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(times[7]!).toBeLessThan(50);
  });
});
