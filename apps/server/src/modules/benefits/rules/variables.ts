/**
 * The variable catalogue of a programme (built-ins + its own fact variables) and the type checker
 * for rules and amount items. Every other part of the rules engine (evaluate, compile, explain)
 * assumes a rule that passed `checkRule` against the same catalogue.
 */
import {
  BUILTIN_RULE_VARIABLES,
  type AmountItem,
  type ProgramVariable,
  type RuleExpr,
  type RuleVariableDef,
} from '@jinglin/shared';

export type { RuleVariableDef };

export const BUILTIN_NAMES: ReadonlySet<string> = new Set(BUILTIN_RULE_VARIABLES.map((v) => v.name));

export const isBuiltin = (name: string): boolean => BUILTIN_NAMES.has(name);

export type RuleIssueCode = 'unknown_variable' | 'type_mismatch' | 'invalid_value' | 'empty';

export interface RuleIssue {
  /** Where in the input, e.g. `rule.args.0.value`, `amounts.1.when.args.0.var`. */
  path: string;
  code: RuleIssueCode;
}

export type ProgramVariableIssueCode = 'shadows_builtin' | 'duplicate' | 'invalid_value' | 'empty';

export interface ProgramVariableIssue {
  path: string;
  code: ProgramVariableIssueCode;
}

/**
 * Problems with a programme's own variables: a name taken by a built-in or used twice, an enum
 * without values (or with a value twice), values on a non-enum, min above max.
 */
export function checkProgramVariables(programVariables: readonly ProgramVariable[]): ProgramVariableIssue[] {
  const issues: ProgramVariableIssue[] = [];
  const seen = new Set<string>();
  programVariables.forEach((v, i) => {
    const at = `variables.${i}`;
    if (isBuiltin(v.name)) issues.push({ path: `${at}.name`, code: 'shadows_builtin' });
    else if (seen.has(v.name)) issues.push({ path: `${at}.name`, code: 'duplicate' });
    seen.add(v.name);
    if (v.type === 'enum') {
      if (!v.values || v.values.length === 0) issues.push({ path: `${at}.values`, code: 'empty' });
      else if (new Set(v.values).size !== v.values.length)
        issues.push({ path: `${at}.values`, code: 'invalid_value' });
    } else if (v.values !== undefined) issues.push({ path: `${at}.values`, code: 'invalid_value' });
    if (v.min !== undefined && v.max !== undefined && v.min > v.max)
      issues.push({ path: `${at}.max`, code: 'invalid_value' });
  });
  return issues;
}

/**
 * Built-ins plus the programme's variables, by name. Throws when the programme variables are not
 * acceptable (see checkProgramVariables): a programme variable may not shadow a built-in.
 */
export function resolveVariables(programVariables: readonly ProgramVariable[]): Map<string, RuleVariableDef> {
  const issues = checkProgramVariables(programVariables);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new Error(`invalid programme variables: ${first.path} ${first.code}`);
  }
  const map = new Map<string, RuleVariableDef>();
  for (const v of BUILTIN_RULE_VARIABLES) map.set(v.name, v);
  for (const v of programVariables) {
    const def: RuleVariableDef = { name: v.name, type: v.type, label: v.label };
    if (v.values) def.values = v.values;
    if (v.min !== undefined) def.min = v.min;
    if (v.max !== undefined) def.max = v.max;
    map.set(v.name, def);
  }
  return map;
}

const ORDER_OPS = new Set(['lt', 'le', 'gt', 'ge']);

/** Whether `value` is a well-typed value of `def` (numbers finite, enum values among the allowed). */
function valueIssue(def: RuleVariableDef, value: unknown): RuleIssueCode | undefined {
  switch (def.type) {
    case 'number':
      if (typeof value !== 'number') return 'type_mismatch';
      return Number.isFinite(value) ? undefined : 'invalid_value';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'type_mismatch';
    case 'enum':
      if (typeof value !== 'string') return 'type_mismatch';
      return def.values?.includes(value) ? undefined : 'invalid_value';
  }
}

/** Type errors in a rule, each with its path; an empty list means the rule is well typed. */
export function checkRule(
  expr: RuleExpr,
  vars: ReadonlyMap<string, RuleVariableDef>,
  path = 'rule',
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const walk = (e: RuleExpr, at: string): void => {
    switch (e.op) {
      case 'true':
        return;
      case 'and':
      case 'or':
        if (e.args.length === 0) issues.push({ path: `${at}.args`, code: 'empty' });
        e.args.forEach((a, i) => walk(a, `${at}.args.${i}`));
        return;
      case 'not':
        walk(e.arg, `${at}.arg`);
        return;
      case 'present':
        if (!vars.has(e.var)) issues.push({ path: `${at}.var`, code: 'unknown_variable' });
        return;
      case 'cmp': {
        const def = vars.get(e.var);
        if (!def) {
          issues.push({ path: `${at}.var`, code: 'unknown_variable' });
          return;
        }
        if (ORDER_OPS.has(e.cmp) && def.type !== 'number') {
          issues.push({ path: `${at}.cmp`, code: 'type_mismatch' });
        }
        const v = valueIssue(def, e.value);
        if (v) issues.push({ path: `${at}.value`, code: v });
        return;
      }
      case 'in': {
        const def = vars.get(e.var);
        if (!def) {
          issues.push({ path: `${at}.var`, code: 'unknown_variable' });
          return;
        }
        if (def.type === 'boolean') {
          issues.push({ path: `${at}.var`, code: 'type_mismatch' });
          return;
        }
        if (e.values.length === 0) issues.push({ path: `${at}.values`, code: 'empty' });
        e.values.forEach((value, i) => {
          const v = valueIssue(def, value);
          if (v) issues.push({ path: `${at}.values.${i}`, code: v });
        });
        return;
      }
    }
  };
  walk(expr, path);
  return issues;
}

/** Type errors in amount items: each `when` as a rule, a multiplier variable must be a number. */
export function checkAmounts(
  items: readonly AmountItem[],
  vars: ReadonlyMap<string, RuleVariableDef>,
  path = 'amounts',
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  items.forEach((item, i) => {
    const at = `${path}.${i}`;
    if (item.when) issues.push(...checkRule(item.when, vars, `${at}.when`));
    const m = item.multiplier;
    if (typeof m === 'object') {
      const def = vars.get(m.var);
      if (!def) issues.push({ path: `${at}.multiplier.var`, code: 'unknown_variable' });
      else if (def.type !== 'number') issues.push({ path: `${at}.multiplier.var`, code: 'type_mismatch' });
    } else if (!Number.isInteger(m) || m < 0) {
      issues.push({ path: `${at}.multiplier`, code: 'invalid_value' });
    }
    if (!Number.isInteger(item.amountFen) || item.amountFen < 0) {
      issues.push({ path: `${at}.amountFen`, code: 'invalid_value' });
    }
  });
  return issues;
}

/** The definition of a variable the rule uses; throws for one the catalogue lacks (unchecked rule). */
export function defOf(vars: ReadonlyMap<string, RuleVariableDef>, name: string): RuleVariableDef {
  const def = vars.get(name);
  if (!def) throw new Error(`unknown rule variable: ${name}`);
  return def;
}
