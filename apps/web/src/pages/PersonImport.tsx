import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, Checkbox } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FIELD_MESSAGES } from '@jinglin/shared';
import { API_BASE, api, isApiError, saveFile } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { SearchSelect, streetOptions } from '../components/fields';
import { JobProgress } from '../components/JobProgress';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { followJob } from '../jobs';
import { useAreas } from '../queries';
import { useMe } from '../session';
import type { ImportError, ImportResult, JobOut } from '../types';

type Step = 'choose' | 'check' | 'confirm' | 'done';
const STEPS: Step[] = ['choose', 'check', 'confirm', 'done'];
const TEMPLATE_COLUMNS = [
  '姓名',
  '身份证号',
  '残疾人证号',
  '发证日期',
  '性别',
  '出生日期',
  '联系电话',
  '户籍',
  '街镇',
  '居委',
  '住址',
  '低保',
];
const FILE_INPUT = 'import-file';

function resultOf(job: JobOut): ImportResult | null {
  const r = job.result as Partial<ImportResult> | null;
  return r && typeof r.rows === 'number' ? (r as ImportResult) : null;
}

/** The spreadsheet import wizard: choose a file → check it (a dry run) → import → result. */
export default function PersonImport() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read'))).data?.items;
  const [step, setStep] = useState<Step>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [streetCode, setStreetCode] = useState<string | undefined>(me?.streetCode ?? undefined);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [job, setJob] = useState<JobOut | null>(null);
  const [running, setRunning] = useState<'dry' | 'commit' | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  // The check's job: its error report stays downloadable while the import runs.
  const [checkJobId, setCheckJobId] = useState<string | null>(null);
  const [written, setWritten] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [milestone, setMilestone] = useState('');
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const abort = useRef<AbortController | null>(null);
  const fileHelpId = useId();
  const streetId = useId();

  useEffect(() => () => abort.current?.abort(), []);

  // Each new step: focus its heading, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (!moved.current) return;
    stepHeading.current?.focus();
  }, [step]);
  const go = (next: Step) => {
    moved.current = true;
    setStep(next);
  };

  const run = async (dryRun: boolean): Promise<{ result: ImportResult; jobId: string } | null> => {
    if (!file) return null;
    setErrors([]);
    setJob(null);
    setMilestone('');
    setRunning(dryRun ? 'dry' : 'commit');
    announce(dryRun ? t('personImport.checking') : t('personImport.importing'));
    const controller = new AbortController();
    abort.current = controller;
    try {
      const body = new FormData();
      body.set('dryRun', String(dryRun));
      body.set('skipInvalid', String(!dryRun && skipInvalid));
      if (streetCode) body.set('streetCode', streetCode);
      body.set('file', file, file.name);
      const { jobId } = await api.post<{ jobId: string }>('/persons/import', body);
      let lastQuarter = -1;
      const final = await followJob(
        jobId,
        (j) => {
          setJob(j);
          if (j.total && j.total > 0) {
            const quarter = Math.floor((4 * j.progress) / j.total);
            if (quarter > lastQuarter && quarter < 4) {
              lastQuarter = quarter;
              setMilestone(t('personImport.progress', { done: j.progress, total: j.total }));
            }
          }
        },
        controller.signal,
      );
      const result = resultOf(final);
      if (final.state !== 'succeeded' || !result) {
        setErrors([{ message: t('personImport.failed', { error: final.error ?? final.state }) }]);
        return null;
      }
      return { result, jobId };
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      setErrors([{ message: isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : t('errors.network') }]);
      return null;
    } finally {
      setRunning(null);
    }
  };

  // The server reports row problems in Chinese; in English, show the same problem's English text.
  const problemText = (code: string | undefined, message: string) =>
    (lang === 'en' && code && FIELD_MESSAGES.en[code]) || message;

  const check = async () => {
    if (!file) {
      setErrors([{ id: FILE_INPUT, message: t('personImport.chooseFile') }]);
      return;
    }
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setErrors([{ id: FILE_INPUT, message: t('personImport.wrongType') }]);
      return;
    }
    go('check');
    const out = await run(true);
    if (out) {
      const { result } = out;
      setChecked(result);
      setCheckJobId(out.jobId);
      setSkipInvalid(false);
      announce(summaryText(result));
      go('confirm');
    }
  };

  const commit = async () => {
    if (!checked) return;
    if (checked.invalid > 0 && !skipInvalid) {
      setErrors([
        { id: 'skip-invalid', message: t('personImport.mustSkipOrFix', { count: checked.invalid }) },
      ]);
      return;
    }
    const out = await run(false);
    if (out) {
      const { result } = out;
      setWritten(result);
      await qc.invalidateQueries({ queryKey: ['persons'] });
      announce(t('personImport.done', { count: result.written }));
      go('done');
    }
  };

  const restart = () => {
    abort.current?.abort();
    setFile(null);
    setChecked(null);
    setCheckJobId(null);
    setWritten(null);
    setJob(null);
    setErrors([]);
    setSkipInvalid(false);
    go('choose');
  };

  const downloadTemplate = () => {
    const csv = `\uFEFF${TEMPLATE_COLUMNS.join(',')}\r\n`;
    saveFile({
      blob: new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      filename: t('personImport.templateName'),
      headers: new Headers(),
    });
  };

  const summaryText = (r: ImportResult) =>
    [
      t('personImport.rows', { count: r.rows }),
      t('personImport.valid', { count: r.valid }),
      t('personImport.invalid', { count: r.invalid }),
    ].join(lang === 'en' ? ', ' : '，');

  const stepIndex = STEPS.indexOf(step);

  return (
    <>
      <PageTitle title={t('personImport.title')} />
      <p>{t('personImport.intro')}</p>

      <ol className="wizard-steps" aria-label={t('personImport.steps')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={s === step ? 'step' : undefined}
            className={i < stepIndex ? 'done' : s === step ? 'current' : undefined}
          >
            <span className="wizard-step-number" aria-hidden="true">
              {i + 1}
            </span>
            {t(`personImport.step.${s}`)}
            {i < stepIndex && <span className="visually-hidden">{t('personImport.stepDone')}</span>}
          </li>
        ))}
      </ol>

      <ErrorSummary items={errors} />

      {step === 'choose' && (
        <section aria-labelledby="step-choose">
          <h2 id="step-choose" ref={stepHeading} tabIndex={-1}>
            {t('personImport.step.choose')}
          </h2>
          <p>{t('personImport.columns')}</p>
          <p>
            <Button onClick={downloadTemplate}>{t('personImport.template')}</Button>
          </p>
          <div className="field">
            <label htmlFor={FILE_INPUT} className="field-label">
              {t('personImport.file')}
            </label>
            <input
              id={FILE_INPUT}
              type="file"
              className="file-input"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-describedby={fileHelpId}
              aria-invalid={errors.some((e) => e.id === FILE_INPUT) || undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setErrors([]);
              }}
            />
            <p id={fileHelpId} className="help-text">
              {file ? t('personImport.chosen', { name: file.name }) : t('personImport.fileHelp')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={streetId} className="field-label">
              {t('personImport.defaultStreet')}
            </label>
            <SearchSelect
              id={streetId}
              value={streetCode}
              onChange={(v) => setStreetCode(v ?? undefined)}
              options={streetOptions(lang, areas)}
              placeholder={t('personImport.noDefault')}
              style={{ width: '100%', maxWidth: '24rem' }}
            />
            <p className="help-text">{t('personImport.defaultStreetHelp')}</p>
          </div>
          <div className="toolbar">
            <Button type="primary" onClick={() => void check()}>
              {t('personImport.check')}
            </Button>
            <Link to="/persons" className="button-link">
              {t('common.cancel')}
            </Link>
          </div>
        </section>
      )}

      {step === 'check' && (
        <section aria-labelledby="step-check">
          <h2 id="step-check" ref={stepHeading} tabIndex={-1}>
            {t('personImport.step.check')}
          </h2>
          {running === 'dry' ? (
            <JobProgress job={job} label={t('personImport.checking')} milestone={milestone} />
          ) : (
            <div className="toolbar">
              <Button onClick={restart}>{t('personImport.chooseAnother')}</Button>
            </div>
          )}
        </section>
      )}

      {step === 'confirm' && checked && (
        <section aria-labelledby="step-confirm">
          <h2 id="step-confirm" ref={stepHeading} tabIndex={-1}>
            {t('personImport.step.confirm')}
          </h2>
          <p className="import-summary">{summaryText(checked)}</p>
          {checked.errors.length > 0 && (
            <ImportErrors errors={checked.errors} total={checked.invalid} problemText={problemText} />
          )}
          {checked.errorReportAvailable && checkJobId && (
            <p>
              <a href={`${API_BASE}/persons/import/${checkJobId}/errors.xlsx`} download>
                {t('personImport.downloadErrors')}
              </a>
            </p>
          )}
          {running === 'commit' ? (
            <JobProgress job={job} label={t('personImport.importing')} milestone={milestone} />
          ) : checked.valid === 0 ? (
            <>
              <p>{t('personImport.nothingValid')}</p>
              <div className="toolbar">
                <Button type="primary" onClick={restart}>
                  {t('personImport.chooseAnother')}
                </Button>
              </div>
            </>
          ) : (
            <>
              {checked.invalid > 0 ? (
                <div className="field">
                  <Checkbox
                    id="skip-invalid"
                    checked={skipInvalid}
                    onChange={(e) => setSkipInvalid(e.target.checked)}
                  >
                    {t('personImport.skipInvalid', { count: checked.valid })}
                  </Checkbox>
                  <p className="help-text">{t('personImport.allOrNothing')}</p>
                </div>
              ) : (
                <p>{t('personImport.allValid', { count: checked.valid })}</p>
              )}
              <div className="toolbar">
                <Button type="primary" onClick={() => void commit()}>
                  {checked.invalid === 0
                    ? t('personImport.commit', { count: checked.rows })
                    : skipInvalid
                      ? t('personImport.commit', { count: checked.valid })
                      : t('personImport.commitPlain')}
                </Button>
                <Button onClick={restart}>{t('personImport.chooseAnother')}</Button>
              </div>
            </>
          )}
        </section>
      )}

      {step === 'done' && written && (
        <section aria-labelledby="step-done">
          <h2 id="step-done" ref={stepHeading} tabIndex={-1}>
            {t('personImport.step.done')}
          </h2>
          <p className="notice notice-success">
            {written.written > 0
              ? t('personImport.done', { count: written.written })
              : t('personImport.doneNone')}
            {written.invalid > 0 && ` ${t('personImport.doneSkipped', { count: written.invalid })}`}
          </p>
          <div className="toolbar">
            <Link to="/persons" className="button-link button-link-primary">
              {t('personImport.toList')}
            </Link>
            <Button onClick={restart}>{t('personImport.again')}</Button>
          </div>
        </section>
      )}
    </>
  );
}

function ImportErrors({
  errors,
  total,
  problemText,
}: {
  errors: ImportError[];
  total: number;
  problemText: (code: string | undefined, fallback: string) => string;
}) {
  const { t } = useTranslation();
  const rows = new Set(errors.map((e) => e.row)).size;
  return (
    <>
      <h3>{t('personImport.errorsTitle')}</h3>
      {rows < total && <p className="help-text">{t('personImport.errorsFirst', { count: errors.length })}</p>}
      <TableScroll label={t('personImport.errorsTitle')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('personImport.errorRow')}</th>
              <th scope="col">{t('personImport.errorColumn')}</th>
              <th scope="col">{t('personImport.errorMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={`${e.row ?? 'file'}-${e.column ?? ''}-${i}`}>
                <td>{e.row ?? t('personImport.fileLevel')}</td>
                <td>{e.column ?? ''}</td>
                <td>{problemText(e.code, e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
