/** Runtime configuration stored in the database (changed by the administrator, audited). */
import { eq } from 'drizzle-orm';
import { SecuritySettings } from '@jinglin/shared';
import type { Db, Tx } from '../db/client.js';
import { settings } from '../db/schema.js';

export const DEFAULT_SECURITY: SecuritySettings = {
  totpRequiredRoles: [],
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 12,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
};

export async function getSecuritySettings(tx: Tx): Promise<SecuritySettings> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, 'security'));
  if (!row) return DEFAULT_SECURITY;
  const parsed = SecuritySettings.safeParse({ ...DEFAULT_SECURITY, ...(row.value as object) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY;
}

export async function putSecuritySettings(tx: Tx, value: SecuritySettings): Promise<void> {
  await tx
    .insert(settings)
    .values({ key: 'security', value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  invalidateSecuritySettings();
}

// ——— In-process cache for the per-request path (AuthService.authenticate) ———
//
// Every authenticated request needs the idle timeout; reading it from the database each time cost
// one query per request. The cache holds the value per database handle for SECURITY_CACHE_MS.
// This process's own changes (putSecuritySettings, and the settings route again after its
// transaction commits) drop it at once; a change made by another process (another server
// instance on the same PostgreSQL database) is seen within SECURITY_CACHE_MS. Sign-in and the
// settings route itself still read the database directly.

/** How long a cached value is used before it is read again. */
export const SECURITY_CACHE_MS = 5_000;

interface CacheEntry {
  value: Promise<SecuritySettings>;
  at: number;
  gen: number;
}

const cache = new WeakMap<Db, CacheEntry>();
/** Bumped on every invalidation: a read that started before it is not cached. */
let generation = 0;

/** Drops every cached value in this process (call after a change to the settings commits). */
export function invalidateSecuritySettings(): void {
  generation++;
}

/** The security settings, at most SECURITY_CACHE_MS old (see above). */
export function cachedSecuritySettings(db: Db, now = Date.now()): Promise<SecuritySettings> {
  const hit = cache.get(db);
  if (hit && hit.gen === generation && now - hit.at < SECURITY_CACHE_MS) return hit.value;
  const entry: CacheEntry = { value: getSecuritySettings(db), at: now, gen: generation };
  cache.set(db, entry);
  // A failed read is not kept (one that an invalidation overtook is not used: its gen is old).
  entry.value.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return entry.value;
}
