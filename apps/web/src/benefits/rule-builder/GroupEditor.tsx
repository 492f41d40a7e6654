/** A group of the rule (all of / any of / not): its mode, its children in order, and adding to it. */
import { Button } from 'antd';
import { useBT } from '../i18n';
import { emptyGroup, newCond, updateNode, type UiGroup, type UiNode } from '../rules';
import { CondEditor } from './CondEditor';
import type { Ctx } from './context';
import { NodeMoves } from './NodeMoves';

export function GroupEditor({
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
