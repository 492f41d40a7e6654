import { useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import type { Guardian } from '../../types';

/** The confirmation before a guardian is removed from the person (in a dialog). */
export function RemoveGuardian({
  personId,
  guardian,
  onCancel,
  onDone,
}: {
  personId: string;
  guardian: Guardian;
  onCancel: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.del(`/persons/${personId}/guardians/${guardian.id}`);
      onDone(guardian.name);
    } catch (e) {
      setError(isApiError(e) ? e.detail : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={error ? [{ message: error }] : []} />
      <p>{t('personDetail.removeConfirm', { name: guardian.name })}</p>
      <div className="toolbar">
        <Button danger type="primary" onClick={() => void remove()} loading={busy}>
          {t('personDetail.remove')}
        </Button>
        <Button id="remove-guardian-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </>
  );
}
