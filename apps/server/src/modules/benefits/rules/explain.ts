/**
 * Rules in plain language, both languages: explainRule (why a rule holds or not for one person,
 * a tree mirroring the rule) and describeRule (a one-line summary for lists).
 */
import {
  CATEGORY_NAMES_ZH,
  RULE_ENUM_LABELS,
  type BilingualText,
  type CmpOp,
  type DisabilityCategory,
  type RuleExplanation,
  type RuleExpr,
} from '@jinglin/shared';
import { evaluateRule, type RuleValue, type RuleVars } from './evaluate.js';
import type { RuleVariableDef } from './variables.js';

type Defs = ReadonlyMap<string, RuleVariableDef>;

const CATEGORY_EN: Record<number, string> = {
  1: 'visual',
  2: 'hearing',
  3: 'speech',
  4: 'physical',
  5: 'intellectual',
  6: 'mental',
  7: 'multiple',
};

const both = (zh: string, en: string): BilingualText => ({ zh, en });

/** The definition, or a stand-in for a variable the catalogue lacks (an unchecked rule). */
function defFor(defs: Defs, name: string): RuleVariableDef {
  return defs.get(name) ?? { name, type: 'number', label: { zh: name, en: name } };
}

/** A value of a variable in words (enum labels, category names, units). */
function valueText(def: RuleVariableDef, v: string | number | boolean): BilingualText {
  if (typeof v === 'boolean') return v ? both('是', 'yes') : both('否', 'no');
  if (typeof v === 'string') return RULE_ENUM_LABELS[def.name]?.[v] ?? both(v, v);
  if (def.name === 'category' && CATEGORY_EN[v]) {
    return both(`${v}（${CATEGORY_NAMES_ZH[v as DisabilityCategory]}）`, `${v} (${CATEGORY_EN[v]})`);
  }
  if (def.unit) return both(`${v} ${def.unit.zh}`, `${v} ${def.unit.en}`);
  return both(String(v), String(v));
}

/** A variable's value for a person; none → 无 with the reason when there is one. */
function actualText(def: RuleVariableDef, v: RuleValue): BilingualText {
  if (v !== null) return valueText(def, v);
  if (def.name === 'category' || def.name === 'grade') {
    return both('无（无有效残疾人证）', 'none (no valid certificate)');
  }
  return both('无（未记录）', 'none (not recorded)');
}

const isAge = (def: RuleVariableDef) => def.name === 'age';

/** The condition part of a comparison: 未满 65 岁 / under 65. */
function conditionText(def: RuleVariableDef, op: CmpOp, x: string | number | boolean): BilingualText {
  const t = valueText(def, x);
  if (typeof x !== 'number') {
    return op === 'eq' ? both(`为 ${t.zh}`, t.en) : both(`不为 ${t.zh}`, `not ${t.en}`);
  }
  const age = isAge(def);
  switch (op) {
    case 'lt':
      return both(`${age ? '未满' : '小于'} ${t.zh}`, `under ${x}`);
    case 'le':
      return both(`不超过 ${t.zh}`, `at most ${x}`);
    case 'gt':
      return both(`${age ? '超过' : '大于'} ${t.zh}`, `over ${x}`);
    case 'ge':
      return both(`${age ? '年满' : '不小于'} ${t.zh}`, `at least ${x}`);
    case 'eq':
      return both(`等于 ${t.zh}`, `exactly ${x}`);
    case 'ne':
      return both(`不等于 ${t.zh}`, `not ${x}`);
  }
}

const listText = (def: RuleVariableDef, values: readonly (string | number)[]) => {
  const ts = values.map((v) => valueText(def, v));
  return both(ts.map((t) => t.zh).join('、'), ts.map((t) => t.en).join(', '));
};

const mark = (zh: string, passed: boolean) => `${zh}${zh.endsWith('）') ? '' : ' '}${passed ? '✓' : '✗'}`;

function leaf(passed: boolean, zh: string, en: string): RuleExplanation {
  return { passed, text: { zh: mark(zh, passed), en: `${en} ${passed ? '✓' : '✗'}` } };
}

/** `label value[，condition]`: the condition is left out when the value alone says it. */
function valueLeaf(
  passed: boolean,
  def: RuleVariableDef,
  v: RuleValue,
  cond: BilingualText | null,
): RuleExplanation {
  const a = actualText(def, v);
  if (!cond) return leaf(passed, `${def.label.zh} ${a.zh}`, `${def.label.en} ${a.en}`);
  return leaf(passed, `${def.label.zh} ${a.zh}，${cond.zh}`, `${def.label.en} ${a.en}, ${cond.en}`);
}

