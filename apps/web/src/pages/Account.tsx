import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Button, Form, Input, Radio, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../forms';
import { usePrefs } from '../prefs';
import { roleName } from '../labels';
import { useMe } from '../session';
import type { Preferences } from '../types';

const NO_ERRORS: ProblemSummary = { items: [] };
const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2];

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export default function Account() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const { data: user } = useMe(false);
  const { prefs, setPrefs } = usePrefs();
  const [prefsForm] = Form.useForm<Preferences>();
  const [pwForm] = Form.useForm<PasswordValues>();
  const [prefsSummary, setPrefsSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [pwSummary, setPwSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [prefsSaved, setPrefsSaved] = useState(false);
  const [pwChanged, setPwChanged] = useState(false);
  const [busy, setBusy] = useState<'prefs' | 'pw' | null>(null);

  useEffect(() => {
    prefsForm.setFieldsValue(prefs);
  }, [prefs, prefsForm]);

  const savePrefs = async (v: Preferences) => {
    setPrefsSummary(NO_ERRORS);
    setPrefsSaved(false);
    setBusy('prefs');
    try {
      await setPrefs({
        careMode: Boolean(v.careMode),
        language: v.language,
        readAloudRate: Number(v.readAloudRate),
      });
      setPrefsSaved(true);
      announce(i18n.t('account.prefsSaved'));
    } catch (e) {
      setPrefsSummary(applyProblem(prefsForm, 'prefs', e, ['careMode', 'language', 'readAloudRate'], t));
    } finally {
      setBusy(null);
    }
  };

  const changePassword = async (v: PasswordValues) => {
    setPwSummary(NO_ERRORS);
    setPwChanged(false);
    setBusy('pw');
    try {
      await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      pwForm.resetFields();
      setPwChanged(true);
      announce(t('account.passwordChanged'));
    } catch (e) {
      setPwSummary(applyProblem(pwForm, 'password', e, ['currentPassword', 'newPassword'], t));
    } finally {
      setBusy(null);
    }
  };

  if (!user) return null;
  const rateLabel = (r: number) =>
    r < 1
      ? t('account.rateSlow', { rate: r })
      : r === 1
        ? t('account.rateNormal', { rate: r })
        : t('account.rateFast', { rate: r });

  return (
    <>
      <PageTitle title={t('account.title')} />

      <section aria-labelledby="acc-profile">
        <h2 id="acc-profile">{t('account.profile')}</h2>
        <dl className="facts">
          <dt>{t('account.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('account.displayName')}</dt>
          <dd>{user.displayName}</dd>
          <dt>{t('home.rolesTitle')}</dt>
          <dd>{user.roles.map((r) => roleName(t, r)).join(i18n.language === 'en' ? ', ' : '、')}</dd>
        </dl>
      </section>

      <section aria-labelledby="acc-prefs">
        <h2 id="acc-prefs">{t('account.prefs')}</h2>
        <ErrorSummary items={prefsSummary.items} title={prefsSummary.title} />
        {prefsSaved && <p className="notice notice-success">{t('account.prefsSaved')}</p>}
        <Form<Preferences>
          form={prefsForm}
          name="prefs"
          layout="vertical"
          initialValues={prefs}
          onFinish={(v) => void savePrefs(v)}
          onValuesChange={() => setPrefsSaved(false)}
        >
          <Form.Item
            name="careMode"
            label={t('account.careMode')}
            extra={t('account.careModeHelp')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <fieldset className="fieldset">
            <legend>{t('account.language')}</legend>
            <Form.Item name="language">
              <Radio.Group
                options={[
                  { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
                  { value: 'en', label: <span lang="en">English</span> },
                ]}
              />
            </Form.Item>
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('account.rate')}</legend>
            <Form.Item name="readAloudRate">
              <Radio.Group options={RATES.map((r) => ({ value: r, label: rateLabel(r) }))} />
            </Form.Item>
          </fieldset>
          <Button type="primary" htmlType="submit" loading={busy === 'prefs'}>
            {t('account.savePrefs')}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="acc-password">
        <h2 id="acc-password">{t('account.password')}</h2>
        <ErrorSummary items={pwSummary.items} title={pwSummary.title} />
        {pwChanged && <p className="notice notice-success">{t('account.passwordChanged')}</p>}
        <Form<PasswordValues>
          form={pwForm}
          name="password"
          layout="vertical"
          className="narrow-form"
          requiredMark={false}
          onFinish={(v) => void changePassword(v)}
          onFinishFailed={(info) =>
            setPwSummary({ items: summaryFromValidation('password', info as ValidationInfo) })
          }
        >
          {/* Lets password managers pair the new password with this account. */}
          <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
          <Form.Item
            name="currentPassword"
            label={t('account.currentPassword')}
            rules={[
              { required: true, message: t('errors.required', { field: t('account.currentPassword') }) },
            ]}
          >
            <Input.Password autoComplete="current-password" maxLength={256} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.newPassword')}
            extra={t('account.newPasswordHelp')}
            rules={[{ required: true, message: t('errors.required', { field: t('account.newPassword') }) }]}
          >
            <Input.Password autoComplete="new-password" maxLength={256} />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('account.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('errors.required', { field: t('account.confirmPassword') }) },
              ({ getFieldValue }) => ({
                validator: (_r, v: unknown) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('account.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={256} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'pw'}>
            {t('account.changePassword')}
          </Button>
        </Form>
      </section>

      {!user.roles.every((r) => r === 'resident' || r === 'guardian') && (
        <section aria-labelledby="acc-totp">
          <h2 id="acc-totp">{t('account.totp')}</h2>
          <p>{user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</p>
          {!user.totpEnabled && (
            <p>
              <Link to="/security/totp">{t('account.totpSetup')}</Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
