/** The simulation of a rule version: who would get what in a period, compared with the rules in force. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TableScroll } from '../../components/TableScroll';
import { streetName } from '../../labels';
import { useBT } from '../i18n';
import { periodText, yuan, type ProgramOut, type ProgramVersionOut, type SimulationOut } from '../model';

export function Simulation({ program, version }: { program: ProgramOut; version: ProgramVersionOut }) {
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
