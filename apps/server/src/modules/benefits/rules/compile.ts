/**
 * Rules to SQL over `persons <alias>` for whole-registry runs, e.g.
 *   INSERT … SELECT …, <compileAmount> FROM persons p WHERE p.merged_into IS NULL AND <compileRule>
 *
 * Built so the planner sees plain column predicates: `age <op> N` becomes a comparison of
 * birth_date with a date computed here from the reference date; enums and booleans are columns;
 * has_guardian is an EXISTS; facts are scalar subqueries on benefit_facts' primary key. Every value
 * is a bound parameter; column names come from the fixed table below, never from input. The
 * result is never NULL (same semantics as evaluate.ts: a comparison without a value is false).
 * Compile only rules that passed checkRule against the same catalogue.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AmountItem, CmpOp, RuleExpr } from '@jinglin/shared';
import { defOf, type RuleVariableDef } from './variables.js';

export interface CompileOptions {
  /** 'YYYY-MM-DD': the first day of the period evaluated. */
  refDate: string;
  vars: ReadonlyMap<string, RuleVariableDef>;
  /** The alias of persons in the surrounding query; default 'p'. */
  alias?: string;
}

/** Built-in enum variables: straight columns, never NULL. */
const ENUM_COLUMNS: Record<string, string> = {
  hukou: 'hukou',
  living_status: 'living_status',
  low_income: 'low_income',
  gender: 'gender',
  employment: 'employment',
  education: 'education',
};
/** Built-in nullable number columns (NULL without an active certificate). */
const NUMBER_COLUMNS: Record<string, string> = { category: 'category', grade: 'grade' };

const SQL_OPS: Record<CmpOp, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FACT_COLUMNS = { number: 'value_num', enum: 'value_text', boolean: 'value_bool' } as const;

const TRUE = sql`true`;
const FALSE = sql`false`;

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * The latest birth date of a person aged at least `years` on `refDate`: refDate moved back `years`
 * years, the day clamped to the month's last day (29 Feb → 28 Feb in a common year). age ≥ N ⇔
 * birth_date ≤ thresholdDate(ref, N). Returns null when the year leaves 1–9999 (see ageAtLeast).
 */
export function thresholdDate(refDate: string, years: number): string | null {
  const [y, m, d] = refDate.split('-').map(Number) as [number, number, number];
  const ty = y - years;
  if (ty < 1 || ty > 9999) return null;
  return `${pad(ty, 4)}-${pad(m, 2)}-${pad(Math.min(d, daysIn(ty, m)), 2)}`;
}

function columns(o: CompileOptions) {
  const alias = o.alias ?? 'p';
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(alias) || alias === 'gx' || alias === 'fx') {
    throw new Error(`unsupported alias: ${alias}`);
  }
  return (column: string) => sql.raw(`${alias}.${column}`);
}

type Col = ReturnType<typeof columns>;

/** age ≥ n for an integer n. */
function ageAtLeast(col: Col, refDate: string, n: number): SQL {
  const t = thresholdDate(refDate, n);
  if (t !== null) return sql`${col('birth_date')} <= ${t}::date`;
  // Before year 1: nobody is that old; after 9999: everybody is (birth dates are real dates).
  return refDateYear(refDate) - n < 1 ? FALSE : TRUE;
}

const refDateYear = (refDate: string) => Number(refDate.slice(0, 4));

/** age <op> value, over birth_date. Ages are whole numbers, so fractions are folded first. */
function compileAge(col: Col, refDate: string, op: CmpOp, value: number): SQL {
  const atLeast = (n: number) => ageAtLeast(col, refDate, n);
  const below = (n: number) => sql`NOT (${atLeast(n)})`;
  switch (op) {
    case 'ge':
      return atLeast(Math.ceil(value));
    case 'gt':
      return atLeast(Math.floor(value) + 1);
    case 'lt':
      return below(Math.ceil(value));
    case 'le':
      return below(Math.floor(value) + 1);
    case 'eq':
      return Number.isInteger(value) ? sql`(${atLeast(value)} AND ${below(value + 1)})` : FALSE;
    case 'ne':
      return Number.isInteger(value) ? sql`NOT (${atLeast(value)} AND ${below(value + 1)})` : TRUE;
  }
}

/** A number parameter typed so that integer comparisons stay integer (and index-friendly). */
const num = (v: number): SQL =>
  Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? sql`${v}::int` : sql`${String(v)}::numeric`;
const text = (v: string): SQL => sql`${v}::text`;

function literal(def: RuleVariableDef, value: number | string | boolean): SQL {
  switch (def.type) {
    case 'number':
      return num(value as number);
    case 'enum':
      return text(value as string);
    case 'boolean':
      return value ? TRUE : FALSE;
  }
}

/** A fact's value as a scalar subquery, with `expr` applied to it (NULL when there is no row). */
function factSubquery(col: Col, def: RuleVariableDef, over: (v: SQL) => SQL): SQL {
  const v = sql.raw(`fx.${FACT_COLUMNS[def.type]}`);
  return sql`(SELECT ${over(v)} FROM benefit_facts fx WHERE fx.person_id = ${col('id')} AND fx.name = ${def.name}::text)`;
}

