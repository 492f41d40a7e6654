/** A list of proofs: number, volunteer, period, total, issue date, state; a print link, and (staff) more actions. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { TableScroll } from '../../components/TableScroll';
import { useHT } from './i18n';
import type { Proof } from './model';
import { useDuration } from './parts';

export function ProofsTable({
  proofs,
  loading,
  printBase,
  showVolunteer = false,
  actions,
}: {
  proofs: readonly Proof[];
  loading?: boolean;
  /** '/care/proofs' (staff) or '/me/hours/proofs' (the volunteer). */
  printBase: string;
  showVolunteer?: boolean;
  /** More actions per proof (staff: revoke). */
  actions?: (p: Proof) => ReactNode;
}) {
  const { t } = useHT();
  const { t: tc } = useTranslation();
  const duration = useDuration();
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
          {actions?.(p)}
        </div>
      ),
    },
  ];
  return (
    <TableScroll label={showVolunteer ? t('proofs.title') : t('volunteer.proofsTitle')}>
      <DataTable
        columns={columns}
        rows={proofs}
        rowKey={(p) => p.id}
        loading={loading}
        emptyText={t('proof.empty')}
      />
    </TableScroll>
  );
}
