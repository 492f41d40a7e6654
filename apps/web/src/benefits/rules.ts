/**
 * The rule builder's editable tree, and its conversion to and from the stored RuleExpr. Every node
 * has a key; `toExpr` also says which RuleExpr path each node became, so server errors such as
 * `rule.args.0.value` land on the right condition.
 */
import type { TFunction } from 'i18next';
import {
  isEn,
  opsFor,
  pick,
  type AmountItem,
  type CondOp,
  type RuleExpr,
  type RuleVariableDef,
} from './model';
import { categoryName, gradeName } from '../registry';

export interface UiCond {
  kind: 'cond';
  key: string;
  var: string;
  op: CondOp;
  /** The typed value: a number as text, an enum value, or 'true' / 'false'. */
  value: string;
  /** For 'in' (is one of). */
  values: string[];
}
export interface UiGroup {
  kind: 'group';
  key: string;
  mode: 'and' | 'or' | 'not';
  children: UiNode[];
}
export type UiNode = UiCond | UiGroup;

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `n${counter}`;
}

export function emptyGroup(mode: UiGroup['mode'] = 'and'): UiGroup {
  return { kind: 'group', key: newKey(), mode, children: [] };
}

export function newCond(vars: readonly RuleVariableDef[], name?: string): UiCond {
  const v = vars.find((x) => x.name === name) ?? vars[0]!;
  return { kind: 'cond', key: newKey(), var: v.name, op: 'eq', value: defaultValue(v), values: [] };
}

export function defaultValue(v: RuleVariableDef | undefined): string {
  if (!v) return '';
  if (v.type === 'boolean') return 'true';
  if (v.type === 'enum') return v.values?.[0] ?? '';
  return '';
}

function nodeOf(e: RuleExpr): UiNode {
  switch (e.op) {
    case 'and':
    case 'or':
      return { kind: 'group', key: newKey(), mode: e.op, children: e.args.map(nodeOf) };
    case 'not':
      return {
        kind: 'group',
        key: newKey(),
        mode: 'not',
        children: e.arg.op === 'and' ? e.arg.args.map(nodeOf) : [nodeOf(e.arg)],
      };
    case 'cmp':
      return {
        kind: 'cond',
        key: newKey(),
        var: e.var,
        op: e.cmp,
        value: String(e.value),
        values: [],
      };
    case 'in':
      return { kind: 'cond', key: newKey(), var: e.var, op: 'in', value: '', values: e.values.map(String) };
    case 'present':
      return { kind: 'cond', key: newKey(), var: e.var, op: 'present', value: '', values: [] };
    case 'true':
      return emptyGroup();
  }
}

/** A stored rule → the builder's tree (the root is always a group). */
export function fromExpr(e: RuleExpr | undefined): UiGroup {
  if (!e || e.op === 'true') return emptyGroup();
  const n = nodeOf(e);
  return n.kind === 'group' ? n : { kind: 'group', key: newKey(), mode: 'and', children: [n] };
}

export interface Converted {
  expr: RuleExpr;
  /** RuleExpr path (dotted, from `prefix`) → node key. */
  paths: Map<string, string>;
}

function condExpr(c: UiCond, v: RuleVariableDef | undefined): RuleExpr {
  if (c.op === 'present') return { op: 'present', var: c.var };
  if (c.op === 'in')
    return {
      op: 'in',
      var: c.var,
      values: c.values.map((x) => (v?.type === 'number' ? Number(x) : x)),
    };
  const value =
    v?.type === 'number'
      ? c.value.trim() === ''
        ? Number.NaN
        : Number(c.value)
      : v?.type === 'boolean'
        ? c.value === 'true'
        : c.value;
  return { op: 'cmp', var: c.var, cmp: c.op, value };
}

/** The builder's tree → RuleExpr, with each node's path (prefix e.g. 'rule' or 'amounts.0.when'). */
export function toExpr(root: UiGroup, vars: readonly RuleVariableDef[], prefix: string): Converted {
  const paths = new Map<string, string>();
  const walk = (n: UiNode, path: string): RuleExpr => {
    paths.set(path, n.key);
    if (n.kind === 'cond')
      return condExpr(
        n,
        vars.find((v) => v.name === n.var),
      );
    if (n.mode === 'not') {
      if (n.children.length === 1) return { op: 'not', arg: walk(n.children[0]!, `${path}.arg`) };
      return {
        op: 'not',
        arg: { op: 'and', args: n.children.map((c, i) => walk(c, `${path}.arg.args.${i}`)) },
      };
    }
    return { op: n.mode, args: n.children.map((c, i) => walk(c, `${path}.args.${i}`)) };
  };
  if (root.children.length === 0) {
    paths.set(prefix, root.key);
    return { expr: { op: 'true' }, paths };
  }
  return { expr: walk(root, prefix), paths };
}

export type ProblemKey = 'noVariable' | 'noValue' | 'notNumber' | 'range' | 'noValues' | 'emptyGroup';

/** Problems the browser can see before saving: node key → problem. */
export function checkTree(
  root: UiGroup,
  vars: readonly RuleVariableDef[],
  isRoot = true,
): Map<string, { problem: ProblemKey; min?: number; max?: number }> {
  const out = new Map<string, { problem: ProblemKey; min?: number; max?: number }>();
  const walk = (n: UiNode, top: boolean) => {
    if (n.kind === 'group') {
      if (n.children.length === 0 && !top) out.set(n.key, { problem: 'emptyGroup' });
      n.children.forEach((c) => walk(c, false));
      return;
    }
    const v = vars.find((x) => x.name === n.var);
    if (!v) return void out.set(n.key, { problem: 'noVariable' });
    if (n.op === 'present') return;
    if (n.op === 'in') {
      if (n.values.length === 0) out.set(n.key, { problem: 'noValues' });
      return;
    }
    if (n.value.trim() === '') return void out.set(n.key, { problem: 'noValue' });
    if (v.type === 'number') {
      const x = Number(n.value);
      if (!Number.isFinite(x)) return void out.set(n.key, { problem: 'notNumber' });
      if ((v.min !== undefined && x < v.min) || (v.max !== undefined && x > v.max))
        out.set(n.key, { problem: 'range', min: v.min, max: v.max });
    }
  };
  walk(root, isRoot);
  return out;
}