/** Why `expr` holds or not for a person whose variables are `vars` (variablesOf). */
export function explainRule(expr: RuleExpr, vars: RuleVars, defs: Defs): RuleExplanation {
  const passed = evaluateRule(expr, vars);
  switch (expr.op) {
    case 'true':
      return leaf(true, '无条件', 'No conditions');
    case 'and':
    case 'or': {
      const children = expr.args.map((a) => explainRule(a, vars, defs));
      const text =
        expr.op === 'and'
          ? passed
            ? both('以下条件全部满足', 'All of the following are met')
            : both('以下条件未全部满足', 'Not all of the following are met')
          : passed
            ? both('以下条件至少满足一项', 'At least one of the following is met')
            : both('以下条件一项也不满足', 'None of the following is met');
      return { ...leaf(passed, text.zh, text.en), children };
    }
    case 'not': {
      const text = passed
        ? both('以下条件不成立', 'The following does not hold')
        : both('以下条件不应成立', 'The following must not hold');
      return { ...leaf(passed, text.zh, text.en), children: [explainRule(expr.arg, vars, defs)] };
    }
    case 'present': {
      const def = defFor(defs, expr.var);
      return valueLeaf(passed, def, vars[expr.var] ?? null, null);
    }
    case 'cmp': {
      const def = defFor(defs, expr.var);
      const v = vars[expr.var] ?? null;
      // A value equal to what is required says it all: 户籍 上海 ✓.
      if (expr.cmp === 'eq' && passed) return valueLeaf(true, def, v, null);
      const cond = conditionText(def, expr.cmp, expr.value);
      return valueLeaf(passed, def, v, passed ? cond : both(`要求${cond.zh}`, `required ${cond.en}`));
    }
    case 'in': {
      const def = defFor(defs, expr.var);
      const list = listText(def, expr.values);
      const cond = passed
        ? both(`属于 ${list.zh}`, `one of ${list.en}`)
        : both(`要求为 ${list.zh} 之一`, `required one of ${list.en}`);
      return valueLeaf(passed, def, vars[expr.var] ?? null, cond);
    }
  }
}

/** A one-line description of a comparison, e.g. 年龄小于 65 岁 / age under 65 years. */
function describeCmp(def: RuleVariableDef, op: CmpOp, x: string | number | boolean): BilingualText {
  const l = def.label;
  if (typeof x === 'boolean') {
    const yes = (op === 'eq') === x;
    return yes ? both(l.zh, l.en) : both(`${l.zh}：否`, `${l.en}: no`);
  }
  const t = valueText(def, x);
  if (typeof x === 'string') {
    return op === 'eq'
      ? both(`${l.zh}为${t.zh}`, `${l.en} is ${t.en}`)
      : both(`${l.zh}不为${t.zh}`, `${l.en} is not ${t.en}`);
  }
  const words: Record<CmpOp, [string, string]> = {
    lt: ['小于', 'under'],
    le: ['不超过', 'at most'],
    gt: ['大于', 'over'],
    ge: ['不小于', 'at least'],
    eq: ['等于', 'equal to'],
    ne: ['不等于', 'not equal to'],
  };
  const [zh, en] = words[op];
  return both(`${l.zh}${zh} ${t.zh}`, `${l.en} ${en} ${t.en}`);
}

function describe(e: RuleExpr, defs: Defs, nested: boolean): BilingualText {
  switch (e.op) {
    case 'true':
      return both('无条件', 'no conditions');
    case 'and':
    case 'or': {
      if (e.args.length === 1) return describe(e.args[0]!, defs, nested);
      const parts = e.args.map((a) => describe(a, defs, true));
      const [zhJoin, enJoin] = e.op === 'and' ? [' 且 ', ' and '] : [' 或 ', ' or '];
      const zh = parts.map((p) => p.zh).join(zhJoin);
      const en = parts.map((p) => p.en).join(enJoin);
      return nested ? both(`（${zh}）`, `(${en})`) : both(zh, en);
    }
    case 'not': {
      const inner = describe(e.arg, defs, false);
      return both(`非（${inner.zh}）`, `not (${inner.en})`);
    }
    case 'present': {
      const l = defFor(defs, e.var).label;
      return both(`${l.zh}有记录`, `${l.en} recorded`);
    }
    case 'cmp':
      return describeCmp(defFor(defs, e.var), e.cmp, e.value);
    case 'in': {
      const def = defFor(defs, e.var);
      const list = listText(def, e.values);
      return both(`${def.label.zh}为 ${list.zh} 之一`, `${def.label.en} is one of ${list.en}`);
    }
  }
}

/** A one-line summary: 户籍为上海 且 年龄小于 65 岁 且 持有效残疾人证. */
export function describeRule(expr: RuleExpr, defs: Defs): BilingualText {
  const lowered = new Map<string, RuleVariableDef>();
  for (const [name, def] of defs)
    lowered.set(name, { ...def, label: { ...def.label, en: lowerFirst(def.label.en) } });
  const d = describe(expr, lowered, false);
  return both(d.zh, d.en.charAt(0).toUpperCase() + d.en.slice(1));
}

/** 'Age' → 'age' inside a sentence; acronyms ('ID card') stay. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
