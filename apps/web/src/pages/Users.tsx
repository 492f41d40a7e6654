import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Drawer, Form, Input } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES, scopeNeeds, type Role } from '@jinglin/shared';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import {
  communityOptions,
  RolesField,
  SearchSelect,
  streetOptions,
  useDrawerWidth,
} from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { DataTable, type Column } from '../components/DataTable';
import { TableScroll } from '../components/TableScroll';
import {
  applyProblem,
  PHONE_RE,
  summaryFromValidation,
  tidyPhone,
  type ProblemSummary,
  type ValidationInfo,
} from '../forms';
import { communityName, formatTime, roleName, streetName } from '../labels';
import { useAreas } from '../queries';
import { useMe } from '../session';
import type { Page, StreetOut, UserCreateBody, UserOut, UserPatchBody } from '../types';

interface Filters {
  q?: string;
  role?: Role;
  streetCode?: string;
}

interface EditValues {
  username?: string;
  password?: string;
  displayName?: string;
  roles: Role[];
  streetCode?: string | null;
  communityId?: string | null;
  phone?: string;
  clearPhone?: boolean;
}

type DrawerState =
  { mode: 'create' } | { mode: 'edit'; user: UserOut } | { mode: 'reset'; user: UserOut } | null;

const NO_ERRORS: ProblemSummary = { items: [] };
const PAGE_SIZE = 50;
const EDIT_FIELDS = ['username', 'password', 'displayName', 'roles', 'streetCode', 'communityId', 'phone'];

function isLocked(u: UserOut): boolean {
  return Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now());
}

