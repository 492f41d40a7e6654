/**
 * On a volunteer's page: the hospitals they serve at for the accompaniment (the automatic
 * assignment offers them only bookings there). Coordinators (`accompaniment.manage`) change the
 * list with checkboxes; others with `accompaniment.read` see it.
 */
import { useState } from 'react';
import { Button, Checkbox } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useAT } from '../i18n';
import { ACC_KEY, useHospitals } from './data';

export default function VolunteerHospitals({
  volunteerId,
  canManage,
}: {
  volunteerId: string;
  canManage: boolean;
}) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const hospitals = useHospitals();
  const key = [...ACC_KEY, 'volunteer-hospitals', volunteerId];
  const current = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<{ hospitalIds: string[] }>(`/accompaniment/volunteers/${volunteerId}/hospitals`, { signal }),
  });
  // null: not edited yet, so the saved list is shown.
  const [edited, setEdited] = useState<string[] | null>(null);
  const chosen = edited ?? current.data?.hospitalIds ?? [];
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const v = 'coordinator.volunteerHospitals';
  const names = (hospitals.data ?? []).filter((h) => (current.data?.hospitalIds ?? []).includes(h.id));
  const save = async () => {
    setBusy(true);
    setError('');
    try {
      await api.put(`/accompaniment/volunteers/${volunteerId}/hospitals`, { hospitalIds: chosen });
      await qc.invalidateQueries({ queryKey: key });
      setEdited(null);
      announce(t(`${v}.saved`));
    } catch {
      setError(tc('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="vol-acc-hospitals">
      <h2 id="vol-acc-hospitals">{t(`${v}.title`)}</h2>
      <p>{t(`${v}.hint`)}</p>
      {error ? <ErrorSummary items={[{ message: error }]} /> : null}
      {canManage ? (
        <fieldset className="acc-fieldset">
          <legend>{t(`${v}.legend`)}</legend>
          <Checkbox.Group
            value={chosen}
            onChange={(vals) => setEdited(vals as string[])}
            options={(hospitals.data ?? []).map((h) => ({ label: h.name, value: h.id }))}
          />
          <div>
            <Button onClick={() => void save()} loading={busy} disabled={current.isPending}>
              {t(`${v}.save`)}
            </Button>
          </div>
        </fieldset>
      ) : names.length ? (
        <ul>
          {names.map((h) => (
            <li key={h.id}>{h.name}</li>
          ))}
        </ul>
      ) : (
        <p>{t(`${v}.none`)}</p>
      )}
    </section>
  );
}
