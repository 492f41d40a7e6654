/**
 * The volunteer's own hours (/me/hours, care.own): totals and records, ask for a correction, the
 * corrections asked and their outcome, the proofs issued (view and print). Plain language.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { CorrectionForm } from './CorrectionForm';
import { useHT } from './i18n';
import type { Correction, Proof, VolunteerHours } from './model';
import { ProofsTable } from './ProofsTable';
import { RecordsTable, Totals, useCorrectionText } from './parts';

export default function MyHoursPage() {
  const { t } = useHT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const describe = useCorrectionText();
  const [asked, setAsked] = useState(false);
  const hours = useQuery({
    queryKey: ['care', 'me', 'hours'],
    queryFn: ({ signal }) => api.get<VolunteerHours>('/care/me/hours', { signal }),
    retry: false,
  });
  const noProfile = hours.data?.volunteer === null;
  const corrections = useQuery({
    queryKey: ['care', 'me', 'corrections'],
    queryFn: ({ signal }) => api.get<Correction[]>('/care/me/hours/corrections', { signal }),
    enabled: Boolean(hours.data?.volunteer),
  });
  const proofs = useQuery({
    queryKey: ['care', 'me', 'proofs'],
    queryFn: ({ signal }) => api.get<Proof[]>('/care/me/hours/proofs', { signal }),
    enabled: Boolean(hours.data?.volunteer),
  });

  const columns: Column<Correction>[] = [
    { key: 'what', title: t('corrections.what'), rowHeader: true, render: describe },
    { key: 'reason', title: t('corrections.reason'), field: 'reason' },
    {
      key: 'outcome',
      title: t('mine.outcome'),
      render: (c) => (
        <>
          <strong>{t(`correctionState.${c.state}`)}</strong>
          {c.decisionNote && <div>{t('corrections.decidedNote', { note: c.decisionNote })}</div>}
        </>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('mine.title')} />
      <p>{t('mine.intro')}</p>
      {noProfile ? (
        <p className="notice notice-warning">{t('mine.noProfile')}</p>
      ) : hours.error ? (
        <ErrorSummary items={[{ message: isApiError(hours.error) ? hours.error.detail : t('loadFailed') }]} />
      ) : null}
      {hours.data?.volunteer && (
        <>
          <Totals totals={hours.data.totals} />
          <h2>{t('records.caption')}</h2>
          <RecordsTable records={hours.data.records} />

          <section aria-labelledby="ask-correction">
            <h2 id="ask-correction">{t('mine.askTitle')}</h2>
            <p>{t('mine.askIntro')}</p>
            {asked && <p className="notice notice-success">{t('mine.asked')}</p>}
            <CorrectionForm
              records={hours.data.records}
              onDone={() => {
                setAsked(true);
                announce(t('mine.asked'));
                void qc.invalidateQueries({ queryKey: ['care', 'me', 'corrections'] });
              }}
            />
          </section>

          <h2 id="my-corrections">{t('mine.correctionsTitle')}</h2>
          <TableScroll label={t('mine.correctionsTitle')}>
            <DataTable
              columns={columns}
              rows={corrections.data ?? []}
              rowKey={(c) => c.id}
              loading={corrections.isPending}
              emptyText={t('mine.correctionsEmpty')}
            />
          </TableScroll>

          <h2>{t('mine.proofsTitle')}</h2>
          <ProofsTable proofs={proofs.data ?? []} loading={proofs.isPending} printBase="/me/hours/proofs" />
        </>
      )}
    </>
  );
}
