import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, isApiError } from './api';
import type { LoginResult, Permission, SessionUser } from './types';

export const ME_KEY = ['me'] as const;
const IDLE_KEY = 'jinglin.idleTimeoutSeconds';

/** GET /api/v1/auth/me → the session user, or null when not signed in. */
export async function fetchMe(): Promise<SessionUser | null> {
  try {
    return await api.get<SessionUser>('/auth/me', { quiet: true });
  } catch (e) {
    if (isApiError(e) && (e.status === 401 || e.code === 'unauthenticated')) return null;
    throw e;
  }
}

/** The signed-in user (null: signed out). `enabled: false` reads only what is already cached. */
export function useMe(enabled = true) {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
    refetchOnWindowFocus: true,
  });
}

export function hasAny(user: SessionUser | null | undefined, perms: readonly Permission[]): boolean {
  if (!user) return false;
  if (perms.length === 0) return true;
  return perms.some((p) => user.permissions.includes(p));
}

export function mustEnrol(result: LoginResult): boolean {
  return Boolean(result.mustEnrollTotp || result.user.mustEnrollTotp);
}

/**
 * Where a signed-in page goes once the session is gone: set on sign-out and on expiry so the
 * pages' own "not signed in → /login" redirect lands on the same explained sign-in page.
 */
let exitTo: string | null = null;
export function exitTarget(): string | null {
  return exitTo;
}

/** End the session in the browser and go to `to` (the sign-in page, with a reason). */
export function leaveSession(qc: QueryClient, to: string): void {
  exitTo = to;
  forgetLogin(qc);
}

/** After a successful login (password or phone code): cache the user and the idle timeout. */
export function rememberLogin(qc: QueryClient, result: LoginResult): void {
  exitTo = null;
  qc.setQueryData(ME_KEY, result.user);
  try {
    if (result.idleTimeoutSeconds) sessionStorage.setItem(IDLE_KEY, String(result.idleTimeoutSeconds));
  } catch {
    // ignore
  }
}

export function idleTimeoutSeconds(): number | null {
  try {
    const v = Number(sessionStorage.getItem(IDLE_KEY));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function forgetLogin(qc: QueryClient): void {
  try {
    sessionStorage.removeItem(IDLE_KEY);
  } catch {
    // ignore
  }
  qc.setQueryData(ME_KEY, null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
}

/** A redirect target from ?next= that stays on this site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/resident-login')) return '/';
  return next;
}
