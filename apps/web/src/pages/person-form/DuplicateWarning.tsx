/**
 * Someone with this name and birth date is already registered: who they are, and a choice to
 * register this person anyway or go back. Takes focus when it appears.
 */
import { useEffect, useRef } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { communityName, streetName } from '../../labels';
import type { StreetOut } from '../../types';
import type { DuplicateCandidate } from './usePersonSave';

export function DuplicateWarning({
  candidates,
  areas,
  busy,
  onConfirm,
  onBack,
}: {
  candidates: DuplicateCandidate[];
  areas: readonly StreetOut[] | undefined;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Takes focus when it appears, like the error summary.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      className="error-summary duplicate-warning"
      role="alert"
      tabIndex={-1}
      aria-labelledby="dup-title"
    >
      <h2 id="dup-title" className="error-summary-title">
        {t('personForm.dupTitle')}
      </h2>
      <p>{t('personForm.dupBody')}</p>
      {candidates.length > 0 && (
        <>
          <p>{t('personForm.dupCandidates')}</p>
          <ul>
            {candidates.map((c) => (
              <li key={c.id}>
                {t('personForm.dupCandidate', {
                  name: c.name,
                  id: c.idNumber,
                  birthDate: c.birthDate,
                  area: [streetName(i18n.language, c.streetCode, areas), communityName(c.communityId, areas)]
                    .filter(Boolean)
                    .join(' / '),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="toolbar">
        <Button type="primary" onClick={onConfirm} loading={busy}>
          {t('personForm.dupConfirm')}
        </Button>
        <Button onClick={onBack}>{t('personForm.dupBack')}</Button>
      </div>
    </div>
  );
}
