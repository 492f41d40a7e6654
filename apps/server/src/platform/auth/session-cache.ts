/**
 * In-process cache of the per-request session look-up (AuthService.authenticate), like the security
 * settings' cache: every authenticated request used to cost one database round trip for the
 * session, its user and their break-glass grants. An entry is used for at most SESSION_CACHE_MS.
 *
 * Staleness is bounded and, for this process's own changes, nil: the access plugin drops the whole
 * cache when any changing request (not GET/HEAD/OPTIONS) has finished — after its transaction
 * committed — so a logout, a disabled user, a changed role or password, a new break-glass grant
 * take effect at once here; a read that started before a drop is not cached (`generation`). A
 * change made by another process (the CLI, a second server on the same PostgreSQL) is seen within
 * SESSION_CACHE_MS. Entries carrying break-glass grants are never cached (a grant's expiry is not in
 * the look-up's result), and an entry's own expiry, idle time and the user's `disabled` flag are
 * checked again on every use.
 */
import type { Db } from '../db/client.js';
import type { SessionWithUser } from './auth.repo.js';

/** How long a cached look-up is used before the database is asked again. */
export const SESSION_CACHE_MS = 1_000;
/** Entries per database handle; past it the cache starts over. */
const MAX_ENTRIES = 10_000;

interface Entry {
  value: SessionWithUser;
  at: number;
  gen: number;
}

const caches = new WeakMap<Db, Map<string, Entry>>();
let generation = 0;

/** Drops every cached session in this process; call after a change to sessions, users or grants commits. */
export function invalidateSessions(): void {
  generation++;
}

/** The generation a look-up starts in; pass it to `remember`. */
export const sessionGeneration = () => generation;

export function cachedSession(db: Db, tokenHash: string, now: number): SessionWithUser | undefined {
  const hit = caches.get(db)?.get(tokenHash);
  if (!hit) return undefined;
  if (
    hit.gen !== generation ||
    now - hit.at >= SESSION_CACHE_MS ||
    hit.value.session.expiresAt.getTime() <= now
  ) {
    caches.get(db)?.delete(tokenHash);
    return undefined;
  }
  return hit.value;
}

export function rememberSession(
  db: Db,
  tokenHash: string,
  value: SessionWithUser,
  gen: number,
  now: number,
): void {
  if (gen !== generation || (value.grants && value.grants.length > 0)) return;
  let map = caches.get(db);
  if (!map) caches.set(db, (map = new Map()));
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(tokenHash, { value, at: now, gen });
}

export function forgetSession(db: Db, tokenHash: string): void {
  caches.get(db)?.delete(tokenHash);
}
