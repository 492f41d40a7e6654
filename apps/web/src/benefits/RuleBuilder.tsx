/**
 * The rule builder: a tree of groups (all of / any of / not) and conditions, built from native
 * fieldsets, selects and inputs so that every part is reachable with Tab and changed with the
 * keyboard, and a screen reader hears each condition's group (its legend) on entering it.
 */
import { useEffect, useRef } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBT } from './i18n';
import { isEn, opsFor, pick, type CondOp, type RuleExpr, type RuleVariableDef } from './model';
import {
  condText,
  moveNode,
  newCond,
  emptyGroup,
  removeNode,
  updateNode,
  valueLabel,
  withVariable,
  type UiCond,
  type UiGroup,
  type UiNode,
} from './rules';
import { CATEGORIES, GRADES } from '../registry';

/** Messages shown next to nodes (node key → message). */
export type NodeErrors = ReadonlyMap<string, string>;

export function RuleBuilder({
  value,
  onChange,
  vars,
  errors,
  legend,
  disabled = false,
}: {
  value: UiGroup;
  onChange: (next: UiGroup) => void;
  vars: readonly RuleVariableDef[];
  errors: NodeErrors;
  legend: string;
  disabled?: boolean;
}) {
  // After adding a node, focus its first control once it is on the page.
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = document.getElementById(pendingFocus.current);
    if (el) {
      el.focus();
      pendingFocus.current = null;
    }
  });
  const ctx: Ctx = {
    root: value,
    vars,
    errors,
    disabled,
    set: onChange,
    focusLater: (id) => {
      pendingFocus.current = id;
    },
  };
  return <GroupEditor group={value} ctx={ctx} depth={0} number="" legend={legend} />;
}

interface Ctx {
  root: UiGroup;
  vars: readonly RuleVariableDef[];
  errors: NodeErrors;
  disabled: boolean;
  set: (next: UiGroup) => void;
  focusLater: (id: string) => void;
}

