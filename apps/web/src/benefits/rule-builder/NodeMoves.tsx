/** Move a condition or group up or down among its siblings, or remove it (focus kept sensible). */
import { Button } from 'antd';
import { useBT } from '../i18n';
import { moveNode, removeNode, type UiGroup } from '../rules';
import type { Ctx } from './context';

export function NodeMoves({
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
