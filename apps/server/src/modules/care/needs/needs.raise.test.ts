/** raiseNeed: the call other parts (visits, meetings) make inside their own transaction. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { systemActor } from '../../../platform/access/actor.js';
import { careOf } from '../care.module.js';
import { call, makeFamily, makeTeam } from '../care.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let streetA: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  streetA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
}, 90_000);
afterAll(async () => t?.close());

const year = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

describe('raiseNeed', () => {
  it('numbers cases XQ-<year>-<6 digits> in sequence, dates them by the SLA and records created, audit, event', async () => {
    const personId = await makeFamily(t, streetA, 'linfenlu');
    const needs = careOf(t.p).needs;
    const now = new Date('2026-11-29T02:00:00Z');
    const [a, b] = await Promise.all([
      t.p.database.db.transaction((tx) =>
        needs.raiseNeed(
          tx,
          systemActor(),
          {
            source: 'visit',
            personId,
            category: 'medical',
            urgency: 'urgent',
            title: '需要陪同就医',
          },
          now,
        ),
      ),
      t.p.database.db.transaction((tx) =>
        needs.raiseNeed(
          tx,
          systemActor(),
          {
            source: 'phone',
            personId,
            category: 'other',
            title: '咨询',
          },
          now,
        ),
      ),
    ]);
    expect(a!.ref).toMatch(/^XQ-2026-\d{6}$/);
    expect(b!.ref).toMatch(/^XQ-2026-\d{6}$/);
    expect(a!.ref).not.toBe(b!.ref);
    // medical / urgent: 12 h by default; other / normal: 7 days.
    expect(a!.dueAt.toISOString()).toBe('2026-11-29T14:00:00.000Z');
    expect(b!.dueAt.toISOString()).toBe('2026-12-06T02:00:00.000Z');
    expect(a!.ownerUserId).toBeNull();
    const actions = await t.p.database.rows<{ kind: string }>(
      sql`SELECT kind FROM care_need_actions WHERE need_id = ${a!.id}`,
    );
    expect(actions.map((x) => x.kind)).toEqual(['created']);
    const audit = await t.p.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE object_id = ${a!.id}`,
    );
    expect(audit.map((x) => x.action)).toContain('care.need.create');
    const ev = await t.p.database.rows<{ type: string }>(
      sql`SELECT type FROM outbox_events WHERE aggregate_id = ${a!.id}`,
    );
    expect(ev.map((x) => x.type)).toEqual(['care.need.created']);
    // A rolled-back caller leaves nothing; the next number follows the highest committed one.
    await expect(
      t.p.database.db.transaction(async (tx) => {
        await needs.raiseNeed(tx, systemActor(), {
          source: 'counter',
          personId,
          category: 'other',
          title: 'x',
        });
        throw new Error('caller fails');
      }),
    ).rejects.toThrow('caller fails');
    const c = await t.p.database.db.transaction((tx) =>
      needs.raiseNeed(tx, systemActor(), { source: 'counter', personId, category: 'other', title: 'y' }),
    );
    const nums = [a!, b!, c].map((x) => Number(x.ref.slice(-6))).sort((x, y) => x - y);
    expect(nums[2]).toBe(nums[1]! + 1);
    expect(c.ref.startsWith(`XQ-${year()}-`)).toBe(true);
  });

  it('the owner defaults to the responsible worker of an active pairing and is told', async () => {
    const personId = await makeFamily(t, streetA, 'linfenlu');
    const team = await makeTeam(t, officer);
    const res = await call(t, streetA, 'POST', '/pairings', {
      personId,
      teamId: team.id,
      startOn: '2026-01-01',
      visitPlan: { every: 1, unit: 'month' },
      ownerUserId: streetA.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const before = t.sent.length;
    const n = await t.p.database.db.transaction((tx) =>
      careOf(t.p).needs.raiseNeed(tx, systemActor(), {
        source: 'visit',
        personId,
        category: 'assistive_device',
        urgency: 'high',
        title: '轮椅损坏',
      }),
    );
    expect(n.ownerUserId).toBe(streetA.id);
    await t.p.notifier.flush();
    const msg = t.sent.slice(before).find((m) => m.userId === streetA.id);
    expect(msg).toMatchObject({ template: 'care.need.assigned', payload: { needId: n.id, ref: n.ref } });
    // An owner who may not hold the case (another street's officer) is refused on the field.
    const streetB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
    await expect(
      t.p.database.db.transaction((tx) =>
        careOf(t.p).needs.raiseNeed(tx, systemActor(), {
          source: 'phone',
          personId,
          category: 'other',
          title: 'x',
          ownerUserId: streetB.id,
        }),
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'ownerUserId', code: 'owner_not_eligible' }],
    });
  });
});
