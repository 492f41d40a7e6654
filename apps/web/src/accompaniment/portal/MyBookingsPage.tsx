/**
 * "我的陪诊" (/me/accompaniment): the resident's (a guardian's: their wards') hospital visits —
 * upcoming first with the hospital, the time in words, the help, the meeting point and whether a
 * volunteer has confirmed; change the date or cancel (with a reason); past visits with a rating
 * form in words (radio buttons, not stars) and a comment.
 */
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useAT } from '../i18n';
import { CancelDialog, RescheduleDialog } from './BookingDialogs';
import { FeedbackForm } from './FeedbackForm';
import { MY_BOOKINGS_KEY, splitBookings, whenInWords, type Booking } from './model';
import './portal.css';

type Target = { kind: 'cancel' | 'reschedule'; booking: Booking } | null;

export default function MyBookingsPage() {
  const { t } = useAT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const q = useQuery({
    queryKey: MY_BOOKINGS_KEY,
    queryFn: ({ signal }) => api.get<Booking[]>('/me/accompaniment/bookings', { signal }),
  });
  const [target, setTarget] = useState<Target>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (kind: 'cancel' | 'reschedule', booking: Booking, el: HTMLElement) => {
    opener.current = el;
    setTarget({ kind, booking });
  };
  const changed = (message: string) => {
    setTarget(null);
    announce(message);
    void qc.invalidateQueries({ queryKey: MY_BOOKINGS_KEY });
    void qc.invalidateQueries({ queryKey: ['accompaniment', 'calendar'] });
  };
  const { upcoming, past } = q.data ? splitBookings(q.data) : { upcoming: [], past: [] };
  return (
    <div className="portal portal-acc">
      <PageTitle title={t('resident.my.title')} />
      <p>{t('resident.my.intro')}</p>
      <p>
        <Link className="button-link button-link-primary" to="/me/accompaniment/new">
          {t('resident.my.book')}
        </Link>
      </p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <p className="notice notice-error">{t('common.loadFailed')}</p>
      ) : (
        <>
          <h2>{t('resident.my.upcoming')}</h2>
          {upcoming.length === 0 && <p>{t('resident.my.noneUpcoming')}</p>}
          {upcoming.map((b) => (
            <BookingCard key={b.id} booking={b}>
              {b.state === 'booked' && (
                <div className="toolbar">
                  <Button size="large" onClick={(e) => open('reschedule', b, e.currentTarget)}>
                    {t('resident.my.reschedule')}
                  </Button>
                  <Button size="large" danger onClick={(e) => open('cancel', b, e.currentTarget)}>
                    {t('resident.my.cancel')}
                  </Button>
                </div>
              )}
            </BookingCard>
          ))}
          <h2>{t('resident.my.past')}</h2>
          {past.length === 0 && <p>{t('resident.my.nonePast')}</p>}
          {past.map((b) => (
            <BookingCard key={b.id} booking={b}>
              {b.state === 'completed' && (
                <FeedbackForm booking={b} onDone={() => changed(t('resident.rate.thanks'))} />
              )}
            </BookingCard>
          ))}
        </>
      )}
      <CancelDialog
        booking={target?.kind === 'cancel' ? target.booking : null}
        returnFocus={opener}
        onClose={() => setTarget(null)}
        onDone={(b) => changed(t('resident.cancel.done', { ref: b.ref }))}
      />
      <RescheduleDialog
        booking={target?.kind === 'reschedule' ? target.booking : null}
        returnFocus={opener}
        onClose={() => setTarget(null)}
        onDone={(b) => changed(t('resident.reschedule.done', { ref: b.ref }))}
      />
    </div>
  );
}

function BookingCard({ booking: b, children }: { booking: Booking; children?: React.ReactNode }) {
  const { t, i18n } = useAT();
  const headingId = `acc-booking-${b.id}`;
  return (
    <article className="acc-card" aria-labelledby={headingId} data-ref={b.ref}>
      <h3 id={headingId}>
        {b.hospital.name} — {t(`resident.state.${b.state}`)}
      </h3>
      <dl className="acc-facts">
        <dt>{t('resident.when')}</dt>
        <dd>{whenInWords(b.startsAt, b.endsAt, i18n.language)}</dd>
        <dt>{t('resident.forWhom')}</dt>
        <dd>{b.personName}</dd>
        <dt>{t('resident.service')}</dt>
        <dd>{t(`common.service.${b.service}`)}</dd>
        <dt>{t('resident.department')}</dt>
        <dd>{b.department}</dd>
        {(b.state === 'booked' || b.state === 'checked_in') && (
          <>
            <dt>{t('resident.meetingPoint')}</dt>
            <dd>{b.hospital.meetingPoint || t('resident.defaultMeetingPoint')}</dd>
            <dt>{t('resident.volunteer')}</dt>
            <dd>
              {b.volunteer
                ? t('resident.volunteerConfirmed', { name: b.volunteer.name })
                : t('resident.volunteerPending')}
            </dd>
          </>
        )}
        <dt>{t('resident.ref')}</dt>
        <dd>{b.ref}</dd>
        {b.note && (
          <>
            <dt>{t('resident.note')}</dt>
            <dd className="acc-text">{b.note}</dd>
          </>
        )}
      </dl>
      {children}
    </article>
  );
}
