/**
 * 安全区: a centre's zones (list, create, edit, delete). A circle's centre and a polygon's vertices
 * can be clicked on the map or typed (WGS-84) into the form's coordinate fields, so the whole
 * editor works from the keyboard; the schedule (the centre's hours, weekdays + time ranges, or
 * always), who it applies to and the exit confirmation. Edits carry If-Match (412 when stale).
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Button } from 'antd';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { coord, type LatLng } from './geo';
import { useMT } from './i18n';
import { useCentres, type Live, type Zone } from './model';
import { TrackingMap } from './TrackingMap';
import type { MapZone } from './types';
import { bodyOf, draftOf, emptyDraft, type DraftProblem, type ZoneDraft } from './zoneForm';
import {
  CircleFields,
  ExitFields,
  PolygonFields,
  ScheduleFields,
  TargetFields,
  type FieldParts,
} from './ZoneFieldsets';

interface DeviceRow {
  id: string;
  uniqueId: string;
  personId: string | null;
  /** The trainee's name, masked (张*明), on newer servers. */
  personName?: string | null;
}

export default function ZonesPage() {
  const { t } = useMT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const centres = useCentres();
  const centreId = params.get('centre') ?? centres.data?.[0]?.id ?? null;
  const centre = centres.data?.find((c) => c.id === centreId);
  const zonesKey = ['tracking', 'zones', centreId];
  const zones = useQuery({
    queryKey: zonesKey,
    queryFn: ({ signal }) => api.get<Zone[]>('/tracking/zones', { query: { centreId }, signal }),
    enabled: !!centreId,
  });
  const devices = useQuery({
    queryKey: ['tracking', 'zone-devices', centreId],
    queryFn: ({ signal }) =>
      api.get<{ items: DeviceRow[] }>('/tracking/devices', { query: { centreId, limit: 200 }, signal }),
    enabled: !!centreId,
  });
  // Names only for the centre's own staff (others see the watch number).
  const names = useQuery({
    queryKey: ['tracking', 'live', centreId],
    queryFn: ({ signal }) => api.get<Live[]>(`/tracking/centres/${centreId}/live`, { signal, quiet: true }),
    enabled: !!centreId,
    retry: false,
  });
  const trainees = useMemo(() => {
    const byPerson = new Map((names.data ?? []).map((l) => [l.personId, l.name]));
    return (devices.data?.items ?? [])
      .filter((d) => d.personId)
      .map((d) => ({
        personId: d.personId!,
        label:
          byPerson.get(d.personId) ??
          (d.personName
            ? t('zones.wearerNamed', { name: d.personName, id: d.uniqueId })
            : t('zones.wearerOf', { id: d.uniqueId })),
      }));
  }, [devices.data, names.data, t]);
  const traineeLabel = (personId: string | null) =>
    personId
      ? (trainees.find((x) => x.personId === personId)?.label ?? t('zones.oneTrainee'))
      : t('zones.allTrainees');

  const [draft, setDraft] = useState<ZoneDraft | null>(null);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editorHeading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [focusEditor, setFocusEditor] = useState(0);
  useEffect(() => {
    if (focusEditor) editorHeading.current?.focus();
  }, [focusEditor]);

  const open = (d: ZoneDraft, el: HTMLElement | null) => {
    opener.current = el;
    setDraft(d);
    setProblems([]);
    setServerError(null);
    setNotice(null);
    setFocusEditor((n) => n + 1);
  };
  const close = () => {
    setDraft(null);
    setProblems([]);
    setServerError(null);
    const el = opener.current;
    if (el && el.isConnected) setTimeout(() => el.focus(), 0);
    else setTimeout(() => document.getElementById('zone-create')?.focus(), 0);
  };
  const set = (patch: Partial<ZoneDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const errorOf = (field: string) => problems.find((p) => p.field === field);
  const msg = (p: DraftProblem) => t(p.key as 'zones.err.name', p.params ?? {});

  const onMapClick = (p: LatLng) => {
    if (!draft) return;
    if (draft.kind === 'circle') set({ lat: coord(p.latitude), lng: coord(p.longitude) });
    else set({ points: [...draft.points, { lat: coord(p.latitude), lng: coord(p.longitude) }] });
    announce(t('zones.mapClicked', { lat: coord(p.latitude), lng: coord(p.longitude) }));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !centreId) return;
    const out = bodyOf(draft, centreId);
    setProblems(out.problems);
    setServerError(null);
    if (!out.body) return;
    setBusy(true);
    try {
      const saved = draft.id
        ? await api.put<Zone>(`/tracking/zones/${draft.id}`, out.body, {
            headers: { 'If-Match': `"${draft.version}"` },
          })
        : await api.post<Zone>('/tracking/zones', out.body);
      await qc.invalidateQueries({ queryKey: zonesKey });
      await qc.invalidateQueries({ queryKey: ['tracking', 'centre-zones', centreId] });
      const text = t('zones.saved', { name: saved.name });
      setNotice(text);
      announce(text);
      close();
    } catch (err) {
      setServerError(
        isApiError(err) ? (err.code === 'version_mismatch' ? t('zones.stale') : err.detail) : t('network'),
      );
    } finally {
      setBusy(false);
    }
  };

  const [deleting, setDeleting] = useState<Zone | null>(null);
  const deleteOpener = useRef<HTMLElement | null>(null);
  const remove = async (z: Zone) => {
    setDeleting(null);
    try {
      await api.del(`/tracking/zones/${z.id}`);
      await qc.invalidateQueries({ queryKey: zonesKey });
      await qc.invalidateQueries({ queryKey: ['tracking', 'centre-zones', centreId] });
      const text = t('zones.deleted', { name: z.name });
      setNotice(text);
      announce(text);
      setTimeout(() => document.getElementById('zone-create')?.focus(), 0);
    } catch (err) {
      setServerError(isApiError(err) ? err.detail : t('network'));
    }
  };

  const active = (zones.data ?? []).filter((z) => z.active);
  const mapZones = useMemo<MapZone[]>(() => {
    const out: MapZone[] = (zones.data ?? [])
      .filter((z) => z.active && z.id !== draft?.id)
      .map((z) => ({ ...z, label: z.name }));
    if (draft) {
      const pts = draft.points
        .map((p) => ({ latitude: Number(p.lat), longitude: Number(p.lng) }))
        .filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
      const c = { latitude: Number(draft.lat), longitude: Number(draft.lng) };
      out.push(
        draft.kind === 'circle'
          ? {
              id: 'draft',
              kind: 'circle',
              center: draft.lat && draft.lng && Number.isFinite(c.latitude + c.longitude) ? c : null,
              radiusM: Number(draft.radius) || null,
              draft: true,
            }
          : { id: 'draft', kind: 'polygon', points: pts, draft: true, vertices: true },
      );
    }
    return out;
  }, [zones.data, draft]);

  const scheduleText = (z: Zone) => {
    const s = z.schedule;
    if (s.useCentreHours) return t('zones.schedule.centre');
    if (s.weekdays.length === 0 && s.ranges.length === 0) return t('zones.schedule.always');
    const days = s.weekdays.map((d) => t(`zones.weekday.d${d as 1}`)).join('、');
    const ranges = s.ranges.map((r) => `${r.from}–${r.to}`).join('，');
    return `${days} ${ranges}`;
  };

  const columns: Column<Zone>[] = [
    { key: 'name', title: t('zones.col.name'), rowHeader: true, field: 'name' },
    {
      key: 'shape',
      title: t('zones.col.shape'),
      render: (z) =>
        z.kind === 'circle'
          ? t('zones.circleText', {
              lat: coord(z.center?.latitude),
              lng: coord(z.center?.longitude),
              r: z.radiusM,
            })
          : t('zones.polygonText', { count: z.points?.length ?? 0 }),
    },
    { key: 'schedule', title: t('zones.col.schedule'), render: scheduleText },
    { key: 'who', title: t('zones.col.who'), render: (z) => traineeLabel(z.personId) },
    {
      key: 'exit',
      title: t('zones.col.exit'),
      render: (z) =>
        z.exitConfirmFixes === null && z.exitConfirmSeconds === null
          ? t('zones.exitDefault')
          : t('zones.exitText', { fixes: z.exitConfirmFixes ?? '—', seconds: z.exitConfirmSeconds ?? '—' }),
    },
    {
      key: 'actions',
      title: t('zones.col.actions'),
      render: (z) => (
        <span className="row-actions">
          <Button
            size="small"
            onClick={(e) => open(draftOf(z), e.currentTarget)}
            aria-label={t('zones.editOf', { name: z.name })}
          >
            {t('zones.edit')}
          </Button>
          <Button
            size="small"
            danger
            onClick={(e) => {
              deleteOpener.current = e.currentTarget;
              setDeleting(z);
            }}
            aria-label={t('zones.deleteOf', { name: z.name })}
          >
            {t('zones.delete')}
          </Button>
        </span>
      ),
    },
  ];

  const summary: SummaryItem[] = problems.map((p) => ({ id: p.field, message: msg(p) }));
  const fieldProps = (field: string) => {
    const p = errorOf(field);
    return p
      ? { id: field, 'aria-invalid': true as const, 'aria-describedby': `${field}-error` }
      : { id: field };
  };
  const fieldError = (field: string) => {
    const p = errorOf(field);
    return p ? (
      <span id={`${field}-error`} className="tm-error">
        {msg(p)}
      </span>
    ) : null;
  };

  const parts: FieldParts | null = draft && { draft, set, fieldProps, fieldError, errorOf };

  return (
    <>
      <PageTitle title={t('zones.title')} />
      <p>{t('zones.intro')}</p>
      {notice && <p className="notice notice-success">{notice}</p>}
      {centres.data && centres.data.length > 0 && (
        <p className="tm-field">
          <label htmlFor="zones-centre">{t('live.centre')}</label>
          <select
            id="zones-centre"
            value={centreId ?? ''}
            disabled={!!draft}
            onChange={(e) => setParams({ centre: e.target.value }, { replace: true })}
          >
            {centres.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </p>
      )}
      {centres.data && centres.data.length === 0 && <p>{t('live.noCentres')}</p>}
      {centre && (
        <>
          <TrackingMap
            label={t('zones.mapLabel', { centre: centre.name })}
            describedBy="zones-table-title"
            zones={mapZones}
            fitKey={`${centre.id}-${draft?.id ?? 'new'}-${!!draft}`}
            onMapClick={draft ? onMapClick : undefined}
            legend={false}
          />
          {draft && (
            <p className="muted">
              {draft.kind === 'circle' ? t('zones.mapHelpCircle') : t('zones.mapHelpPolygon')}
            </p>
          )}
          {draft && (
            <section className="tm-editor" aria-labelledby="zone-editor-title">
              <h2 id="zone-editor-title" ref={editorHeading} tabIndex={-1}>
                {draft.id ? t('zones.editTitle', { name: draft.name }) : t('zones.createTitle')}
              </h2>
              <ErrorSummary items={summary} />
              {serverError && <ErrorSummary items={[{ message: serverError }]} />}
              <form onSubmit={(e) => void save(e)} noValidate>
                <p className="tm-field">
                  <label htmlFor="zone-name">{t('zones.name')}</label>
                  <input
                    {...fieldProps('zone-name')}
                    type="text"
                    value={draft.name}
                    maxLength={100}
                    autoComplete="off"
                    onChange={(e) => set({ name: e.target.value })}
                  />
                  {fieldError('zone-name')}
                </p>
                <fieldset className="fieldset">
                  <legend>{t('zones.kind')}</legend>
                  {(['circle', 'polygon'] as const).map((k) => (
                    <label key={k} className="tm-choice">
                      <input
                        type="radio"
                        name="zone-kind"
                        id={`zone-kind-${k}`}
                        checked={draft.kind === k}
                        onChange={() => set({ kind: k })}
                      />{' '}
                      {t(`zones.kindName.${k}`)}
                    </label>
                  ))}
                </fieldset>
                {draft.kind === 'circle' ? <CircleFields {...parts!} /> : <PolygonFields {...parts!} />}
                <ScheduleFields {...parts!} />
                <TargetFields {...parts!} trainees={trainees} />
                <ExitFields {...parts!} />
                <p className="tm-actions">
                  <Button type="primary" htmlType="submit" loading={busy}>
                    {t('zones.save')}
                  </Button>{' '}
                  <Button onClick={close}>{t('zones.cancel')}</Button>
                </p>
              </form>
            </section>
          )}
          <h2 id="zones-table-title">{t('zones.tableTitle', { centre: centre.name })}</h2>
          {!draft && (
            <p>
              <Button id="zone-create" type="primary" onClick={(e) => open(emptyDraft(), e.currentTarget)}>
                {t('zones.create')}
              </Button>
            </p>
          )}
          <TableScroll label={t('zones.tableTitle', { centre: centre.name })}>
            <DataTable
              columns={columns}
              rows={active}
              rowKey={(z) => z.id}
              loading={zones.isPending}
              emptyText={t('zones.none')}
            />
          </TableScroll>
        </>
      )}
      <Dialog
        open={deleting !== null}
        title={deleting ? t('zones.deleteTitle', { name: deleting.name }) : ''}
        onClose={() => setDeleting(null)}
        returnFocus={deleteOpener}
        initialFocus="zone-delete-no"
      >
        <p>{t('zones.deleteText')}</p>
        <p className="tm-actions">
          <Button id="zone-delete-no" onClick={() => setDeleting(null)}>
            {t('zones.cancel')}
          </Button>{' '}
          <Button type="primary" danger onClick={() => deleting && void remove(deleting)}>
            {t('zones.delete')}
          </Button>
        </p>
      </Dialog>
    </>
  );
}
