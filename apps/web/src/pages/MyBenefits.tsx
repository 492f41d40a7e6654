import { useRef, useState } from 'react';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import { formatTime } from '../labels';
import { useBT } from '../benefits/i18n';
import { monthOf, periodText, pick, yuan, type MyBenefit, type MyBenefitsOut } from '../benefits/model';
import { ExampleTag, ExplanationTree, Part } from '../benefits/parts';

const KEY = ['benefits', 'me'];

type Action = { kind: 'decline' | 'object'; personId: string; who: string; benefit: MyBenefit };

/**
 * The resident portal's "my benefits": what the resident (or their ward) receives, in plain words,
 * with payments, why, declining and objecting, notices and the answers to objections.
 */
export default function MyBenefits() {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const data = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<MyBenefitsOut>('/me/benefits', { signal }),
  });
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  return (
    <div className="portal">
      <PageTitle title={t('my.title')} />
      <p>{t('my.intro')}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <Part query={data}>
        {(d) => (
          <>
            <Notices data={d} />
            {d.persons.length === 0 && <p>{t('my.noPersons')}</p>}
            {d.persons.map((p) => {
              const who = p.self ? t('my.you') : p.name;
              return (
                <section key={p.personId} aria-labelledby={`my-${p.personId}`}>
                  <h2 id={`my-${p.personId}`}>
                    {p.self ? t('my.selfHeading') : t('my.wardHeading', { name: p.name })}
                  </h2>
                  {p.benefits.length === 0 && <p>{t('my.noBenefits')}</p>}
                  {p.benefits.map((b) => (
                    <BenefitCard
                      key={b.code}
                      benefit={b}
                      who={who}
                      self={p.self}
                      onAction={(kind, el) => {
                        opener.current = el;
                        setAction({ kind, personId: p.personId, who, benefit: b });
                      }}
                    />
                  ))}
                </section>
              );
            })}
            <Objections data={d} />
          </>
        )}
      </Part>
      <Dialog
        open={action !== null}
        title={
          action
            ? action.kind === 'decline'
              ? t('my.declineTitle', { name: pick(action.benefit.name, lang) })
              : t('my.objectTitle', { name: pick(action.benefit.name, lang) })
            : ''
        }
        onClose={() => setAction(null)}
        returnFocus={opener}
        initialFocus={action?.kind === 'object' ? 'object-text' : 'decline-no'}
      >
        {action && (
          <ActionForm
            action={action}
            onCancel={() => setAction(null)}
            onDone={(message) => {
              setAction(null);
              setNotice(message);
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

function BenefitCard({
  benefit: b,
  who,
  self,
  onAction,
}: {
  benefit: MyBenefit;
  who: string;
  self: boolean;
  onAction: (kind: 'decline' | 'object', el: HTMLElement) => void;
}) {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const id = `b-${b.code}-${who}`.replace(/[^\w-]/g, '');
  const status =
    b.status === 'receiving'
      ? t('my.status.receiving', {
          who,
          amount: yuan(b.amountFen, lang),
          since: periodText(b.sincePeriod, lang),
        })
      : b.status === 'stopped'
        ? t('my.status.stopped', { who, until: periodText(b.untilPeriod, lang) })
        : b.status === 'declined'
          ? t('my.status.declined', { who })
          : t('my.status.not_eligible', { who });
  return (
    <article className="benefit-card" aria-labelledby={id}>
      <h3 id={id}>
        {pick(b.name, lang)} <ExampleTag example={b.example} />
      </h3>
      <p className="benefit-status">
        <span className={b.status === 'receiving' ? 'tag tag-ok' : 'tag'}>
          {t(`my.statusTag.${b.status}`)}
        </span>{' '}
        {status}
      </p>
      {b.status === 'receiving' && (
        <p>
          {t('my.perMonth')} <span className="big-amount">{yuan(b.amountFen, lang)}</span>
        </p>
      )}
      {pick(b.description, lang) && <p>{pick(b.description, lang)}</p>}
      {b.example && <p className="notice notice-warning">{t('my.exampleNote')}</p>}

      {b.payments.length > 0 && (
        <>
          <h4>{t('my.payments')}</h4>
          <ul>
            {b.payments.map((p) => (
              <li key={p.period}>
                {t('my.payment', {
                  period: periodText(p.period, lang),
                  amount: yuan(p.amountFen, lang),
                  state: t(`my.payState.${p.state}`),
                })}
              </li>
            ))}
          </ul>
        </>
      )}

      <details>
        <summary>{t('my.why')}</summary>
        <p>{t('my.whyIntro')}</p>
        <ExplanationTree node={b.explanation} />
      </details>

      {b.openObjection && <p className="notice">{t('my.objectionOpen')}</p>}
      <div className="toolbar">
        {b.status === 'receiving' && (
          <Button onClick={(e) => onAction('decline', e.currentTarget)}>
            {self ? t('my.decline') : t('my.declineFor', { name: who })}
          </Button>
        )}
        {!b.openObjection && (
          <Button onClick={(e) => onAction('object', e.currentTarget)}>{t('my.object')}</Button>
        )}
      </div>
    </article>
  );
}

function ActionForm({
  action,
  onCancel,
  onDone,
}: {
  action: Action;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ id?: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const name = pick(action.benefit.name, lang);
  const next = periodText(monthOf(1), lang);

  const submit = async () => {
    if (action.kind === 'object' && [...text.trim()].length < 5) {
      setErrors([{ id: 'object-text', message: t('my.objectTooShort') }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      if (action.kind === 'decline')
        await api.post('/me/benefits/waivers', {
          personId: action.personId,
          programCode: action.benefit.code,
        });
      else
        await api.post('/me/benefits/objections', {
          personId: action.personId,
          programCode: action.benefit.code,
          text: text.trim(),
        });
      await qc.invalidateQueries({ queryKey: KEY });
      const message =
        action.kind === 'decline' ? t('my.declined', { name, next }) : t('my.objected', { name });
      announce(message);
      onDone(message);
    } catch (e) {
      setErrors([
        {
          ...(action.kind === 'object' ? { id: 'object-text' } : {}),
          message: isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network'),
        },
      ]);
      setBusy(false);
    }
  };

  if (action.kind === 'decline')
    return (
      <>
        <ErrorSummary items={errors} />
        <p className="benefit-status">{t('my.declineBody', { name, next, who: action.who })}</p>
        <p>{t('my.declineUndo')}</p>
        <div className="toolbar">
          <Button type="primary" danger onClick={() => void submit()} loading={busy}>
            {t('my.declineYes')}
          </Button>
          <Button id="decline-no" onClick={onCancel}>
            {t('my.declineNo')}
          </Button>
        </div>
      </>
    );
  return (
    <>
      <ErrorSummary items={errors} />
      <p>{t('my.objectBody', { name })}</p>
      <div className="field">
        <label htmlFor="object-text" className="field-label">
          {t('my.objectLabel')}
        </label>
        <textarea
          id="object-text"
          className="native-input"
          maxLength={2000}
          rows={5}
          value={text}
          aria-describedby="object-help"
          aria-invalid={errors.some((e) => e.id === 'object-text') || undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <p id="object-help" className="help-text">
          {t('my.objectHelp')}
        </p>
      </div>
      <div className="toolbar">
        <Button type="primary" onClick={() => void submit()} loading={busy}>
          {t('my.objectSend')}
        </Button>
        <Button onClick={onCancel}>{tr('common.cancel')}</Button>
      </div>
    </>
  );
}

function Notices({ data }: { data: MyBenefitsOut }) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  if (data.notices.length === 0) return null;
  const unread = data.notices.filter((n) => !n.read).length;
  const markRead = async (id: string) => {
    setError(null);
    try {
      await api.post(`/me/notices/${id}/read`, {});
      await qc.invalidateQueries({ queryKey: KEY });
      announce(t('my.noticeRead'));
      document.getElementById('my-notices')?.focus();
    } catch (e) {
      setError(isApiError(e) ? e.detail : tr('errors.network'));
    }
  };
  return (
    <section aria-labelledby="my-notices">
      <h2 id="my-notices" tabIndex={-1}>
        {t('my.notices')}
        {unread > 0 && ` ${t('my.unread', { count: unread })}`}
      </h2>
      <ErrorSummary items={error ? [{ message: error }] : []} />
      <ul className="plain-list">
        {data.notices.map((n) => (
          <li key={n.id} className="benefit-card">
            <p>
              {!n.read && <span className="tag tag-warning">{t('my.new')}</span>} {pick(n.message, lang)}
            </p>
            <p className="muted">{formatTime(n.createdAt, lang)}</p>
            {!n.read && <Button onClick={() => void markRead(n.id)}>{t('my.markRead')}</Button>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Objections({ data }: { data: MyBenefitsOut }) {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  if (data.objections.length === 0) return null;
  return (
    <section aria-labelledby="my-objections">
      <h2 id="my-objections">{t('my.objections')}</h2>
      <ul className="plain-list">
        {data.objections.map((o) => (
          <li key={o.id} className="benefit-card">
            <p>
              <strong>{pick(o.programName, lang)}</strong> · {formatTime(o.raisedAt, lang)}
            </p>
            <p>{t('my.youWrote', { text: o.text })}</p>
            <p className="benefit-status">
              {o.state === 'open'
                ? t('my.objState.open', { deadline: o.deadline })
                : t(`my.objState.${o.state}`)}
            </p>
            {o.decision && <p>{t('my.answer', { text: o.decision })}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
