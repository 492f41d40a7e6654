/** Needs cases over HTTP: SLA due times, status moves, resolving tells the resident, If-Match, field errors, the queue. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { makePerson } from '../../benefits/benefits.test-utils.js';
import { act, api, familyWithResident, guardianOf, openCase, type Case } from './needs.test-utils.js';

let t: TestEnv;
let district: TestUser;
let street: TestUser;
let street2: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  district = await makeUser(t, ['district_officer']);
  street = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  street2 = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
}, 90_000);
afterAll(async () => t?.close());

const hours = (c: Case) => (Date.parse(c.dueAt) - Date.parse(c.createdAt)) / 3600_000;

describe('SLA', () => {
  it('due times follow the category and urgency: defaults, then the settings saved', async () => {
    const personId = await makePerson(t, street, { streetCode: 'linfenlu' });
    expect(hours(await openCase(t, street, personId, { category: 'medical', urgency: 'urgent' }))).toBe(12);
    expect(hours(await openCase(t, street, personId, { category: 'other', urgency: 'low' }))).toBe(360);
    expect(hours(await openCase(t, street, personId, { category: 'housing' }))).toBe(360);
    const before = (await api(t, street, 'GET', '/care/needs/slas')).json();
    const rehab = before.items.find((x: { category: string }) => x.category === 'rehabilitation');
    expect(rehab).toMatchObject({
      isDefault: true,
      version: 0,
      hours: { urgent: 24, high: 72, normal: 168, low: 360 },
    });
    // A street officer reads but may not change them (care.settings).
    const body = {
      items: [
        { category: 'rehabilitation', hours: { urgent: 6, high: 36, normal: 96, low: 200 }, version: 0 },
      ],
    };
    expect((await api(t, street, 'PUT', '/care/needs/slas', body)).statusCode).toBe(403);
    const put = await api(t, district, 'PUT', '/care/needs/slas', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().items.find((x: { category: string }) => x.category === 'rehabilitation')).toMatchObject(
      {
        isDefault: false,
        version: 1,
      },
    );
    // Saving again with the stale version is refused.
    expect((await api(t, district, 'PUT', '/care/needs/slas', body)).statusCode).toBe(412);
    const dup = await api(t, district, 'PUT', '/care/needs/slas', { items: [body.items[0], body.items[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({
      path: 'items.1.category',
      message: '同一类别只能出现一次。',
    });
    const c = await openCase(t, street, personId, { category: 'rehabilitation', urgency: 'high' });
    expect(hours(c)).toBe(36);
    // A new urgency takes that SLA from when the case was raised.
    const patched = await act(t, street, c, '', { urgency: 'urgent' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(hours(patched.json())).toBe(6);
  });
});

describe('a case', () => {
  it('moves open → in progress → resolved → closed, refuses illegal moves (409) and stale versions (412)', async () => {
    const personId = await makePerson(t, street, { streetCode: 'linfenlu' });
    let c = await openCase(t, street, personId, { source: 'phone' });
    expect(c.ref).toMatch(/^XQ-\d{4}-\d{6}$/);
    expect(c.actions.map((a) => a.kind)).toEqual(['created']);
    const stale = c;
    let res = await act(t, street, c, '/status', { status: 'in_progress' });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    expect(res.headers.etag).toBe(`"${c.version}"`);
    expect((await act(t, street, stale, '/notes', { note: '再次来电' })).statusCode).toBe(412);
    expect((await api(t, street, 'POST', `/care/needs/${c.id}/notes`, { note: 'x' })).statusCode).toBe(428);
    // Closing before resolving, and marking resolved without a resolution, are refused.
    res = await act(t, street, c, '/status', { status: 'closed' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('invalid_state');
    res = await act(t, street, c, '/status', { status: 'resolved' });
    expect(res.statusCode).toBe(400);
    res = await act(t, street, c, '/resolve', { resolution: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'resolution', code: 'resolution_required', message: '请写明处理结果，居民会收到这段话。' },
    ]);
    res = await act(t, street, c, '/resolve', {});
    expect(res.json().errors[0]).toMatchObject({ path: 'resolution', message: '此项为必填项。' });
    res = await act(t, street, c, '/notes', { note: '已联系辅具中心' });
    c = res.json();
    res = await act(t, street, c, '/resolve', { resolution: '辅具中心已上门维修轮椅。' });
    expect(res.statusCode, res.body).toBe(200);
    c = res.json();
    expect(c).toMatchObject({ status: 'resolved' });
    // No resident or guardian account: the case says a worker must phone.
    expect(c.mustPhone).toBe(true);
    expect(c.outcomeNotifiedAt).toBeNull();
    expect(c.actions.at(-1)).toMatchObject({ kind: 'notified', detail: { recipients: 0, mustPhone: true } });
    expect((await act(t, street, c, '/resolve', { resolution: '再次' })).statusCode).toBe(409);
    res = await act(t, street, c, '/told', { channel: 'phone', note: '已电话告知本人' });
    c = res.json();
    expect(c.mustPhone).toBe(false);
    expect(c.outcomeNotifiedAt).not.toBeNull();
    res = await act(t, street, c, '/status', { status: 'closed' });
    c = res.json();
    expect(c.status).toBe('closed');
    // Reopening starts a new SLA period and clears the outcome.
    res = await act(t, street, c, '/status', { status: 'open', note: '居民反映仍未修好' });
    c = res.json();
    expect(c).toMatchObject({ status: 'open', resolution: '', outcomeNotifiedAt: null, escalationLevel: 0 });
    expect(c.actions.map((a) => a.kind)).toEqual([
      'created',
      'status',
      'note',
      'resolved',
      'notified',
      'notified',
      'status',
      'reopened',
    ]);
    // Withdrawn from open; in progress cannot go back to open.
    res = await act(t, street, c, '/status', { status: 'withdrawn' });
    expect(res.json().status).toBe('withdrawn');
    const d = await openCase(t, street, personId);
    const moved = (await act(t, street, d, '/status', { status: 'in_progress' })).json();
    expect((await act(t, street, moved, '/status', { status: 'open' })).statusCode).toBe(409);
  });

  it('resolving tells the resident and the guardian linked to the person', async () => {
    const { personId, resident } = await familyWithResident(t, street, 'linfenlu');
    const guardian = await guardianOf(t, personId);
    const c = await openCase(t, street, personId);
    const before = t.sent.length;
    const res = await act(t, street, c, '/resolve', { resolution: '已为您申请辅具补贴，下周送到。' });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as Case;
    expect(out.mustPhone).toBe(false);
    expect(out.outcomeNotifiedAt).not.toBeNull();
    expect(out.actions.at(-1)).toMatchObject({ kind: 'notified', detail: { recipients: 2 } });
    await t.p.notifier.flush();
    const msgs = t.sent.slice(before).filter((m) => m.template === 'care.need.resolved');
    expect(msgs.map((m) => m.userId).sort()).toEqual([resident.id, guardian.id].sort());
    expect(String(msgs[0]!.payload.text)).toContain('已为您申请辅具补贴');
    expect(String(msgs[0]!.payload.text)).toContain(c.ref);
  });

  it('names field errors in Chinese: title, person, owner', async () => {
    const personId = await makePerson(t, street, { streetCode: 'linfenlu' });
    let res = await api(t, street, 'POST', '/care/needs', {
      personId,
      source: 'counter',
      category: 'other',
      title: ' ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'title', code: 'title_required', message: '请填写诉求的标题（一句话说明需要什么）。' },
    ]);
    res = await api(t, street, 'POST', '/care/needs', {
      personId,
      source: 'portal',
      category: 'nope',
      title: 'x',
    });
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['category', 'source']);
    const other = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
    res = await api(t, street, 'POST', '/care/needs', {
      personId,
      source: 'counter',
      category: 'other',
      title: 'x',
      ownerUserId: other.id,
    });
    expect(res.json().errors[0]).toMatchObject({
      path: 'ownerUserId',
      message: '所选人员不能负责此诉求（须为该人员所在街镇或居委的工作人员）。',
    });
  });
});

describe('owner and queue', () => {
  it('assigns an in-scope worker, who is told and sees it in "my open needs", overdue first', async () => {
    const personId = await makePerson(t, street, { streetCode: 'linfenlu' });
    const c = await openCase(t, street, personId);
    const owners = (await api(t, street, 'GET', `/care/needs/${c.id}/owners`)).json() as { id: string }[];
    expect(owners.map((o) => o.id)).toEqual(expect.arrayContaining([street.id, street2.id, district.id]));
    const before = t.sent.length;
    const res = await act(t, street, c, '/assign', { ownerUserId: street2.id, note: '请跟进' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerUserId: street2.id, ownerName: expect.any(String) });
    await t.p.notifier.flush();
    expect(t.sent.slice(before).find((m) => m.userId === street2.id)?.template).toBe('care.need.assigned');
    // An overdue case of theirs comes first, with how overdue.
    const late = await openCase(t, street, personId, { ownerUserId: street2.id, title: '逾期' });
    await t.p.database.db.execute(
      (await import('drizzle-orm'))
        .sql`UPDATE care_needs SET due_at = now() - interval '30 hours' WHERE id = ${late.id}`,
    );
    const unassigned = await openCase(t, street, personId, { ownerUserId: null, title: '未分配' });
    const q = (await api(t, street2, 'GET', '/care/queue/needs')).json();
    expect(q.mine[0]).toMatchObject({ id: late.id, overdue: true });
    expect(q.mine[0].overdueHours).toBeGreaterThanOrEqual(29);
    expect(q.mine.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(q.unassigned.map((x: { id: string }) => x.id)).toContain(unassigned.id);
    expect(q.unassigned.map((x: { id: string }) => x.id)).not.toContain(c.id);
    // The list filters agree.
    const overdue = (await api(t, street, 'GET', `/care/needs?overdue=true&owner=${street2.id}`)).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toEqual([late.id]);
    const none = (await api(t, street, 'GET', `/care/needs?owner=none&personId=${personId}`)).json();
    expect(none.items.map((x: { id: string }) => x.id)).toEqual([unassigned.id]);
    // Keyset paging: newest first, no repeats.
    const p1 = (await api(t, street, 'GET', `/care/needs?personId=${personId}&limit=2`)).json();
    const p2 = (
      await api(t, street, 'GET', `/care/needs?personId=${personId}&limit=2&cursor=${p1.nextCursor}`)
    ).json();
    expect(p1.items.map((x: { id: string }) => x.id)).toEqual([unassigned.id, late.id]);
    expect(p2.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(p2.nextCursor).toBeNull();
  });
});
