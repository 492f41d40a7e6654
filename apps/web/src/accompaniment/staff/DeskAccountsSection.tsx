/**
 * Which hospital each hospital-desk account serves: the list, and a small form that makes an
 * account the desk of a hospital (the accounts themselves are made by the system administrator).
 */
import { useState } from 'react';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useAT } from '../i18n';
import { ACC_KEY, useHospitals } from './data';

interface DeskUser {
  userId: string;
  username: string;
  displayName: string;
  hospitalId: string | null;
}

export function DeskAccountsSection() {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const hospitals = useHospitals();
  const key = [...ACC_KEY, 'desk-users'];
  const desks = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<DeskUser[]>('/accompaniment/desk-users', { signal }),
  });
  const [userId, setUserId] = useState('');
  const [hospitalId, setHospitalId] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const d = 'coordinator.deskAccounts';
  const nameOf = (id: string | null) => hospitals.data?.find((h) => h.id === id)?.name ?? t(`${d}.unlinked`);
  const label = (u: DeskUser) => `${u.displayName || u.username}（${u.username}）`;
  const link = async () => {
    if (!userId || !hospitalId) return setError(t('coordinator.required', { field: t(`${d}.account`) }));
    setBusy(true);
    setError('');
    try {
      await api.put('/accompaniment/desk-users', { userId, hospitalId });
      await qc.invalidateQueries({ queryKey: key });
      announce(t(`${d}.linked`, { hospital: nameOf(hospitalId) }));
    } catch {
      setError(tc('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  const list = desks.data ?? [];
  return (
    <section className="acc-panel" aria-labelledby="acc-desks-h">
      <h2 id="acc-desks-h">{t(`${d}.title`)}</h2>
      <p>{t(`${d}.hint`)}</p>
      {error ? <ErrorSummary items={[{ message: error }]} /> : null}
      {list.length === 0 && !desks.isPending ? (
        <p>{t(`${d}.noAccounts`)}</p>
      ) : (
        <>
          <ul>
            {list.map((u) => (
              <li key={u.userId}>{t(`${d}.at`, { user: label(u), hospital: nameOf(u.hospitalId) })}</li>
            ))}
          </ul>
          <div className="acc-toolbar">
            <label htmlFor="acc-desk-user">{t(`${d}.account`)}</label>
            <select
              id="acc-desk-user"
              className="acc-select"
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
            >
              <option value="">{t(`${d}.choose`)}</option>
              {list.map((u) => (
                <option key={u.userId} value={u.userId}>
                  {label(u)}
                </option>
              ))}
            </select>
            <label htmlFor="acc-desk-hospital">{t('coordinator.calendar.hospital')}</label>
            <select
              id="acc-desk-hospital"
              className="acc-select"
              value={hospitalId}
              onChange={(e) => setHospitalId(e.target.value)}
            >
              <option value="">{t(`${d}.choose`)}</option>
              {(hospitals.data ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
            <Button onClick={() => void link()} loading={busy}>
              {t(`${d}.link`)}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
