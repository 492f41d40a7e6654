/**
 * 活动轨迹: one watch's fixes over a chosen day and time range, the track on the map, a time slider
 * (native range input: arrow keys move one fix, Page Up/Down ten, Home/End the ends) that moves a
 * marker, and the list of fixes with invalid and jitter fixes marked as such. Every load is audited
 * by the server.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Button } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { classifyFixes, clockTime, coord, dayRange, shanghaiDay, type FixKind, type LatLng } from './geo';
import { useMT } from './i18n';
import { fetchPositions, type Centre, type Live } from './model';
import { batteryText } from './parts';
import { TrackingMap } from './TrackingMap';
import type { MapMarker } from './types';

const PAGE = 50;
/** A gap longer than this breaks the line (the watch was off or out of coverage). */
const GAP_MS = 15 * 60_000;

export default function TrackPage() {
  const { t } = useMT();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [today] = useState(() => shanghaiDay(Date.now()));
  const day = params.get('day') ?? today;
  const from = params.get('from') ?? '00:00';
  const to = params.get('to') ?? '24:00';
  const range = dayRange(day, from, to);
  const tableId = useId();
  const wearer = useWearerName(id);

  const positions = useQuery({
    queryKey: ['tracking', 'positions', id, range?.from, range?.to],
    queryFn: ({ signal }) => fetchPositions(id, range!.from, range!.to, signal),
    enabled: !!range && !!id,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const fixes = useMemo(() => positions.data ?? [], [positions.data]);
  const kinds = useMemo(() => classifyFixes(fixes), [fixes]);
  // The slider starts at the last fix of each new load.
  const [picked, setPicked] = useState<{ of: readonly unknown[]; i: number } | null>(null);
  const index = picked && picked.of === fixes ? picked.i : Math.max(0, fixes.length - 1);
  const setIndex = (i: number) => setPicked({ of: fixes, i });

  const track = useMemo(() => {
    const segs: LatLng[][] = [];
    let seg: LatLng[] = [];
    let last = 0;
    fixes.forEach((f, i) => {
      if (kinds[i] !== 'ok') return;
      const tm = Date.parse(f.fixTime);
      if (seg.length > 0 && tm - last > GAP_MS) {
        segs.push(seg);
        seg = [];
      }
      seg.push(f);
      last = tm;
    });
    if (seg.length > 0) segs.push(seg);
    return segs;
  }, [fixes, kinds]);
  const dots = useMemo(
    () => fixes.slice(0, 3000).map((f, i) => ({ position: f as LatLng, kind: kinds[i]! })),
    [fixes, kinds],
  );
  const current = fixes[index];
  const markers = useMemo<MapMarker[]>(
    () =>
      current
        ? [
            {
              id: 'current',
              position: current,
              label: clockTime(current.fixTime).slice(0, 5),
              symbol: '◆',
              kind: 'current',
              fit: false,
            },
          ]
        : [],
    [current],
  );
  const bad = kinds.filter((k) => k !== 'ok').length;
  const quality = (k: FixKind) => t(`track.quality.${k}`);
  const valueText = current
    ? t('track.sliderText', {
        time: clockTime(current.fixTime),
        n: index + 1,
        total: fixes.length,
        quality: quality(kinds[index]!),
      })
    : '';

  const page = Math.floor(index / PAGE);
  const pages = Math.max(1, Math.ceil(fixes.length / PAGE));
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const d = String(fd.get('day') ?? '');
    const f = String(fd.get('from') || '00:00');
    const tt = String(fd.get('to') || '24:00');
    const toValue = tt === '00:00' ? '24:00' : tt;
    if (!dayRange(d, f, toValue)) {
      setFormError(/^\d{4}-\d{2}-\d{2}$/.test(d) ? t('track.rangeError') : t('track.dayError'));
      return;
    }
    setFormError(null);
    setParams({ day: d, from: f, to: toValue });
  };

  return (
    <>
      <PageTitle title={wearer.data ? t('track.titleOf', { name: wearer.data }) : t('track.title')} />
      <p>{t('track.intro')}</p>
      <form className="tm-filter" onSubmit={submit} noValidate aria-labelledby="track-form-title">
        <h2 id="track-form-title" className="visually-hidden">
          {t('track.formTitle')}
        </h2>
        <p className="tm-field">
          <label htmlFor="track-day">{t('track.day')}</label>
          <input
            id="track-day"
            name="day"
            type="date"
            defaultValue={day}
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? 'track-error' : undefined}
          />
        </p>
        <p className="tm-field">
          <label htmlFor="track-from">{t('track.from')}</label>
          <input id="track-from" name="from" type="time" defaultValue={from} />
        </p>
        <p className="tm-field">
          <label htmlFor="track-to">{t('track.to')}</label>
          <input id="track-to" name="to" type="time" defaultValue={to === '24:00' ? '' : to} />
        </p>
        <Button type="primary" htmlType="submit">
          {t('track.show')}
        </Button>
        {formError && (
          <p id="track-error" className="tm-error" role="alert">
            {formError}
          </p>
        )}
      </form>
      <p className="muted">{t('track.audited')}</p>
      {positions.error && (
        <ErrorSummary
          items={[{ message: isApiError(positions.error) ? positions.error.detail : t('network') }]}
        />
      )}
      {positions.isPending && range && <p role="status">{t('track.loading')}</p>}
      {positions.data && (
        <p role="status">
          {fixes.length === 0
            ? t('track.none')
            : t('track.count', { count: fixes.length, bad, day, from, to })}
        </p>
      )}
      <TrackingMap
        label={t('track.mapLabel', { day })}
        describedBy={tableId}
        track={track}
        fixes={dots}
        markers={markers}
        follow={current && kinds[index] === 'ok' ? current : null}
        fitKey={`${id}-${range?.from}-${range?.to}-${fixes.length > 0}`}
      />
      {fixes.length > 0 && (
        <div className="tm-slider">
          <label htmlFor="track-slider">{t('track.slider')}</label>
          <input
            id="track-slider"
            type="range"
            min={0}
            max={fixes.length - 1}
            step={1}
            value={index}
            aria-valuetext={valueText}
            onChange={(e) => setIndex(Number(e.target.value))}
          />
          <output htmlFor="track-slider" className="tm-slider-value">
            {valueText}
          </output>
        </div>
      )}
      {fixes.length > 0 && (
        <>
          <h2 id={tableId}>{t('track.tableTitle')}</h2>
          <nav className="tm-pager" aria-label={t('track.pager')}>
            <button
              type="button"
              className="plain-button"
              disabled={page === 0}
              onClick={() => setIndex(Math.max(0, (page - 1) * PAGE))}
            >
              {t('track.prevPage')}
            </button>
            <span>{t('track.page', { page: page + 1, pages })}</span>
            <button
              type="button"
              className="plain-button"
              disabled={page >= pages - 1}
              onClick={() => setIndex(Math.min(fixes.length - 1, (page + 1) * PAGE))}
            >
              {t('track.nextPage')}
            </button>
          </nav>
          <TableScroll label={t('track.tableTitle')}>
            <table className="data-table tm-fixes">
              <thead>
                <tr>
                  <th scope="col">{t('track.col.n')}</th>
                  <th scope="col">{t('track.col.time')}</th>
                  <th scope="col">{t('track.col.quality')}</th>
                  <th scope="col">{t('track.col.lat')}</th>
                  <th scope="col">{t('track.col.lng')}</th>
                  <th scope="col">{t('track.col.speed')}</th>
                  <th scope="col">{t('track.col.battery')}</th>
                </tr>
              </thead>
              <tbody>
                {fixes.slice(page * PAGE, page * PAGE + PAGE).map((f, j) => {
                  const i = page * PAGE + j;
                  const k = kinds[i]!;
                  return (
                    <tr
                      key={`${f.fixTime}-${i}`}
                      className={[k !== 'ok' ? 'tm-fix-row-bad' : '', i === index ? 'tm-row-current' : '']
                        .filter(Boolean)
                        .join(' ')}
                      aria-current={i === index ? 'true' : undefined}
                    >
                      <td>
                        <button
                          type="button"
                          className="plain-button"
                          onClick={() => setIndex(i)}
                          aria-label={t('track.goTo', { n: i + 1, time: clockTime(f.fixTime) })}
                        >
                          {i + 1}
                        </button>
                      </td>
                      <th scope="row">
                        {clockTime(f.fixTime)}
                        {i === index && <span className="tm-current-tag"> {t('track.current')}</span>}
                      </th>
                      <td>{k === 'ok' ? quality(k) : <strong>× {quality(k)}</strong>}</td>
                      <td>{coord(f.latitude)}</td>
                      <td>{coord(f.longitude)}</td>
                      <td>{f.speedKmh === null ? '' : t('track.kmh', { n: Math.round(f.speedKmh) })}</td>
                      <td>{batteryText(f.batteryPercent, t)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}

/** The trainee wearing the watch, from the live lists of the centres the user works at (null: not found). */
function useWearerName(deviceId: string) {
  return useQuery({
    queryKey: ['tracking', 'wearer', deviceId],
    queryFn: async ({ signal }) => {
      const centres = await api.get<Centre[]>('/tracking/centres', { signal });
      for (const c of centres) {
        const rows = await api
          .get<Live[]>(`/tracking/centres/${c.id}/live`, { signal, quiet: true })
          .catch(() => [] as Live[]);
        const row = rows.find((r) => r.deviceId === deviceId);
        if (row) return row.name;
      }
      return null;
    },
    enabled: !!deviceId,
    staleTime: 60_000,
  });
}
