import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, downloadFile, isApiError, saveFile } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { streetOptions } from '../components/fields';
import { JobProgress } from '../components/JobProgress';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { followJob } from '../jobs';
import { formatTime } from '../labels';
import { useAreas } from '../queries';
import { useMe } from '../session';
import type { JobOut } from '../types';
import { EntitlementsPanel } from '../benefits/entitlements/EntitlementsPanel';
import { useBT } from '../benefits/i18n';
import { periodText, pick, usePrograms, yuan, type CycleOut, type PaymentImportOut } from '../benefits/model';
import { CountsText, CycleStateTag, ExampleTag } from '../benefits/parts';

/** One payment cycle: its run (with progress), its entitlements, payment export and bank results. */
export default function BenefitCycle() {
  const { id = '' } = useParams();
  const { t } = useBT();
  const { t: tr } = useTranslation();
  const cycle = useQuery({
    queryKey: ['benefits', 'cycle', id],
    queryFn: ({ signal }) => api.get<CycleOut>(`/benefits/cycles/${id}`, { signal }),
  });
  if (cycle.isPending)
    return (
      <>
        <PageTitle title={t('cycle.loading')} />
        <Loading />
      </>
    );
  if (cycle.error)
    return (
      <>
        <PageTitle title={t('cycle.notFound')} />
        <ErrorSummary
          items={[{ message: isApiError(cycle.error) ? cycle.error.detail : tr('errors.network') }]}
        />
        <p>
          <Link to="/benefits/cycles">{t('cycle.back')}</Link>
        </p>
      </>
    );
  return <CycleView cycle={cycle.data} />;
}

