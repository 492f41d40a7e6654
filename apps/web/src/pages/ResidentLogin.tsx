import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Form, Input, type InputRef } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import {
  applyProblem,
  digitsOnly,
  PHONE_RE,
  summaryFromValidation,
  tidyPhone,
  type ProblemSummary,
  type ValidationInfo,
} from '../forms';
import { rememberLogin, safeNext } from '../session';
import type { LoginResult } from '../types';

const PHONE_FORM = 'phone';
const CODE_FORM = 'code';
const NO_ERRORS: ProblemSummary = { items: [] };
const RESEND_SECONDS = 60;

export default function ResidentLogin() {
  const { t } = useTranslation();
  const [phoneForm] = Form.useForm<{ phone: string }>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const [phone, setPhone] = useState<string | null>(null);
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(0);
  const codeRef = useRef<InputRef>(null);
  const phoneRef = useRef<InputRef>(null);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);

  const send = async (value: string) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const p = tidyPhone(value);
      await api.post('/auth/otp/request', { phone: p }, { quiet: true });
      setPhone(p);
      setWait(RESEND_SECONDS);
    } catch (e) {
      setSummary(applyProblem(phoneForm, PHONE_FORM, e, ['phone'], t));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (code: string) => {
    if (!phone) return;
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const result = await api.post<LoginResult>('/auth/otp/verify', { phone, code }, { quiet: true });
      rememberLogin(qc, result);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      const s = applyProblem(codeForm, CODE_FORM, e, ['code'], t);
      setSummary(
        s.items.length === 1 && !s.items[0]?.id
          ? { items: [{ ...s.items[0]!, id: `${CODE_FORM}_code` }] }
          : s,
      );
    } finally {
      setBusy(false);
    }
  };

  // Move focus to the field the person needs next (after sending, or after "use a different number").
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (phone) codeRef.current?.focus();
    else phoneRef.current?.focus();
  }, [phone]);

  const changePhone = () => {
    setPhone(null);
    setSummary(NO_ERRORS);
    codeForm.resetFields();
  };

  return (
    <div className="big-form">
      <PageTitle title={t('residentLogin.title')} />
      <p>{t('residentLogin.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      {phone === null ? (
        <Form<{ phone: string }>
          form={phoneForm}
          name={PHONE_FORM}
          layout="vertical"
          className="narrow-form"
          requiredMark={false}
          onFinish={(v) => void send(v.phone)}
          onFinishFailed={(info) =>
            setSummary({ items: summaryFromValidation(PHONE_FORM, info as ValidationInfo) })
          }
        >
          <Form.Item
            name="phone"
            label={t('residentLogin.phone')}
            extra={t('residentLogin.phoneHelp')}
            rules={[
              { required: true, message: t('errors.required', { field: t('residentLogin.phone') }) },
              {
                validator: (_r, v: unknown) =>
                  !v || PHONE_RE.test(tidyPhone(v))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('residentLogin.phoneFormat'))),
              },
            ]}
          >
            <Input ref={phoneRef} size="large" type="tel" inputMode="tel" autoComplete="tel-national" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {busy ? t('residentLogin.sending') : t('residentLogin.sendCode')}
          </Button>
        </Form>
      ) : (
        <>
          <p className="notice notice-success" role="status">
            {t('residentLogin.codeSent')}
          </p>
          <Form<{ code: string }>
            form={codeForm}
            name={CODE_FORM}
            layout="vertical"
            className="narrow-form"
            requiredMark={false}
            onFinish={(v) => void verify(v.code)}
            onFinishFailed={(info) =>
              setSummary({ items: summaryFromValidation(CODE_FORM, info as ValidationInfo) })
            }
          >
            <Form.Item
              name="code"
              label={t('residentLogin.code')}
              extra={t('residentLogin.codeHelp')}
              normalize={(v: unknown) => digitsOnly(v)}
              rules={[
                { required: true, message: t('errors.required', { field: t('residentLogin.code') }) },
                { pattern: /^\d{6}$/, message: t('residentLogin.codeFormat') },
              ]}
            >
              <Input
                ref={codeRef}
                size="large"
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
              />
            </Form.Item>
            <div className="toolbar">
              <Button type="primary" htmlType="submit" size="large" loading={busy}>
                {t('residentLogin.submit')}
              </Button>
              <Button size="large" disabled={wait > 0 || busy} onClick={() => void send(phone)}>
                {t('residentLogin.resend')}
              </Button>
              <Button size="large" onClick={changePhone}>
                {t('residentLogin.changePhone')}
              </Button>
            </div>
            {wait > 0 && <p className="muted">{t('residentLogin.resendIn', { seconds: wait })}</p>}
          </Form>
        </>
      )}
      <p>{t('residentLogin.help')}</p>
      <p>
        <Link to="/login">{t('residentLogin.staffLink')}</Link>
      </p>
    </div>
  );
}
