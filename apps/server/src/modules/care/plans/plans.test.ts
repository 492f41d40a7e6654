/** Meetings and work plans through HTTP: project stages, meetings with attendees and needs, work items, transitions, If-Match, queue. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { call, created, makeFamily, makeTeam, makeVolunteer } from '../care.test-utils.js';
import { careOf } from '../care.module.js';
import { makeNeed, patch, twoStages } from './plans.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let coordinator: TestUser;
let streetOfficer: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  coordinator = await makeUser(t, ['volunteer_coordinator']);
  streetOfficer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
}, 60_000);
afterAll(async () => t?.close());

async function audit(action: string, objectId: string) {
  const r = await t.p.database.db.execute(
    sql`SELECT details FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`,
  );
  return (r as unknown as { rows: { details: Record<string, unknown> }[] }).rows;
}

describe('暖心行动 projects', () => {
  it('keeps ordered stages with tasks and standards; stage keys must be unique; If-Match', async () => {
    const p = await created<typeof twoStages>(await call(t, officer, 'POST', '/projects', twoStages));
    expect(p.stages.map((s) => s.key)).toEqual(['survey', 'deliver']);
    expect(p.stages[1]!.tasks[0]).toEqual({ task: '完成改造', standard: '30 日内完成，家属签字验收' });
    expect(await audit('care.project.create', p.id)).toHaveLength(1);

    const dup = await call(t, officer, 'POST', '/projects', {
      name: '重复阶段',
      stages: [
        { key: 's1', name: '一' },
        { key: 's1', name: '二' },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({ path: 'stages.1.key', message: '阶段编号不能重复。' });
    const none = await call(t, officer, 'POST', '/projects', { name: '无阶段', stages: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('stages');

    const stale = await patch(t, officer, `/projects/${p.id}`, { name: 'x' }, 7);
    expect(stale.statusCode).toBe(412);
    const noMatch = await call(t, officer, 'PATCH', `/projects/${p.id}`, { name: 'x' });
    expect(noMatch.statusCode).toBe(428);
    const renamed = await patch(t, officer, `/projects/${p.id}`, { name: '暖心行动 2026' }, 1);
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');
    // A patch changes only what it names: the stages stay.
    expect(renamed.json().stages).toHaveLength(2);
  });

  it("an item's stage must exist in its project; a used stage cannot be removed; progress per stage", async () => {
    const p = await created(await call(t, officer, 'POST', '/projects', twoStages));
    const base = { title: '核实需求', ownerUserId: coordinator.id, deadline: '2026-06-30', projectId: p.id };
    const wrong = await call(t, officer, 'POST', '/work-items', { ...base, stageKey: 'nope' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ path: 'stageKey', message: '该项目没有这个阶段。' });
    const noProject = await call(t, officer, 'POST', '/work-items', {
      ...base,
      projectId: null,
      stageKey: 'survey',
    });
    expect(noProject.json().errors[0].path).toBe('meetingId'); // neither meeting nor project
    const first = await created<{ stageKey: string; stageName: string }>(
      await call(t, officer, 'POST', '/work-items', base),
    );
    expect(first).toMatchObject({ stageKey: 'survey', stageName: '走访摸底', status: 'open' });
    const second = await created(
      await call(t, officer, 'POST', '/work-items', { ...base, title: '施工', stageKey: 'deliver' }),
    );
    await created(
      await call(t, officer, 'POST', '/work-items', { ...base, title: '作废', stageKey: 'deliver' }),
    ).then((c) => patch(t, officer, `/work-items/${c.id}`, { status: 'cancelled' }, 1));
    expect((await patch(t, officer, `/work-items/${second.id}`, { status: 'done' }, 1)).statusCode).toBe(200);

    careOf(t.p).plans.setClock(() => new Date('2026-07-05T02:00:00Z'));
    const prog = (await call(t, officer, 'GET', `/projects/${p.id}/progress`)).json();
    expect(prog.total).toBe(3);
    expect(prog.counts).toEqual({ open: 1, in_progress: 0, done: 1, cancelled: 1 });
    expect(prog.overdue).toBe(1); // the open one, deadline 2026-06-30
    expect(prog.percentDone).toBe(50); // cancelled ones do not count
    expect(prog.stages[0]).toMatchObject({ key: 'survey', overdue: 1, counts: { open: 1 } });
    expect(prog.stages[1].counts).toEqual({ open: 0, in_progress: 0, done: 1, cancelled: 1 });

    const drop = await patch(t, officer, `/projects/${p.id}`, { stages: [twoStages.stages[0]] }, 1);
    expect(drop.statusCode).toBe(400);
    expect(drop.json().errors[0].code).toBe('stage_in_use');
    const moved = await patch(
      t,
      officer,
      `/work-items/${first.id}`,
      { stageKey: 'deliver', note: '摸底完成' },
      1,
    );
    expect(moved.json()).toMatchObject({ stageKey: 'deliver', stageName: '改造落实' });
    expect(moved.json().progress.at(-1)).toMatchObject({
      stageKey: 'deliver',
      note: '摸底完成',
      userId: officer.id,
    });
    const unknown = await patch(t, officer, `/work-items/${first.id}`, { stageKey: 'gone' }, 2);
    expect(unknown.json().errors[0].code).toBe('unknown_stage');
  });
});

describe('meetings', () => {
  it('records a joint meeting with teams, attendees, minutes and needs (ref, category, title, status only)', async () => {
    const teamA = await makeTeam(t, officer, '临汾路党员先锋队');
    const teamB = await makeTeam(t, officer, '社工先锋队');
    const v = await makeVolunteer(t, officer, { name: '李志愿' });
    const family = await makeFamily(t, streetOfficer, 'linfenlu');
    const need = await makeNeed(t, family);
    const res = await call(t, officer, 'POST', '/meetings', {
      kind: 'joint_meeting',
      title: '两支先锋队联席会议',
      heldAt: '2026-03-02T09:30:00+08:00',
      place: '临汾路街道党群服务中心',
      organisationIds: [teamA.id, teamB.id],
      attendees: [
        { volunteerId: v.id, present: true },
        { userId: coordinator.id, present: true },
        { name: '居委书记', present: false },
      ],
      minutes: '分析了辖区残疾人的需求，形成工作计划。',
      needIds: [need.id],
    });
    const m = await created<Record<string, never>>(res);
    const out = res.json();
    expect(out.organisations.map((o: { name: string }) => o.name)).toEqual([
      '临汾路党员先锋队',
      '社工先锋队',
    ]);
    expect(out.attendees).toEqual([
      { volunteerId: v.id, userId: null, name: '李志愿', kind: 'volunteer', present: true },
      expect.objectContaining({ userId: coordinator.id, kind: 'staff', present: true }),
      { volunteerId: null, userId: null, name: '居委书记', kind: 'guest', present: false },
    ]);
    expect(out.presentCount).toBe(2);
    expect(out.needs).toEqual([
      { id: need.id, ref: need.ref, category: 'accessibility', title: '需要轮椅坡道', status: 'open' },
    ]);
    expect(JSON.stringify(out)).not.toContain(family); // no person id
    expect(await audit('care.meeting.create', m.id)).toEqual([{ details: { needIds: [need.id] } }]);

    const bad = await call(t, officer, 'POST', '/meetings', {
      kind: 'lecture',
      title: '讲座',
      heldAt: '2026-03-03T14:00:00+08:00',
      organisationIds: ['01900000-0000-7000-8000-000000000000'],
      attendees: [{ name: '嘉宾', userId: coordinator.id }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('organisationIds');
    const two = await call(t, officer, 'POST', '/meetings', {
      kind: 'lecture',
      title: '讲座',
      heldAt: '2026-03-03T14:00:00+08:00',
      attendees: [{ name: '嘉宾', userId: coordinator.id }],
    });
    expect(two.json().errors[0]).toMatchObject({ path: 'attendees.0', code: 'one_attendee' });

    const lecture = await created(
      await call(t, officer, 'POST', '/meetings', {
        kind: 'lecture',
        title: '助残政策讲座',
        heldAt: '2026-03-10T14:00:00+08:00',
        organisationIds: [teamA.id],
        attendees: [{ name: '居民甲' }, { name: '居民乙' }, { name: '居民丙', present: false }],
      }),
    );
    const list = (await call(t, officer, 'GET', `/meetings?organisationId=${teamA.id}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([lecture.id, m.id]); // newest first
    expect(list.items[0]).toMatchObject({ kind: 'lecture', attendeeCount: 3, presentCount: 2 });
    const lectures = (
      await call(t, officer, 'GET', '/meetings?kind=lecture&from=2026-03-10&to=2026-03-10')
    ).json();
    expect(lectures.items.map((x: { id: string }) => x.id)).toEqual([lecture.id]);
    const paged = (await call(t, officer, 'GET', `/meetings?organisationId=${teamA.id}&limit=1`)).json();
    const next = (
      await call(t, officer, 'GET', `/meetings?organisationId=${teamA.id}&limit=1&cursor=${paged.nextCursor}`)
    ).json();
    expect(next.items.map((x: { id: string }) => x.id)).toEqual([m.id]);

    const edited = await patch(t, officer, `/meetings/${m.id}`, { minutes: '补充：下月回访。' }, 1);
    expect(edited.json()).toMatchObject({ minutes: '补充：下月回访。', presentCount: 2 });
    expect(edited.json().needs).toHaveLength(1);
    expect((await patch(t, officer, `/meetings/${m.id}`, { minutes: 'x' }, 1)).statusCode).toBe(412);
  });
});

describe('work items', () => {
  it('from a meeting need: transitions, notes with who and when, done sets doneAt; illegal moves refused', async () => {
    const family = await makeFamily(t, streetOfficer, 'linfenlu');
    const need = await makeNeed(t, family, '需要助听器');
    const other = await makeNeed(t, family, '另一件事');
    const m = await created(
      await call(t, officer, 'POST', '/meetings', {
        kind: 'joint_meeting',
        title: '联席会议',
        heldAt: '2026-04-01T09:00:00+08:00',
        needIds: [need.id],
      }),
    );
    const base = {
      title: '申请助听器',
      ownerUserId: coordinator.id,
      deadline: '2026-04-30',
      meetingId: m.id,
    };
    const notIn = await call(t, officer, 'POST', '/work-items', { ...base, needId: other.id });
    expect(notIn.json().errors[0]).toMatchObject({ path: 'needId', code: 'need_not_in_meeting' });
    const resident = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
    const badOwner = await call(t, officer, 'POST', '/work-items', { ...base, ownerUserId: resident.id });
    expect(badOwner.json().errors[0]).toMatchObject({ path: 'ownerUserId', code: 'not_a_planner' });

    const item = await created<{ need: unknown; meetingTitle: string }>(
      await call(t, officer, 'POST', '/work-items', { ...base, needId: need.id }),
    );
    expect(item.need).toEqual({
      id: need.id,
      ref: need.ref,
      category: 'accessibility',
      title: '需要助听器',
      status: 'open',
    });
    expect(item.meetingTitle).toBe('联席会议');
    const list = (await call(t, officer, 'GET', `/work-items?meetingId=${m.id}`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([item.id]);
    expect(
      (await call(t, officer, 'GET', `/meetings?from=2026-04-01&to=2026-04-01`)).json().items[0].itemCount,
    ).toBe(1);

    const started = await patch(t, coordinator, `/work-items/${item.id}`, { status: 'in_progress' }, 1);
    expect(started.json()).toMatchObject({ status: 'in_progress', doneAt: null });
    const noted = await call(
      t,
      coordinator,
      'POST',
      `/work-items/${item.id}/progress`,
      { note: '已联系供应商' },
      {
        'if-match': '2',
      },
    );
    expect(noted.statusCode, noted.body).toBe(200);
    expect(
      (
        await call(
          t,
          coordinator,
          'POST',
          `/work-items/${item.id}/progress`,
          { note: 'x' },
          { 'if-match': '2' },
        )
      ).statusCode,
    ).toBe(412);
    const done = await patch(t, coordinator, `/work-items/${item.id}`, { status: 'done', note: '已配发' }, 3);
    expect(done.json().status).toBe('done');
    expect(done.json().doneAt).toBeTruthy();
    expect(
      done
        .json()
        .progress.map((e: { status: string | null; note: string; userName: string }) => [e.status, e.note]),
    ).toEqual([
      ['in_progress', ''],
      [null, '已联系供应商'],
      ['done', '已配发'],
    ]);
    expect(done.json().progress[0].userId).toBe(coordinator.id);
    expect(done.json().progress[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const reopen = await patch(t, coordinator, `/work-items/${item.id}`, { status: 'open' }, 4);
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().code).toBe('invalid_state');
    const bad = await patch(t, coordinator, `/work-items/${item.id}`, { status: 'finished' }, 4);
    expect(bad.statusCode).toBe(400);
    const updates = await audit('care.work_item.update', item.id);
    expect(updates.map((u) => u.details.status ?? null)).toEqual(['in_progress', null, 'done']);

    // The needs case gets a note when the one who finishes the item may see the case: the
    // coordinator (no area) may not — no note; the district officer may.
    const notes = async () => {
      const r = await t.p.database.db.execute(
        sql`SELECT note, actor_user_id FROM care_need_actions WHERE need_id = ${need.id} AND kind = 'note'`,
      );
      return (r as unknown as { rows: { note: string; actor_user_id: string }[] }).rows;
    };
    expect(await notes()).toEqual([]);
    const second = await created(
      await call(t, officer, 'POST', '/work-items', { ...base, title: '回访确认', needId: need.id }),
    );
    expect((await patch(t, officer, `/work-items/${second.id}`, { status: 'done' }, 1)).statusCode).toBe(200);
    expect(await notes()).toEqual([{ note: '工作计划已完成：回访确认', actor_user_id: officer.id }]);
  });

  it('queue: my open and in-progress items, overdue first (fixed clock)', async () => {
    const me = await makeUser(t, ['volunteer_coordinator']);
    const p = await created(await call(t, officer, 'POST', '/projects', twoStages));
    const mk = async (title: string, deadline: string) =>
      created(
        await call(t, officer, 'POST', '/work-items', {
          title,
          ownerUserId: me.id,
          deadline,
          projectId: p.id,
        }),
      );
    const later = await mk('下月的事', '2026-06-20');
    const overdueOld = await mk('早已逾期', '2026-05-01');
    const dueToday = await mk('今天到期', '2026-05-20');
    const overdueNew = await mk('昨天逾期', '2026-05-19');
    const finished = await mk('已完成', '2026-04-01');
    await patch(t, officer, `/work-items/${finished.id}`, { status: 'done' }, 1);
    await mk('别人的', '2026-01-01').then((x) =>
      patch(t, officer, `/work-items/${x.id}`, { ownerUserId: officer.id }, 1),
    );
    await patch(t, officer, `/work-items/${later.id}`, { status: 'in_progress' }, 1);

    careOf(t.p).plans.setClock(() => new Date('2026-05-20T01:00:00Z')); // 09:00 in Shanghai
    const q = (await call(t, me, 'GET', '/queue/work-items')).json();
    expect(q.items.map((x: { title: string }) => x.title)).toEqual([
      '早已逾期',
      '昨天逾期',
      '今天到期',
      '下月的事',
    ]);
    expect(q.items.map((x: { overdue: boolean }) => x.overdue)).toEqual([true, true, false, false]);
    expect(q.overdue).toBe(2);
    expect([overdueOld.id, overdueNew.id, dueToday.id]).toContain(q.items[0].id);
    // 23:30 UTC is already the next day in Shanghai: today's item is now overdue.
    careOf(t.p).plans.setClock(() => new Date('2026-05-20T16:30:00Z'));
    expect((await call(t, me, 'GET', '/queue/work-items')).json().overdue).toBe(3);
  });
});
