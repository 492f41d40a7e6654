import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError, onApiProblem } from '../api';
import { useAnnounce } from '../announce';
import { usePrefs } from '../prefs';
import { canOpen, PAGES, type PageDef } from '../routes';
import { exitTarget, forgetLogin, leaveSession, ME_KEY, useMe } from '../session';
import { useOpenAlerts } from '../tracking/admin/openAlerts';
import type { SessionUser } from '../types';
import { IdleWarning } from './IdleWarning';
import { Loading } from './Loading';
import { ReadAloud } from './ReadAloud';

export type ShellKind = 'public' | 'app' | 'any';

const TOTP_PATH = '/security/totp';

/** Banner, flashing frame and sound for new tracking alerts (its own chunk; only for those who handle alerts). */
const AlertWatcher = lazy(() => import('../tracking/admin/AlertWatcher'));

/** Session expiry and "enrol a second factor first", from any request anywhere. */
function useApiProblemBridge() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  useEffect(
    () =>
      onApiProblem((err, path) => {
        if (err.code === 'totp_not_enrolled') {
          if (window.location.pathname !== TOTP_PATH) void navigate(TOTP_PATH);
          return;
        }
        // Only "no valid session" means expiry; a wrong code or password (also 401) does not.
        const expired = err.status === 401 && (err.code === 'unauthenticated' || err.code === 'internal');
        if (expired && !path.startsWith('/auth/login') && !path.startsWith('/auth/otp')) {
          const wasSignedIn = Boolean(qc.getQueryData<SessionUser | null>(ME_KEY));
          if (!wasSignedIn) {
            forgetLogin(qc);
            return;
          }
          const next = encodeURIComponent(window.location.pathname + window.location.search);
          const to = `/login?expired=1&next=${next}`;
          leaveSession(qc, to);
          void navigate(to);
        }
      }),
    [qc, navigate],
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const { prefs, setPrefs } = usePrefs();
  const announce = useAnnounce();
  const other = prefs.language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      lang={other}
      aria-label={t('header.switchLanguageLabel')}
      onClick={() => {
        setPrefs({ language: other }).catch((e: unknown) => announce(isApiError(e) ? e.detail : String(e)));
      }}
    >
      {t('header.switchLanguage')}
    </Button>
  );
}

function CareModeToggle() {
  const { t } = useTranslation();
  const { prefs, setPrefs } = usePrefs();
  const announce = useAnnounce();
  const helpId = useId();
  return (
    <>
      <Button
        aria-pressed={prefs.careMode}
        aria-describedby={helpId}
        className={prefs.careMode ? 'care-toggle care-toggle-on' : 'care-toggle'}
        onClick={() => {
          setPrefs({ careMode: !prefs.careMode }).catch((e: unknown) =>
            announce(isApiError(e) ? e.detail : String(e)),
          );
        }}
      >
        {t('header.careMode')}
      </Button>
      <span id={helpId} className="visually-hidden">
        {t('header.careModeHelp')}
      </span>
    </>
  );
}

function MainNav({ user, id, open }: { user: SessionUser; id: string; open: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = PAGES.filter((p) => p.nav && canOpen(p, user.permissions));
  // The open tracking alerts: the same polled query as the alert inbox and watcher.
  const openAlerts = useOpenAlerts(user.permissions.includes('tracking.alerts'));
  const openCount = openAlerts.data?.items.length ?? 0;
  // The current entry is the one with the longest path the page is under (/persons/import is
  // "import", /persons/123 is "persons").
  const current = items
    .filter((p) =>
      p.path === '/' ? pathname === '/' : pathname === p.path || pathname.startsWith(`${p.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
  const link = (p: PageDef) => (
    <Link to={p.path} aria-current={p === current ? 'page' : undefined}>
      {t(`nav.${p.nav!}`)}
      {p.nav === 'trackingAlerts' && openCount > 0 && (
        <span className="nav-count" data-testid="nav-open-alerts">
          <span aria-hidden="true">{openCount}</span>
          <span className="visually-hidden">{t('nav.openAlerts', { count: openCount })}</span>
        </span>
      )}
    </Link>
  );
  // A group's entries are listed together under its heading, where its first entry would be.
  const grouped = new Set<string>();
  return (
    <nav id={id} className={open ? 'side-nav open' : 'side-nav'} aria-label={t('nav.main')}>
      <ul>
        {items.map((p) => {
          if (!p.navGroup) return <li key={p.id}>{link(p)}</li>;
          if (grouped.has(p.navGroup)) return null;
          grouped.add(p.navGroup);
          const headingId = `${id}-group-${p.navGroup}`;
          return (
            <li key={headingId} className="nav-group">
              <span id={headingId} className="nav-group-title">
                {t(`nav.group.${p.navGroup}`)}
              </span>
              <ul aria-labelledby={headingId}>
                {items
                  .filter((q) => q.navGroup === p.navGroup)
                  .map((q) => (
                    <li key={q.id}>{link(q)}</li>
                  ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Shell({ kind }: { kind: ShellKind }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { prefs } = usePrefs();
  const me = useMe(kind !== 'public');
  const navId = useId();
  // The small-screen menu stays open only on the page where it was opened.
  const [navOpenAt, setNavOpenAt] = useState<string | null>(null);
  const navOpen = navOpenAt === location.pathname;
  useApiProblemBridge();

  const enrolling = isApiError(me.error) && me.error.code === 'totp_not_enrolled';
  const user = kind === 'public' ? null : (me.data ?? null);

  if (kind === 'app') {
    if (enrolling && location.pathname !== TOTP_PATH) return <Navigate to={TOTP_PATH} replace />;
    if (!me.isPending && !me.error && !me.data) {
      const next = encodeURIComponent(location.pathname + location.search);
      const to = exitTarget() ?? (location.pathname === '/' ? '/login' : `/login?next=${next}`);
      return <Navigate to={to} replace />;
    }
  }

  const logout = async () => {
    try {
      await api.post('/auth/logout', {}, { quiet: true });
    } catch {
      // The session is forgotten here either way.
    }
    leaveSession(qc, '/login?loggedOut=1');
    await navigate('/login?loggedOut=1');
  };

  let content;
  if (kind === 'app' && me.isPending) content = <Loading />;
  else if (kind === 'app' && me.error && !enrolling)
    content = (
      <div className="page-error" role="alert">
        <p>{isApiError(me.error) ? me.error.detail : t('errors.network')}</p>
        <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
      </div>
    );
  else
    content = (
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    );

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <Link to={user ? '/' : '/login'} className="brand-link">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-full">{t('app.fullName')}</span>
          </Link>
        </div>
        <div className="header-tools">
          {user && <span className="header-user">{t('header.signedInAs', { name: user.displayName })}</span>}
          <LanguageSwitch />
          <CareModeToggle />
          {prefs.careMode && <ReadAloud />}
          {(user || enrolling) && <Button onClick={() => void logout()}>{t('header.logout')}</Button>}
          {user && (
            <Button
              className="nav-toggle"
              aria-expanded={navOpen}
              aria-controls={navId}
              onClick={() => setNavOpenAt(navOpen ? null : location.pathname)}
            >
              {t('nav.menu')}
            </Button>
          )}
        </div>
      </header>
      <div className={user ? 'app-body with-nav' : 'app-body'}>
        {user && <MainNav user={user} id={navId} open={navOpen} />}
        <main id="main" tabIndex={-1}>
          {user && <IdleWarning />}
          {user?.permissions.includes('tracking.alerts') && (
            <Suspense fallback={null}>
              <AlertWatcher />
            </Suspense>
          )}
          {content}
        </main>
      </div>
    </div>
  );
}
