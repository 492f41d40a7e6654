/**
 * Notifications leave through an outbox: a row is written in the caller's transaction, then a
 * channel adapter delivers it. The development channel (`console`) logs that a message was sent
 * (ids and the template only — the one-time code is logged so a developer can sign in, never the
 * address) and marks it sent; an SMS gateway adapter implements the same interface.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { newId } from '../ids.js';
import type { FieldCrypto } from '../crypto/field-crypto.js';

export interface OutgoingMessage {
  id: string;
  channel: string;
  userId: string | null;
  address: string | null;
  template: string;
  payload: Record<string, unknown>;
}

export interface ChannelAdapter {
  readonly name: string;
  send(msg: OutgoingMessage): Promise<void>;
}

export function consoleChannel(log: Logger): ChannelAdapter {
  return {
    name: 'console',
    send: async (msg) => {
      log.info(
        { notificationId: msg.id, userId: msg.userId, template: msg.template, payload: msg.payload },
        'notification (development channel)',
      );
    },
  };
}

/** A claim older than this is taken to be a crashed sender's: the row is claimed again. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

export class Notifier {
  /** Who claims rows: unique per Notifier (process, instance). */
  readonly claimer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly database: Database,
    private readonly crypto: FieldCrypto,
    private readonly channel: ChannelAdapter,
    private readonly log: Logger,
  ) {}

  async enqueue(
    tx: Tx,
    m: { userId: string | null; address: string | null; template: string; payload: Record<string, unknown> },
  ): Promise<string> {
    const id = newId();
    await tx.insert(notifications).values({
      id,
      channel: this.channel.name,
      userId: m.userId,
      addressEnc: m.address ? this.crypto.encrypt(m.address) : null,
      template: m.template,
      payload: m.payload,
      status: 'pending',
    });
    return id;
  }

  /**
   * Delivers pending messages; called after commit and periodically by the worker, possibly by
   * several processes at once. Rows are first claimed in one statement (`FOR UPDATE SKIP LOCKED`:
   * a row another sender is claiming is skipped, a row it claimed is not pending-and-unclaimed),
   * so each is sent by one sender only; a claim older than CLAIM_TIMEOUT_MS (a sender that died
   * between claim and send) is taken over.
   */
  async flush(limit = 100, now = new Date()): Promise<number> {
    const db = this.database.db;
    const stale = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
    const claimed = await db
      .update(notifications)
      .set({ claimedAt: now, claimedBy: this.claimer })
      .where(
        inArray(
          notifications.id,
          db
            .select({ id: notifications.id })
            .from(notifications)
            .where(
              and(
                eq(notifications.status, 'pending'),
                or(isNull(notifications.claimedAt), lt(notifications.claimedAt, stale)),
              ),
            )
            .orderBy(asc(notifications.createdAt))
            .limit(limit)
            .for('update', { skipLocked: true }),
        ),
      )
      .returning();
    claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const mine = and(eq(notifications.status, 'pending'), eq(notifications.claimedBy, this.claimer));
    let sent = 0;
    for (const n of claimed) {
      try {
        await this.channel.send({
          id: n.id,
          channel: n.channel,
          userId: n.userId,
          address: n.addressEnc ? this.crypto.decrypt(n.addressEnc) : null,
          template: n.template,
          payload: n.payload as Record<string, unknown>,
        });
        await db
          .update(notifications)
          .set({ status: 'sent', sentAt: new Date() })
          .where(and(eq(notifications.id, n.id), mine));
        sent++;
      } catch (err) {
        this.log.warn({ notificationId: n.id, err: (err as Error).message }, 'notification failed');
        await db
          .update(notifications)
          .set({ status: 'failed', error: (err as Error).message })
          .where(and(eq(notifications.id, n.id), mine));
      }
    }
    return sent;
  }
}
