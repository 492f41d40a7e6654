/** Escalation of overdue needs with a fake clock: level 1 at the due time, level 2 one SLA period later, never twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { systemActor } from '../../../platform/access/actor.js';
import { makePerson } from '../../benefits/benefits.test-utils.js';
import { careOf } from '../care.module.js';
import { act, api, type Case } from './needs.test-utils.js';

let t: TestEnv;
let district: TestUser;
let streetA: TestUser;
let streetA2: TestUser;
let streetB: TestUser;
let owner: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  district = await makeUser(t, ['district_officer']);
  streetA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  streetA2 = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  streetB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  owner = streetA2;
}, 90_000);
afterAll(async () => t?.close());

const H = 3600_000;

describe('needs escalation', () => {
  it('escalates an overdue case to level 1 (owner and street officers), then level 2 (district), once each', async () => {
    const personId = await makePerson(t, streetA, { streetCode: 'linfenlu' });
    const needs = careOf(t.p).needs;
    const t0 = new Date('2026-03-01T00:00:00Z');
    // medical / urgent: 12 h.
    const raised = await t.p.database.db.transaction((tx) =>
      needs.raiseNeed(
        tx,
        systemActor(),
        {
          source: 'phone',
          personId,
          category: 'medical',
          urgency: 'urgent',
          title: '急需就医',
          ownerUserId: owner.id,
        },
        t0,
      ),
    );
    // A case already resolved and one in another street's family with a later due time are left alone.
    const resolvedCase = await t.p.database.db.transaction((tx) =>
      needs.raiseNeed(
        tx,
        systemActor(),
        { source: 'phone', personId, category: 'medical', urgency: 'urgent', title: 'x' },
        t0,
      ),
    );
    const r = (await api(t, streetA, 'GET', `/care/needs/${resolvedCase.id}`)).json() as Case;
    expect((await act(t, streetA, r, '/resolve', { resolution: '已处理' })).statusCode).toBe(200);

    const jobs = needs.jobs;
    const sentFrom = t.sent.length;
    expect(await jobs.escalate(new Date(t0.getTime() + 11 * H))).toBe(0);
    // Just past the due time: level 1.
    expect(await jobs.escalate(new Date(t0.getTime() + 12 * H + 1000))).toBe(1);
    let c = (await api(t, streetA, 'GET', `/care/needs/${raised.id}`)).json();
    expect(c).toMatchObject({ escalationLevel: 1, overdue: true });
    const level1 = t.sent.slice(sentFrom).filter((m) => m.template === 'care.need.escalated');
    expect(level1.map((m) => m.userId).sort()).toEqual([streetA.id, streetA2.id].sort());
    expect(level1.map((m) => m.userId)).not.toContain(streetB.id);
    expect(level1.map((m) => m.userId)).not.toContain(district.id);
    expect(level1[0]!.payload).toMatchObject({ needId: raised.id, ref: raised.ref, level: 1 });
    // Not twice for one level.
    expect(await jobs.escalate(new Date(t0.getTime() + 20 * H))).toBe(0);
    // One further SLA period (12 h) after the due time: level 2, the district officers.
    const sent2 = t.sent.length;
    expect(await jobs.escalate(new Date(t0.getTime() + 24 * H + 1000))).toBe(1);
    const level2 = t.sent.slice(sent2).filter((m) => m.template === 'care.need.escalated');
    expect(level2.map((m) => m.userId)).toContain(district.id);
    expect(level2.map((m) => m.userId)).not.toContain(streetA.id);
    expect(await jobs.escalate(new Date(t0.getTime() + 100 * H))).toBe(0);
    c = (await api(t, streetA, 'GET', `/care/needs/${raised.id}`)).json();
    expect(c.escalationLevel).toBe(2);
    expect(
      c.actions
        .filter((a: { kind: string }) => a.kind === 'escalated')
        .map((a: { detail: { level: number } }) => a.detail.level),
    ).toEqual([1, 2]);
    const res = (await api(t, streetA, 'GET', `/care/needs/${resolvedCase.id}`)).json();
    expect(res.escalationLevel).toBe(0);
  });

  it('a reopened case starts again at level 0; tick runs the escalation', async () => {
    const personId = await makePerson(t, streetA, { streetCode: 'linfenlu' });
    const needs = careOf(t.p).needs;
    // other / normal: 7 days; raised 200 h ago — due 32 h ago, level 2 not before 136 h from now.
    const t0 = new Date(Date.now() - 200 * H);
    const raised = await t.p.database.db.transaction((tx) =>
      needs.raiseNeed(
        tx,
        systemActor(),
        { source: 'counter', personId, category: 'other', title: '咨询' },
        t0,
      ),
    );
    await needs.jobs.tick();
    let c = (await api(t, streetA, 'GET', `/care/needs/${raised.id}`)).json();
    expect(c.escalationLevel).toBe(1);
    c = (await act(t, streetA, c, '/resolve', { resolution: '已答复' })).json();
    c = (await act(t, streetA, c, '/status', { status: 'open' })).json();
    expect(c).toMatchObject({ escalationLevel: 0, overdue: false });
    await needs.jobs.tick();
    c = (await api(t, streetA, 'GET', `/care/needs/${raised.id}`)).json();
    expect(c.escalationLevel).toBe(0);
  });
});
