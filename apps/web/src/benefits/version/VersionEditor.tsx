/**
 * One rule version of a programme: its rule (the builder and the same rule in plain words), its
 * amount items, saving as a draft, the simulation against the version in force, and publishing.
 */
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { formatTime } from '../../labels';
import { AmountsEditor, newAmount } from '../AmountsEditor';
import { useBT } from '../i18n';
import { monthOf, periodText, variablesOf, type ProgramOut, type ProgramVersionOut } from '../model';
import { ExampleTag } from '../parts';
import { RuleBuilder } from '../rule-builder/RuleBuilder';
import { RuleText } from '../rule-builder/RuleText';
import { fromExpr, toExpr, uiAmountOf, type UiAmount, type UiGroup } from '../rules';
import { buildVersion, localProblems, placeProblems } from './problems';
import { PublishConfirm } from './PublishConfirm';
import { Simulation } from './Simulation';

export function VersionEditor({
  program,
  version,
  canManage,
}: {
  program: ProgramOut;
  version: ProgramVersionOut | null;
  canManage: boolean;
}) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [, setParams] = useSearchParams();
  const vars = useMemo(() => variablesOf(program), [program]);
  const editable = canManage && (!version || version.status === 'draft');
  // A new version starts from the one in force (or from nothing).
  const base = version ?? program.current;
  const [rule, setRule] = useState<UiGroup>(() => fromExpr(base?.rule));
  const [amounts, setAmounts] = useState<UiAmount[]>(() =>
    base && base.amounts.length > 0 ? base.amounts.map(uiAmountOf) : [newAmount()],
  );
  const [effective, setEffective] = useState(() =>
    version ? version.effectiveFrom.slice(0, 7) : monthOf(1),
  );
  const [notes, setNotes] = useState(version?.notes ?? '');
  const [nodeErrors, setNodeErrors] = useState<Map<string, string>>(new Map());
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());
  const [summary, setSummary] = useState<{ title?: string; items: SummaryItem[] }>({ items: [] });
  const [busy, setBusy] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const publishButton = useRef<HTMLButtonElement>(null);
  const draft = { rule, amounts, effective, notes };

  /** Problems → messages next to the conditions and fields, and the error summary. */
  const show = (problems: { path: string; message: string }[], title?: string) => {
    const placed = placeProblems(problems, buildVersion(draft, vars).targets);
    setNodeErrors(placed.nodes);
    setFieldErrors(placed.fields);
    setSummary({ title, items: placed.items });
  };

  const save = async () => {
    const local = localProblems(draft, vars).map((p) => ({
      path: p.path,
      message: t(p.key, { min: p.min, max: p.max }),
    }));
    if (local.length > 0) {
      show(local);
      return;
    }
    setBusy(true);
    try {
      const { body } = buildVersion(draft, vars);
      const saved = version
        ? await api.put<ProgramVersionOut>(`/benefits/programs/${program.code}/versions/${version.id}`, body)
        : await api.post<ProgramVersionOut>(`/benefits/programs/${program.code}/versions`, body);
      show([]);
      await qc.invalidateQueries({ queryKey: ['benefits', 'program', program.code] });
      await qc.invalidateQueries({ queryKey: ['benefits', 'programs'] });
      const message = t('version.saved', { n: saved.versionNo });
      announce(message);
      if (!version) setParams({ version: saved.id }, { replace: true, state: { notice: message } });
    } catch (e) {
      if (isApiError(e) && e.fieldErrors.length > 0) show(e.fieldErrors, e.detail);
      else show([{ path: '', message: isApiError(e) ? e.detail : tr('errors.network') }]);
    } finally {
      setBusy(false);
    }
  };

  const preview = useMemo(() => toExpr(rule, vars, 'rule').expr, [rule, vars]);
  const status = version ? version.status : 'new';
  const headingId = 'version-heading';

  return (
    <section aria-labelledby={headingId} className="version-panel">
      <h2 id={headingId} tabIndex={-1}>
        {version ? t('version.heading', { n: version.versionNo }) : t('version.newHeading')}{' '}
        <span className={status === 'published' ? 'tag tag-ok' : 'tag'}>{t(`version.status.${status}`)}</span>
      </h2>
      {program.example && (
        <p className="notice notice-warning">
          <ExampleTag example /> {t('exampleNotice')}
        </p>
      )}
      {version?.status === 'published' && (
        <p className="muted">
          {t('version.publishedAt', { time: formatTime(version.publishedAt, lang) })}{' '}
          {canManage && t('version.publishedReadOnly')}
        </p>
      )}
      <ErrorSummary items={summary.items} title={summary.title} />

      <div className="amount-fields">
        <div className="rule-field">
          <label htmlFor="ver-effective" className="rule-label">
            {t('version.effectiveFrom')}
          </label>
          <input
            id="ver-effective"
            className="native-input"
            type="month"
            value={effective}
            disabled={!editable}
            aria-describedby={[
              'ver-effective-help',
              fieldErrors.get('ver-effective') ? 'ver-effective-err' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            aria-invalid={fieldErrors.has('ver-effective') || undefined}
            onChange={(e) => setEffective(e.target.value)}
          />
          <span id="ver-effective-help" className="help-text">
            {t('version.effectiveHelp', { period: periodText(effective, lang) })}
          </span>
          {fieldErrors.get('ver-effective') && (
            <span id="ver-effective-err" className="field-error">
              {fieldErrors.get('ver-effective')}
            </span>
          )}
        </div>
      </div>

      <h3>{t('version.ruleHeading')}</h3>
      <p className="help-text">{t('version.ruleHelp')}</p>
      <RuleBuilder
        value={rule}
        onChange={setRule}
        vars={vars}
        errors={nodeErrors}
        legend={t('rule.rootLegend')}
        disabled={!editable}
      />
      <h3 id="rule-words">{t('version.inWords')}</h3>
      <RuleText expr={preview} vars={vars} />

      <h3>{t('version.amountsHeading')}</h3>
      <AmountsEditor
        items={amounts}
        onChange={setAmounts}
        vars={vars}
        nodeErrors={nodeErrors}
        fieldErrors={fieldErrors}
        disabled={!editable}
        periodicity={program.periodicity}
      />
      {fieldErrors.get('amt-add') && <p className="field-error">{fieldErrors.get('amt-add')}</p>}

      <div className="field" style={{ marginTop: '1rem' }}>
        <label htmlFor="ver-notes" className="field-label">
          {t('version.notes')}
        </label>
        <textarea
          id="ver-notes"
          className="native-input"
          maxLength={1000}
          value={notes}
          disabled={!editable}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>

      {editable && (
        <div className="toolbar">
          <Button type="primary" onClick={() => void save()} loading={busy}>
            {t('version.saveDraft')}
          </Button>
        </div>
      )}

      {version && canManage && <Simulation program={program} version={version} />}

      {version?.status === 'draft' && canManage && (
        <>
          <h3>{t('version.publishHeading')}</h3>
          <p>{t('version.publishHelp', { period: periodText(version.effectiveFrom.slice(0, 7), lang) })}</p>
          <div className="toolbar">
            <Button ref={publishButton} type="primary" onClick={() => setPublishOpen(true)}>
              {t('version.publish')}
            </Button>
          </div>
          <Dialog
            open={publishOpen}
            title={t('version.publishTitle', { n: version.versionNo })}
            onClose={() => setPublishOpen(false)}
            returnFocus={publishButton}
            initialFocus="publish-cancel"
          >
            <PublishConfirm
              program={program}
              version={version}
              onCancel={() => setPublishOpen(false)}
              onDone={(message) => {
                setPublishOpen(false);
                announce(message);
                setParams({ version: version.id }, { replace: true, state: { notice: message } });
              }}
            />
          </Dialog>
        </>
      )}
    </section>
  );
}
