/**
 * A volunteer's service hours (/care/volunteers/:id/hours, care.hours): totals (all time, this
 * year, a chosen period), the records, add a record by hand, void one with a reason, issue a proof
 * of service and the proofs issued.
 */
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Checkbox, Form, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import type { Page } from '../../types';
import { IssueProofForm, ManualRecordForm, ReasonForm } from './forms';
import { useHT } from './i18n';
import type { Proof, ServiceRecord, VolunteerHours } from './model';
import { StaffProofs } from './StaffProofs';
import { RecordsTable, Totals } from './parts';

type DialogState = { kind: 'add' } | { kind: 'void'; record: ServiceRecord } | { kind: 'issue' } | null;

export default function VolunteerHoursPage() {
  const { id = '' } = useParams();
  const { t } = useHT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [range, setRange] = useState<{ from?: string; to?: string; includeVoid: boolean }>({
    includeVoid: false,
  });
  const [dialog, setDialog] = useState<DialogState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const open = (d: DialogState, el: HTMLElement) => {
    trigger.current = el;
    setDialog(d);
  };

  const key = ['care', 'hours', id, range] as const;
  const hours = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<VolunteerHours>(`/care/volunteers/${id}/hours`, {
        query: { from: range.from, to: range.to, includeVoid: range.includeVoid ? 'true' : undefined },
        signal,
      }),
  });
  const proofs = useQuery({
    queryKey: ['care', 'proofs', id],
    queryFn: ({ signal }) =>
      api.get<Page<Proof>>('/care/proofs', { query: { volunteerId: id, limit: 200 }, signal }),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['care', 'hours', id] });
    void qc.invalidateQueries({ queryKey: ['care', 'proofs'] });
  };
  const done = (msg: string) => {
    setDialog(null);
    setNotice(msg);
    announce(msg);
    refresh();
  };

  const v = hours.data?.volunteer;
  return (
    <>
      <PageTitle title={v ? t('volunteer.title', { name: v.name }) : t('volunteer.titleLoading')} />
      {v && (
        <p>{v.volunteerNo ? t('volunteer.volunteerNo', { no: v.volunteerNo }) : t('volunteer.noNumber')}</p>
      )}
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {hours.error && (
        <ErrorSummary items={[{ message: isApiError(hours.error) ? hours.error.detail : t('loadFailed') }]} />
      )}
      <div className="toolbar">
        <Button type="primary" onClick={(e) => open({ kind: 'issue' }, e.currentTarget)}>
          {t('volunteer.issue')}
        </Button>
        <Button onClick={(e) => open({ kind: 'add' }, e.currentTarget)}>{t('volunteer.add')}</Button>
      </div>
      {hours.data && <Totals totals={hours.data.totals} />}

      <Form
        name="hoursRange"
        layout="inline"
        className="hours-range"
        initialValues={range}
        onFinish={(f: { from?: string; to?: string; includeVoid?: boolean }) =>
          setRange({ from: f.from || undefined, to: f.to || undefined, includeVoid: Boolean(f.includeVoid) })
        }
      >
        <fieldset className="fieldset">
          <legend>{t('range.legend')}</legend>
          <Form.Item name="from" label={t('range.from')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="to" label={t('range.to')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="includeVoid" valuePropName="checked">
            <Checkbox>{t('range.includeVoid')}</Checkbox>
          </Form.Item>
          <Button htmlType="submit">{t('range.apply')}</Button>
        </fieldset>
      </Form>

      <h2>{t('records.caption')}</h2>
      <RecordsTable
        records={hours.data?.records ?? []}
        loading={hours.isPending}
        actions={(r) =>
          r.state === 'recorded' ? (
            <Button
              size="small"
              aria-label={t('volunteer.voidFor', { date: r.serviceDate, activity: r.activity })}
              onClick={(e) => open({ kind: 'void', record: r }, e.currentTarget)}
            >
              {t('volunteer.void')}
            </Button>
          ) : null
        }
      />

      <h2>{t('volunteer.proofsTitle')}</h2>
      <StaffProofs proofs={proofs.data?.items ?? []} loading={proofs.isPending} onChanged={refresh} />

      <Dialog
        open={dialog?.kind === 'add'}
        title={t('volunteer.addTitle')}
        onClose={() => setDialog(null)}
        returnFocus={trigger}
        initialFocus="manualRecord_serviceDate"
      >
        {dialog?.kind === 'add' && (
          <ManualRecordForm
            volunteerId={id}
            onCancel={() => setDialog(null)}
            onDone={(r) => done(t('volunteer.added', { date: r.serviceDate }))}
          />
        )}
      </Dialog>
      <Dialog
        open={dialog?.kind === 'void'}
        title={t('volunteer.voidTitle')}
        onClose={() => setDialog(null)}
        returnFocus={trigger}
        initialFocus="voidRecord_reason"
      >
        {dialog?.kind === 'void' && (
          <ReasonForm
            formName="voidRecord"
            intro={t('volunteer.voidIntro')}
            label={t('volunteer.voidReason')}
            submitLabel={t('volunteer.voidConfirm')}
            danger
            onCancel={() => setDialog(null)}
            onSubmit={async (reason) => {
              await api.post(
                `/care/hours/records/${dialog.record.id}/void`,
                { reason },
                { headers: { 'If-Match': String(dialog.record.version) } },
              );
              done(t('volunteer.voided'));
            }}
          />
        )}
      </Dialog>
      <Dialog
        open={dialog?.kind === 'issue'}
        title={t('volunteer.issueTitle')}
        onClose={() => setDialog(null)}
        returnFocus={trigger}
        initialFocus="issueProof_periodFrom"
      >
        {dialog?.kind === 'issue' && (
          <IssueProofForm
            volunteerId={id}
            onCancel={() => setDialog(null)}
            onDone={(p) => {
              done(t('proof.issued', { no: p.certificateNo }));
              void navigate(`/care/proofs/${p.id}/print`);
            }}
          />
        )}
      </Dialog>
    </>
  );
}
