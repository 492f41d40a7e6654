/**
 * Device administration (/tracking/devices, tracking.manage): the list, register, edit, bind to a
 * trainee with the recorded consent, unbind with confirmation; a link to each device's track.
 */
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
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
import { useMe } from '../../session';
import type { Page } from '../../types';
import { BindForm } from './BindForm';
import { DeviceForm } from './DeviceForm';
import { useTT } from './i18n';
import type { Device } from './model';
import { useCentres } from './parts';

type DialogState =
  | { kind: 'create' }
  | { kind: 'edit'; device: Device }
  | { kind: 'bind'; device: Device }
  | { kind: 'unbind'; device: Device }
  | null;

export const DEVICES_KEY = ['tracking', 'devices'] as const;

export default function DevicesPage() {
  const { t, i18n } = useTT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const canSearch = Boolean(me?.permissions.includes('persons.read'));
  const centres = useCentres();
  const [dialog, setDialogState] = useState<DialogState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [unbinding, setUnbinding] = useState(false);
  const trigger = useRef<HTMLElement | null>(null);
  const setDialog = (next: DialogState) => {
    if (next && !dialog)
      trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialogState(next);
  };

  const list = useQuery({
    queryKey: DEVICES_KEY,
    queryFn: ({ signal }) => api.get<Page<Device>>('/tracking/devices', { query: { limit: 200 }, signal }),
  });
  const devices = list.data?.items ?? [];
  const centreName = (id: string | null) =>
    (id && centres.data?.find((c) => c.id === id)?.name) || t('unknownCentre');

  const done = (msg: string) => {
    setDialog(null);
    setNotice(msg);
    announce(msg);
    void qc.invalidateQueries({ queryKey: DEVICES_KEY });
  };

  const unbind = async (d: Device) => {
    setProblem(null);
    setUnbinding(true);
    try {
      await api.post(`/tracking/devices/${d.id}/unbind`, {});
      done(t('devices.unbound', { id: d.uniqueId }));
    } catch (e) {
      setDialog(null);
      setProblem(isApiError(e) ? e.detail : tc('errors.network'));
    } finally {
      setUnbinding(false);
    }
  };

  const columns: Column<Device>[] = [
    {
      key: 'uniqueId',
      title: t('devices.uniqueId'),
      rowHeader: true,
      className: 'nowrap',
      render: (d) => <code>{d.uniqueId}</code>,
    },
    { key: 'protocol', title: t('devices.protocol'), render: (d) => t(`protocolShort.${d.protocol}`) },
    { key: 'model', title: t('devices.model'), render: (d) => d.model || tc('common.none') },
    { key: 'centre', title: t('devices.centre'), render: (d) => centreName(d.centreId) },
    {
      key: 'trainee',
      title: t('devices.trainee'),
      render: (d) =>
        d.personId ? (
          <>
            {d.personName ?? t('devices.boundPerson')}
            <div className={d.consent ? 'muted' : 'tag tag-danger'}>
              {d.consent ? t('devices.consentOk') : t('devices.consentMissing')}
            </div>
            {canSearch && (
              <Link to={`/persons/${d.personId}`} aria-label={`${t('devices.viewPerson')} ${d.uniqueId}`}>
                {t('devices.viewPerson')}
              </Link>
            )}
          </>
        ) : (
          t('unbound')
        ),
    },
    {
      key: 'status',
      title: t('devices.status'),
      className: 'nowrap',
      render: (d) => t(`deviceStatus.${d.status}`),
    },
    {
      key: 'battery',
      title: t('devices.battery'),
      className: 'nowrap',
      render: (d) =>
        d.batteryPercent === null
          ? tc('common.none')
          : t('devices.batteryValue', { percent: d.batteryPercent }),
    },
    {
      key: 'lastFix',
      title: t('devices.lastFix'),
      render: (d) => (d.lastFixTime ? formatTime(d.lastFixTime, i18n.language) : t('never')),
    },
    {
      key: 'actions',
      title: tc('common.actions'),
      render: (d) => (
        <div className="row-actions">
          <Button
            onClick={() => setDialog({ kind: 'edit', device: d })}
            aria-label={t('devices.editLabel', { id: d.uniqueId })}
          >
            {t('devices.edit')}
          </Button>
          <Button
            onClick={() => setDialog({ kind: 'bind', device: d })}
            aria-label={t('devices.bindLabel', { id: d.uniqueId })}
          >
            {d.personId ? t('devices.rebind') : t('devices.bind')}
          </Button>
          {d.personId && (
            <Button
              danger
              onClick={() => setDialog({ kind: 'unbind', device: d })}
              aria-label={t('devices.unbindLabel', { id: d.uniqueId })}
            >
              {t('devices.unbind')}
            </Button>
          )}
          <Link
            to={`/tracking/devices/${d.id}/track`}
            aria-label={t('devices.trackLabel', { id: d.uniqueId })}
          >
            {t('devices.track')}
          </Link>
        </div>
      ),
    },
  ];

  const closeDialog = () => setDialog(null);
  const afterClose = {
    returnFocus: trigger,
  };

  return (
    <>
      <PageTitle title={t('devices.title')} />
      <p>{t('devices.intro')}</p>
      {problem && <ErrorSummary items={[{ message: problem }]} />}
      {notice && (
        <p className="notice notice-success" data-testid="devices-notice">
          {notice}
        </p>
      )}
      <div className="toolbar">
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
          {t('devices.register')}
        </Button>
      </div>
      {list.error ? (
        <ErrorSummary
          items={[{ message: isApiError(list.error) ? list.error.detail : tc('errors.network') }]}
        />
      ) : (
        <TableScroll label={t('devices.tableLabel')}>
          <DataTable<Device>
            rowKey={(d) => d.id}
            columns={columns}
            rows={devices}
            loading={list.isPending}
            emptyText={tc('common.empty')}
          />
        </TableScroll>
      )}
      <p className="list-status">{tc('common.results', { count: devices.length })}</p>

      <Dialog
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        title={
          dialog?.kind === 'edit'
            ? t('devices.form.editTitle', { id: dialog.device.uniqueId })
            : t('devices.form.createTitle')
        }
        onClose={closeDialog}
        {...afterClose}
        initialFocus={dialog?.kind === 'edit' ? 'editDevice_model' : 'createDevice_uniqueId'}
      >
        {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
          <DeviceForm
            device={dialog.kind === 'edit' ? dialog.device : null}
            centres={centres.data ?? []}
            onCancel={closeDialog}
            onDone={(d, created) =>
              done(
                created
                  ? t('devices.registered', { id: d.uniqueId })
                  : t('devices.updated', { id: d.uniqueId }),
              )
            }
          />
        )}
      </Dialog>

      <Dialog
        open={dialog?.kind === 'bind'}
        title={dialog?.kind === 'bind' ? t('devices.bindForm.title', { id: dialog.device.uniqueId }) : ''}
        onClose={closeDialog}
        {...afterClose}
        initialFocus="bindDevice_q"
        width={640}
      >
        {dialog?.kind === 'bind' && (
          <BindForm
            device={dialog.device}
            canSearch={canSearch}
            onCancel={closeDialog}
            onDone={(d) => done(t('devices.bound', { id: d.uniqueId }))}
          />
        )}
      </Dialog>

      <Dialog
        open={dialog?.kind === 'unbind'}
        title={
          dialog?.kind === 'unbind' ? t('devices.unbindConfirm.title', { id: dialog.device.uniqueId }) : ''
        }
        onClose={closeDialog}
        {...afterClose}
      >
        {dialog?.kind === 'unbind' && (
          <>
            <p>{t('devices.unbindConfirm.body')}</p>
            <div className="toolbar">
              <Button danger type="primary" loading={unbinding} onClick={() => void unbind(dialog.device)}>
                {t('devices.unbindConfirm.confirm')}
              </Button>
              <Button onClick={closeDialog}>{tc('common.cancel')}</Button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}
