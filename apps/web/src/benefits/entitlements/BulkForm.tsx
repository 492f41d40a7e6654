/** The confirmation of a bulk action on a cycle's entitlements, with its note (required to reject or cancel). */
import { useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useBT } from '../i18n';
import type { CycleOut } from '../model';
import type { BulkAction } from './actions';

export function BulkForm({
  cycle,
  action,
  ids,
  street,
  streetLabel,
  onCancel,
  onDone,
}: {
  cycle: CycleOut;
  action: BulkAction;
  ids: string[];
  street: string;
  streetLabel: string;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useBT();
  const { t: tr } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ id?: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const noteRequired = action === 'reject' || action === 'cancel';

  const submit = async () => {
    if (noteRequired && note.trim().length < 2) {
      setError([{ id: 'bulk-note', message: t('ent.noteRequired') }]);
      return;
    }
    setBusy(true);
    setError([]);
    try {
      const body = {
        action,
        ...(ids.length > 0 ? { ids } : street ? { streetCode: street } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const r = await api.post<{ changed: number; skipped: number }>(
        `/benefits/cycles/${cycle.id}/entitlements/bulk`,
        body,
      );
      await onDone(
        r.skipped > 0
          ? t('ent.doneSkipped', { count: r.changed, skipped: r.skipped, action: t(`ent.action.${action}`) })
          : t('ent.done', { count: r.changed, action: t(`ent.action.${action}`) }),
      );
    } catch (e) {
      if (isApiError(e) && e.code === 'four_eyes')
        setError([{ message: `${e.detail} ${t('ent.fourEyesHelp')}` }]);
      else
        setError([
          { message: isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network') },
        ]);
      setBusy(false);
    }
  };

  const scope =
    ids.length > 0
      ? t('ent.scopeSelected', { count: ids.length })
      : street
        ? t('ent.scopeStreet', { street: streetLabel })
        : t('ent.scopeAll');

  return (
    <>
      <ErrorSummary items={error} />
      <p>{t(`ent.confirmBody.${action}`, { scope })}</p>
      {action === 'approve' && <p className="help-text">{t('ent.fourEyesNote')}</p>}
      <div className="field">
        <label htmlFor="bulk-note" className="field-label">
          {noteRequired ? t('ent.noteLabelRequired') : t('ent.noteLabel')}
        </label>
        <textarea
          id="bulk-note"
          className="native-input"
          maxLength={500}
          value={note}
          aria-invalid={error.some((x) => x.id === 'bulk-note') || undefined}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="toolbar">
        <Button
          type="primary"
          danger={action === 'reject' || action === 'cancel'}
          onClick={() => void submit()}
          loading={busy}
        >
          {t(`ent.confirmButton.${action}`)}
        </Button>
        <Button onClick={onCancel}>{tr('common.cancel')}</Button>
      </div>
    </>
  );
}
