/** Runtime configuration stored in the database (changed by the administrator, audited). */
import { eq } from 'drizzle-orm';
import { SecuritySettings } from '@jinglin/shared';
import type { Tx } from '../db/client.js';
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
}
