import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { streetOptions } from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { formatTime, streetName } from '../labels';
import { useAreas } from '../queries';
import { useMe } from '../session';
import { useBT } from '../benefits/i18n';
import { periodText, pick, usePrograms, type ReviewOut, type ReviewState } from '../benefits/model';
import { ExampleTag, ExplanationTree } from '../benefits/parts';

/**
 * The review queue: proposals raised by changes in the registry (someone now qualifies, or no
 * longer does), each with the rule-by-rule reason, accepted or dismissed by an officer.
 */
export default function BenefitReviews() {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: me } = useMe(false);
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read'))).data?.items;
  const programs = usePrograms();
  const [state, setState] = useState<ReviewState>('open');
  const [programCode, setProgramCode] = useState('');
  const [street, setStreet] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['benefits', 'reviews', state, programCode, street],
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: ReviewOut[]; nextCursor: string | null }>('/benefits/reviews', {
        query: { state, programCode, streetCode: street, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const exampleOf = (code: string) => Boolean(programs.data?.find((p) => p.code === code)?.example);

  return (
    <>
      <PageTitle title={t('reviews.title')} />
      <p>{t('reviews.intro')}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <div className="inline-filters" role="search" aria-label={t('reviews.filters')}>
        <div className="rule-field">
          <label htmlFor="rev-state" className="rule-label">
            {t('reviews.state')}
          </label>
          <select
            id="rev-state"
            className="native-select"
            value={state}
            onChange={(e) => setState(e.target.value as ReviewState)}
          >
            {(['open', 'accepted', 'dismissed'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`reviewState.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="rule-field">
          <label htmlFor="rev-program" className="rule-label">
            {t('cycles.program')}
          </label>
          <select
            id="rev-program"
            className="native-select"
            value={programCode}
            onChange={(e) => setProgramCode(e.target.value)}
          >
            <option value="">{t('cycles.anyProgram')}</option>
            {(programs.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {pick(p.name, lang)}
              </option>
            ))}
          </select>
        </div>
        {!me?.streetCode && !me?.communityId && (
          <div className="rule-field">
            <label htmlFor="rev-street" className="rule-label">
              {t('ent.street')}
            </label>
            <select
              id="rev-street"
              className="native-select"
              value={street}
              onChange={(e) => setStreet(e.target.value)}
            >
              <option value="">{t('ent.anyStreet')}</option>
              {streetOptions(lang, areas).map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <h2 id="reviews-list" tabIndex={-1}>
        {t('reviews.listHeading')}
      </h2>
      {list.error ? (
        <ErrorSummary
          items={[{ message: isApiError(list.error) ? list.error.detail : tr('errors.network') }]}
        />
      ) : list.isPending ? (
        <p className="muted">{tr('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('reviews.none')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby="reviews-list">
          {rows.map((r) => (
            <li key={r.id}>
              <ReviewCard
                review={r}
                example={exampleOf(r.programCode)}
                streetLabel={streetName(lang, r.person.streetCode, areas)}
                onDecided={(message) => {
                  setNotice(message);
                  document.getElementById('reviews-list')?.focus();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button
          className="load-more"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {tr('common.loadMore')}
        </Button>
      )}
    </>
  );
}

const TRIGGERS = [
  'person_updated',
  'person_created',
  'person_certificate',
  'person_merged',
  'birthday',
] as const;

/** Why a review was raised, in words ("person.updated" → 人员信息有变更). */
function triggerText(t: ReturnType<typeof useBT>['t'], trigger: string): string {
  const key = trigger.replace(/\./g, '_');
  return (TRIGGERS as readonly string[]).includes(key)
    ? t(`reviews.triggers.${key as (typeof TRIGGERS)[number]}`)
    : t('reviews.triggers.other', { code: trigger });
}

function ReviewCard({
  review,
  example,
  streetLabel,
  onDecided,
}: {
  review: ReviewOut;
  example: boolean;
  streetLabel: string;
  onDecided: (message: string) => void;
}) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'accept' | 'dismiss' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = `rev-${review.id}`;
  const noteId = `rev-note-${review.id}`;

  const decide = async (decision: 'accept' | 'dismiss') => {
    setBusy(decision);
    setError(null);
    try {
      await api.post(`/benefits/reviews/${review.id}/decision`, {
        decision,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      const message = t(decision === 'accept' ? 'reviews.accepted' : 'reviews.dismissed', {
        name: review.person.name,
      });
      announce(message);
      onDecided(message);
      await qc.invalidateQueries({ queryKey: ['benefits', 'reviews'] });
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'));
      setBusy(null);
    }
  };

  return (
    <article className="benefit-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(`reviews.kind.${review.kind}`, {
          name: review.person.name,
          program: pick(review.programName, lang),
        })}{' '}
        <ExampleTag example={example} />
      </h3>
      <dl className="facts">
        <dt>{t('reviews.person')}</dt>
        <dd>
          <Link to={`/persons/${review.person.id}`}>{review.person.name}</Link>{' '}
          <span className="muted">{review.person.idNumber}</span> · {streetLabel}
        </dd>
        <dt>{t('reviews.effective')}</dt>
        <dd>{periodText(review.effectivePeriod, lang)}</dd>
        <dt>{t('reviews.trigger')}</dt>
        <dd>{triggerText(t, review.trigger)}</dd>
        <dt>{t('reviews.raised')}</dt>
        <dd>{formatTime(review.createdAt, lang)}</dd>
        {review.state !== 'open' && (
          <>
            <dt>{t('reviews.decision')}</dt>
            <dd>
              {t(`reviewState.${review.state}`)} {formatTime(review.decidedAt, lang)}
              {review.note ? ` — ${review.note}` : ''}
            </dd>
          </>
        )}
      </dl>
      <h4>{t('reviews.why')}</h4>
      <ExplanationTree node={review.reason} />
      {review.state === 'open' && (
        <>
          <ErrorSummary items={error ? [{ id: noteId, message: error }] : []} />
          <div className="field">
            <label htmlFor={noteId} className="field-label">
              {t('reviews.note')}
            </label>
            <textarea
              id={noteId}
              className="native-input"
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <div className="toolbar">
            <Button type="primary" onClick={() => void decide('accept')} loading={busy === 'accept'}>
              {t(`reviews.accept.${review.kind}`)}
            </Button>
            <Button onClick={() => void decide('dismiss')} loading={busy === 'dismiss'}>
              {t('reviews.dismiss')}
            </Button>
          </div>
        </>
      )}
    </article>
  );
}
