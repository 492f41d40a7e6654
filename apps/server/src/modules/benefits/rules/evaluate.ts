/**
 * The TypeScript evaluator: one person at a time (event-driven re-evaluation, explanations).
 * compile.ts is its SQL twin for whole-registry runs; rules.property.test.ts proves they agree.
 *
 * Semantics: a comparison on a variable without a value (null) is false; `ne` included. A value of
 * the wrong type (a fact recorded under another type) counts as no value.
 */
import { inArray, sql } from 'drizzle-orm';
import type { AmountItem, RuleExpr } from '@jinglin/shared';
import type { Tx } from '../../../platform/db/client.js';
import { persons } from '../../registry/registry.tables.js';
import { benefitFacts } from '../benefits.tables.js';
import type { RuleVariableDef } from './variables.js';

export type RuleValue = number | string | boolean | null;
export type RuleVars = Record<string, RuleValue>;

/** What the rules may read about one person (persons row, guardians, benefit_facts). */
export interface PersonFacts {
  birthDate: string;
  hukou: string;
  livingStatus: string;
  lowIncome: string;
  gender: string;
  employment: string;
  education: string;
  /** The active certificate's category and grade; null without one. */
  category: number | null;
  grade: number | null;
  ownsMotorisedWheelchair: boolean;
  hasGuardian: boolean;
  /** Programme fact variables by name; a missing name means no value. */
  facts: Record<string, RuleValue>;
}

