import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import type { Guardian, PersonOut, Revealed } from '../../types';

const NO_ERRORS: ProblemSummary = { items: [] };

export function RevealDialog({
  open,
  person,
  guardians,
  onClose,
  returnFocus,
}: {
  open: boolean;
  person: PersonOut;
  guardians: readonly Guardian[];
  onClose: () => void;
  returnFocus: React.RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('personDetail.revealTitle', { name: person.name })}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus="reveal_reason"
    >
      {/* Unmounted when the dialog closes (destroyOnHidden): the clear values go with it. */}
      <RevealForm person={person} guardians={guardians} onClose={onClose} />
    </Dialog>
  );
}

function RevealForm({
  person,
  guardians,
  onClose,
}: {
  person: PersonOut;
  guardians: readonly Guardian[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [clear, setClear] = useState<Revealed | null>(null);
  const shown = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (clear) shown.current?.focus();
  }, [clear]);

  const submit = async (v: { reason: string }) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      setClear(await api.post<Revealed>(`/persons/${person.id}/reveal`, { reason: v.reason.trim() }));
    } catch (e) {
      setSummary(applyProblem(form, 'reveal', e, ['reason'], t));
    } finally {
      setBusy(false);
    }
  };

  if (clear) {
    const none = <span className="muted">{t('personDetail.empty')}</span>;
    return (
      <>
        <h3 ref={shown} tabIndex={-1} className="dialog-heading">
          {t('personDetail.revealedTitle')}
        </h3>
        <dl className="facts revealed">
          <dt>{t('personDetail.idNumber')}</dt>
          <dd className="mono">{clear.idNumber}</dd>
          <dt>{t('personDetail.certNumber')}</dt>
          <dd className="mono">{clear.certificateNumber ?? none}</dd>
          <dt>{t('personDetail.phone')}</dt>
          <dd className="mono">{clear.phone ?? none}</dd>
          <dt>{t('personDetail.address')}</dt>
          <dd>{clear.address ?? none}</dd>
          {clear.guardians.map((g) => (
            <RevealedGuardian key={g.id} name={guardians.find((x) => x.id === g.id)?.name} phone={g.phone} />
          ))}
        </dl>
        <p className="help-text">{t('personDetail.revealHideNote')}</p>
        <div className="toolbar">
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        </div>
      </>
    );
  }

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{t('personDetail.revealIntro')}</p>
      <Form
        form={form}
        name="reveal"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('reveal', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="reason"
          label={t('personDetail.revealReason')}
          extra={t('persons.reasonHelp')}
          rules={reasonRules(t, t('personDetail.revealReason'))}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('personDetail.revealSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

function RevealedGuardian({ name, phone }: { name: string | undefined; phone: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{t('personDetail.guardianPhone', { name: name ?? t('personDetail.guardian') })}</dt>
      <dd className="mono">{phone ?? <span className="muted">{t('personDetail.empty')}</span>}</dd>
    </>
  );
}

/** A reason of at least 4 characters (reveal, merge, export). */
export function reasonRules(t: TFunction, field: string) {
  return [
    { required: true, whitespace: true, message: t('errors.required', { field }) },
    {
      validator: (_r: unknown, v: unknown) =>
        typeof v !== 'string' || !v.trim() || [...v.trim()].length >= 4
          ? Promise.resolve()
          : Promise.reject(new Error(t('persons.reasonTooShort'))),
    },
  ];
}
