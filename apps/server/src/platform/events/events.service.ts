/**
 * Domain events through an outbox: `emit` writes the event in the same transaction as the change
 * that raised it; `dispatch` (worker) hands pending events to subscribers at least once, claiming
 * them with FOR UPDATE SKIP LOCKED so several processes share the work.
 */
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { resultRows, type Database, type Tx } from '../db/client.js';
import { outboxEvents } from '../db/schema.js';
import { newId } from '../ids.js';

export interface DomainEvent {
  id: string;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}
/**
 * Handlers run inside the dispatching transaction and must use `tx` (on PGlite, a query outside
 * the open transaction would wait for it forever). A handler that throws leaves the event pending.
 */
export type EventHandler = (tx: Tx, e: DomainEvent) => Promise<void>;

export async function emit(tx: Tx, type: string, aggregateId: string, payload: Record<string, unknown> = {}) {
  await tx.insert(outboxEvents).values({ id: newId(), type, aggregateId, payload });
}

export class EventBus {
  private readonly handlers = new Map<string, EventHandler[]>();
  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  subscribe(type: string, handler: EventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  /** Processes up to `limit` pending events; returns how many were handled. */
  async dispatch(limit = 100): Promise<number> {
    return this.database.db.transaction(async (tx) => {
      const rows = await tx.execute(sql`
          SELECT id, type, aggregate_id, payload, created_at FROM outbox_events
          WHERE processed_at IS NULL AND attempts < 10
          ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
      let n = 0;
      for (const r of resultRows(rows)) {
        const e: DomainEvent = {
          id: r.id as string,
          type: r.type as string,
          aggregateId: r.aggregate_id as string,
          payload: r.payload as Record<string, unknown>,
          createdAt: new Date(r.created_at as string),
        };
        try {
          await tx.transaction(async (sp) => {
            for (const h of this.handlers.get(e.type) ?? []) await h(sp, e);
          });
          await tx.execute(sql`UPDATE outbox_events SET processed_at = now() WHERE id = ${e.id}`);
          n++;
        } catch (err) {
          this.log.warn({ eventId: e.id, type: e.type, err: (err as Error).message }, 'event handler failed');
          await tx.execute(
            sql`UPDATE outbox_events SET attempts = attempts + 1, last_error = ${(err as Error).message} WHERE id = ${e.id}`,
          );
        }
      }
      return n;
    });
  }
}
