/**
 * Parts of the zone editor (ZonesPage): a circle's centre and radius, a polygon's vertices as a
 * table of typed coordinates, the schedule (the centre's hours, weekdays + time ranges, or always),
 * whom the zone watches and its exit confirmation. Keyboard first: adding a
 * vertex or range moves focus to it.
 */
import type { ReactNode } from 'react';
import { Button } from 'antd';
import { TableScroll } from '../../components/TableScroll';
import { useMT } from './i18n';
import type { DraftProblem, ZoneDraft } from './zoneForm';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** What the editor's parts share with the page: the draft, and its fields' ids and messages. */
export interface FieldParts {
  draft: ZoneDraft;
  set: (patch: Partial<ZoneDraft>) => void;
  fieldProps: (field: string) => { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };
  fieldError: (field: string) => ReactNode;
  errorOf: (field: string) => DraftProblem | undefined;
}

export function PolygonFields({ draft, set, fieldProps, fieldError, errorOf }: FieldParts) {
  const { t } = useMT();
  return (
    <fieldset className="fieldset">
      <legend>{t('zones.points')}</legend>
      <p className="help-text">{t('zones.coordsHelp')}</p>
      <TableScroll label={t('zones.points')}>
        <table className="data-table tm-points">
          <caption className="visually-hidden">{t('zones.points')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('zones.pointN')}</th>
              <th scope="col">{t('zones.lat')}</th>
              <th scope="col">{t('zones.lng')}</th>
              <th scope="col">{t('zones.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {draft.points.map((p, i) => {
              const n = i + 1;
              const upd = (patch: Partial<typeof p>) =>
                set({ points: draft.points.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
              return (
                <tr key={i}>
                  <th scope="row">{n}</th>
                  <td>
                    <input
                      {...fieldProps(`zone-point-${n}-lat`)}
                      type="text"
                      inputMode="decimal"
                      aria-label={t('zones.pointLat', { n })}
                      value={p.lat}
                      onChange={(e) => upd({ lat: e.target.value })}
                    />
                    {fieldError(`zone-point-${n}-lat`)}
                  </td>
                  <td>
                    <input
                      {...fieldProps(`zone-point-${n}-lng`)}
                      type="text"
                      inputMode="decimal"
                      aria-label={t('zones.pointLng', { n })}
                      value={p.lng}
                      onChange={(e) => upd({ lng: e.target.value })}
                    />
                    {fieldError(`zone-point-${n}-lng`)}
                  </td>
                  <td>
                    <Button
                      size="small"
                      onClick={() => {
                        set({ points: draft.points.filter((_, j) => j !== i) });
                        setTimeout(() => document.getElementById('zone-add-point')?.focus(), 0);
                      }}
                      aria-label={t('zones.removePoint', { n })}
                    >
                      {t('zones.remove')}
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <Button
          id="zone-add-point"
          aria-describedby={errorOf('zone-add-point') ? 'zone-add-point-error' : undefined}
          onClick={() => {
            set({ points: [...draft.points, { lat: '', lng: '' }] });
            setTimeout(
              () => document.getElementById(`zone-point-${draft.points.length + 1}-lat`)?.focus(),
              0,
            );
          }}
        >
          {t('zones.addPoint')}
        </Button>{' '}
        {fieldError('zone-add-point')}
      </p>
    </fieldset>
  );
}

export function ScheduleFields({ draft, set, fieldProps, fieldError, errorOf }: FieldParts) {
  const { t } = useMT();
  return (
    <fieldset className="fieldset">
      <legend>{t('zones.scheduleLegend')}</legend>
      {(['centre', 'custom', 'always'] as const).map((k) => (
        <label key={k} className="tm-choice">
          <input
            type="radio"
            name="zone-schedule"
            id={`zone-schedule-${k}`}
            checked={draft.schedule === k}
            onChange={() => set({ schedule: k })}
          />{' '}
          {t(`zones.schedule.${k}`)}
        </label>
      ))}
      {draft.schedule === 'custom' && (
        <>
          <fieldset className="fieldset tm-weekdays">
            <legend>{t('zones.weekdays')}</legend>
            {WEEKDAYS.map((d) => (
              <label key={d} className="tm-choice">
                <input
                  type="checkbox"
                  id={`zone-weekday-${d}`}
                  aria-invalid={d === 1 && errorOf('zone-weekday-1') ? true : undefined}
                  aria-describedby={d === 1 && errorOf('zone-weekday-1') ? 'zone-weekday-1-error' : undefined}
                  checked={draft.weekdays.includes(d)}
                  onChange={(e) =>
                    set({
                      weekdays: e.target.checked
                        ? [...draft.weekdays, d]
                        : draft.weekdays.filter((x) => x !== d),
                    })
                  }
                />{' '}
                {t(`zones.weekday.d${d}`)}
              </label>
            ))}
            {fieldError('zone-weekday-1')}
          </fieldset>
          {draft.ranges.map((r, i) => {
            const n = i + 1;
            const upd = (patch: Partial<typeof r>) =>
              set({ ranges: draft.ranges.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
            return (
              <p key={i} className="tm-range">
                <label htmlFor={`zone-range-${n}-from`}>{t('zones.rangeFrom', { n })}</label>
                <input
                  {...fieldProps(`zone-range-${n}-from`)}
                  type="time"
                  value={r.from}
                  onChange={(e) => upd({ from: e.target.value })}
                />
                <label htmlFor={`zone-range-${n}-to`}>{t('zones.rangeTo', { n })}</label>
                <input
                  {...fieldProps(`zone-range-${n}-to`)}
                  type="time"
                  value={r.to}
                  onChange={(e) => upd({ to: e.target.value })}
                />
                {draft.ranges.length > 1 && (
                  <Button
                    size="small"
                    onClick={() => set({ ranges: draft.ranges.filter((_, j) => j !== i) })}
                    aria-label={t('zones.removeRange', { n })}
                  >
                    {t('zones.remove')}
                  </Button>
                )}
                {fieldError(`zone-range-${n}-from`)}
                {fieldError(`zone-range-${n}-to`)}
              </p>
            );
          })}
          {draft.ranges.length < 4 && (
            <p>
              <Button
                id="zone-add-range"
                onClick={() => set({ ranges: [...draft.ranges, { from: '13:00', to: '16:00' }] })}
              >
                {t('zones.addRange')}
              </Button>{' '}
              {fieldError('zone-add-range')}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}

export function CircleFields({ draft, set, fieldProps, fieldError }: FieldParts) {
  const { t } = useMT();
  return (
    <fieldset className="fieldset">
      <legend>{t('zones.circle')}</legend>
      <p className="help-text" id="zone-coords-help">
        {t('zones.coordsHelp')}
      </p>
      <p className="tm-field">
        <label htmlFor="zone-center-lat">{t('zones.centerLat')}</label>
        <input
          {...fieldProps('zone-center-lat')}
          type="text"
          inputMode="decimal"
          value={draft.lat}
          onChange={(e) => set({ lat: e.target.value })}
        />
        {fieldError('zone-center-lat')}
      </p>
      <p className="tm-field">
        <label htmlFor="zone-center-lng">{t('zones.centerLng')}</label>
        <input
          {...fieldProps('zone-center-lng')}
          type="text"
          inputMode="decimal"
          value={draft.lng}
          onChange={(e) => set({ lng: e.target.value })}
        />
        {fieldError('zone-center-lng')}
      </p>
      <p className="tm-field">
        <label htmlFor="zone-radius">{t('zones.radius')}</label>
        <input
          {...fieldProps('zone-radius')}
          type="text"
          inputMode="numeric"
          value={draft.radius}
          onChange={(e) => set({ radius: e.target.value })}
        />
        {fieldError('zone-radius')}
      </p>
    </fieldset>
  );
}

export function TargetFields({
  draft,
  set,
  fieldProps,
  fieldError,
  trainees,
}: FieldParts & { trainees: { personId: string; label: string }[] }) {
  const { t } = useMT();
  return (
    <fieldset className="fieldset">
      <legend>{t('zones.whoLegend')}</legend>
      {(['centre', 'person'] as const).map((k) => (
        <label key={k} className="tm-choice">
          <input
            type="radio"
            name="zone-target"
            id={`zone-target-${k}`}
            checked={draft.target === k}
            onChange={() => set({ target: k })}
          />{' '}
          {k === 'centre' ? t('zones.allTrainees') : t('zones.oneTrainee')}
        </label>
      ))}
      {draft.target === 'person' && (
        <p className="tm-field">
          <label htmlFor="zone-person">{t('zones.trainee')}</label>
          <select
            {...fieldProps('zone-person')}
            value={draft.personId}
            onChange={(e) => set({ personId: e.target.value })}
          >
            <option value="">{t('zones.choose')}</option>
            {trainees.map((x) => (
              <option key={x.personId} value={x.personId}>
                {x.label}
              </option>
            ))}
          </select>
          {fieldError('zone-person')}
        </p>
      )}
    </fieldset>
  );
}

export function ExitFields({ draft, set, fieldProps, fieldError }: FieldParts) {
  const { t } = useMT();
  return (
    <fieldset className="fieldset">
      <legend>{t('zones.exitLegend')}</legend>
      <p className="help-text">{t('zones.exitHelp')}</p>
      <p className="tm-field">
        <label htmlFor="zone-exit-fixes">{t('zones.exitFixes')}</label>
        <input
          {...fieldProps('zone-exit-fixes')}
          type="text"
          inputMode="numeric"
          value={draft.exitFixes}
          onChange={(e) => set({ exitFixes: e.target.value })}
        />
        {fieldError('zone-exit-fixes')}
      </p>
      <p className="tm-field">
        <label htmlFor="zone-exit-seconds">{t('zones.exitSeconds')}</label>
        <input
          {...fieldProps('zone-exit-seconds')}
          type="text"
          inputMode="numeric"
          value={draft.exitSeconds}
          onChange={(e) => set({ exitSeconds: e.target.value })}
        />
        {fieldError('zone-exit-seconds')}
      </p>
    </fieldset>
  );
}
