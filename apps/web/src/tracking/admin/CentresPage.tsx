/** Day centres (/tracking/centres, tracking.manage): the list; create and edit in a dialog. */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { streetName } from '../../labels';
import { useAreas } from '../../queries';
import { useMe } from '../../session';
import { CentreForm } from './CentreForm';
import { useTT } from './i18n';
import { summariseHours, type Centre } from './model';
import { CENTRES_KEY, useCentres } from './parts';

type DialogState = { centre: Centre | null } | null;

export default function CentresPage() {
  const { t, i18n } = useTT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read')));
  const centres = useCentres();
  const [dialog, setDialogState] = useState<DialogState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const setDialog = (next: DialogState) => {
    if (next && !dialog)
      trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialogState(next);
  };
  const through = i18n.language === 'en' ? '–' : '至';

  const columns: Column<Centre>[] = [
    { key: 'name', title: t('centres.name'), rowHeader: true, render: (c) => c.name },
    {
      key: 'street',
      title: t('centres.street'),
      render: (c) => streetName(i18n.language, c.streetCode, areas.data?.items),
    },
    { key: 'address', title: t('centres.address'), render: (c) => c.address || tc('common.none') },
    {
      key: 'hours',
      title: t('centres.hours'),
      render: (c) => {
        const lines = summariseHours(c.openingHours, (d) => t(`weekday.${d}`), through);
        return lines.length === 0 ? t('centres.hoursNone') : lines.map((l) => <div key={l}>{l}</div>);
      },
    },
    {
      key: 'staff',
      title: t('centres.staff'),
      render: (c) => t('centres.staffCount', { count: c.staffUserIds.length }),
    },
    {
      key: 'actions',
      title: tc('common.actions'),
      render: (c) => (
        <Button
          onClick={() => setDialog({ centre: c })}
          aria-label={t('centres.editLabel', { name: c.name })}
        >
          {t('centres.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('centres.title')} />
      <p>{t('centres.intro')}</p>
      {notice && <p className="notice notice-success">{notice}</p>}
      <div className="toolbar">
        <Button type="primary" onClick={() => setDialog({ centre: null })}>
          {t('centres.create')}
        </Button>
      </div>
      {centres.error ? (
        <ErrorSummary
          items={[{ message: isApiError(centres.error) ? centres.error.detail : tc('errors.network') }]}
        />
      ) : (
        <TableScroll label={t('centres.tableLabel')}>
          <DataTable<Centre>
            rowKey={(c) => c.id}
            columns={columns}
            rows={centres.data ?? []}
            loading={centres.isPending}
            emptyText={tc('common.empty')}
          />
        </TableScroll>
      )}
      <Dialog
        open={dialog !== null}
        title={
          dialog?.centre
            ? t('centres.form.editTitle', { name: dialog.centre.name })
            : t('centres.form.createTitle')
        }
        onClose={() => setDialog(null)}
        returnFocus={trigger}
        initialFocus={dialog?.centre ? 'editCentre_name' : 'createCentre_name'}
        width={760}
      >
        {dialog && (
          <CentreForm
            centre={dialog.centre}
            areas={areas.data?.items}
            onCancel={() => setDialog(null)}
            onDone={(c, created) => {
              setDialog(null);
              const msg = created
                ? t('centres.created', { name: c.name })
                : t('centres.updated', { name: c.name });
              setNotice(msg);
              announce(msg);
              void qc.invalidateQueries({ queryKey: CENTRES_KEY });
            }}
          />
        )}
      </Dialog>
    </>
  );
}
