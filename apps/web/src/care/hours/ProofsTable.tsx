/** A list of proofs: number, volunteer, period, total, issue date, state; print link, revoke (staff). */
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { TableScroll } from '../../components/TableScroll';
import { ReasonForm } from './forms';
import { useHT } from './i18n';
import type { Proof } from './model';
import { useDuration } from './parts';

export function ProofsTable({
  proofs,
  loading,
  printBase,
  showVolunteer = false,
  canRevoke = false,
  onChanged,
}: {
  proofs: readonly Proof[];
  loading?: boolean;
  /** '/care/proofs' (staff) or '/me/hours/proofs' (the volunteer). */
  printBase: string;
  showVolunteer?: boolean;
  canRevoke?: boolean;
  onChanged?: () => void;
}) {
  const { t } = useHT();
  const { t: tc } = useTranslation();
  const duration = useDuration();
  const announce = useAnnounce();
  const [revoking, setRevoking] = useState<Proof | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const mine = printBase.startsWith('/me');
  const columns: Column<Proof>[] = [
    {
      key: 'no',
      title: t('proof.certificateNo'),
      rowHeader: true,
      className: 'nowrap',
      field: 'certificateNo',
    },
    ...(showVolunteer ? [{ key: 'vol', title: t('proof.volunteer'), field: 'volunteerName' as const }] : []),
    {
      key: 'period',
      title: t('proof.period'),
      render: (p) => t('proof.periodValue', { from: p.periodFrom, to: p.periodTo }),
    },
    { key: 'total', title: t('proof.total'), className: 'nowrap', render: (p) => duration(p.totalMinutes) },
    { key: 'issued', title: t('proof.issuedOn'), className: 'nowrap', field: 'issuedOn' },
    {
      key: 'state',
      title: t('proof.status'),
      render: (p) =>
        p.revokedAt ? <span className="tag">{t('proof.revokedState')}</span> : t('proof.valid'),
    },
    {
      key: 'actions',
      title: tc('common.actions'),
      render: (p) => (
        <div className="row-actions">
          <Link
            to={`${printBase}/${p.id}/print`}
            aria-label={
              mine ? t('mine.viewFor', { no: p.certificateNo }) : t('proof.printFor', { no: p.certificateNo })
            }
          >
            {mine ? t('mine.view') : t('proof.print')}
          </Link>
          {canRevoke && !p.revokedAt && (
            <Button
              size="small"
              danger
              aria-label={t('proof.revokeFor', { no: p.certificateNo })}
              onClick={(e) => {
                trigger.current = e.currentTarget;
                setRevoking(p);
              }}
            >
              {t('proof.revoke')}
            </Button>
          )}
        </div>
      ),
    },
  ];
  return (
    <>
      <TableScroll label={showVolunteer ? t('proofs.title') : t('volunteer.proofsTitle')}>
        <DataTable
          columns={columns}
          rows={proofs}
          rowKey={(p) => p.id}
          loading={loading}
          emptyText={t('proof.empty')}
        />
      </TableScroll>
      <Dialog
        open={revoking !== null}
        title={t('proof.revokeTitle')}
        onClose={() => setRevoking(null)}
        returnFocus={trigger}
        initialFocus="revokeProof_reason"
      >
        {revoking && (
          <ReasonForm
            formName="revokeProof"
            intro={t('proof.revokeIntro')}
            label={t('proof.revokeReason')}
            submitLabel={t('proof.revokeConfirm')}
            danger
            onCancel={() => setRevoking(null)}
            onSubmit={async (reason) => {
              await api.post(`/care/proofs/${revoking.id}/revoke`, { reason });
              const msg = t('proof.revoked', { no: revoking.certificateNo });
              setRevoking(null);
              announce(msg);
              onChanged?.();
            }}
          />
        )}
      </Dialog>
    </>
  );
}
