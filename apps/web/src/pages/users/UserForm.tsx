/** The users page's drawer form: create a user, change one, or set a new password. */
import { useState } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { communityOptions, RolesField, SearchSelect, streetOptions } from '../../components/fields';
import {
  applyProblem,
  PHONE_RE,
  summaryFromValidation,
  tidyPhone,
  type ProblemSummary,
  type ValidationInfo,
} from '../../forms';
import type { StreetOut, UserOut } from '../../types';
import {
  createBody,
  EDIT_FIELDS,
  NO_ERRORS,
  needs,
  patchBody,
  type DrawerState,
  type EditValues,
} from './model';

export function UserForm({
  state,
  areas,
  onClose,
  onDone,
  onReload,
}: {
  state: Exclude<DrawerState, null>;
  areas: readonly StreetOut[] | undefined;
  onClose: () => void;
  onDone: (message: string) => void;
  onReload: (id: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm<EditValues>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const streetCode = Form.useWatch('streetCode', form);
  const formName =
    state.mode === 'reset' ? 'resetPassword' : state.mode === 'edit' ? 'editUser' : 'createUser';
  const initialValues: Partial<EditValues> =
    state.mode === 'edit'
      ? {
          displayName: state.user.displayName,
          roles: state.user.roles,
          streetCode: state.user.streetCode ?? undefined,
          communityId: state.user.communityId ?? undefined,
        }
      : state.mode === 'create'
        ? { roles: [] }
        : {};

  const submit = async (v: EditValues) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      if (state.mode === 'create') {
        const body = createBody(v);
        // The server answers { user, generatedPassword? }: the password only when it made one up.
        const created = await api.post<{ user: UserOut; generatedPassword?: string }>('/users', body);
        const pw = created.generatedPassword;
        const name = created.user.displayName || created.user.username;
        onDone(pw ? t('users.createdWithPassword', { name, password: pw }) : t('users.created', { name }));
      } else if (state.mode === 'edit') {
        const u = state.user;
        const body = patchBody(u, v);
        await api.patch(`/users/${u.id}`, body, { headers: { 'If-Match': String(u.version) } });
        onDone(t('users.updated', { name: body.displayName ?? u.displayName ?? u.username }));
      } else {
        const u = state.user;
        await api.post(`/users/${u.id}/password`, { password: v.password });
        onDone(t('users.passwordReset', { name: u.displayName || u.username }));
      }
    } catch (e) {
      if (isApiError(e) && e.code === 'version_mismatch') setStale(true);
      setSummary(applyProblem(form, formName, e, EDIT_FIELDS, t));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => ({ required: true, message: t('errors.required', { field }) });
  const phoneRule = {
    validator: (_r: unknown, v: unknown) =>
      !v || PHONE_RE.test(tidyPhone(v))
        ? Promise.resolve()
        : Promise.reject(new Error(t('residentLogin.phoneFormat'))),
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      {stale && state.mode === 'edit' && (
        <p>
          <Button onClick={() => void onReload(state.user.id)}>{t('common.reload')}</Button>
        </p>
      )}
      <Form<EditValues>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        {state.mode === 'create' && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHelp')}
            rules={[
              required(t('users.username')),
              { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('users.usernameHelp') },
            ]}
          >
            <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={64} />
          </Form.Item>
        )}
        {state.mode !== 'reset' && (
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={state.mode === 'edit' ? [required(t('users.displayName'))] : []}
          >
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
        )}
        {state.mode !== 'edit' && (
          <Form.Item
            name="password"
            label={state.mode === 'reset' ? t('users.newPassword') : t('users.password')}
            extra={state.mode === 'reset' ? t('users.newPasswordHelp') : t('users.passwordHelp')}
            rules={state.mode === 'reset' ? [required(t('users.newPassword'))] : []}
          >
            <Input.Password autoComplete="new-password" maxLength={256} />
          </Form.Item>
        )}
        {state.mode !== 'reset' && (
          <>
            <RolesField
              name="roles"
              label={t('users.roles')}
              help={t('users.rolesHelp')}
              rules={[
                {
                  validator: (_r, v: unknown) =>
                    Array.isArray(v) && v.length > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('users.rolesHelp'))),
                },
              ]}
            />
            <Form.Item
              name="streetCode"
              label={t('users.street')}
              extra={t('users.scopeHelp')}
              dependencies={['roles']}
              rules={[
                ({ getFieldsValue }) => ({
                  validator: (_r, v: unknown) =>
                    v || !needs(getFieldsValue(), 'street')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('breakGlass.chooseStreet'))),
                }),
              ]}
            >
              <SearchSelect
                options={streetOptions(lang, areas)}
                placeholder={t('users.noStreet')}
                onChange={() => form.setFieldValue('communityId', undefined)}
              />
            </Form.Item>
            <Form.Item
              name="communityId"
              label={t('users.community')}
              dependencies={['roles']}
              rules={[
                ({ getFieldsValue }) => ({
                  validator: (_r, v: unknown) =>
                    v || !needs(getFieldsValue(), 'community')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('breakGlass.chooseCommunity'))),
                }),
              ]}
            >
              <SearchSelect
                options={communityOptions(streetCode, areas)}
                placeholder={t('users.noCommunity')}
              />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('users.phone')}
              extra={
                state.mode === 'edit' && state.user.phone
                  ? t('users.phoneEditHelp', { phone: state.user.phone })
                  : t('users.phoneHelp')
              }
              rules={[phoneRule]}
            >
              <Input type="tel" inputMode="tel" autoComplete="off" />
            </Form.Item>
            {state.mode === 'edit' && state.user.phone && (
              <Form.Item name="clearPhone" valuePropName="checked">
                <Checkbox>{t('users.clearPhone')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
