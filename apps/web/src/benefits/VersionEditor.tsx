/**
 * One rule version of a programme: its rule (the builder and the same rule in plain words), its
 * amount items, saving as a draft, the simulation against the version in force, and publishing.
 */
import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { Dialog } from '../components/Dialog';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { TableScroll } from '../components/TableScroll';
import { dottedPath } from '../forms';
import { formatTime, streetName } from '../labels';
import { AmountsEditor, newAmount } from './AmountsEditor';
import { useBT } from './i18n';
import {
  fenOf,
  monthOf,
  periodText,
  pick,
  variablesOf,
  yuan,
  type AmountItem,
  type ProgramOut,
  type ProgramVersionOut,
  type SimulationOut,
} from './model';
import { ExampleTag, Part } from './parts';
import { RuleBuilder, RuleText } from './RuleBuilder';
import { checkTree, fromExpr, toExpr, uiAmountOf, type UiAmount, type UiGroup } from './rules';

export function VersionPanel({
  program,
  versionId,
  canManage,
}: {
  program: ProgramOut;
  versionId: string;
  canManage: boolean;
}) {
  const { t } = useBT();
  const version = useQuery({
    queryKey: ['benefits', 'program', program.code, 'version', versionId],
    queryFn: ({ signal }) =>
      api.get<ProgramVersionOut>(`/benefits/programs/${program.code}/versions/${versionId}`, { signal }),
    enabled: versionId !== 'new',
  });
  if (versionId === 'new') {
    return <VersionEditor key="new" program={program} version={null} canManage={canManage} />;
  }
  return (
    <Part query={version}>
      {(v) =>
        v ? (
          <VersionEditor key={`${v.id}-${v.status}`} program={program} version={v} canManage={canManage} />
        ) : (
          <p>{t('version.notFound')}</p>
        )
      }
    </Part>
  );
}

interface Target {
  path: string;
  /** A rule node (its key) or a field (its element id). */
  node?: string;
  field?: string;
  focus: (rest: string) => string;
}

