/**
 * The audit trail: append-only, hash chained. Each row's hash covers its content and the previous
 * row's hash; the single `audit_head` row, locked FOR UPDATE, serialises appends so the chain
 * never forks, also across several server processes.
 */
import crypto from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.js';
import { auditHead, auditLog } from '../db/schema.js';
import type { Actor } from '../access/actor.js';

export type AuditResult = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result?: AuditResult;
  /** Ids and counts only: never names, ID numbers, phone numbers, tokens or passwords. */
  details?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorRoles: string[];
  action: string;
  objectType: string | null;
  objectId: string | null;
  scope: string | null;
  result: AuditResult;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function hashRow(r: Omit<AuditRow, 'hash'>): string {
  const body = JSON.stringify(
    canonical([
      r.seq,
      r.at.toISOString(),
      r.actorId,
      r.actorRoles,
      r.action,
      r.objectType,
      r.objectId,
      r.scope,
      r.result,
      r.ip,
      r.requestId,
      r.details,
      r.prevHash,
    ]),
  );
  return crypto.createHash('sha256').update(body).digest('hex');
}

export function describeScope(actor: Actor): string {
  const s = actor.scope;
  if (s.district) return 'district';
  const parts = [...s.streets.map((c) => `street:${c}`), ...s.communities.map((c) => `community:${c}`)];
  return parts.length ? parts.join(',') : 'own';
}

export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await tx.transaction(async (t) => {
    const [head] = await t.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
    if (!head) throw new Error('audit_head row missing: run migrations');
    const row: Omit<AuditRow, 'hash'> = {
      seq: Number(head.seq) + 1,
      at: new Date(),
      actorId: actor?.userId ?? null,
      actorRoles: actor ? [...actor.roles] : [],
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      scope: actor ? describeScope(actor) : null,
      result: entry.result ?? 'success',
      ip: actor?.ip ?? null,
      requestId: actor?.requestId ?? null,
      details: entry.details ?? {},
      prevHash: head.hash,
    };
    const hash = hashRow(row);
    await t.insert(auditLog).values({ ...row, hash });
    await t.update(auditHead).set({ seq: row.seq, hash }).where(eq(auditHead.id, 1));
  });
}

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  result?: AuditResult | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export async function searchAudit(tx: Tx, f: AuditFilter): Promise<AuditRow[]> {
  const conds: SQL[] = [];
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.action) conds.push(sql`${auditLog.action} LIKE ${f.action.replace(/[%_\\]/g, '\\$&') + '%'}`);
  if (f.objectType) conds.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditLog.objectId, f.objectId));
  if (f.result) conds.push(eq(auditLog.result, f.result));
  if (f.from) conds.push(gte(auditLog.at, new Date(f.from)));
  if (f.to) conds.push(lte(auditLog.at, new Date(f.to)));
  if (f.beforeSeq) conds.push(lt(auditLog.seq, f.beforeSeq));
  const rows = await tx
    .select()
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(f.limit);
  return rows as AuditRow[];
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Walks the chain in order: a changed row, a removed row or a removed tail is reported. */
export async function verifyAudit(database: Database, batch = 5000): Promise<VerifyResult> {
  const db = database.db;
  let prevHash = GENESIS_HASH;
  let expectSeq = 1;
  let checked = 0;
  let last = 0;
  for (;;) {
    const rows = (await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, last))
      .orderBy(asc(auditLog.seq))
      .limit(batch)) as AuditRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectSeq)
        return { ok: false, checked, firstBrokenSeq: expectSeq, reason: `row ${expectSeq} is missing` };
      if (r.prevHash !== prevHash)
        return {
          ok: false,
          checked,
          firstBrokenSeq: seq,
          reason: `row ${seq} does not link to row ${seq - 1}`,
        };
      const { hash, ...rest } = r;
      if (hashRow({ ...rest, seq }) !== hash)
        return { ok: false, checked, firstBrokenSeq: seq, reason: `row ${seq} was changed` };
      prevHash = hash;
      expectSeq = seq + 1;
      checked++;
      last = seq;
    }
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (head && Number(head.seq) !== last)
    return {
      ok: false,
      checked,
      firstBrokenSeq: last + 1,
      reason: `the chain head says ${head.seq} rows, found ${last}: rows at the end were removed`,
    };
  if (head && head.hash !== prevHash)
    return { ok: false, checked, firstBrokenSeq: last, reason: `row ${last} does not match the chain head` };
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}
