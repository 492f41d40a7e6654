/** One condition of the rule: its variable, its comparison and its value. */
import { useTranslation } from 'react-i18next';
import { useBT } from '../i18n';
import { opsFor, pick, type CondOp } from '../model';
import { updateNode, withVariable, type UiCond } from '../rules';
import { isBuiltin } from './choices';
import type { Ctx } from './context';
import { NodeMoves } from './NodeMoves';
import { ValueControl } from './ValueControl';

export function CondEditor({
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
  const { i18n } = useTranslation();
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
        {v && cond.op !== 'present' && (
          <ValueControl
            v={v}
            cond={cond}
            id={valueId}
            described={described}
            invalid={Boolean(error)}
            disabled={ctx.disabled}
            set={set}
          />
        )}
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
