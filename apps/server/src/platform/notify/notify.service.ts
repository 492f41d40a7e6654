/**
 * Notifications leave through an outbox: a row is written in the caller's transaction, then a
 * channel adapter delivers it. The development channel (`console`) logs that a message was sent
 * (ids and the template only — the one-time code is logged so a developer can sign in, never the
 * address) and marks it sent; an SMS gateway adapter implements the same interface.
 */
import { and, asc, eq } from 'drizzle-orm';
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

export class Notifier {
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

  /** Delivers pending messages; called after commit and periodically by the worker. */
  async flush(limit = 100): Promise<number> {
    const db = this.database.db;
    const pending = await db
      .select()
      .from(notifications)
      .where(eq(notifications.status, 'pending'))
      .orderBy(asc(notifications.createdAt))
      .limit(limit);
    let sent = 0;
    for (const n of pending) {
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
          .where(and(eq(notifications.id, n.id), eq(notifications.status, 'pending')));
        sent++;
      } catch (err) {
        this.log.warn({ notificationId: n.id, err: (err as Error).message }, 'notification failed');
        await db
          .update(notifications)
          .set({ status: 'failed', error: (err as Error).message })
          .where(eq(notifications.id, n.id));
      }
    }
    return sent;
  }
}
