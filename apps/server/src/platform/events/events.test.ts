import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { emit, type DomainEvent } from './events.service.js';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => t.close());

describe('event outbox', () => {
  it('an event is written with its change, delivered once, and a rolled-back change emits nothing', async () => {
    const seen: DomainEvent[] = [];
    let failOnce = true;
    t.p.events.subscribe('test.changed', async (_tx, e) => {
      if (e.payload.flaky && failOnce) {
        failOnce = false;
        throw new Error('handler failed');
      }
      seen.push(e);
    });
    await t.p.database.db.transaction(async (tx) => emit(tx, 'test.changed', 'a-1', { n: 1 }));
    await t.p.database.db
      .transaction(async (tx) => {
        await emit(tx, 'test.changed', 'a-2', { n: 2 });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await t.p.database.db.transaction(async (tx) => emit(tx, 'test.changed', 'a-3', { flaky: true }));
    expect(await t.p.events.dispatch()).toBe(1); // a-1 delivered; a-3's handler failed
    expect(await t.p.events.dispatch()).toBe(1); // a-3 retried and delivered
    expect(await t.p.events.dispatch()).toBe(0);
    expect(seen.map((e) => e.aggregateId)).toEqual(['a-1', 'a-3']);
    const pending = await t.p.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL`,
    );
    expect(pending[0]!.n).toBe(0);
  });
});
