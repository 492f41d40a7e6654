/**
 * "我的陪诊任务" (/me/accompaniment/offers, a volunteer): visits offered to me — accept, or decline
 * with a reason — and the visits I accepted with the resident's name, hospital, time, department,
 * note and meeting point; on the day, check in and check out (minutes, what was done, a note).
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useAT } from '../i18n';
import { CheckOutDialog, DeclineDialog } from './OfferDialogs';
import { MY_OFFERS_KEY, shanghaiToday, whenInWords, type Offer } from './model';
import './portal.css';

type Target = { kind: 'decline' | 'checkout'; offer: Offer } | null;

export default function OffersPage() {
  const { t } = useAT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const q = useQuery({
    queryKey: MY_OFFERS_KEY,
    queryFn: ({ signal }) => api.get<Offer[]>('/me/accompaniment/offers', { signal }),
  });
  const [target, setTarget] = useState<Target>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const refresh = (message: string) => {
    setTarget(null);
    announce(message);
    void qc.invalidateQueries({ queryKey: MY_OFFERS_KEY });
  };
  const act = async (o: Offer, path: string, done: string) => {
    setBusy(o.id);
    setError(null);
    try {
      await api.post(path, {});
      refresh(done);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const open = (kind: 'decline' | 'checkout', offer: Offer, el: HTMLElement) => {
    opener.current = el;
    setTarget({ kind, offer });
  };
  const offered = q.data?.filter((o) => o.state === 'offered') ?? [];
  const live = (o: Offer) => o.booking.state === 'booked' || o.booking.state === 'checked_in';
  const accepted = q.data?.filter((o) => o.state === 'accepted' && live(o)) ?? [];
  const finished = q.data?.filter((o) => o.state === 'accepted' && !live(o)).reverse() ?? [];
  const withdrawn = q.data?.filter((o) => o.state === 'withdrawn') ?? [];
  const today = shanghaiToday();
  return (
    <div className="portal portal-acc">
      <PageTitle title={t('volunteer.title')} />
      <p>{t('volunteer.intro')}</p>
      <ErrorSummary items={error ? [{ message: error }] : []} />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <p className="notice notice-error">{t('common.loadFailed')}</p>
      ) : (
        <>
          <h2>{t('volunteer.offered', { count: offered.length })}</h2>
          {offered.length === 0 && <p>{t('volunteer.noneOffered')}</p>}
          {offered.map((o) => (
            <OfferCard key={o.id} offer={o}>
              <div className="toolbar">
                <Button
                  type="primary"
                  size="large"
                  loading={busy === o.id}
                  onClick={() =>
                    void act(
                      o,
                      `/me/accompaniment/offers/${o.id}/accept`,
                      t('volunteer.acceptedNow', { ref: o.booking.ref }),
                    )
                  }
                >
                  {t('volunteer.accept')}
                </Button>
                <Button size="large" onClick={(e) => open('decline', o, e.currentTarget)}>
                  {t('volunteer.decline')}
                </Button>
              </div>
            </OfferCard>
          ))}
          <h2>{t('volunteer.accepted', { count: accepted.length })}</h2>
          {accepted.length === 0 && <p>{t('volunteer.noneAccepted')}</p>}
          {accepted.map((o) => (
            <OfferCard key={o.id} offer={o}>
              {o.booking.state === 'booked' &&
                (o.booking.date === today ? (
                  <Button
                    type="primary"
                    size="large"
                    loading={busy === o.id}
                    onClick={() =>
                      void act(
                        o,
                        `/accompaniment/bookings/${o.booking.id}/check-in`,
                        t('volunteer.checkedInNow', { name: o.booking.personName }),
                      )
                    }
                  >
                    {t('volunteer.checkIn')}
                  </Button>
                ) : (
                  <p className="acc-hint">{t('volunteer.checkInOnDay')}</p>
                ))}
              {o.booking.state === 'checked_in' && (
                <Button type="primary" size="large" onClick={(e) => open('checkout', o, e.currentTarget)}>
                  {t('volunteer.checkOut')}
                </Button>
              )}
            </OfferCard>
          ))}
          {finished.length > 0 && (
            <>
              <h2>{t('volunteer.finished')}</h2>
              {finished.map((o) => (
                <OfferCard key={o.id} offer={o} />
              ))}
            </>
          )}
          {withdrawn.length > 0 && (
            <>
              <h2>{t('volunteer.withdrawn')}</h2>
              {withdrawn.map((o) => (
                <OfferCard key={o.id} offer={o} />
              ))}
            </>
          )}
        </>
      )}
      <DeclineDialog
        offer={target?.kind === 'decline' ? target.offer : null}
        returnFocus={opener}
        onClose={() => setTarget(null)}
        onDone={(o) => refresh(t('volunteer.declinedNow', { ref: o.booking.ref }))}
      />
      <CheckOutDialog
        offer={target?.kind === 'checkout' ? target.offer : null}
        returnFocus={opener}
        onClose={() => setTarget(null)}
        onDone={(o) => refresh(t('volunteer.checkedOutNow', { name: o.booking.personName }))}
      />
    </div>
  );
}

function OfferCard({ offer: o, children }: { offer: Offer; children?: React.ReactNode }) {
  const { t, i18n } = useAT();
  const b = o.booking;
  const headingId = `acc-offer-${o.id}`;
  return (
    <article className="acc-card" aria-labelledby={headingId} data-ref={b.ref}>
      <h3 id={headingId}>
        {b.personName} — {b.hospital.name}
        {o.state !== 'offered' && `（${t(`volunteer.state.${b.state}`)}）`}
      </h3>
      <dl className="acc-facts">
        <dt>{t('resident.when')}</dt>
        <dd>{whenInWords(b.startsAt, b.endsAt, i18n.language)}</dd>
        <dt>{t('resident.service')}</dt>
        <dd>{t(`common.service.${b.service}`)}</dd>
        <dt>{t('resident.department')}</dt>
        <dd>{b.department}</dd>
        <dt>{t('resident.meetingPoint')}</dt>
        <dd>{b.hospital.meetingPoint || t('resident.defaultMeetingPoint')}</dd>
        <dt>{t('resident.note')}</dt>
        <dd className="acc-text">{b.note || t('common.none')}</dd>
        <dt>{t('resident.ref')}</dt>
        <dd>{b.ref}</dd>
      </dl>
      {children}
    </article>
  );
}
