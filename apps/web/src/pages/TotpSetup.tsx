import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, Form, Input, QRCode } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import {
  applyProblem,
  digitsOnly,
  summaryFromValidation,
  type ProblemSummary,
  type ValidationInfo,
} from '../forms';
import { ME_KEY, useMe } from '../session';
import type { TotpSetup as Setup } from '../types';

const FORM = 'totp';
const NO_ERRORS: ProblemSummary = { items: [] };

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP" */
function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

export default function TotpSetup() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const me = useMe(false);
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const stepsRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const enrolling = isApiError(me.error) && me.error.code === 'totp_not_enrolled';

  useEffect(() => {
    if (setup) stepsRef.current?.focus();
  }, [setup]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const start = async () => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      setSetup(await api.post<Setup>('/auth/totp/setup', {}));
    } catch (e) {
      setSummary(applyProblem(null, FORM, e, [], t));
    } finally {
      setBusy(false);
    }
  };

  const enable = async (code: string) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      await api.post('/auth/totp/enable', { code });
      setDone(true);
      announce(t('totp.enabled'));
      await qc.invalidateQueries({ queryKey: ME_KEY });
    } catch (e) {
      const s = applyProblem(form, FORM, e, ['code'], t);
      if (isApiError(e) && e.fieldErrors.length === 0) {
        form.setFields([{ name: 'code', errors: [e.detail] }]);
        s.items = [{ id: `${FORM}_code`, message: e.detail }];
      }
      setSummary(s);
    } finally {
      setBusy(false);
    }
  };

  const alreadyOn = !done && me.data?.totpEnabled;

  return (
    <>
      <PageTitle title={t('totp.title')} />
      {enrolling && <p className="notice notice-warning">{t('totp.required')}</p>}
      <p>{t('totp.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      {alreadyOn ? (
        <p className="notice notice-success">
          {t('totp.alreadyEnabled')} <Link to="/account">{t('nav.account')}</Link>
        </p>
      ) : done ? (
        <>
          <p ref={doneRef} tabIndex={-1} className="notice notice-success">
            {t('totp.enabled')}
          </p>
          <p>
            <Link to="/">{t('totp.continue')}</Link>
          </p>
        </>
      ) : !setup ? (
        <>
          <p>{t('totp.step1')}</p>
          <Button type="primary" size="large" loading={busy} onClick={() => void start()}>
            {busy ? t('totp.starting') : t('totp.start')}
          </Button>
        </>
      ) : (
        <>
          <h2 ref={stepsRef} tabIndex={-1}>
            {t('totp.secret')}
          </h2>
          <ol>
            <li>{t('totp.step1')}</li>
            <li>
              {t('totp.step2')}
              <dl className="facts">
                <dt>{t('totp.secretLabel')}</dt>
                <dd>
                  <code className="secret">{groupSecret(setup.secret)}</code>
                </dd>
                <dt>{t('totp.otpauth')}</dt>
                <dd>
                  <code className="otpauth">{setup.otpauthUrl}</code>
                </dd>
              </dl>
              <QRCode
                value={setup.otpauthUrl}
                size={176}
                bordered={false}
                aria-label={t('totp.qr')}
                className="qr"
              />
            </li>
            <li>{t('totp.step3')}</li>
          </ol>
          <Form<{ code: string }>
            form={form}
            name={FORM}
            layout="vertical"
            className="narrow-form"
            requiredMark={false}
            onFinish={(v) => void enable(v.code)}
            onFinishFailed={(info) =>
              setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })
            }
          >
            <Form.Item
              name="code"
              label={t('totp.code')}
              normalize={(v: unknown) => digitsOnly(v)}
              rules={[
                { required: true, message: t('errors.required', { field: t('totp.code') }) },
                { pattern: /^\d{6}$/, message: t('totp.codeFormat') },
              ]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" loading={busy}>
              {t('totp.enable')}
            </Button>
          </Form>
        </>
      )}
    </>
  );
}
