/** "Run the assignment now": the counts, and for each booking left unfilled why each volunteer could not take it. */
import { useState } from 'react';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { useAT } from '../i18n';
import { ACC_KEY, useAllVolunteerNames, useBookings, type AssignRun } from './data';
import { byReason } from './model';

const NAMES_SHOWN = 8;

export function AssignRunPanel() {
  const { t } = useAT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState<AssignRun | null>(null);
  const [error, setError] = useState('');
  const names = useAllVolunteerNames(Boolean(run?.unfilled.length));
  const unfilled = useBookings({ unfilled: '1', limit: 200 }, Boolean(run?.unfilled.length));
  const start = async () => {
    setBusy(true);
    setError('');
    try {
      const out = await api.post<AssignRun>('/accompaniment/assign');
      setRun(out);
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t('coordinator.assign.done', { offered: out.offered, unfilled: out.unfilled.length }));
    } catch (e) {
      setError(isApiError(e) ? e.detail : t('common.loadFailed'));
    } finally {
      setBusy(false);
    }
  };
  const bookingLabel = (id: string) => {
    const b = unfilled.data?.find((x) => x.id === id);
    return b
      ? t('coordinator.assign.booking', {
          ref: b.ref,
          name: b.personName,
          day: b.date,
          time: b.startsAt,
          service: t(`common.service.${b.service}`),
        })
      : id;
  };
  return (
    <section className="acc-panel" aria-labelledby="acc-assign-h">
      <h2 id="acc-assign-h">{t('coordinator.assign.heading')}</h2>
      <p>{t('coordinator.assign.help')}</p>
      <Button type="primary" loading={busy} onClick={() => void start()}>
        {t('coordinator.assign.run')}
      </Button>
      <div role="status" className="acc-result">
        {error && <p className="notice notice-error">{error}</p>}
        {run && (
          <>
            <p data-testid="acc-assign-counts">
              {t('coordinator.assign.counts', {
                considered: run.considered,
                offered: run.offered,
                unfilled: run.unfilled.length,
              })}
            </p>
            {run.unfilled.length > 0 && (
              <ul className="acc-refusals">
                {run.unfilled.map((u) => (
                  <li key={u.bookingId}>
                    <strong>{bookingLabel(u.bookingId)}</strong>
                    {Object.keys(u.refusals).length === 0 ? (
                      <p>{t('coordinator.assign.noVolunteers')}</p>
                    ) : (
                      <ul>
                        {byReason(u.refusals).map(([why, ids]) => (
                          <li key={why}>
                            {t(`coordinator.refusal.${why}` as 'coordinator.refusal.skill', {
                              defaultValue: why,
                            })}
                            ：
                            {t('coordinator.assign.volunteers', {
                              count: ids.length,
                              names: ids
                                .slice(0, NAMES_SHOWN)
                                .map((id) => names.data?.get(id) ?? t('coordinator.assign.aVolunteer'))
                                .join('、'),
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
