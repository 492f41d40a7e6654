/**
 * The resident portal's "我的诉求" (/me/needs): the needs a resident raised or that were raised for
 * them (a guardian: their wards'), each with its status in plain words, the dates, whether staff
 * are on it (never who), the outcome, and what has happened so far.
 */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { PageTitle } from '../../components/PageTitle';
import { Loading } from '../../components/Loading';
import { api } from '../../api';
import { formatTime } from '../../labels';
import { useNT } from './i18n';
import { MY_NEEDS_KEY, type MyNeed, type MyNeeds } from './model';
import './needs.css';

export default function MyNeedsPage() {
  const { t } = useNT();
  const q = useQuery({
    queryKey: MY_NEEDS_KEY,
    queryFn: ({ signal }) => api.get<MyNeeds>('/me/needs', { signal }),
  });
  return (
    <div className="portal portal-needs">
      <PageTitle title={t('my.title')} />
      <p>{t('my.intro')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <p className="notice notice-error">{t('loadFailed')}</p>
      ) : (
        <>
          {q.data.persons.length === 0 ? (
            <p className="notice">{t('my.noPerson')}</p>
          ) : (
            <p>
              <Link className="button-link button-link-primary" to="/me/needs/new">
                {t('my.raise')}
              </Link>
            </p>
          )}
          {q.data.items.length === 0 && q.data.persons.length > 0 && <p>{t('my.none')}</p>}
          {q.data.items.map((n) => (
            <NeedCard
              key={n.id}
              need={n}
              showWho={q.data.persons.length > 1 || !q.data.persons.some((p) => p.self)}
            />
          ))}
        </>
      )}
    </div>
  );
}

function NeedCard({ need: n, showWho }: { need: MyNeed; showWho: boolean }) {
  const { t, i18n } = useNT();
  const at = (iso: string | null) => formatTime(iso, i18n.language);
  const done = n.status === 'resolved' || n.status === 'closed';
  return (
    <article className="need-card" aria-labelledby={`my-need-${n.id}`}>
      <h2 id={`my-need-${n.id}`}>
        {n.title} — {t(`my.status.${n.status}`)}
      </h2>
      <dl className="need-facts">
        {showWho && (
          <>
            <dt>{t('list.person')}</dt>
            <dd>{t('my.for', { name: n.personName })}</dd>
          </>
        )}
        <dt>{t('my.ref')}</dt>
        <dd>{n.ref}</dd>
        <dt>{t('list.category')}</dt>
        <dd>{t(`categoryPlain.${n.category}`)}</dd>
        <dt>{t('my.raised')}</dt>
        <dd>{at(n.createdAt)}</dd>
        {done ? (
          <>
            <dt>{t('my.resolvedAt')}</dt>
            <dd>{at(n.resolvedAt)}</dd>
            <dt>{t('my.result')}</dt>
            <dd className="need-text">{n.resolution}</dd>
          </>
        ) : (
          n.status !== 'withdrawn' && (
            <>
              <dt>{t('my.expected')}</dt>
              <dd>{at(n.dueAt)}</dd>
              <dt>{t('list.owner')}</dt>
              <dd>{n.assigned ? t('my.handledBy') : t('my.waiting')}</dd>
            </>
          )
        )}
      </dl>
      {n.description && <p className="need-text">{n.description}</p>}
      <h3>{t('my.progress')}</h3>
      <ol className="need-timeline">
        {n.steps.map((s, i) => (
          <li key={`${s.kind}-${i}`}>
            {at(s.at)} {t(`my.step.${s.kind}`)}
          </li>
        ))}
      </ol>
    </article>
  );
}