/** A never-NULL boolean: `test` applied to the variable's value, false when it has none. */
function onValue(col: Col, def: RuleVariableDef, test: (v: SQL) => SQL): SQL {
  if (def.name in ENUM_COLUMNS) return test(col(ENUM_COLUMNS[def.name]!));
  if (def.name in NUMBER_COLUMNS) {
    const c = col(NUMBER_COLUMNS[def.name]!);
    return sql`(${c} IS NOT NULL AND ${test(c)})`;
  }
  switch (def.name) {
    case 'owns_motorised_wheelchair':
      return test(col('owns_motorised_wheelchair'));
    case 'has_certificate':
      return test(sql`(${col('category')} IS NOT NULL)`);
    case 'has_guardian':
      return test(sql`EXISTS (SELECT 1 FROM guardians gx WHERE gx.person_id = ${col('id')})`);
    case 'age':
      throw new Error('age is compiled over birth_date');
  }
  // (person_id, name) is the key: at most one row, so "a row whose value passes" is the test, and
  // an EXISTS lets the planner use a hashed subplan or semi-join instead of a lookup per person.
  const v = sql.raw(`fx.${FACT_COLUMNS[def.type]}`);
  return sql`EXISTS (SELECT 1 FROM benefit_facts fx WHERE fx.person_id = ${col('id')} AND fx.name = ${def.name}::text AND ${test(v)})`;
}

function compileCmp(col: Col, o: CompileOptions, e: Extract<RuleExpr, { op: 'cmp' }>): SQL {
  const def = defOf(o.vars, e.var);
  if (def.name === 'age') return compileAge(col, o.refDate, e.cmp, e.value as number);
  if (def.type === 'boolean') {
    // Booleans: the value itself or its negation (eq true / ne false → v; eq false / ne true → NOT v).
    const positive = (e.cmp === 'eq') === (e.value === true);
    return onValue(col, def, (v) => (positive ? v : sql`NOT ${v}`));
  }
  const op = sql.raw(SQL_OPS[e.cmp]);
  return onValue(col, def, (v) => sql`${v} ${op} ${literal(def, e.value)}`);
}

function compileIn(col: Col, o: CompileOptions, e: Extract<RuleExpr, { op: 'in' }>): SQL {
  const def = defOf(o.vars, e.var);
  if (def.name === 'age') {
    const ages = [...new Set(e.values.filter((v): v is number => Number.isInteger(v)))];
    if (ages.length === 0) return FALSE;
    return sql`(${sql.join(
      ages.map((a) => compileAge(col, o.refDate, 'eq', a)),
      sql` OR `,
    )})`;
  }
  const list = sql.join(
    e.values.map((v) => literal(def, v)),
    sql`, `,
  );
  return onValue(col, def, (v) => sql`${v} IN (${list})`);
}

function compilePresent(col: Col, o: CompileOptions, name: string): SQL {
  const def = defOf(o.vars, name);
  if (name in NUMBER_COLUMNS) return sql`(${col(NUMBER_COLUMNS[name]!)} IS NOT NULL)`;
  if (def.name === 'age' || def.name in ENUM_COLUMNS) return TRUE;
  if (['owns_motorised_wheelchair', 'has_certificate', 'has_guardian'].includes(name)) return TRUE;
  return sql`EXISTS (SELECT 1 FROM benefit_facts fx WHERE fx.person_id = ${col('id')} AND fx.name = ${name}::text AND fx.${sql.raw(FACT_COLUMNS[def.type])} IS NOT NULL)`;
}

function compileExpr(col: Col, o: CompileOptions, e: RuleExpr): SQL {
  switch (e.op) {
    case 'true':
      return TRUE;
    case 'and':
    case 'or':
      if (e.args.length === 1) return compileExpr(col, o, e.args[0]!);
      return sql`(${sql.join(
        e.args.map((a) => compileExpr(col, o, a)),
        sql.raw(e.op === 'and' ? ' AND ' : ' OR '),
      )})`;
    case 'not':
      return sql`(NOT ${compileExpr(col, o, e.arg)})`;
    case 'present':
      return compilePresent(col, o, e.var);
    case 'cmp':
      return sql`(${compileCmp(col, o, e)})`;
    case 'in':
      return sql`(${compileIn(col, o, e)})`;
  }
}

/** A boolean SQL expression over persons `alias`, never NULL. */
export function compileRule(expr: RuleExpr, o: CompileOptions): SQL {
  return compileExpr(columns(o), o, expr);
}

/** The value of a number variable as SQL (0 when it has none), for multipliers. */
function numberValue(col: Col, o: CompileOptions, name: string): SQL {
  const def = defOf(o.vars, name);
  if (def.type !== 'number') throw new Error(`multiplier ${name} is not a number variable`);
  if (name === 'age') {
    // ageOn's formula (date_part(age()) differs for birth dates after the reference date).
    const [y, m, d] = o.refDate.split('-').map(Number) as [number, number, number];
    const b = col('birth_date');
    return sql`(${y}::int - date_part('year', ${b})::int - CASE WHEN (date_part('month', ${b})::int, date_part('day', ${b})::int) > (${m}::int, ${d}::int) THEN 1 ELSE 0 END)::numeric`;
  }
  if (name in NUMBER_COLUMNS) return sql`COALESCE(${col(NUMBER_COLUMNS[name]!)}, 0)::numeric`;
  return sql`COALESCE(${factSubquery(col, def, (v) => v)}, 0)`;
}

/**
 * The amount in fen (an integer expression): the sum over items whose `when` holds (or that have
 * none) of amountFen × multiplier, each rounded to whole fen half away from zero.
 */
export function compileAmount(items: readonly AmountItem[], o: CompileOptions): SQL {
  const col = columns(o);
  if (items.length === 0) return sql`0`;
  const terms = items.map((item) => {
    const m = item.multiplier ?? 1;
    const value =
      typeof m === 'number'
        ? sql`${String(item.amountFen * m)}::bigint`
        : sql`round(${String(item.amountFen)}::numeric * ${numberValue(col, o, m.var)})`;
    if (!item.when || item.when.op === 'true') return value;
    return sql`CASE WHEN ${compileExpr(col, o, item.when)} THEN ${value} ELSE 0 END`;
  });
  return sql`(${sql.join(terms, sql` + `)})::integer`;
}
