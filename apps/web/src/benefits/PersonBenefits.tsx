/** The person page's benefits section: eligibility for each programme, why, and the facts. */
import { useMemo, useState } from 'react';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { formatTime } from '../labels';
import { useMe } from '../session';
import { useBT } from './i18n';
import {
  periodText,
  pick,
  usePrograms,
  yuan,
  type EligibilityOut,
  type FactsOut,
  type ProgramVariable,
} from './model';
import { ExampleTag, ExplanationTree, Part } from './parts';

export default function PersonBenefits({ personId }: { personId: string }) {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const { data: me } = useMe(false);
  const canRun = Boolean(me?.permissions.includes('benefits.run'));
  const eligibility = useQuery({
    queryKey: ['person', personId, 'eligibility'],
    queryFn: ({ signal }) => api.get<EligibilityOut>(`/persons/${personId}/eligibility`, { signal }),
  });

  return (
    <section aria-labelledby="sec-benefits">
      <h2 id="sec-benefits">{t('person.heading')}</h2>
      <Part query={eligibility}>
        {(data) =>
          data.programs.length === 0 ? (
            <p>{t('person.none')}</p>
          ) : (
            <>
              <p className="help-text">{t('person.asOf', { time: formatTime(data.asOf, lang) })}</p>
              {data.programs.map((p) => (
                <article key={p.code} className="benefit-card" aria-labelledby={`elig-${p.code}`}>
                  <h3 id={`elig-${p.code}`}>
                    {pick(p.name, lang)} <ExampleTag example={p.example} />
                  </h3>
                  <p className="benefit-status">
                    <span className={p.eligible ? 'tag tag-ok' : 'tag'}>
                      {p.eligible ? t('person.eligible') : t('person.notEligible')}
                    </span>{' '}
                    {p.eligible &&
                      t('person.amount', {
                        amount: yuan(p.amountFen, lang),
                        period: periodText(p.period, lang),
                      })}
                  </p>
                  <ul>
                    {p.enrolment && (
                      <li>
                        {p.enrolment.state === 'active'
                          ? t('person.enrolled', { since: periodText(p.enrolment.sincePeriod, lang) })
                          : t('person.stopped', {
                              since: periodText(p.enrolment.sincePeriod, lang),
                              until: periodText(p.enrolment.untilPeriod, lang),
                            })}
                      </li>
                    )}
                    {p.waived && <li>{t('person.waived')}</li>}
                    {!p.enrolment && !p.waived && <li>{t('person.notEnrolled')}</li>}
                  </ul>
                  <h4>{t('person.why', { period: periodText(p.period, lang) })}</h4>
                  <ExplanationTree node={p.explanation} />
                </article>
              ))}
            </>
          )
        }
      </Part>
      {canRun && <FactsEditor personId={personId} />}
    </section>
  );
}

function FactsEditor({ personId }: { personId: string }) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const programs = usePrograms();
  const facts = useQuery({
    queryKey: ['person', personId, 'benefit-facts'],
    queryFn: ({ signal }) => api.get<FactsOut>(`/persons/${personId}/benefit-facts`, { signal }),
  });
  // Every programme's own variables, once each.
  const vars = useMemo(() => {
    const seen = new Map<string, ProgramVariable>();
    for (const p of programs.data ?? [])
      for (const v of p.variables) if (!seen.has(v.name)) seen.set(v.name, v);
    return [...seen.values()];
  }, [programs.data]);

  return (
    <>
      <h3 id="facts-heading">{t('facts.heading')}</h3>
      <p className="help-text">{t('facts.help')}</p>
      <Part query={facts}>
        {(f) => (
          <FactsForm key={JSON.stringify(f)} personId={personId} facts={f} vars={vars} lang={lang} tr={tr} />
        )}
      </Part>
    </>
  );
}

function FactsForm({
  personId,
  facts,
  vars,
  lang,
  tr,
}: {
  personId: string;
  facts: FactsOut;
  vars: ProgramVariable[];
  lang: string;
  tr: (k: 'errors.network' | 'common.save') => string;
}) {
  const { t } = useBT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      vars.map((v) => [v.name, facts.values[v.name] == null ? '' : String(facts.values[v.name])]),
    ),
  );
  const [account, setAccount] = useState('');
  const [errors, setErrors] = useState<{ id?: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const save = async () => {
    const out: Record<string, number | string | boolean | null> = {};
    const problems: { id?: string; message: string }[] = [];
    for (const v of vars) {
      const raw = (values[v.name] ?? '').trim();
      if (raw === '') out[v.name] = null;
      else if (v.type === 'boolean') out[v.name] = raw === 'true';
      else if (v.type === 'number') {
        const n = Number(raw);
        if (!Number.isFinite(n))
          problems.push({
            id: `fact-${v.name}`,
            message: t('facts.notNumber', { label: pick(v.label, lang) }),
          });
        out[v.name] = n;
      } else out[v.name] = raw;
    }
    const acc = account.trim();
    if (acc && !/^[0-9A-Za-z-]{6,32}$/.test(acc))
      problems.push({ id: 'fact-account', message: t('facts.accountFormat') });
    if (problems.length > 0) {
      setErrors(problems);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      await api.put(`/persons/${personId}/benefit-facts`, {
        ...(vars.length > 0 ? { values: out } : {}),
        ...(acc ? { accountRef: acc } : {}),
      });
      await qc.invalidateQueries({ queryKey: ['person', personId] });
      const message = t('facts.saved');
      setSaved(message);
      announce(message);
    } catch (e) {
      setErrors([
        { message: isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network') },
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={errors} />
      {saved && (
        <p className="notice notice-success" role="status">
          {saved}
        </p>
      )}
      {vars.length === 0 && <p>{t('facts.noVariables')}</p>}
      <div className="inline-filters">
        {vars.map((v) => {
          const id = `fact-${v.name}`;
          const value = values[v.name] ?? '';
          const set = (x: string) => setValues((s) => ({ ...s, [v.name]: x }));
          return (
            <div className="rule-field" key={v.name}>
              <label htmlFor={id} className="rule-label">
                {pick(v.label, lang)}
              </label>
              {v.type === 'number' ? (
                <input
                  id={id}
                  className="native-input"
                  type="number"
                  min={v.min}
                  max={v.max}
                  value={value}
                  onChange={(e) => set(e.target.value)}
                />
              ) : (
                <select id={id} className="native-select" value={value} onChange={(e) => set(e.target.value)}>
                  <option value="">{t('facts.unknown')}</option>
                  {v.type === 'boolean' ? (
                    <>
                      <option value="true">{t('rule.yes')}</option>
                      <option value="false">{t('rule.no')}</option>
                    </>
                  ) : (
                    (v.values ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))
                  )}
                </select>
              )}
            </div>
          );
        })}
      </div>
      <div className="field">
        <label htmlFor="fact-account" className="field-label">
          {t('facts.account')}
        </label>
        <input
          id="fact-account"
          className="native-input"
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          value={account}
          aria-describedby="fact-account-help"
          onChange={(e) => setAccount(e.target.value)}
        />
        <p id="fact-account-help" className="help-text">
          {facts.accountRef ? t('facts.accountCurrent', { ref: facts.accountRef }) : t('facts.accountNone')}{' '}
          {t('facts.accountHelp')}
        </p>
      </div>
      <Button onClick={() => void save()} loading={busy}>
        {t('facts.save')}
      </Button>
    </>
  );
}