function CycleView({ cycle }: { cycle: CycleOut }) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const location = useLocation();
  const { data: me } = useMe(false);
  const canRun = Boolean(me?.permissions.includes('benefits.run'));
  const programs = usePrograms();
  const example = Boolean(programs.data?.find((p) => p.code === cycle.programCode)?.example);
  const [notice, setNotice] = useState<string | null>(
    () => (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const [job, setJob] = useState<JobOut | null>(null);
  const [running, setRunning] = useState(false);
  const [milestone, setMilestone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const title = t('cycle.title', {
    name: pick(cycle.programName, lang),
    period: periodText(cycle.period, lang),
  });

  useEffect(() => () => abort.current?.abort(), []);

  const follow = async (jobId: string) => {
    setRunning(true);
    const controller = new AbortController();
    abort.current = controller;
    let lastQuarter = -1;
    try {
      const final = await followJob(
        jobId,
        (j) => {
          setJob(j);
          if (j.total && j.total > 0) {
            const q = Math.floor((4 * j.progress) / j.total);
            if (q > lastQuarter && q < 4) {
              lastQuarter = q;
              setMilestone(t('cycle.progress', { done: j.progress, total: j.total }));
            }
          }
        },
        controller.signal,
      );
      await qc.invalidateQueries({ queryKey: ['benefits'] });
      if (final.state === 'succeeded') {
        const message = t('cycle.runDone');
        setNotice(message);
        announce(message);
      } else {
        setError(t('cycle.runFailed', { error: final.error ?? final.state }));
      }
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(isApiError(e) ? e.detail : tr('errors.network'));
    } finally {
      setRunning(false);
    }
  };

  // A run already under way (started here earlier or by someone else): show its progress.
  const followed = useRef(false);
  useEffect(() => {
    if (followed.current || cycle.state !== 'running' || !cycle.jobId) return;
    followed.current = true;
    void follow(cycle.jobId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cycle.state, cycle.jobId]);

  const run = async () => {
    setError(null);
    setNotice(null);
    setJob(null);
    setMilestone('');
    announce(t('cycle.running'));
    try {
      const { jobId } = await api.post<{ jobId: string }>(`/benefits/cycles/${cycle.id}/run`, {});
      await follow(jobId);
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'));
    }
  };

  return (
    <>
      <PageTitle title={title} />
      <p className="lead">
        <CycleStateTag state={cycle.state} /> <ExampleTag example={example} />
      </p>
      {example && <p className="notice notice-warning">{t('exampleNotice')}</p>}
      {notice && <p className="notice notice-success">{notice}</p>}
      <ErrorSummary items={error ? [{ message: error }] : []} />
      <div className="toolbar">
        <Link to="/benefits/cycles" className="button-link">
          {t('cycle.back')}
        </Link>
        <Link to={`/benefits/programs/${cycle.programCode}`} className="button-link">
          {t('cycle.toProgram')}
        </Link>
      </div>

      <section aria-labelledby="cycle-run">
        <h2 id="cycle-run">{t('cycle.runHeading')}</h2>
        {cycle.summary ? (
          <ul className="stat-row">
            <li>
              <span className="stat-label">{t('cycle.count')}</span>
              <span className="stat-value">{cycle.summary.count}</span>
            </li>
            <li>
              <span className="stat-label">{t('cycle.amount')}</span>
              <span className="stat-value">{yuan(cycle.summary.amountFen, lang)}</span>
            </li>
            <li>
              <span className="stat-label">{t('cycle.entered')}</span>
              <span className="stat-value">{cycle.summary.entered}</span>
            </li>
            <li>
              <span className="stat-label">{t('cycle.left')}</span>
              <span className="stat-value">{cycle.summary.left}</span>
            </li>
          </ul>
        ) : (
          <p>{t('cycle.notRun')}</p>
        )}
        <p>
          {t('cycle.byStateLabel')}
          <CountsText counts={cycle.counts} />
        </p>
        {cycle.finishedAt && (
          <p className="muted">{t('cycle.finishedAt', { time: formatTime(cycle.finishedAt, lang) })}</p>
        )}
        {running ? (
          <JobProgress
            job={job}
            label={t('cycle.running')}
            milestone={milestone}
            progressText={(done, total) =>
              total ? t('cycle.progress', { done, total }) : t('cycle.progressUnknown', { done })
            }
          />
        ) : (
          canRun && (
            <div className="toolbar">
              <Button type="primary" onClick={() => void run()}>
                {cycle.state === 'created' ? t('cycle.run') : t('cycle.rerun')}
              </Button>
              <span className="help-text">{t('cycle.runHelp')}</span>
            </div>
          )
        )}
      </section>

      {cycle.state === 'ready' && <EntitlementsPanel key={cycle.finishedAt ?? ''} cycle={cycle} />}

      {cycle.state === 'ready' && canRun && <Payments cycle={cycle} />}
    </>
  );
}

function Payments({ cycle }: { cycle: CycleOut }) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read'))).data?.items;
  const options = streetOptions(lang, areas).filter((s) => !me?.streetCode || s.value === me.streetCode);
  const [street, setStreet] = useState(me?.streetCode ?? options[0]?.value ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<PaymentImportOut | null>(null);
  const [errors, setErrors] = useState<{ id?: string; message: string }[]>([]);
  const [busy, setBusy] = useState<'download' | 'upload' | null>(null);

  const download = async () => {
    setErrors([]);
    setBusy('download');
    try {
      const d = await downloadFile(
        `/benefits/cycles/${cycle.id}/payments.xlsx`,
        { streetCode: street },
        `payments-${cycle.programCode}-${cycle.period}-${street}.xlsx`,
      );
      saveFile(d);
      announce(t('pay.downloaded'));
    } catch (e) {
      setErrors([{ id: 'pay-street', message: isApiError(e) ? e.detail : tr('errors.network') }]);
    } finally {
      setBusy(null);
    }
  };

  const upload = async () => {
    if (!file) {
      setErrors([{ id: 'pay-file', message: t('pay.chooseFile') }]);
      return;
    }
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setErrors([{ id: 'pay-file', message: t('pay.wrongType') }]);
      return;
    }
    setErrors([]);
    setBusy('upload');
    try {
      const body = new FormData();
      body.set('file', file, file.name);
      const r = await api.post<PaymentImportOut>(`/benefits/cycles/${cycle.id}/payments`, body);
      setResult(r);
      announce(t('pay.imported', { paid: r.paid, failed: r.failed, errors: r.errors.length }));
      await qc.invalidateQueries({ queryKey: ['benefits'] });
    } catch (e) {
      setErrors([
        {
          id: 'pay-file',
          message: isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'),
        },
      ]);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="pay-heading">
      <h2 id="pay-heading">{t('pay.heading')}</h2>
      <p>{t('pay.intro')}</p>
      <ErrorSummary items={errors} />
      <h3>{t('pay.exportHeading')}</h3>
      <div className="inline-filters">
        <div className="rule-field">
          <label htmlFor="pay-street" className="rule-label">
            {t('ent.street')}
          </label>
          <select
            id="pay-street"
            className="native-select"
            value={street}
            onChange={(e) => setStreet(e.target.value)}
          >
            {options.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <Button onClick={() => void download()} loading={busy === 'download'} disabled={!street}>
          {t('pay.download')}
        </Button>
      </div>
      <p className="help-text">{t('pay.exportHelp')}</p>

      <h3>{t('pay.importHeading')}</h3>
      <div className="field">
        <label htmlFor="pay-file" className="field-label">
          {t('pay.file')}
        </label>
        <input
          id="pay-file"
          type="file"
          className="file-input"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby="pay-file-help"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
          }}
        />
        <p id="pay-file-help" className="help-text">
          {file ? t('pay.chosen', { name: file.name }) : t('pay.fileHelp')}
        </p>
      </div>
      <div className="toolbar">
        <Button type="primary" onClick={() => void upload()} loading={busy === 'upload'}>
          {t('pay.upload')}
        </Button>
      </div>
      {result && (
        <div>
          <p className="import-summary">
            {t('pay.result', { rows: result.rows, paid: result.paid, failed: result.failed })}
          </p>
          {result.errors.length > 0 && (
            <TableScroll label={t('pay.errorsTitle')}>
              <table className="data-table">
                <caption>{t('pay.errorsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('pay.row')}</th>
                    <th scope="col">{t('pay.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.errors.map((e, i) => (
                    <tr key={`${e.row}-${i}`}>
                      <td>{e.row}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </div>
      )}
    </section>
  );
}
