/**
 * The printable proof of volunteer service (/care/proofs/:id/print for staff, /me/hours/proofs/:id/print
 * for the volunteer): every field the 2021 rules require — name, ID type and number, volunteer
 * number, period, total, the service records (date, activity, content, time), issuer, person in
 * charge, handler, contact, certificate number, date and a seal area. Printed on exactly one A4
 * page (hours.css): the shell is hidden, a long list is condensed per month.
 */
import { useLocation, useNavigate, useParams } from 'react-router';
import { Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useHT } from './i18n';
import { decimalHours, printRows, type MonthGroup, type ProofPrint, type ProofRecord } from './model';
import { useDuration } from './parts';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export default function ProofPrintPage() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const own = pathname.startsWith('/me/');
  const { t } = useHT();
  const duration = useDuration();
  const proof = useQuery({
    queryKey: ['care', 'proof', id, own],
    queryFn: ({ signal }) =>
      api.get<ProofPrint>(own ? `/care/me/hours/proofs/${id}` : `/care/proofs/${id}`, { signal }),
    // The full ID number is on this page: never keep it in the cache after leaving.
    gcTime: 0,
  });
  const day = (iso: string) => {
    const [y, m, d] = iso.slice(0, 10).split('-');
    return t('print.date', { y, m, d });
  };
  // "2 小时 30 分钟（2.5 小时）": the decimal only when it adds something.
  const total = (minutes: number) =>
    minutes % 60
      ? t('withDecimal', {
          duration: duration(minutes),
          decimal: t('hoursDecimal', { hours: decimalHours(minutes) }),
        })
      : duration(minutes);

  if (proof.error)
    return (
      <>
        <PageTitle title={t('print.title')} />
        <ErrorSummary items={[{ message: isApiError(proof.error) ? proof.error.detail : t('loadFailed') }]} />
      </>
    );
  if (!proof.data)
    return (
      <>
        <PageTitle title={t('print.title')} />
        <Loading />
      </>
    );
  const p = proof.data;
  const v = p.volunteer;
  const idType = t(`idType.${v.idType}`);
  const idNumber = v.idNumber ?? t('print.notRecorded');
  const volunteerNo = v.volunteerNo ?? t('print.notRecorded');
  const rows = printRows(p.records);

  return (
    <div className="proof-page">
      <div className="proof-toolbar no-print">
        <Button type="primary" onClick={() => window.print()}>
          {t('print.printButton')}
        </Button>
        <Button onClick={() => void navigate(-1)}>{t('print.back')}</Button>
      </div>
      <article className="proof-sheet" aria-labelledby="page-title" data-testid="proof-sheet">
        <PageTitle title={`${t('print.title')} ${p.certificateNo}`} heading={t('print.heading')} />
        <p className="proof-no">{t('print.certificateNo', { no: p.certificateNo })}</p>
        {p.revokedAt && (
          <p className="proof-revoked" role="note">
            {t('print.revoked', { date: day(p.revokedAt) })}
          </p>
        )}
        <table className="proof-facts">
          <tbody>
            <tr>
              <th scope="row">{t('print.name')}</th>
              <td>{v.name}</td>
              <th scope="row">{t('print.volunteerNo')}</th>
              <td>{volunteerNo}</td>
            </tr>
            <tr>
              <th scope="row">{t('print.idType')}</th>
              <td>{idType}</td>
              <th scope="row">{t('print.idNumber')}</th>
              <td className="proof-id">{idNumber}</td>
            </tr>
            <tr>
              <th scope="row">{t('print.period')}</th>
              <td>
                {day(p.periodFrom)} – {day(p.periodTo)}
              </td>
              <th scope="row">{t('print.total')}</th>
              <td>{total(p.totalMinutes)}</td>
            </tr>
          </tbody>
        </table>
        <p className="proof-body">
          {t('print.body', {
            name: v.name,
            idType,
            idNumber,
            volunteerNo,
            from: day(p.periodFrom),
            to: day(p.periodTo),
            total: total(p.totalMinutes),
          })}
        </p>
        {rows.kind === 'records' ? recordRows(rows.rows) : monthRows(rows.rows)}
        <p className="proof-note">{t('print.note')}</p>
        <div className="proof-sign">
          <dl className="proof-issuer">
            <div>
              <dt>{t('print.issuer')}</dt>
              <dd>{p.issuer.name}</dd>
            </div>
            <div>
              <dt>{t('print.personInCharge')}</dt>
              <dd>{p.issuer.personInCharge}</dd>
            </div>
            <div>
              <dt>{t('print.handler')}</dt>
              <dd>{p.issuer.handler}</dd>
            </div>
            <div>
              <dt>{t('print.contact')}</dt>
              <dd>{p.issuer.contact}</dd>
            </div>
            <div>
              <dt>{t('print.issuedOn')}</dt>
              <dd>{day(p.issuedOn)}</dd>
            </div>
          </dl>
          <div className="proof-seal" aria-label={t('print.seal')}>
            <span>{p.issuer.name}</span>
            <span>{t('print.seal')}</span>
          </div>
        </div>
      </article>
    </div>
  );

  function recordRows(list: readonly ProofRecord[]) {
    return (
      <table className="proof-records">
        <caption>{t('print.recordsTitle')}</caption>
        <colgroup>
          <col className="proof-col-date" />
          <col className="proof-col-activity" />
          <col />
          <col className="proof-col-minutes" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('records.date')}</th>
            <th scope="col">{t('records.activity')}</th>
            <th scope="col">{t('records.content')}</th>
            <th scope="col">{t('records.minutes')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.recordId}>
              <td className="nowrap">{r.serviceDate}</td>
              <td title={r.activity}>{clip(r.activity, 24)}</td>
              <td title={r.content}>{clip(r.content, 40) || t('none')}</td>
              <td className="nowrap">{duration(r.minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  function monthRows(list: readonly MonthGroup[]) {
    return (
      <table className="proof-records">
        <caption>
          {t('print.recordsTitle')} — {t('print.recordsGrouped')}
        </caption>
        <colgroup>
          <col className="proof-col-date" />
          <col className="proof-col-count" />
          <col />
          <col className="proof-col-minutes" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('print.month')}</th>
            <th scope="col">{t('print.times')}</th>
            <th scope="col">{t('print.activities')}</th>
            <th scope="col">{t('records.minutes')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((g) => {
            const [y, m] = g.month.split('~')[0]!.split('-');
            const label = g.month.includes('~')
              ? g.month
              : t('print.monthValue', { year: y, month: Number(m) });
            const shown = g.activities.slice(0, 3).map((a) => clip(a, 16));
            return (
              <tr key={g.month}>
                <td className="nowrap">{label}</td>
                <td className="nowrap">{t('print.timesValue', { count: g.count })}</td>
                <td>
                  {shown.join('、')}
                  {g.activities.length > 3 ? ` ${t('print.more', { count: g.activities.length })}` : ''}
                </td>
                <td className="nowrap">{duration(g.minutes)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
}