export default function Users() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const canManage = Boolean(me?.permissions.includes('users.manage'));
  const areasQuery = useAreas(Boolean(me?.permissions.includes('areas.read')));
  const areas = areasQuery.data?.items;

  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const userSearched = useRef(false);
  const [pageSummary, setPageSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [drawer, setDrawerState] = useState<DrawerState>(null);
  // Where focus goes back to when the drawer closes (the button that opened it).
  const trigger = useRef<HTMLElement | null>(null);
  const setDrawer = (next: DrawerState) => {
    if (next && !drawer)
      trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDrawerState(next);
  };

  const list = useInfiniteQuery({
    queryKey: ['users', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<UserOut>>('/users', {
        query: { ...filters, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const users = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  // Announce results after a search or "load more" (not on every background refetch).
  useEffect(() => {
    if (!userSearched.current || list.isFetching || !list.data) return;
    userSearched.current = false;
    announce(
      users.length === 0
        ? t('common.empty')
        : list.hasNextPage
          ? t('common.resultsMore', { count: users.length })
          : t('common.results', { count: users.length }),
    );
  }, [list.isFetching, list.data, list.hasNextPage, users.length, announce, t]);

  const search = (v: Filters) => {
    userSearched.current = true;
    setFilters({
      q: v.q?.trim() || undefined,
      role: v.role || undefined,
      streetCode: v.streetCode || undefined,
    });
  };

  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  const act = async (u: UserOut, kind: 'disable' | 'enable' | 'unlock') => {
    setPageSummary(NO_ERRORS);
    try {
      if (kind === 'unlock') await api.post(`/users/${u.id}/unlock`, {});
      else
        await api.patch(`/users/${u.id}`, { disabled: kind === 'disable' } satisfies UserPatchBody, {
          headers: { 'If-Match': String(u.version) },
        });
      const msg = t(
        kind === 'unlock' ? 'users.unlocked' : kind === 'disable' ? 'users.disabled' : 'users.enabled',
        {
          name: u.displayName || u.username,
        },
      );
      setNotice(msg);
      announce(msg);
      await refresh();
    } catch (e) {
      setPageSummary(applyProblem(null, 'users', e, [], t));
      if (isApiError(e) && e.code === 'version_mismatch') await refresh();
    }
  };

  const columns: Column<UserOut>[] = [
    { title: t('users.username'), field: 'username', key: 'username', rowHeader: true },
    { title: t('users.displayName'), field: 'displayName', key: 'displayName' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (u) => u.roles.map((r) => roleName(t, r)).join(lang === 'en' ? ', ' : '、'),
    },
    {
      title: t('users.street'),
      key: 'scope',
      render: (u) =>
        [streetName(lang, u.streetCode, areas), communityName(u.communityId, areas)]
          .filter(Boolean)
          .join(' / '),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (u) => (
        <>
          {u.disabled ? (
            <span className="tag tag-danger">{t('users.stateDisabled')}</span>
          ) : (
            <span className="tag">{t('users.stateActive')}</span>
          )}
          {isLocked(u) && <span className="tag tag-danger">{t('users.stateLocked')}</span>}
        </>
      ),
    },
    {
      title: t('users.totp'),
      key: 'totp',
      render: (u) => (u.totpEnabled ? t('users.totpOn') : t('users.totpOff')),
    },
    {
      title: t('users.lastLogin'),
      key: 'lastLoginAt',
      render: (u) => (u.lastLoginAt ? formatTime(u.lastLoginAt, lang) : t('users.never')),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (u) => {
        const name = u.displayName || u.username;
        return (
          <div className="row-actions" role="group" aria-label={t('users.actionsFor', { name })}>
            <Button
              size="small"
              onClick={() => setDrawer({ mode: 'edit', user: u })}
              aria-label={t('users.editFor', { name })}
            >
              {t('common.edit')}
            </Button>
            <Button
              size="small"
              onClick={() => setDrawer({ mode: 'reset', user: u })}
              aria-label={t('users.resetFor', { name })}
            >
              {t('users.resetPassword')}
            </Button>
            {u.disabled ? (
              <Button
                size="small"
                onClick={() => void act(u, 'enable')}
                aria-label={t('users.enableFor', { name })}
              >
                {t('users.enable')}
              </Button>
            ) : (
              <Button
                size="small"
                danger
                onClick={() => void act(u, 'disable')}
                aria-label={t('users.disableFor', { name })}
              >
                {t('users.disable')}
              </Button>
            )}
            {isLocked(u) && (
              <Button
                size="small"
                onClick={() => void act(u, 'unlock')}
                aria-label={t('users.unlockFor', { name })}
              >
                {t('users.unlock')}
              </Button>
            )}
          </div>
        );
      },
    });
  }

  const roleOptions = ROLES.map((r) => ({ value: r, label: roleName(t, r) }));

  return (
    <>
      <PageTitle title={t('users.title')} />
      <ErrorSummary items={pageSummary.items} title={pageSummary.title} />
      {notice && <p className="notice notice-success">{notice}</p>}

      <section aria-labelledby="user-filters">
        <h2 id="user-filters" className="visually-hidden">
          {t('users.filters')}
        </h2>
        <Form<Filters>
          form={filterForm}
          name="userFilter"
          layout="vertical"
          className="filter-form"
          role="search"
          onFinish={search}
        >
          <Form.Item name="q" label={t('users.q')}>
            <Input type="search" autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <SearchSelect options={roleOptions} placeholder={t('users.anyRole')} />
          </Form.Item>
          <Form.Item name="streetCode" label={t('users.street')}>
            <SearchSelect options={streetOptions(lang, areas)} placeholder={t('users.anyStreet')} />
          </Form.Item>
          <Form.Item className="filter-actions">
            <div className="toolbar" style={{ margin: 0 }}>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  filterForm.resetFields();
                  search({});
                }}
              >
                {t('common.reset')}
              </Button>
            </div>
          </Form.Item>
        </Form>
      </section>

      {canManage && (
        <div className="toolbar">
          <Button type="primary" onClick={() => setDrawer({ mode: 'create' })}>
            {t('users.create')}
          </Button>
        </div>
      )}

      {list.error ? (
        <ErrorSummary
          items={[{ message: isApiError(list.error) ? list.error.detail : t('errors.network') }]}
        />
      ) : (
        <TableScroll label={t('users.tableLabel')}>
          <DataTable<UserOut>
            rowKey={(u) => u.id}
            columns={columns}
            rows={users}
            loading={list.isPending}
            emptyText={t('common.empty')}
          />
        </TableScroll>
      )}
      <p className="list-status">
        {list.hasNextPage
          ? t('common.resultsMore', { count: users.length })
          : t('common.results', { count: users.length })}
      </p>
      {list.hasNextPage && (
        <Button
          onClick={() => {
            userSearched.current = true;
            void list.fetchNextPage();
          }}
          loading={list.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      )}

      <UserDrawer
        state={drawer}
        areas={areas}
        onClosed={() => {
          const el = trigger.current;
          trigger.current = null;
          if (el && el.isConnected) el.focus();
          else document.getElementById('page-title')?.focus();
        }}
        onClose={() => setDrawer(null)}
        onDone={(msg) => {
          setDrawer(null);
          setNotice(msg);
          announce(msg);
          void refresh();
        }}
        onReload={async (id) => {
          const res = await list.refetch();
          const fresh = res.data?.pages.flatMap((p) => p.items).find((u) => u.id === id);
          if (fresh) setDrawer({ mode: 'edit', user: fresh });
        }}
      />
    </>
  );
}

function UserDrawer({
  state,
  areas,
  onClose,
  onClosed,
  onDone,
  onReload,
}: {
  state: DrawerState;
  onClosed: () => void;
  areas: readonly StreetOut[] | undefined;
  onClose: () => void;
  onDone: (message: string) => void;
  onReload: (id: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const width = useDrawerWidth();
  const title =
    state?.mode === 'create'
      ? t('users.createTitle')
      : state?.mode === 'edit'
        ? t('users.editTitle', { name: state.user.displayName || state.user.username })
        : state?.mode === 'reset'
          ? t('users.resetTitle', { name: state.user.displayName || state.user.username })
          : '';
  // A new form (fresh values, no old errors) each time the drawer opens or reloads a newer version.
  const key = state ? `${state.mode}:${'user' in state ? `${state.user.id}:${state.user.version}` : ''}` : '';

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={title}
      size={width}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      focusable={{ focusTriggerAfterClose: false, trap: true }}
      afterOpenChange={(open) => {
        if (!open) onClosed();
      }}
    >
      {state && (
        <UserForm
          key={key}
          state={state}
          areas={areas}
          onClose={onClose}
          onDone={onDone}
          onReload={onReload}
        />
      )}
    </Drawer>
  );
}

function UserForm({
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

  const needs = (values: Partial<EditValues>, level: 'street' | 'community') =>
    (values.roles ?? []).some((r) => scopeNeeds(r) === level);

  const submit = async (v: EditValues) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      if (state.mode === 'create') {
        const body: UserCreateBody = {
          username: (v.username ?? '').trim(),
          roles: v.roles,
          ...(v.password ? { password: v.password } : {}),
          ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
          ...(v.streetCode ? { streetCode: v.streetCode } : {}),
          ...(v.communityId ? { communityId: v.communityId } : {}),
          ...(v.phone?.trim() ? { phone: tidyPhone(v.phone) } : {}),
        };
        // The server answers { user, generatedPassword? }: the password only when it made one up.
        const created = await api.post<{ user: UserOut; generatedPassword?: string }>('/users', body);
        const pw = created.generatedPassword;
        const name = created.user.displayName || created.user.username;
        onDone(pw ? t('users.createdWithPassword', { name, password: pw }) : t('users.created', { name }));
      } else if (state.mode === 'edit') {
        const u = state.user;
        const body: UserPatchBody = {};
        if ((v.displayName ?? '').trim() !== u.displayName) body.displayName = (v.displayName ?? '').trim();
        if ([...v.roles].sort().join() !== [...u.roles].sort().join()) body.roles = v.roles;
        if ((v.streetCode ?? null) !== u.streetCode) body.streetCode = v.streetCode ?? null;
        if ((v.communityId ?? null) !== u.communityId) body.communityId = v.communityId ?? null;
        if (v.clearPhone) body.phone = null;
        else if (v.phone?.trim()) body.phone = tidyPhone(v.phone);
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
