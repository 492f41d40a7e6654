import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { formatTime } from '../labels';
import { useBT } from '../benefits/i18n';
import { monthOf, periodText, pick, useCycles, usePrograms, yuan, type CycleOut } from '../benefits/model';
import { CountsText, CycleStateTag, ExampleTag, Part } from '../benefits/parts';
import { useMe } from '../session';

/** Payment cycles: one programme, one period, its eligibility run and its entitlements. */
export default function BenefitCycles() {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const programCode = params.get('programCode') ?? '';
  const { data: me } = useMe(false);
  const canRun = Boolean(me?.permissions.includes('benefits.run'));
  const programs = usePrograms();
  const cycles = useCycles(programCode || undefined);
  const exampleOf = (code: string) => Boolean(programs.data?.find((p) => p.code === code)?.example);

  return (
    <>
      <PageTitle title={t('cycles.title')} />
      <p>{t('cycles.intro')}</p>
      {canRun && <CreateCycle />}

      <section aria-labelledby="cycles-list">
        <h2 id="cycles-list">{t('cycles.listHeading')}</h2>
        <div className="inline-filters" role="search" aria-label={t('cycles.filter')}>
          <div className="rule-field">
            <label htmlFor="cycles-program" className="rule-label">
              {t('cycles.program')}
            </label>
            <select
              id="cycles-program"
              className="native-select"
              value={programCode}
              onChange={(e) =>
                setParams(e.target.value ? { programCode: e.target.value } : {}, { replace: true })
              }
            >
              <option value="">{t('cycles.anyProgram')}</option>
              {(programs.data ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {pick(p.name, lang)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Part query={cycles}>
          {(list) => (
            <TableScroll label={t('cycles.tableLabel')}>
              <table className="data-table">
                <caption className="visually-hidden">{t('cycles.tableLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cycles.programPeriod')}</th>
                    <th scope="col">{t('cycles.state')}</th>
                    <th scope="col" className="num">
                      {t('cycles.count')}
                    </th>
                    <th scope="col" className="num">
                      {t('cycles.amount')}
                    </th>
                    <th scope="col">{t('cycles.byState')}</th>
                    <th scope="col">{t('cycles.createdAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.length === 0 && (
                    <tr>
                      <td colSpan={6} className="data-table-empty">
                        {t('cycles.none')}
                      </td>
                    </tr>
                  )}
                  {list.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/benefits/cycles/${c.id}`}>
                          {t('cycles.linkText', {
                            name: pick(c.programName, lang),
                            period: periodText(c.period, lang),
                          })}
                        </Link>{' '}
                        <ExampleTag example={exampleOf(c.programCode)} />
                      </th>
                      <td>
                        <CycleStateTag state={c.state} />
                      </td>
                      <td className="num">{c.summary?.count ?? '—'}</td>
                      <td className="num">{c.summary ? yuan(c.summary.amountFen, lang) : '—'}</td>
                      <td>
                        <CountsText counts={c.counts} />
                      </td>
                      <td className="nowrap">{formatTime(c.createdAt, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </Part>
      </section>
    </>
  );
}

function CreateCycle() {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const programs = usePrograms();
  const active = (programs.data ?? []).filter((p) => p.active);
  const [code, setCode] = useState('');
  const program = active.find((p) => p.code === code) ?? active[0];
  const yearly = program?.periodicity === 'yearly';
  const [month, setMonth] = useState(() => monthOf(0));
  const [year, setYear] = useState(() => monthOf(0).slice(0, 4));
  const [errors, setErrors] = useState<{ id?: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!program) return;
    const period = yearly ? year.trim() : month;
    if (yearly ? !/^\d{4}$/.test(period) : !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
      setErrors([{ id: 'cycle-period', message: t('cycles.periodFormat') }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const c = await api.post<CycleOut>(`/benefits/programs/${program.code}/cycles`, { period });
      await qc.invalidateQueries({ queryKey: ['benefits', 'cycles'] });
      const message = t('cycles.created', {
        name: pick(c.programName, lang),
        period: periodText(c.period, lang),
      });
      announce(message);
      await navigate(`/benefits/cycles/${c.id}`, { state: { notice: message } });
    } catch (e) {
      setErrors([
        {
          id: 'cycle-period',
          message: isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'),
        },
      ]);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="cycle-create">
      <h2 id="cycle-create">{t('cycles.createHeading')}</h2>
      <p className="help-text">{t('cycles.createHelp')}</p>
      <ErrorSummary items={errors} />
      <div className="inline-filters">
        <div className="rule-field">
          <label htmlFor="cycle-program" className="rule-label">
            {t('cycles.program')}
          </label>
          <select
            id="cycle-program"
            className="native-select"
            value={program?.code ?? ''}
            onChange={(e) => setCode(e.target.value)}
          >
            {active.map((p) => (
              <option key={p.code} value={p.code}>
                {pick(p.name, lang)}
                {p.example ? ` (${t('example')})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="rule-field">
          <label htmlFor="cycle-period" className="rule-label">
            {yearly ? t('cycles.year') : t('cycles.month')}
          </label>
          {yearly ? (
            <input
              id="cycle-period"
              className="native-input"
              inputMode="numeric"
              maxLength={4}
              value={year}
              aria-invalid={errors.length > 0 || undefined}
              onChange={(e) => setYear(e.target.value)}
            />
          ) : (
            <input
              id="cycle-period"
              className="native-input"
              type="month"
              value={month}
              aria-invalid={errors.length > 0 || undefined}
              onChange={(e) => setMonth(e.target.value)}
            />
          )}
        </div>
        <Button type="primary" onClick={() => void create()} loading={busy} disabled={!program}>
          {t('cycles.create')}
        </Button>
      </div>
    </section>
  );
}