function GroupEditor({
  group,
  ctx,
  depth,
  number,
  legend,
  index,
  count,
}: {
  group: UiGroup;
  ctx: Ctx;
  depth: number;
  number: string;
  legend: string;
  index?: number;
  count?: number;
}) {
  const { t } = useBT();
  const modeId = `rule-mode-${group.key}`;
  const errId = `rule-err-${group.key}`;
  const error = ctx.errors.get(group.key);
  const add = (node: UiNode) => {
    ctx.set(
      updateNode(ctx.root, group.key, (n) => ({
        ...(n as UiGroup),
        children: [...(n as UiGroup).children, node],
      })),
    );
    ctx.focusLater(node.kind === 'cond' ? `rule-var-${node.key}` : `rule-mode-${node.key}`);
  };
  return (
    <fieldset className={`rule-group rule-depth-${Math.min(depth, 3)}`} id={`rule-node-${group.key}`}>
      <legend>{legend}</legend>
      <div className="rule-row">
        <label htmlFor={modeId} className="rule-label">
          {t('rule.mode')}
        </label>
        <select
          id={modeId}
          className="native-select"
          value={group.mode}
          disabled={ctx.disabled}
          aria-describedby={error ? errId : undefined}
          onChange={(e) =>
            ctx.set(
              updateNode(ctx.root, group.key, (n) => ({ ...n, mode: e.target.value as UiGroup['mode'] })),
            )
          }
        >
          <option value="and">{t('rule.modes.and')}</option>
          <option value="or">{t('rule.modes.or')}</option>
          <option value="not">{t('rule.modes.not')}</option>
        </select>
      </div>
      {error && (
        <p id={errId} className="field-error">
          {error}
        </p>
      )}
      {group.children.length === 0 ? (
        <p className="muted">{depth === 0 ? t('rule.emptyRoot') : t('rule.emptyGroup')}</p>
      ) : (
        <ol className="rule-children">
          {group.children.map((c, i) => {
            const n = number ? `${number}.${i + 1}` : String(i + 1);
            return (
              <li key={c.key}>
                {c.kind === 'cond' ? (
                  <CondEditor cond={c} ctx={ctx} number={n} index={i} count={group.children.length} />
                ) : (
                  <GroupEditor
                    group={c}
                    ctx={ctx}
                    depth={depth + 1}
                    number={n}
                    legend={t('rule.groupN', { n })}
                    index={i}
                    count={group.children.length}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!ctx.disabled && (
        <div className="toolbar rule-actions">
          <Button onClick={() => add(newCond(ctx.vars))}>{t('rule.addCondition')}</Button>
          <Button onClick={() => add(emptyGroup(group.mode === 'and' ? 'or' : 'and'))}>
            {t('rule.addGroup')}
          </Button>
          {depth > 0 && (
            <NodeMoves keyOf={group.key} ctx={ctx} index={index ?? 0} count={count ?? 1} what="group" />
          )}
        </div>
      )}
    </fieldset>
  );
}

function NodeMoves({
  keyOf,
  ctx,
  index,
  count,
  what,
}: {
  keyOf: string;
  ctx: Ctx;
  index: number;
  count: number;
  what: 'cond' | 'group';
}) {
  const { t } = useBT();
  const move = (by: -1 | 1) => {
    ctx.set(moveNode(ctx.root, keyOf, by));
    // Keep focus on the same button of the moved node.
    ctx.focusLater(`rule-${by < 0 ? 'up' : 'down'}-${keyOf}`);
  };
  return (
    <>
      {index > 0 && (
        <Button id={`rule-up-${keyOf}`} onClick={() => move(-1)}>
          {t('rule.moveUp')}
        </Button>
      )}
      {index < count - 1 && (
        <Button id={`rule-down-${keyOf}`} onClick={() => move(1)}>
          {t('rule.moveDown')}
        </Button>
      )}
      <Button
        danger
        onClick={() => {
          ctx.set(removeNode(ctx.root, keyOf));
          ctx.focusLater(`rule-mode-${parentOf(ctx.root, keyOf) ?? ctx.root.key}`);
        }}
      >
        {what === 'cond' ? t('rule.removeCondition') : t('rule.removeGroup')}
      </Button>
    </>
  );
}

function parentOf(root: UiGroup, key: string): string | null {
  for (const c of root.children) {
    if (c.key === key) return root.key;
    if (c.kind === 'group') {
      const p = parentOf(c, key);
      if (p) return p;
    }
  }
  return null;
}

function CondEditor({
  cond,
  ctx,
  number,
  index,
  count,
}: {
  cond: UiCond;
  ctx: Ctx;
  number: string;
  index: number;
  count: number;
}) {
  const { t: tr, i18n } = useTranslation();
  const { t } = useBT();
  const lang = i18n.language;
  const v = ctx.vars.find((x) => x.name === cond.var);
  const ops = v ? opsFor(v.type) : (['eq'] as CondOp[]);
  const error = ctx.errors.get(cond.key);
  const errId = `rule-err-${cond.key}`;
  const set = (patch: Partial<UiCond>) =>
    ctx.set(updateNode(ctx.root, cond.key, (n) => ({ ...(n as UiCond), ...patch })));
  const described = error ? errId : undefined;
  const valueId = `rule-val-${cond.key}`;
  const builtins = ctx.vars.filter(isBuiltin);
  const own = ctx.vars.filter((x) => !isBuiltin(x));

  let valueControl = null;
  if (v && cond.op !== 'present') {
    if (cond.op === 'in') {
      const options = v.type === 'enum' ? (v.values ?? []) : numberChoices(v);
      valueControl = (
        <fieldset className="rule-in" aria-describedby={described}>
          <legend className="rule-label">{t('rule.valuesLabel')}</legend>
          <div className="rule-in-options">
            {options.map((o, i) => (
              <label key={o} className="rule-check">
                <input
                  type="checkbox"
                  id={i === 0 ? valueId : undefined}
                  checked={cond.values.includes(o)}
                  disabled={ctx.disabled}
                  onChange={(e) =>
                    set({
                      values: e.target.checked ? [...cond.values, o] : cond.values.filter((x) => x !== o),
                    })
                  }
                />{' '}
                {valueLabel(v, o, tr, t, lang)}
              </label>
            ))}
          </div>
        </fieldset>
      );
    } else if (v.type === 'number' && numberChoices(v).length > 0) {
      valueControl = (
        <ValueSelect
          id={valueId}
          value={cond.value}
          described={described}
          disabled={ctx.disabled}
          onChange={(x) => set({ value: x })}
        >
          <option value="">{t('rule.choose')}</option>
          {numberChoices(v).map((o) => (
            <option key={o} value={o}>
              {valueLabel(v, o, tr, t, lang)}
            </option>
          ))}
        </ValueSelect>
      );
    } else if (v.type === 'number') {
      valueControl = (
        <div className="rule-field">
          <label htmlFor={valueId} className="rule-label">
            {t('rule.value')}
          </label>
          <span className="rule-number">
            <input
              id={valueId}
              className="native-input"
              type="number"
              inputMode="decimal"
              min={v.min}
              max={v.max}
              value={cond.value}
              disabled={ctx.disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={described}
              onChange={(e) => set({ value: e.target.value })}
            />
            {v.unit && <span className="rule-unit">{pick(v.unit, lang)}</span>}
          </span>
        </div>
      );
    } else if (v.type === 'enum') {
      valueControl = (
        <ValueSelect
          id={valueId}
          value={cond.value}
          described={described}
          disabled={ctx.disabled}
          onChange={(x) => set({ value: x })}
        >
          {(v.values ?? []).map((o) => (
            <option key={o} value={o}>
              {valueLabel(v, o, tr, t, lang)}
            </option>
          ))}
        </ValueSelect>
      );
    } else {
      valueControl = (
        <ValueSelect
          id={valueId}
          value={cond.value}
          described={described}
          disabled={ctx.disabled}
          onChange={(x) => set({ value: x })}
        >
          <option value="true">{t('rule.yes')}</option>
          <option value="false">{t('rule.no')}</option>
        </ValueSelect>
      );
    }
  }

  return (
    <fieldset className="rule-cond" id={`rule-node-${cond.key}`}>
      <legend>{t('rule.conditionN', { n: number })}</legend>
      <div className="rule-cond-fields">
        <div className="rule-field">
          <label htmlFor={`rule-var-${cond.key}`} className="rule-label">
            {t('rule.variable')}
          </label>
          <select
            id={`rule-var-${cond.key}`}
            className="native-select"
            value={cond.var}
            disabled={ctx.disabled}
            onChange={(e) => {
              const nv = ctx.vars.find((x) => x.name === e.target.value);
              if (nv) ctx.set(updateNode(ctx.root, cond.key, (n) => withVariable(n as UiCond, nv)));
            }}
          >
            {!v && <option value={cond.var}>{cond.var}</option>}
            <optgroup label={t('rule.builtins')}>
              {builtins.map((x) => (
                <option key={x.name} value={x.name}>
                  {pick(x.label, lang)}
                </option>
              ))}
            </optgroup>
            {own.length > 0 && (
              <optgroup label={t('rule.programVars')}>
                {own.map((x) => (
                  <option key={x.name} value={x.name}>
                    {pick(x.label, lang)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div className="rule-field">
          <label htmlFor={`rule-op-${cond.key}`} className="rule-label">
            {t('rule.op')}
          </label>
          <select
            id={`rule-op-${cond.key}`}
            className="native-select"
            value={cond.op}
            disabled={ctx.disabled}
            onChange={(e) => set({ op: e.target.value as CondOp })}
          >
            {ops.map((o) => (
              <option key={o} value={o}>
                {v?.type === 'boolean' && o === 'eq' ? t('rule.ops.is') : t(`rule.ops.${o}`)}
              </option>
            ))}
          </select>
        </div>
        {valueControl}
      </div>
      {error && (
        <p id={errId} className="field-error">
          {error}
        </p>
      )}
      {!ctx.disabled && (
        <div className="toolbar rule-actions">
          <NodeMoves keyOf={cond.key} ctx={ctx} index={index} count={count} what="cond" />
        </div>
      )}
    </fieldset>
  );
}

function ValueSelect({
  id,
  value,
  described,
  disabled,
  onChange,
  children,
}: {
  id: string;
  value: string;
  described: string | undefined;
  disabled: boolean;
  onChange: (v: string) => void;
  children: React.ReactNode;
}) {
  const { t } = useBT();
  return (
    <div className="rule-field">
      <label htmlFor={id} className="rule-label">
        {t('rule.value')}
      </label>
      <select
        id={id}
        className="native-select"
        value={value}
        disabled={disabled}
        aria-invalid={described ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </div>
  );
}

const BUILTIN_NAMES = new Set([
  'age',
  'hukou',
  'living_status',
  'low_income',
  'gender',
  'employment',
  'education',
  'has_certificate',
  'category',
  'grade',
  'owns_motorised_wheelchair',
  'has_guardian',
]);
function isBuiltin(v: RuleVariableDef): boolean {
  return BUILTIN_NAMES.has(v.name);
}

/** Disability category and grade are numbers with names: offered as a list. */
function numberChoices(v: RuleVariableDef): string[] {
  if (v.name === 'category') return CATEGORIES.map(String);
  if (v.name === 'grade') return GRADES.map(String);
  return [];
}

/** The rule in plain words, as nested lists. */
export function RuleText({ expr, vars }: { expr: RuleExpr; vars: readonly RuleVariableDef[] }) {
  const { t: tr, i18n } = useTranslation();
  const { t } = useBT();
  const lang = i18n.language;
  const render = (e: RuleExpr): React.ReactNode => {
    switch (e.op) {
      case 'true':
        return t('rule.text.everyone');
      case 'and':
      case 'or':
        if (e.args.length === 0) return t('rule.text.emptyGroup');
        return (
          <>
            {e.op === 'and' ? t('rule.text.all') : t('rule.text.any')}
            <ul>
              {e.args.map((a, i) => (
                <li key={i}>{render(a)}</li>
              ))}
            </ul>
          </>
        );
      case 'not':
        return (
          <>
            {t('rule.text.not')}
            <ul>
              <li>{render(e.arg)}</li>
            </ul>
          </>
        );
      case 'cmp':
      case 'in':
      case 'present':
        return condText(e, vars, tr, t, lang);
    }
  };
  return (
    <div className="rule-text" lang={isEn(lang) ? 'en' : 'zh-CN'}>
      {render(expr)}
    </div>
  );
}
