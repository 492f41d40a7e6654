/** Work items as a plain list: title (a button that opens the item), status, owner and deadline in words. */
import type { ReactNode } from 'react';
import { Button } from 'antd';
import { usePT } from './i18n';
import type { WorkItem } from './model';

export function ItemList({
  items,
  empty,
  onOpen,
  extra,
}: {
  items: readonly WorkItem[];
  empty: string;
  onOpen: (item: WorkItem) => void;
  extra?: (item: WorkItem) => ReactNode;
}) {
  const { t } = usePT();
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="plans-items">
      {items.map((it) => (
        <li key={it.id} className={it.overdue ? 'plans-item plans-item-overdue' : 'plans-item'}>
          <Button
            type="link"
            className="plans-item-title"
            onClick={() => onOpen(it)}
            aria-label={t('item.openLabel', { title: it.title })}
          >
            {it.title}
          </Button>
          <span className={`plans-status plans-status-${it.status}`}>{t(`status.${it.status}`)}</span>
          <span>{it.ownerName ?? t('none')}</span>
          <span>
            {it.overdue && <strong className="plans-overdue">{t('overdue')} </strong>}
            {t('dueOn', { date: it.deadline })}
          </span>
          {extra?.(it)}
        </li>
      ))}
    </ul>
  );
}