function ymd(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Whole years on `refDate` of a person born on `birthDate` (both 'YYYY-MM-DD'): refY − bY, minus one
 * when (refM, refD) < (bM, bD) — PostgreSQL's date_part('year', age(ref, birth)). Someone born on
 * 29 February is a year older on 1 March in non-leap years. Note the argument order (the reference
 * date first), unlike @jinglin/shared's ageOn(birthDate, on).
 */
export function ageOn(refDate: string, birthDate: string): number {
  const [y, m, d] = ymd(refDate);
  const [by, bm, bd] = ymd(birthDate);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** All variables of a person on the reference date: the built-ins and the programme facts. */
export function variablesOf(person: PersonFacts, refDate: string): RuleVars {
  return {
    ...person.facts,
    age: ageOn(refDate, person.birthDate),
    hukou: person.hukou,
    living_status: person.livingStatus,
    low_income: person.lowIncome,
    gender: person.gender,
    employment: person.employment,
    education: person.education,
    has_certificate: person.category !== null,
    category: person.category,
    grade: person.grade,
    owns_motorised_wheelchair: person.ownsMotorisedWheelchair,
    has_guardian: person.hasGuardian,
  };
}

const valueOf = (vars: RuleVars, name: string): RuleValue => vars[name] ?? null;

function compare(v: RuleValue, cmp: Extract<RuleExpr, { op: 'cmp' }>['cmp'], x: RuleValue): boolean {
  if (v === null || x === null || typeof v !== typeof x) return false;
  switch (cmp) {
    case 'eq':
      return v === x;
    case 'ne':
      return v !== x;
    case 'lt':
      return typeof v === 'number' && v < (x as number);
    case 'le':
      return typeof v === 'number' && v <= (x as number);
    case 'gt':
      return typeof v === 'number' && v > (x as number);
    case 'ge':
      return typeof v === 'number' && v >= (x as number);
  }
}

export function evaluateRule(expr: RuleExpr, vars: RuleVars): boolean {
  switch (expr.op) {
    case 'true':
      return true;
    case 'and':
      return expr.args.every((a) => evaluateRule(a, vars));
    case 'or':
      return expr.args.some((a) => evaluateRule(a, vars));
    case 'not':
      return !evaluateRule(expr.arg, vars);
    case 'present':
      return valueOf(vars, expr.var) !== null;
    case 'cmp':
      return compare(valueOf(vars, expr.var), expr.cmp, expr.value);
    case 'in': {
      const v = valueOf(vars, expr.var);
      return v !== null && expr.values.some((x) => typeof x === typeof v && x === v);
    }
  }
}

/**
 * amountFen × multiplier, rounded to whole fen half away from zero exactly as PostgreSQL's numeric
 * does (the multiplier is taken as the decimal its shortest JavaScript spelling denotes).
 */
export function scaleFen(amountFen: number, multiplier: number): number {
  if (Number.isInteger(multiplier)) return amountFen * multiplier;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(multiplier));
  if (!m) throw new Error(`unexpected multiplier ${multiplier}`);
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = BigInt(int! + frac);
  let scale = frac.length - Number(exp);
  if (scale <= 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const product = BigInt(amountFen) * digits;
  const unit = 10n ** BigInt(scale);
  const rounded = (product * 2n + unit) / (2n * unit);
  return Number(sign === '-' ? -rounded : rounded);
}

/** The sum over items whose `when` holds (or that have none) of amountFen × multiplier. */
export function amountFen(items: readonly AmountItem[], vars: RuleVars): number {
  let total = 0;
  for (const item of items) {
    if (item.when && !evaluateRule(item.when, vars)) continue;
    const m = item.multiplier ?? 1;
    let factor: number;
    if (typeof m === 'number') factor = m;
    else {
      const v = valueOf(vars, m.var);
      factor = typeof v === 'number' ? v : 0;
    }
    total += scaleFen(item.amountFen, factor);
  }
  return total;
}

// Loading: two queries per 5,000 persons (persons with guardian existence, then benefit_facts).

const CHUNK = 5000;

interface FactRow {
  valueNum: number | null;
  valueText: string | null;
  valueBool: boolean | null;
}

/**
 * A fact's value: the column of its variable's type (what the compiled SQL reads); without the
 * variable's definition, whichever column holds a value.
 */
export function factValue(row: FactRow, def: RuleVariableDef | undefined): RuleValue {
  switch (def?.type) {
    case 'number':
      return row.valueNum;
    case 'enum':
      return row.valueText;
    case 'boolean':
      return row.valueBool;
    case undefined:
      return row.valueNum ?? row.valueText ?? row.valueBool;
  }
}

/**
 * The facts of these persons, by id (persons not found are left out; merged ones are included).
 * Pass the programme's variables (resolveVariables) so each fact is read as its declared type.
 */
export async function loadPersonFacts(
  tx: Tx,
  personIds: readonly string[],
  vars?: ReadonlyMap<string, RuleVariableDef>,
): Promise<Map<string, PersonFacts>> {
  const out = new Map<string, PersonFacts>();
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await tx
      .select({
        id: persons.id,
        birthDate: persons.birthDate,
        hukou: persons.hukou,
        livingStatus: persons.livingStatus,
        lowIncome: persons.lowIncome,
        gender: persons.gender,
        employment: persons.employment,
        education: persons.education,
        category: persons.category,
        grade: persons.grade,
        ownsMotorisedWheelchair: persons.ownsMotorisedWheelchair,
        // Spelled out: drizzle renders a lone table's columns unqualified (→ g.id).
        hasGuardian: sql<boolean>`EXISTS (SELECT 1 FROM guardians g WHERE g.person_id = "persons"."id")`,
      })
      .from(persons)
      .where(inArray(persons.id, chunk));
    if (rows.length === 0) continue;
    for (const r of rows) {
      const { id, hasGuardian, ...rest } = r;
      // Both drivers return a boolean here; normalise defensively (PGlite/pg text fallbacks).
      out.set(id, { ...rest, hasGuardian: hasGuardian === true || String(hasGuardian) === 't', facts: {} });
    }
    const facts = await tx
      .select({
        personId: benefitFacts.personId,
        name: benefitFacts.name,
        valueNum: benefitFacts.valueNum,
        valueText: benefitFacts.valueText,
        valueBool: benefitFacts.valueBool,
      })
      .from(benefitFacts)
      .where(
        inArray(
          benefitFacts.personId,
          rows.map((r) => r.id),
        ),
      );
    for (const f of facts) {
      const p = out.get(f.personId);
      if (p) p.facts[f.name] = factValue(f, vars?.get(f.name));
    }
  }
  return out;
}
