/** Small shared pieces of the needs pages: the due time in words, the status, a hook for one case. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { formatTime } from '../../labels';
import { useNT } from './i18n';
import { NEEDS_KEY, type Need, type NeedDetail } from './model';

/** The due time; overdue said in words (not colour alone). */
export function Due({
  need,
  overdueHours,
}: {
  need: Pick<Need, 'dueAt' | 'overdue'>;
  overdueHours?: number;
}) {
  const { t, i18n } = useNT();
  const at = formatTime(need.dueAt, i18n.language);
  if (!need.overdue) return <>{t('queue.dueAt', { at })}</>;
  return (
    <span className="need-overdue">
      <strong>
        {overdueHours !== undefined ? t('queue.overdueBy', { count: overdueHours }) : t('need.overdue')}
      </strong>{' '}
      {t('queue.dueAt', { at })}
    </span>
  );
}

export function useNeed(id: string | undefined) {
  return useQuery({
    queryKey: [...NEEDS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<NeedDetail>(`/care/needs/${id}`, { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}
