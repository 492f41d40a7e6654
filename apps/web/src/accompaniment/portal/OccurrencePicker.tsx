/**
 * The dates of the next four weeks at one hospital, as radio buttons: an occurrence that runs, has
 * room and offers the service can be chosen; the others are shown disabled with why (holiday,
 * called off, full, service not offered) in words — never by colour alone.
 */
import { Radio } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { Loading } from '../../components/Loading';
import { useAT } from '../i18n';
import { occurrenceKey, unbookable, whenInWords, type AccService, type Occurrence } from './model';

export function useCalendar(hospitalId: string | undefined) {
  return useQuery({
    queryKey: ['accompaniment', 'calendar', hospitalId],
    queryFn: ({ signal }) =>
      api.get<Occurrence[]>('/accompaniment/calendar', { query: { hospitalId }, signal }),
    enabled: !!hospitalId,
    staleTime: 30_000,
  });
}

export function OccurrencePicker({
  id,
  hospitalId,
  service,
  value,
  onChange,
  skip,
  'aria-describedby': describedBy,
}: {
  id?: string;
  hospitalId: string | undefined;
  service: AccService | undefined;
  value?: string;
  onChange?: (v: string) => void;
  /** The occurrence the booking already has (rescheduling): not offered again. */
  skip?: string;
  'aria-describedby'?: string;
}) {
  const { t, i18n } = useAT();
  const cal = useCalendar(hospitalId);
  if (!hospitalId) return <p className="acc-hint">{t('resident.book.pickHospitalFirst')}</p>;
  if (cal.isPending) return <Loading />;
  if (cal.isError) return <p className="notice notice-error">{t('common.loadFailed')}</p>;
  const list = cal.data.filter((o) => occurrenceKey(o) !== skip);
  if (list.length === 0) return <p className="notice">{t('resident.book.noDates')}</p>;
  return (
    <Radio.Group
      id={id}
      className="acc-choices"
      value={value}
      onChange={(e) => onChange?.(e.target.value as string)}
      aria-describedby={describedBy}
    >
      {list.map((o) => {
        const why = unbookable(o, service);
        const left = o.capacity - o.booked;
        return (
          <Radio key={occurrenceKey(o)} value={occurrenceKey(o)} disabled={why !== null}>
            <span className="acc-when">{whenInWords(o.startsAt, o.endsAt, i18n.language)}</span>
            <span className="acc-why">
              {why === null
                ? t('resident.book.placesLeft', { count: left })
                : why === 'holiday' || why === 'cancelled'
                  ? t(`resident.book.off.${why}`, { reason: o.off?.reason ?? '' })
                  : t(`resident.book.off.${why}`)}
            </span>
          </Radio>
        );
      })}
    </Radio.Group>
  );
}
