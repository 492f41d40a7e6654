/**
 * The corrections queue (/care/hours/corrections, care.hours): volunteers' requests by state,
 * approve (applies the change) or reject with a note, each in a dialog; If-Match on the decision.
 */
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, Radio } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { formatTime } from '../../labels';
import type { Page } from '../../types';
import { ReasonForm } from './forms';
import { useHT } from './i18n';
import type { Correction } from './model';
import { useCorrectionText } from './parts';

type State = Correction['state'];
const STATES: State[] = ['pending', 'approved', 'rejected'];

export default function CorrectionsPage() {
  const { t, i18n } = useHT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const describe = useCorrectionText();
  const [state, setState] = useState<State>('pending');
  const [deciding, setDeciding] = useState<{ c: Correction; decision: 'approve' | 'reject' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const list = useQuery({
    queryKey: ['care', 'corrections', state],
    queryFn: ({ signal }) =>
      api.get<Page<Correction>>('/care/hours/corrections', { query: { state, limit: 200 }, signal }),
  });

  const columns: Column<Correction>[] = [
    {
      key: 'vol',
      title: t('corrections.volunteer'),
      rowHeader: true,
      render: (c) => <Link to={`/care/volunteers/${c.volunteerId}/hours`}>{c.volunteerName}</Link>,
    },
    { key: 'what', title: t('corrections.what'), render: describe },
    {
      key: 'reason',
      title: t('corrections.reason'),
      render: (c) => (
        <>
          {c.reason}
          {c.decisionNote && (
            <div className="muted">{t('corrections.decidedNote', { note: c.decisionNote })}</div>
          )}
        </>
      ),
    },
    { key: 'asked', title: t('corrections.askedOn'), render: (c) => formatTime(c.createdAt, i18n.language) },
    {
      key: 'actions',
      title: tc('common.actions'),
      render: (c) =>
        c.state === 'pending' ? (
          <div className="row-actions">
            {(['approve', 'reject'] as const).map((decision) => (
              <Button
                key={decision}
                size="small"
                type={decision === 'approve' ? 'primary' : 'default'}
                aria-label={t(`corrections.${decision}For`, { name: c.volunteerName })}
                onClick={(e) => {
                  trigger.current = e.currentTarget;
                  setDeciding({ c, decision });
                }}
              >
                {t(`corrections.${decision}`)}
              </Button>
            ))}
          </div>
        ) : (
          t(`correctionState.${c.state}`)
        ),
    },
  ];

  const decide = async (note: string) => {
    if (!deciding) return;
    const { c, decision } = deciding;
    await api.post(
      `/care/hours/corrections/${c.id}/decision`,
      { decision, note },
      { headers: { 'If-Match': String(c.version) } },
    );
    const msg = t(decision === 'approve' ? 'corrections.approved' : 'corrections.rejected', {
      name: c.volunteerName,
    });
    setDeciding(null);
    setNotice(msg);
    announce(msg);
    void qc.invalidateQueries({ queryKey: ['care', 'corrections'] });
    void qc.invalidateQueries({ queryKey: ['care', 'hours', c.volunteerId] });
  };

  return (
    <>
      <PageTitle title={t('corrections.title')} />
      <p>{t('corrections.intro')}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <fieldset className="fieldset">
        <legend id="corrections-state">{t('corrections.filter')}</legend>
        <Radio.Group
          role="radiogroup"
          aria-labelledby="corrections-state"
          value={state}
          onChange={(e) => setState(e.target.value as State)}
          options={STATES.map((s) => ({ value: s, label: t(`correctionState.${s}`) }))}
        />
      </fieldset>
      {list.error && (
        <ErrorSummary items={[{ message: isApiError(list.error) ? list.error.detail : t('loadFailed') }]} />
      )}
      <TableScroll label={t('corrections.title')}>
        <DataTable
          columns={columns}
          rows={list.data?.items ?? []}
          rowKey={(c) => c.id}
          loading={list.isPending}
          emptyText={t('corrections.empty')}
        />
      </TableScroll>
      <Dialog
        open={deciding !== null}
        title={deciding?.decision === 'reject' ? t('corrections.rejectTitle') : t('corrections.approveTitle')}
        onClose={() => setDeciding(null)}
        returnFocus={trigger}
        initialFocus="decideCorrection_note"
      >
        {deciding && (
          <>
            <p>
              <strong>{deciding.c.volunteerName}</strong>
              {t('colon')}
              {describe(deciding.c)}
            </p>
            <ReasonForm
              formName="decideCorrection"
              field="note"
              intro={
                deciding.decision === 'reject' ? t('corrections.rejectIntro') : t('corrections.approveIntro')
              }
              label={t('corrections.note')}
              optional={deciding.decision === 'approve'}
              requiredMessage={t('corrections.noteRequired')}
              submitLabel={t(`corrections.${deciding.decision}`)}
              danger={deciding.decision === 'reject'}
              onCancel={() => setDeciding(null)}
              onSubmit={decide}
            />
          </>
        )}
      </Dialog>
    </>
  );
}
