/**
 * "我的工作计划" on the worker's queue (/care/queue): the open and in-progress work items I own,
 * overdue first (said in words); each opens in the work item dialog to note progress or finish it.
 */
import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { usePT } from './i18n';
import { ItemList } from './ItemList';
import { PLANS_KEY, QUEUE_KEY, type WorkQueue } from './model';
import type { WorkItemTarget } from './WorkItemDialog';
import { LazyWorkItemDialog } from './LazyWorkItemDialog';
import './plans.css';

export function WorkQueueSection() {
  const { t } = usePT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [target, setTargetState] = useState<WorkItemTarget | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const setTarget = (next: WorkItemTarget | null) => {
    if (next) trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setTargetState(next);
  };
  const q = useQuery({
    queryKey: QUEUE_KEY,
    queryFn: ({ signal }) => api.get<WorkQueue>('/care/queue/work-items', { signal }),
  });
  return (
    <section aria-labelledby="queue-work-items" className="queue-section">
      <h2 id="queue-work-items">{t('queue.title')}</h2>
      {q.isError && <p className="notice notice-error">{t('loadFailed')}</p>}
      {q.data && (
        <p data-testid="queue-work-items-summary">
          {t('queue.summary', { count: q.data.items.length, overdue: q.data.overdue })}
        </p>
      )}
      <ItemList
        items={q.data?.items ?? []}
        empty={t('queue.none')}
        onOpen={(item) => setTarget({ kind: 'edit', item })}
        extra={(it) => (
          <span className="muted">
            {it.meetingTitle
              ? t('queue.fromMeeting', { title: it.meetingTitle })
              : it.projectName
                ? t('queue.fromProject', { name: it.projectName, stage: it.stageName ?? '' })
                : null}
          </span>
        )}
      />
      <LazyWorkItemDialog
        target={target}
        returnFocus={trigger}
        onClose={() => setTarget(null)}
        onDone={(item) => {
          setTarget(null);
          announce(t('item.saved', { title: item.title }));
          void qc.invalidateQueries({ queryKey: QUEUE_KEY });
          void qc.invalidateQueries({ queryKey: PLANS_KEY });
        }}
      />
    </section>
  );
}
