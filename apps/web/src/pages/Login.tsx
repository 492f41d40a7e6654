import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Form, Input, type InputRef } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import {
  applyProblem,
  digitsOnly,
  summaryFromValidation,
  type ProblemSummary,
  type ValidationInfo,
} from '../forms';
import { mustEnrol, rememberLogin, safeNext } from '../session';
import type { LoginResult } from '../types';

interface Values {
  username: string;
  password: string;
  totp?: string;
}

const FORM = 'login';
const NO_ERRORS: ProblemSummary = { items: [] };

export default function Login() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [needTotp, setNeedTotp] = useState(false);
  const [totpPrompt, setTotpPrompt] = useState('');
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const totpRef = useRef<InputRef>(null);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp, totpPrompt]);

  const onFinish = async (values: Values) => {
    setSummary(NO_ERRORS);
    setSubmitting(true);
    try {
      const body = {
        username: values.username.trim(),
        password: values.password,
        ...(needTotp && values.totp ? { totp: values.totp } : {}),
      };
      const result = await api.post<LoginResult>('/auth/login', body, { quiet: true });
      rememberLogin(qc, result);
      void navigate(mustEnrol(result) ? '/security/totp' : safeNext(params.get('next')), { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'totp_required') {
        setNeedTotp(true);
        setTotpPrompt(e.detail || t('login.totpPrompt'));
        return;
      }
      if (isApiError(e) && e.code === 'totp_not_enrolled') {
        void navigate('/security/totp');
        return;
      }
      const s = applyProblem(form, FORM, e, ['username', 'password', 'totp'], t);
      if (isApiError(e) && e.code === 'totp_invalid') {
        form.setFields([{ name: 'totp', errors: [e.detail] }]);
        s.items = [{ id: `${FORM}_totp`, message: e.detail }];
      }
      setSummary(s);
    } finally {
      setSubmitting(false);
    }
  };

  const notice = params.get('expired')
    ? t('login.expired')
    : params.get('loggedOut')
      ? t('login.loggedOut')
      : null;

  return (
    <>
      <PageTitle title={t('login.title')} />
      {notice && <p className="notice">{notice}</p>}
      <p>{t('login.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        className="narrow-form"
        requiredMark={false}
        onFinish={(v) => void onFinish(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('errors.required', { field: t('login.username') }),
            },
          ]}
        >
          <Input autoComplete="username" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('errors.required', { field: t('login.password') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {needTotp && (
          <>
            <p className="notice" role="status">
              {totpPrompt}
            </p>
            <Form.Item
              name="totp"
              label={t('login.totp')}
              extra={t('login.totpHelp')}
              normalize={digitsOnly}
              rules={[
                { required: true, message: t('errors.required', { field: t('login.totp') }) },
                { pattern: /^\d{6}$/, message: t('login.totpFormat') },
              ]}
            >
              <Input ref={totpRef} autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
            </Form.Item>
          </>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} size="large">
            {submitting ? t('login.submitting') : t('login.submit')}
          </Button>
        </Form.Item>
      </Form>
      <p>
        <Link to="/resident-login">{t('login.residentLink')}</Link>
      </p>
    </>
  );
}
