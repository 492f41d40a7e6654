/** Corrections: the volunteer asks, a coordinator approves (applied, old values audited) or rejects; once only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { addRecord, call, makeVolunteerUser, thisYear } from './hours.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let coordinator: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  coordinator = await makeUser(t, ['volunteer_coordinator']);
}, 60_000);
afterAll(async () => t?.close());

async function audit(action: string, objectId: string) {
  const r = await t.p.database.db.execute(
    sql`SELECT details FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`,
  );
  return (r as unknown as { rows: { details: Record<string, unknown> }[] }).rows;
}

describe('corrections', () => {
  it('approving a changed record applies the minutes, keeps the old in the audit, tells the volunteer; twice → 409', async () => {
    const { user, volunteer } = await makeVolunteerUser(t, officer);
    const rec = await addRecord(t, coordinator, volunteer.id, { minutes: 60 });
    const asked = await call(t, user, 'POST', '/me/hours/corrections', {
      recordId: rec.id,
      minutes: 150,
      reason: '实际服务了两个半小时',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const c = asked.json();
    expect(c).toMatchObject({ state: 'pending', record: { minutes: 60 }, proposed: { minutes: 150 } });

    const again = await call(t, user, 'POST', '/me/hours/corrections', {
      recordId: rec.id,
      minutes: 120,
      reason: '再次',
    });
    expect(again.json().errors[0]).toMatchObject({ path: 'recordId', code: 'correction_pending' });

    const queue = await call(t, coordinator, 'GET', '/hours/corrections');
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(c.id);

    const noMatch = await call(t, coordinator, 'POST', `/hours/corrections/${c.id}/decision`, {
      decision: 'approve',
    });
    expect(noMatch.statusCode).toBe(428);
    const sentBefore = t.sent.length;
    const ok = await call(
      t,
      coordinator,
      'POST',
      `/hours/corrections/${c.id}/decision`,
      { decision: 'approve' },
      { 'if-match': '1' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', record: { minutes: 150 }, version: 2 });
    const hours = await call(t, user, 'GET', '/me/hours');
    expect(hours.json().totals.allMinutes).toBe(150);
    expect((await audit('care.hours.correction.approve', c.id))[0]!.details).toMatchObject({
      recordId: rec.id,
      old: { minutes: 60 },
      new: { minutes: 150 },
    });
    const told = t.sent.slice(sentBefore).filter((m) => m.userId === user.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      template: 'care.hours.correction_decided',
      payload: { correctionId: c.id, state: 'approved' },
    });

    for (const [version, decision] of [
      ['2', 'reject'],
      ['1', 'approve'],
    ] as const) {
      const twice = await call(
        t,
        coordinator,
        'POST',
        `/hours/corrections/${c.id}/decision`,
        { decision, note: '重复处理' },
        { 'if-match': version },
      );
      expect(twice.statusCode).toBe(409);
    }
    const mine = await call(t, user, 'GET', '/me/hours/corrections');
    expect(mine.json()).toEqual([expect.objectContaining({ id: c.id, state: 'approved' })]);
  });

  it('a missing service approved becomes a manual record; a rejection needs a note and keeps the record', async () => {
    const { user } = await makeVolunteerUser(t, officer);
    const bad = await call(t, user, 'POST', '/me/hours/corrections', { minutes: 60, reason: '漏记' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'serviceDate', message: '补录服务请填写服务日期。' });
    const missing = await call(t, user, 'POST', '/me/hours/corrections', {
      minutes: 90,
      serviceDate: `${thisYear()}-01-05`,
      activity: '无障碍出行陪伴',
      reason: '当天签到表漏登',
    });
    expect(missing.statusCode, missing.body).toBe(201);
    const m = missing.json();
    expect(m).toMatchObject({
      recordId: null,
      record: null,
      proposed: { minutes: 90, serviceDate: `${thisYear()}-01-05` },
    });
    const approved = await call(
      t,
      coordinator,
      'POST',
      `/hours/corrections/${m.id}/decision`,
      { decision: 'approve' },
      { 'if-match': '1' },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    const after = await call(t, user, 'GET', '/me/hours');
    expect(after.json().records).toEqual([
      expect.objectContaining({
        source: 'manual',
        minutes: 90,
        serviceDate: `${thisYear()}-01-05`,
        activity: '无障碍出行陪伴',
      }),
    ]);

    const rec = after.json().records[0];
    const asked = await call(t, user, 'POST', '/me/hours/corrections', {
      recordId: rec.id,
      minutes: 30,
      reason: '记多了',
    });
    const c = asked.json();
    const noNote = await call(
      t,
      coordinator,
      'POST',
      `/hours/corrections/${c.id}/decision`,
      { decision: 'reject' },
      { 'if-match': '1' },
    );
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0]).toMatchObject({ path: 'note', message: '驳回时请写明理由。' });
    const rejected = await call(
      t,
      coordinator,
      'POST',
      `/hours/corrections/${c.id}/decision`,
      { decision: 'reject', note: '签到表显示为 90 分钟' },
      { 'if-match': '1' },
    );
    expect(rejected.json()).toMatchObject({ state: 'rejected', decisionNote: '签到表显示为 90 分钟' });
    expect((await call(t, user, 'GET', '/me/hours')).json().totals.allMinutes).toBe(90);
    const outcome = await call(t, user, 'GET', `/me/hours/corrections/${c.id}`);
    expect(outcome.json()).toMatchObject({ state: 'rejected', decisionNote: '签到表显示为 90 分钟' });
  });

  it("a volunteer sees only their own corrections (404 for another's) and cannot correct another's record", async () => {
    const a = await makeVolunteerUser(t, officer, '甲');
    const b = await makeVolunteerUser(t, officer, '乙');
    const recB = await addRecord(t, coordinator, b.volunteer.id);
    const onB = await call(t, a.user, 'POST', '/me/hours/corrections', {
      recordId: recB.id,
      minutes: 30,
      reason: '改别人的',
    });
    expect(onB.statusCode).toBe(400);
    expect(onB.json().errors[0]).toMatchObject({ path: 'recordId', code: 'not_found' });
    const cb = (
      await call(t, b.user, 'POST', '/me/hours/corrections', {
        recordId: recB.id,
        minutes: 30,
        reason: '记多了',
      })
    ).json();
    expect((await call(t, a.user, 'GET', `/me/hours/corrections/${cb.id}`)).statusCode).toBe(404);
    expect((await call(t, a.user, 'GET', '/me/hours/corrections')).json()).toEqual([]);
    expect((await call(t, a.user, 'GET', `/hours/corrections/${cb.id}`)).statusCode).toBe(404);
    expect(
      (
        await call(
          t,
          a.user,
          'POST',
          `/hours/corrections/${cb.id}/decision`,
          { decision: 'approve' },
          { 'if-match': '1' },
        )
      ).statusCode,
    ).toBe(404);
  });
});
