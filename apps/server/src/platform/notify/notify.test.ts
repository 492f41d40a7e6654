/** The outbox: two senders flushing at once send each notification once; a stale claim is taken over. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { createLogger } from '../logger.js';
import { CLAIM_TIMEOUT_MS, Notifier, type ChannelAdapter, type OutgoingMessage } from './notify.service.js';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
}, 60_000);
afterAll(async () => t?.close());

/** A channel that takes a little while per message (so that the two senders overlap). */
function slowChannel(name: string, sent: { by: string; msg: OutgoingMessage }[]): ChannelAdapter {
  return {
    name: 'test',
    send: async (msg) => {
      await new Promise((r) => setTimeout(r, 1));
      sent.push({ by: name, msg });
    },
  };
}

async function enqueue(n: number, template: string): Promise<string[]> {
  return t.p.database.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(await t.p.notifier.enqueue(tx, { userId: null, address: null, template, payload: { i } }));
    return ids;
  });
}

const log = createLogger('silent');

describe('notification outbox', () => {
  it('two senders flushing concurrently send every row exactly once', async () => {
    // The test platform's own notifier must not take these rows: only a and b flush here.
    const ids = await enqueue(60, 'test.concurrent');
    const sent: { by: string; msg: OutgoingMessage }[] = [];
    const a = new Notifier(t.p.database, t.p.crypto, slowChannel('a', sent), log);
    const b = new Notifier(t.p.database, t.p.crypto, slowChannel('b', sent), log);
    expect(a.claimer).not.toBe(b.claimer);
    const rounds = await Promise.all([a.flush(25), b.flush(25), a.flush(25), b.flush(25)]);
    const mine = sent.filter((s) => s.msg.template === 'test.concurrent');
    expect(rounds.reduce((x, y) => x + y, 0)).toBe(mine.length);
    expect(new Set(mine.map((s) => s.msg.id)).size).toBe(mine.length);
    expect(mine.map((s) => s.msg.id).sort()).toEqual([...ids].sort());
    // Both took part (rows were split between them, not sent twice).
    expect(new Set(mine.map((s) => s.by)).size).toBe(2);
    const r = await t.p.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notifications WHERE template = 'test.concurrent' AND status = 'sent'`,
    );
    expect(r[0]!.n).toBe(60);
  });

  it('a claim older than the timeout is taken over; a fresh one is not', async () => {
    const [fresh, old] = await enqueue(2, 'test.claims');
    const now = new Date();
    await t.p.database.db.execute(
      sql`UPDATE notifications SET claimed_at = ${now.toISOString()}, claimed_by = 'elsewhere' WHERE id = ${fresh!}`,
    );
    await t.p.database.db.execute(
      sql`UPDATE notifications SET claimed_at = ${new Date(now.getTime() - CLAIM_TIMEOUT_MS - 1000).toISOString()}, claimed_by = 'crashed' WHERE id = ${old!}`,
    );
    const sent: { by: string; msg: OutgoingMessage }[] = [];
    const c = new Notifier(t.p.database, t.p.crypto, slowChannel('c', sent), log);
    await c.flush(100, now);
    const mine = sent.filter((s) => s.msg.template === 'test.claims').map((s) => s.msg.id);
    expect(mine).toEqual([old]);
  });
});
