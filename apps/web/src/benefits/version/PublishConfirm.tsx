/** The confirmation before a draft rule version is published. */
import { useState } from 'react';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useBT } from '../i18n';
import { periodText, pick, type ProgramOut, type ProgramVersionOut } from '../model';

export function PublishConfirm({
  program,
  version,
  onCancel,
  onDone,
}: {
  program: ProgramOut;
  version: ProgramVersionOut;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/benefits/programs/${program.code}/versions/${version.id}/publish`, {});
      await qc.invalidateQueries({ queryKey: ['benefits'] });
      onDone(t('version.published', { n: version.versionNo }));
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'));
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={error ? [{ message: error }] : []} />
      <p>
        {t('version.publishConfirm', {
          name: pick(program.name, lang),
          n: version.versionNo,
          period: periodText(version.effectiveFrom.slice(0, 7), lang),
        })}
      </p>
      {program.example && <p className="notice notice-warning">{t('exampleNotice')}</p>}
      <div className="toolbar">
        <Button type="primary" onClick={() => void publish()} loading={busy}>
          {t('version.publishYes')}
        </Button>
        <Button id="publish-cancel" onClick={onCancel}>
          {tr('common.cancel')}
        </Button>
      </div>
    </>
  );
}
