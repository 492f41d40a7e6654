/**
 * A rule version as the editor holds it → the body to send, where each part of the body is on the
 * page (so that a problem at a body path lands next to its condition or field), and the problems the
 * browser can see before sending. Pure: no React, no i18n (problems are message keys).
 */
import type { SummaryItem } from '../../components/ErrorSummary';
import { dottedPath } from '../../forms';
import { fenOf, type AmountItem, type RuleExpr, type RuleVariableDef } from '../model';
import { checkTree, toExpr, type ProblemKey, type UiAmount, type UiGroup } from '../rules';

/** What the editor holds. */
export interface VersionDraft {
  rule: UiGroup;
  amounts: UiAmount[];
  /** YYYY-MM */
  effective: string;
  notes: string;
}

export interface Target {
  path: string;
  /** A rule node (its key) or a field (its element id). */
  node?: string;
  field?: string;
  focus: (rest: string) => string;
}

export interface VersionBody {
  rule: RuleExpr;
  amounts: AmountItem[];
  effectiveFrom: string;
  notes: string;
}

export function findGroup(root: UiGroup, key: string): boolean {
  if (root.key === key) return true;
  return root.children.some((c) => c.kind === 'group' && findGroup(c, key));
}

/** The body to send, and where each part of it is on the page. */
export function buildVersion(
  { rule, amounts, effective, notes }: VersionDraft,
  vars: readonly RuleVariableDef[],
): { body: VersionBody; targets: Target[] } {
  const r = toExpr(rule, vars, 'rule');
  const targets: Target[] = [];
  const nodeTarget = (paths: Map<string, string>) => {
    for (const [path, key] of paths) {
      const isGroup = findGroup(rule, key) || amounts.some((a) => findGroup(a.when, key));
      targets.push({
        path,
        node: key,
        focus: (rest) =>
          isGroup
            ? `rule-mode-${key}`
            : /^values?(\.|$)/.test(rest)
              ? `rule-val-${key}`
              : rest.startsWith('cmp')
                ? `rule-op-${key}`
                : `rule-var-${key}`,
      });
    }
  };
  nodeTarget(r.paths);
  const items: AmountItem[] = amounts.map((a, i) => {
    const p = `amounts.${i}`;
    targets.push({ path: p, field: `amt-zh-${a.key}`, focus: () => `amt-zh-${a.key}` });
    targets.push({ path: `${p}.label.zh`, field: `amt-zh-${a.key}`, focus: () => `amt-zh-${a.key}` });
    targets.push({ path: `${p}.label.en`, field: `amt-en-${a.key}`, focus: () => `amt-en-${a.key}` });
    targets.push({ path: `${p}.amountFen`, field: `amt-yuan-${a.key}`, focus: () => `amt-yuan-${a.key}` });
    targets.push({ path: `${p}.multiplier`, field: `amt-mult-${a.key}`, focus: () => `amt-mult-${a.key}` });
    let when;
    if (a.hasWhen) {
      const w = toExpr(a.when, vars, `${p}.when`);
      nodeTarget(w.paths);
      when = w.expr;
    }
    const fen = fenOf(a.yuan);
    return {
      label: { zh: a.labelZh.trim(), en: a.labelEn.trim() },
      amountFen: fen ?? Number.NaN,
      multiplier:
        a.multKind === 'var' && a.multVar
          ? { var: a.multVar }
          : Number(a.multConst === '' ? 'x' : a.multConst),
      ...(when ? { when } : {}),
    };
  });
  targets.push({ path: 'effectiveFrom', field: 'ver-effective', focus: () => 'ver-effective' });
  targets.push({ path: 'notes', field: 'ver-notes', focus: () => 'ver-notes' });
  targets.push({ path: 'amounts', field: 'amt-add', focus: () => 'amt-add' });
  return {
    body: { rule: r.expr, amounts: items, effectiveFrom: `${effective}-01`, notes: notes.trim() },
    targets,
  };
}

export interface Placed {
  /** Node key → messages next to that condition or group. */
  nodes: Map<string, string>;
  /** Element id → messages next to that field. */
  fields: Map<string, string>;
  /** The error summary (each linked to the control to fix, when there is one). */
  items: SummaryItem[];
}

/** Problems (at body paths) → messages next to the conditions and fields, and the error summary. */
export function placeProblems(problems: { path: string; message: string }[], targets: Target[]): Placed {
  const nodes = new Map<string, string>();
  const fields = new Map<string, string>();
  const items: SummaryItem[] = [];
  for (const pr of problems) {
    const p = dottedPath(pr.path);
    const hit = targets
      .filter((x) => p === x.path || p.startsWith(`${x.path}.`))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!hit) {
      items.push({ message: pr.message });
      continue;
    }
    const rest = p.slice(hit.path.length + 1);
    if (hit.node) nodes.set(hit.node, [nodes.get(hit.node), pr.message].filter(Boolean).join(' '));
    if (hit.field) fields.set(hit.field, [fields.get(hit.field), pr.message].filter(Boolean).join(' '));
    items.push({ id: hit.focus(rest), message: pr.message });
  }
  return { nodes, fields, items };
}

export type LocalProblemKey =
  | `problem.${ProblemKey}`
  | 'problem.labelZh'
  | 'problem.labelEn'
  | 'problem.yuan'
  | 'problem.multiplier'
  | 'problem.effective';

export interface LocalProblem {
  path: string;
  key: LocalProblemKey;
  min?: number;
  max?: number;
}

/** What the browser can check before sending (message keys of the benefits namespace). */
export function localProblems(draft: VersionDraft, vars: readonly RuleVariableDef[]): LocalProblem[] {
  const out: LocalProblem[] = [];
  const { targets } = buildVersion(draft, vars);
  const pathOfKey = new Map(targets.filter((x) => x.node).map((x) => [x.node!, x.path]));
  const add = (root: UiGroup, isRoot: boolean) => {
    for (const [key, pr] of checkTree(root, vars, isRoot)) {
      const path = pathOfKey.get(key);
      if (!path) continue;
      const suffix = pr.problem === 'emptyGroup' || pr.problem === 'noVariable' ? '' : '.value';
      out.push({ path: path + suffix, key: `problem.${pr.problem}`, min: pr.min, max: pr.max });
    }
  };
  add(draft.rule, true);
  draft.amounts.forEach((a, i) => {
    const p = `amounts.${i}`;
    if (!a.labelZh.trim()) out.push({ path: `${p}.label.zh`, key: 'problem.labelZh' });
    if (!a.labelEn.trim()) out.push({ path: `${p}.label.en`, key: 'problem.labelEn' });
    if (fenOf(a.yuan) === null) out.push({ path: `${p}.amountFen`, key: 'problem.yuan' });
    if (a.multKind === 'const' && !/^\d{1,4}$/.test(a.multConst.trim()))
      out.push({ path: `${p}.multiplier`, key: 'problem.multiplier' });
    if (a.hasWhen) add(a.when, false);
  });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(draft.effective))
    out.push({ path: 'effectiveFrom', key: 'problem.effective' });
  return out;
}
