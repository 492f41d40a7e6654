/** Who sees which needs: street A / B and a community worker their area's; a resident their own; a guardian their ward's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  communityOf,
  createTestEnv,
  makeUser,
  type TestEnv,
  type TestUser,
} from '../../../../test/harness.js';
import { makePerson } from '../../benefits/benefits.test-utils.js';
import { act, api, familyWithResident, guardianOf, openCase, type Case } from './needs.test-utils.js';

let t: TestEnv;
let district: TestUser;
let streetA: TestUser;
let streetB: TestUser;
let resident: TestUser;
let otherResident: TestUser;
let caseA: Case;
let caseB: Case;
let personA: string;
let personB: string;

beforeAll(async () => {
  t = await createTestEnv();
  district = await makeUser(t, ['district_officer']);
  streetA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  streetB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  ({ personId: personA, resident } = await familyWithResident(t, streetA, 'linfenlu'));
  ({ personId: personB, resident: otherResident } = await familyWithResident(t, streetB, 'beizhan'));
  caseA = await openCase(t, streetA, personA, { title: 'A 街道的诉求', description: '内部记录：家庭矛盾' });
  caseB = await openCase(t, streetB, personB, { title: 'B 街道的诉求' });
}, 90_000);
afterAll(async () => t?.close());

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((x) => x.id);

describe('needs scopes (staff)', () => {
  it("street A reads and changes only street A's cases (404 for B's, never listed)", async () => {
    expect(ids(await api(t, streetA, 'GET', '/care/needs'))).toEqual([caseA.id]);
    expect(ids(await api(t, streetB, 'GET', '/care/needs'))).toEqual([caseB.id]);
    expect(ids(await api(t, district, 'GET', '/care/needs')).sort()).toEqual([caseA.id, caseB.id].sort());
    expect(ids(await api(t, streetA, 'GET', '/care/needs?streetCode=beizhan'))).toEqual([]);
    expect((await api(t, streetA, 'GET', `/care/needs/${caseB.id}`)).statusCode).toBe(404);
    expect((await api(t, streetA, 'GET', `/care/needs/${caseB.id}/owners`)).statusCode).toBe(404);
    for (const [path, body] of [
      ['', { title: 'x' }],
      ['/assign', { ownerUserId: streetA.id }],
      ['/status', { status: 'in_progress' }],
      ['/notes', { note: 'x' }],
      ['/resolve', { resolution: 'x' }],
    ] as const)
      expect((await act(t, streetA, caseB, path, body)).statusCode, path).toBe(404);
    // Cannot open a case for a person of another street, nor assign B's officer to A's case.
    const res = await api(t, streetA, 'POST', '/care/needs', {
      personId: personB,
      source: 'counter',
      category: 'other',
      title: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'personId', message: '所选内容不存在。' });
    const assign = await act(t, streetA, caseA, '/assign', { ownerUserId: streetB.id });
    expect(assign.json().errors[0]).toMatchObject({ path: 'ownerUserId', code: 'owner_not_eligible' });
    // B's queue never shows A's unassigned case.
    const q = (await api(t, streetB, 'GET', '/care/queue/needs')).json();
    expect(q.unassigned.map((x: { id: string }) => x.id)).not.toContain(caseA.id);
  });

  it("a community worker sees their community's cases only", async () => {
    const community = await communityOf(t, 'linfenlu');
    const worker = await makeUser(t, ['community_worker'], { communityId: community });
    const inCommunity = await makePerson(t, streetA, {
      streetCode: 'linfenlu',
      over: { communityId: community },
    });
    const c = await openCase(t, streetA, inCommunity);
    expect(ids(await api(t, worker, 'GET', '/care/needs'))).toEqual([c.id]);
    expect((await api(t, worker, 'GET', `/care/needs/${caseA.id}`)).statusCode).toBe(404);
    const q = (await api(t, worker, 'GET', '/care/queue/needs')).json();
    expect(q.unassigned.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('residents and guardians have no staff access', async () => {
    expect((await api(t, resident, 'GET', '/care/needs')).statusCode).toBe(403);
    expect((await api(t, resident, 'GET', `/care/needs/${caseA.id}`)).statusCode).toBe(404);
    expect((await api(t, resident, 'GET', '/care/queue/needs')).statusCode).toBe(403);
    expect((await api(t, streetA, 'GET', '/me/needs')).statusCode).toBe(403);
  });
});

describe('needs scopes (resident portal)', () => {
  it('a resident raises a need for themselves and sees only their own, without staff notes or names', async () => {
    const res = await api(t, resident, 'POST', '/me/needs', {
      category: 'daily_living',
      description: '家里的扶手松了，想请人来修一下。',
      preferredContactTime: '工作日上午',
    });
    expect(res.statusCode, res.body).toBe(201);
    const mine = res.json();
    expect(mine).toMatchObject({
      personId: personA,
      status: 'open',
      title: '家里的扶手松了，想请人来修一下。',
    });
    expect(mine.ref).toMatch(/^XQ-\d{4}-\d{6}$/);
    // Staff see it in street A with the source and the preferred contact time.
    const staff = (await api(t, streetA, 'GET', `/care/needs/${mine.id}`)).json();
    expect(staff).toMatchObject({ source: 'portal', personId: personA });
    expect(staff.actions[0].detail).toMatchObject({ contactTime: '工作日上午' });
    const list = (await api(t, resident, 'GET', '/me/needs')).json();
    expect(list.persons).toEqual([{ id: personA, name: expect.any(String), self: true }]);
    expect(list.items.map((x: { id: string }) => x.id).sort()).toEqual([caseA.id, mine.id].sort());
    const a = list.items.find((x: { id: string }) => x.id === caseA.id);
    // A staff-written description and owner names stay with staff.
    expect(a.description).toBe('');
    expect(JSON.stringify(list)).not.toMatch(/内部记录|ownerName|ownerUserId|actorName|displayName/);
    // Another resident's case is 404, and they cannot raise one for someone else.
    expect((await api(t, resident, 'GET', `/me/needs/${caseB.id}`)).statusCode).toBe(404);
    expect((await api(t, otherResident, 'GET', `/me/needs/${mine.id}`)).statusCode).toBe(404);
    expect(ids(await api(t, otherResident, 'GET', '/me/needs'))).toEqual([caseB.id]);
    const forOther = await api(t, resident, 'POST', '/me/needs', {
      personId: personB,
      category: 'other',
      description: 'x',
    });
    expect(forOther.statusCode).toBe(400);
    expect(forOther.json().errors[0]).toMatchObject({
      path: 'personId',
      message: '只能为本人或被监护人办理。',
    });
    const empty = await api(t, resident, 'POST', '/me/needs', { category: 'other', description: '  ' });
    expect(empty.json().errors[0]).toMatchObject({
      path: 'description',
      message: '请说一说您需要什么帮助。',
    });
  });

  it('a guardian raises and follows a need for their ward, and sees the public resolution', async () => {
    const ward = await makePerson(t, streetB, { streetCode: 'beizhan' });
    const guardian = await guardianOf(t, ward);
    const res = await api(t, guardian, 'POST', '/me/needs', {
      personId: ward,
      category: 'rehabilitation',
      description: '孩子需要康复训练名额',
    });
    expect(res.statusCode, res.body).toBe(201);
    const mine = res.json();
    let staff = (await api(t, streetB, 'GET', `/care/needs/${mine.id}`)).json();
    staff = (await act(t, streetB, staff, '/notes', { note: '内部：名额紧张' })).json();
    staff = (await act(t, streetB, staff, '/status', { status: 'in_progress' })).json();
    const resolved = await act(t, streetB, staff, '/resolve', {
      resolution: '已安排到区康复中心，每周二上午。',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const seen = (await api(t, guardian, 'GET', `/me/needs/${mine.id}`)).json();
    expect(seen).toMatchObject({ status: 'resolved', resolution: '已安排到区康复中心，每周二上午。' });
    expect(seen.steps.map((s: { kind: string }) => s.kind)).toEqual(['created', 'in_progress', 'resolved']);
    expect(JSON.stringify(seen)).not.toContain('名额紧张');
    // Not the guardian's: 404; without a ward and without own person a guardian cannot raise one.
    expect((await api(t, guardian, 'GET', `/me/needs/${caseA.id}`)).statusCode).toBe(404);
    const stranger = await makeUser(t, ['guardian']);
    const none = await api(t, stranger, 'POST', '/me/needs', { category: 'other', description: '帮忙' });
    expect(none.json().errors[0]).toMatchObject({ path: 'personId', code: 'not_yours' });
  });
});