function VersionEditor({
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

  /** The body to send, and where each part of it is on the page. */
  const build = () => {
    const r = toExpr(rule, vars, 'rule');
    const targets: Target[] = [];
    const nodeTarget = (paths: Map<string, string>) => {
      for (const [path, key] of paths) {
        const isGroup = findGroup(rule, key) || amounts.some((a) => findGroup(a.when, key));
        targets.push({
          path,
          node: key,
          focus: (rest) =>
            isGroup
              ? `rule-mode-${key}`
              : /^values?(\.|$)/.test(rest)
                ? `rule-val-${key}`
                : rest.startsWith('cmp')
                  ? `rule-op-${key}`
                  : `rule-var-${key}`,
        });
      }
    };
    nodeTarget(r.paths);
    const items: AmountItem[] = amounts.map((a, i) => {
      const p = `amounts.${i}`;
      targets.push({ path: p, field: `amt-zh-${a.key}`, focus: () => `amt-zh-${a.key}` });
      targets.push({ path: `${p}.label.zh`, field: `amt-zh-${a.key}`, focus: () => `amt-zh-${a.key}` });
      targets.push({ path: `${p}.label.en`, field: `amt-en-${a.key}`, focus: () => `amt-en-${a.key}` });
      targets.push({ path: `${p}.amountFen`, field: `amt-yuan-${a.key}`, focus: () => `amt-yuan-${a.key}` });
      targets.push({ path: `${p}.multiplier`, field: `amt-mult-${a.key}`, focus: () => `amt-mult-${a.key}` });
      let when;
      if (a.hasWhen) {
        const w = toExpr(a.when, vars, `${p}.when`);
        nodeTarget(w.paths);
        when = w.expr;
      }
      const fen = fenOf(a.yuan);
      return {
        label: { zh: a.labelZh.trim(), en: a.labelEn.trim() },
        amountFen: fen ?? Number.NaN,
        multiplier:
          a.multKind === 'var' && a.multVar
            ? { var: a.multVar }
            : Number(a.multConst === '' ? 'x' : a.multConst),
        ...(when ? { when } : {}),
      };
    });
    targets.push({ path: 'effectiveFrom', field: 'ver-effective', focus: () => 'ver-effective' });
    targets.push({ path: 'notes', field: 'ver-notes', focus: () => 'ver-notes' });
    targets.push({ path: 'amounts', field: 'amt-add', focus: () => 'amt-add' });
    return {
      body: { rule: r.expr, amounts: items, effectiveFrom: `${effective}-01`, notes: notes.trim() },
      targets,
    };
  };

  /** Problems → messages next to the conditions and fields, and the error summary. */
  const show = (problems: { path: string; message: string }[], title?: string) => {
    const { targets } = build();
    const nodes = new Map<string, string>();
    const fields = new Map<string, string>();
    const items: SummaryItem[] = [];
    for (const pr of problems) {
      const p = dottedPath(pr.path);
      const hit = targets
        .filter((x) => p === x.path || p.startsWith(`${x.path}.`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (!hit) {
        items.push({ message: pr.message });
        continue;
      }
      const rest = p.slice(hit.path.length + 1);
      if (hit.node) nodes.set(hit.node, [nodes.get(hit.node), pr.message].filter(Boolean).join(' '));
      if (hit.field) fields.set(hit.field, [fields.get(hit.field), pr.message].filter(Boolean).join(' '));
      items.push({ id: hit.focus(rest), message: pr.message });
    }
    setNodeErrors(nodes);
    setFieldErrors(fields);
    setSummary({ title, items });
  };

  /** What the browser can check before sending. */
  const clientProblems = (): { path: string; message: string }[] => {
    const out: { path: string; message: string }[] = [];
    const { targets } = build();
    const pathOfKey = new Map(targets.filter((x) => x.node).map((x) => [x.node!, x.path]));
    const add = (root: UiGroup, isRoot: boolean) => {
      for (const [key, pr] of checkTree(root, vars, isRoot)) {
        const path = pathOfKey.get(key);
        if (!path) continue;
        const suffix = pr.problem === 'emptyGroup' || pr.problem === 'noVariable' ? '' : '.value';
        out.push({
          path: path + suffix,
          message: t(`problem.${pr.problem}`, { min: pr.min, max: pr.max }),
        });
      }
    };
    add(rule, true);
    amounts.forEach((a, i) => {
      const p = `amounts.${i}`;
      if (!a.labelZh.trim()) out.push({ path: `${p}.label.zh`, message: t('problem.labelZh') });
      if (!a.labelEn.trim()) out.push({ path: `${p}.label.en`, message: t('problem.labelEn') });
      if (fenOf(a.yuan) === null) out.push({ path: `${p}.amountFen`, message: t('problem.yuan') });
      if (a.multKind === 'const' && !/^\d{1,4}$/.test(a.multConst.trim()))
        out.push({ path: `${p}.multiplier`, message: t('problem.multiplier') });
      if (a.hasWhen) add(a.when, false);
    });
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(effective))
      out.push({ path: 'effectiveFrom', message: t('problem.effective') });
    return out;
  };

  const save = async () => {
    const local = clientProblems();
    if (local.length > 0) {
      show(local);
      return;
    }
    setBusy(true);
    try {
      const { body } = build();
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

function findGroup(root: UiGroup, key: string): boolean {
  if (root.key === key) return true;
  return root.children.some((c) => c.kind === 'group' && findGroup(c, key));
}

function PublishConfirm({
  program,
  version,
  onCancel,
  onDone,
}: {
  program: ProgramOut;
  version: ProgramVersionOut;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/benefits/programs/${program.code}/versions/${version.id}/publish`, {});
      await qc.invalidateQueries({ queryKey: ['benefits'] });
      onDone(t('version.published', { n: version.versionNo }));
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'));
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={error ? [{ message: error }] : []} />
      <p>
        {t('version.publishConfirm', {
          name: pick(program.name, lang),
          n: version.versionNo,
          period: periodText(version.effectiveFrom.slice(0, 7), lang),
        })}
      </p>
      {program.example && <p className="notice notice-warning">{t('exampleNotice')}</p>}
      <div className="toolbar">
        <Button type="primary" onClick={() => void publish()} loading={busy}>
          {t('version.publishYes')}
        </Button>
        <Button id="publish-cancel" onClick={onCancel}>
          {tr('common.cancel')}
        </Button>
      </div>
    </>
  );
}

function Simulation({ program, version }: { program: ProgramOut; version: ProgramVersionOut }) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const announce = useAnnounce();
  const yearly = program.periodicity === 'yearly';
  const [period, setPeriod] = useState(() =>
    yearly ? version.effectiveFrom.slice(0, 4) : version.effectiveFrom.slice(0, 7),
  );
  const [result, setResult] = useState<SimulationOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    announce(t('sim.running'));
    try {
      const r = await api.get<SimulationOut>(
        `/benefits/programs/${program.code}/versions/${version.id}/simulation`,
        { query: { period } },
      );
      setResult(r);
      announce(
        t('sim.doneAnnounce', {
          count: r.total.count,
          amount: yuan(r.total.amountFen, lang),
        }),
      );
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const delta = (a: number, b: number | undefined, money: boolean) => {
    if (b === undefined) return '';
    const d = a - b;
    const v = money ? yuan(Math.abs(d), lang) : String(Math.abs(d));
    return d === 0 ? t('sim.same') : d > 0 ? t('sim.more', { v }) : t('sim.fewer', { v });
  };
  const perPeriod = yearly ? t('sim.perYear') : t('sim.perMonth');

  return (
    <section aria-labelledby="sim-heading">
      <h3 id="sim-heading">{t('sim.heading')}</h3>
      <p className="help-text">{t('sim.help')}</p>
      <ErrorSummary items={error ? [{ id: 'sim-period', message: error }] : []} />
      <div className="inline-filters">
        <div className="rule-field">
          <label htmlFor="sim-period" className="rule-label">
            {t('sim.period')}
          </label>
          {yearly ? (
            <input
              id="sim-period"
              className="native-input"
              inputMode="numeric"
              pattern="\d{4}"
              maxLength={4}
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
            />
          ) : (
            <input
              id="sim-period"
              className="native-input"
              type="month"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
            />
          )}
        </div>
        <Button type="primary" onClick={() => void run()} loading={busy}>
          {t('sim.run')}
        </Button>
      </div>
      {result && (
        <div aria-live="polite">
          <p className="import-summary">
            {t('sim.summary', {
              period: periodText(result.period, lang),
              count: result.total.count,
              amount: yuan(result.total.amountFen, lang),
              per: perPeriod,
            })}
          </p>
          {result.current ? (
            <p>
              {t('sim.vsCurrent', {
                count: result.current.count,
                amount: yuan(result.current.amountFen, lang),
              })}{' '}
              {t('sim.delta', {
                people: delta(result.total.count, result.current.count, false),
                money: delta(result.total.amountFen, result.current.amountFen, true),
              })}
            </p>
          ) : (
            <p>{t('sim.noCurrent')}</p>
          )}
          <TableScroll label={t('sim.byStreet')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('sim.byStreet')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sim.street')}</th>
                  <th scope="col" className="num">
                    {t('sim.count')}
                  </th>
                  <th scope="col" className="num">
                    {t('sim.amount', { per: perPeriod })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.byStreet.map((s) => (
                  <tr key={s.streetCode}>
                    <th scope="row">{streetName(lang, s.streetCode)}</th>
                    <td className="num">{s.count}</td>
                    <td className="num">{yuan(s.amountFen, lang)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('sim.total')}</th>
                  <td className="num">
                    <strong>{result.total.count}</strong>
                  </td>
                  <td className="num">
                    <strong>{yuan(result.total.amountFen, lang)}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <div className="form-grid">
            <Sample
              title={t('sim.entering', { count: result.entering.count })}
              persons={result.entering.sample}
              empty={t('sim.noneEntering')}
            />
            <Sample
              title={t('sim.leaving', { count: result.leaving.count })}
              persons={result.leaving.sample}
              empty={t('sim.noneLeaving')}
            />
          </div>
          <p className="muted">{t('sim.took', { ms: Math.round(result.ms) })}</p>
        </div>
      )}
    </section>
  );
}

function Sample({
  title,
  persons,
  empty,
}: {
  title: string;
  persons: SimulationOut['entering']['sample'];
  empty: string;
}) {
  const { i18n } = useTranslation();
  return (
    <div>
      <h4>{title}</h4>
      {persons.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {persons.map((p) => (
            <li key={p.id}>
              <Link to={`/persons/${p.id}`}>{p.name}</Link> <span className="muted">{p.idNumber}</span> ·{' '}
              {streetName(i18n.language, p.streetCode)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