// ---------- Tree edits (immutable) ----------

export function updateNode(root: UiGroup, key: string, fn: (n: UiNode) => UiNode): UiGroup {
  const walk = (n: UiNode): UiNode => {
    if (n.key === key) return fn(n);
    if (n.kind === 'group') return { ...n, children: n.children.map(walk) };
    return n;
  };
  return walk(root) as UiGroup;
}

export function removeNode(root: UiGroup, key: string): UiGroup {
  const walk = (g: UiGroup): UiGroup => ({
    ...g,
    children: g.children.filter((c) => c.key !== key).map((c) => (c.kind === 'group' ? walk(c) : c)),
  });
  return walk(root);
}

export function moveNode(root: UiGroup, key: string, by: -1 | 1): UiGroup {
  const walk = (g: UiGroup): UiGroup => {
    const i = g.children.findIndex((c) => c.key === key);
    if (i >= 0) {
      const j = i + by;
      if (j < 0 || j >= g.children.length) return g;
      const children = [...g.children];
      [children[i], children[j]] = [children[j]!, children[i]!];
      return { ...g, children };
    }
    return { ...g, children: g.children.map((c) => (c.kind === 'group' ? walk(c) : c)) };
  };
  return walk(root);
}

/** A condition after its variable changed: keep the comparison if it still fits, else reset. */
export function withVariable(c: UiCond, v: RuleVariableDef): UiCond {
  const ops = opsFor(v.type);
  return {
    ...c,
    var: v.name,
    op: ops.includes(c.op) ? c.op : 'eq',
    value: defaultValue(v),
    values: [],
  };
}

// ---------- Plain language ----------

/** A variable's name in the UI language. */
export function varLabel(v: RuleVariableDef | undefined, name: string, lang: string): string {
  return v ? pick(v.label, lang) : name;
}

const ENUM_KEYS: Record<string, string> = {
  hukou: 'registry.hukou',
  living_status: 'registry.livingStatus',
  low_income: 'registry.lowIncome',
  gender: 'registry.gender',
  employment: 'registry.employment',
  education: 'registry.education',
};

/** A value of a variable in words ("本市户籍", "三级", "是", "65 岁"). */
export function valueLabel(
  v: RuleVariableDef | undefined,
  value: string | number | boolean,
  t: TFunction,
  tb: TFunction<'benefits'>,
  lang: string,
): string {
  if (value === '' || (typeof value === 'number' && Number.isNaN(value))) return tb('rule.text.blank');
  if (!v) return String(value);
  if (v.type === 'boolean') return value === true || value === 'true' ? tb('rule.yes') : tb('rule.no');
  if (v.type === 'enum') {
    const base = ENUM_KEYS[v.name];
    return base ? t(`${base}.${String(value)}` as never, { defaultValue: String(value) }) : String(value);
  }
  const n = Number(value);
  if (v.name === 'category' && Number.isInteger(n)) return categoryName(t, n);
  if (v.name === 'grade' && Number.isInteger(n)) return gradeName(t, n);
  const unit = v.unit ? pick(v.unit, lang) : '';
  return unit ? `${String(value)}${isEn(lang) ? ' ' : ' '}${unit}` : String(value);
}

/** One condition in words: "年龄 不小于 65 岁", "户籍 是 本市户籍", "持有效残疾人证：是". */
export function condText(
  e: Extract<RuleExpr, { op: 'cmp' | 'in' | 'present' }>,
  vars: readonly RuleVariableDef[],
  t: TFunction,
  tb: TFunction<'benefits'>,
  lang: string,
): string {
  const v = vars.find((x) => x.name === e.var);
  const label = varLabel(v, e.var, lang);
  if (e.op === 'present') return tb('rule.text.present', { label });
  if (e.op === 'in')
    return tb('rule.text.in', {
      label,
      values: e.values.map((x) => valueLabel(v, x, t, tb, lang)).join(isEn(lang) ? ', ' : '、'),
    });
  if (v?.type === 'boolean')
    return tb(e.cmp === 'ne' ? 'rule.text.boolNot' : 'rule.text.bool', {
      label,
      value: valueLabel(v, e.value, t, tb, lang),
    });
  return tb(`rule.textOp.${e.cmp}`, { label, value: valueLabel(v, e.value, t, tb, lang) });
}

/** Amount items → AmountItem[] (`when` converted with its paths under amounts.i.when). */
export interface UiAmount {
  key: string;
  labelZh: string;
  labelEn: string;
  yuan: string;
  multKind: 'const' | 'var';
  multConst: string;
  multVar: string;
  hasWhen: boolean;
  when: UiGroup;
}

export function uiAmountOf(a: AmountItem): UiAmount {
  const m = a.multiplier ?? 1;
  return {
    key: newKey(),
    labelZh: a.label.zh,
    labelEn: a.label.en,
    yuan: (a.amountFen / 100).toFixed(2),
    multKind: typeof m === 'number' ? 'const' : 'var',
    multConst: typeof m === 'number' ? String(m) : '1',
    multVar: typeof m === 'number' ? '' : m.var,
    hasWhen: Boolean(a.when),
    when: fromExpr(a.when),
  };
}
