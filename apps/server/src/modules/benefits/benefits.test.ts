import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { openSheet } from '../registry/import/import.parse.js';
import { CYCLE_JOB, cycleJob } from './cycles.job.js';
import {
  birthDateFor,
  entitlementsOf,
  flat,
  makePerson,
  makeProgram,
  rerunCycle,
  runCycle,
  tagPerson,
  transportLike,
} from './benefits.test-utils.js';

let t: TestEnv;
let manager: TestUser; // district officer: designs programmes, runs cycles, approves
let street: TestUser; // street officer of 临汾路: registers, submits, approves
let street2: TestUser; // a second officer of 临汾路 (the four-eyes approver)
beforeAll(async () => {
  t = await createTestEnv();
  manager = await makeUser(t, ['district_officer']);
  street = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  street2 = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
});
afterAll(async () => t.close());

const bulk = (u: TestUser, cycleId: string, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/benefits/cycles/${cycleId}/entitlements/bulk`,
    headers: u.auth,
    payload,
  });

describe('programmes and rule versions', () => {
  it('refuses an ill-typed rule naming the exact condition, in the request’s language, and writes nothing', async () => {
    const p = await makeProgram(t, manager);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/programs/${p.code}/versions`,
      headers: { ...manager.auth, 'accept-language': 'zh-CN' },
      payload: {
        rule: {
          op: 'and',
          args: [
            { op: 'cmp', var: 'age', cmp: 'lt', value: 'sixty-five' },
            { op: 'cmp', var: 'no_such_thing', cmp: 'eq', value: true },
            { op: 'cmp', var: 'hukou', cmp: 'eq', value: 'mars' },
          ],
        },
        amounts: flat(100),
        effectiveFrom: '2030-01-01',
      },
    });
    expect(bad.statusCode).toBe(400);
    const errors = bad.json().errors as { path: string; code: string; message: string }[];
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['rule.args.0.value', 'type_mismatch'],
      ['rule.args.1.var', 'unknown_variable'],
      ['rule.args.2.value', 'invalid_value'],
    ]);
    expect(errors[1]!.message).toMatch(/不存在的条件项/);
    const prog = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/programs/${p.code}`,
      headers: manager.auth,
    });
    expect(prog.json().versions).toHaveLength(1);
    // The effective date must be the first of a month.
    const notFirst = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/programs/${p.code}/versions`,
      headers: { ...manager.auth, 'accept-language': 'en' },
      payload: { rule: { op: 'true' }, amounts: flat(1), effectiveFrom: '2030-01-15' },
    });
    expect(notFirst.statusCode).toBe(400);
    expect(notFirst.json().errors[0]).toMatchObject({ path: 'effectiveFrom' });
  });

  it('simulates a draft against the version in force: counts and cost per street, who enters and who leaves; then publishes', async () => {
    const p = await makeProgram(t, manager);
    const young = await makePerson(t, street, { tag: p.tag, birthDate: birthDateFor(40, '2030-03-01') });
    const sixtyTwo = await makePerson(t, street, { tag: p.tag, birthDate: birthDateFor(62, '2030-03-01') });
    const seventy = await makePerson(t, street, { tag: p.tag, birthDate: birthDateFor(70, '2030-03-01') });
    await makePerson(t, manager, {
      tag: p.tag,
      streetCode: 'beizhan',
      birthDate: birthDateFor(30, '2030-03-01'),
    });
    // Draft: under 60 only, and 60 yuan instead of 45.
    const rule = transportLike(p.tag);
    (rule as { args: unknown[] }).args[2] = { op: 'cmp', var: 'age', cmp: 'lt', value: 60 };
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/programs/${p.code}/versions`,
      headers: manager.auth,
      payload: { rule, amounts: flat(6000), effectiveFrom: '2030-03-01', notes: 'draft' },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', versionNo: 2 });
    expect(draft.json().summary.zh).toContain('年龄小于 60 岁');
    const sim = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/programs/${p.code}/versions/${draft.json().id}/simulation?period=2030-03`,
      headers: manager.auth,
    });
    expect(sim.statusCode, sim.body).toBe(200);
    const s = sim.json();
    expect(s.total).toEqual({ count: 2, amountFen: 12000 });
    expect(s.byStreet).toEqual([
      { streetCode: 'beizhan', count: 1, amountFen: 6000 },
      { streetCode: 'linfenlu', count: 1, amountFen: 6000 },
    ]);
    expect(s.monthlyCostFen).toBe(12000);
    expect(s.current).toEqual({ count: 3, amountFen: 13500 });
    expect(s.entering.count).toBe(0);
    expect(s.leaving.count).toBe(1);
    expect(s.leaving.sample.map((x: { id: string }) => x.id)).toEqual([sixtyTwo]);
    expect(s.leaving.sample[0].idNumber).toMatch(/\*{8}/);
    expect([young, seventy]).toHaveLength(2);
    // Publishing fixes it; a published version cannot be edited.
    const pub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/programs/${p.code}/versions/${draft.json().id}/publish`,
      headers: manager.auth,
    });
    expect(pub.json().status).toBe('published');
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/benefits/programs/${p.code}/versions/${draft.json().id}`,
      headers: manager.auth,
      payload: { rule, amounts: flat(1), effectiveFrom: '2030-03-01' },
    });
    expect(edit.statusCode).toBe(409);
    // A cycle for 2030-02 uses version 1; for 2030-03, version 2.
    const feb = await runCycle(t, manager, p.code, '2030-02');
    const mar = await runCycle(t, manager, p.code, '2030-03');
    expect((await entitlementsOf(t, manager, feb)).map((e) => e.amountFen).sort()).toEqual([
      4500, 4500, 4500,
    ]);
    expect((await entitlementsOf(t, manager, mar)).map((e) => e.amountFen)).toEqual([6000, 6000]);
  });

  it('changes a programme only with the current version (If-Match) and is audited', async () => {
    const p = await makeProgram(t, manager);
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/programs/${p.code}`,
      headers: manager.auth,
    });
    expect(get.headers.etag).toBe('"1"');
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/benefits/programs/${p.code}`,
      headers: { ...manager.auth, 'if-match': '"0"' },
      payload: { example: true },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/benefits/programs/${p.code}`,
      headers: { ...manager.auth, 'if-match': '"1"' },
      payload: { example: true, nameZh: '测试补贴（示例）' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ example: true, version: 2, name: { zh: '测试补贴（示例）' } });
    const audit = await t.p.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE object_id = ${ok.json().id} ORDER BY seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['benefits.program.create', 'benefits.program.update']);
  });
});

describe('cycles', () => {
  it('produces one entitlement per qualifying person, never twice, however often it runs', async () => {
    const p = await makeProgram(t, manager);
    const on = '2030-05-01';
    const ok = [
      await makePerson(t, street, { tag: p.tag, birthDate: birthDateFor(64, on) }),
      await makePerson(t, street, { tag: p.tag, birthDate: birthDateFor(20, on) }),
      await makePerson(t, manager, { tag: p.tag, streetCode: 'beizhan' }),
    ];
    // Not: 65 on the first day of the period, other hukou, deceased, no certificate, no tag.
    await makePerson(t, street, { tag: p.tag, birthDate: birthDateFor(65, on) });
    await makePerson(t, street, { tag: p.tag, over: { hukou: 'other' } });
    await makePerson(t, street, { tag: p.tag, over: { livingStatus: 'deceased' } });
    await makePerson(t, street, { tag: p.tag, over: { certificate: undefined } });
    await makePerson(t, street);
    const cycleId = await runCycle(t, manager, p.code, '2030-05');
    const first = await entitlementsOf(t, manager, cycleId);
    expect(first.map((e) => e.person.id).sort()).toEqual([...ok].sort());
    expect(first.every((e) => e.state === 'draft' && e.amountFen === 4500)).toBe(true);
    await rerunCycle(t, cycleId, 2);
    await rerunCycle(t, cycleId, 1000);
    const again = await entitlementsOf(t, manager, cycleId);
    expect(again.map((e) => e.id).sort()).toEqual(first.map((e) => e.id).sort());
    const c = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/cycles/${cycleId}`,
      headers: manager.auth,
    });
    expect(c.json()).toMatchObject({ state: 'ready', summary: { count: 3, amountFen: 13500 } });
    // A second cycle for the same period is refused; a period not fitting the programme too.
    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/programs/${p.code}/cycles`,
      headers: manager.auth,
      payload: { period: '2030-05' },
    });
    expect(dup.statusCode).toBe(409);
    const yearly = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/programs/${p.code}/cycles`,
      headers: manager.auth,
      payload: { period: '2030' },
    });
    expect(yearly.statusCode).toBe(400);
    expect(yearly.json().errors[0].code).toBe('period_mismatch');
  });

  it('a run killed after some chunks resumes from its checkpoint: nothing missing, nothing doubled', async () => {
    const p = await makeProgram(t, manager);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await makePerson(t, street, { tag: p.tag }));
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/programs/${p.code}/cycles`,
      headers: manager.auth,
      payload: { period: '2030-06' },
    });
    const cycleId = c.json().id as string;
    // The first attempt dies after its first committed chunk (as a killed worker would).
    const real = cycleJob(t.p);
    const progressAtResume: number[] = [];
    const attempts: string[] = [];
    t.p.jobs.register(CYCLE_JOB, async (ctx) => {
      attempts.push(`${ctx.attempt}:${ctx.progress}:${JSON.stringify(ctx.checkpoint)}`);
      if (ctx.attempt === 1) {
        let chunks = 0;
        const chunk = ctx.chunk.bind(ctx);
        ctx.chunk = async (work) => {
          if (chunks++ === 1) throw new Error('worker killed');
          await chunk(work);
        };
      } else progressAtResume.push(ctx.progress);
      return real(ctx as Parameters<typeof real>[0]);
    });
    try {
      await rerunCycle(t, cycleId, 2);
    } finally {
      t.p.jobs.register(CYCLE_JOB, real);
    }
    expect(progressAtResume, attempts.join(' ')).toHaveLength(1);
    expect(progressAtResume[0]).toBeGreaterThan(0);
    const rows = await t.p.database.rows<{ person_id: string; n: number }>(
      sql`SELECT person_id, count(*)::int AS n FROM benefit_entitlements WHERE cycle_id = ${cycleId} GROUP BY person_id`,
    );
    expect(rows.map((r) => r.person_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it('four eyes: a submitter cannot approve their own submission; a second officer can, in bulk; approval starts the grant and tells the resident', async () => {
    const p = await makeProgram(t, manager);
    const phone = `171${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const a = await makePerson(t, street, { tag: p.tag, phone });
    const b = await makePerson(t, street, { tag: p.tag });
    const resident = await makeUser(t, ['resident'], { phone });
    const cycleId = await runCycle(t, manager, p.code, '2030-07');
    const sub = await bulk(street, cycleId, { action: 'submit', streetCode: 'linfenlu' });
    expect(sub.json()).toEqual({ changed: 2, skipped: 0 });
    const ids = (await entitlementsOf(t, street, cycleId)).map((e) => e.id);
    const own = await bulk(street, cycleId, { action: 'approve', ids });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('four_eyes');
    const ownStreet = await bulk(street, cycleId, { action: 'approve', streetCode: 'linfenlu' });
    expect(ownStreet.json()).toEqual({ changed: 0, skipped: 2 });
    const before = t.sent.length;
    const ok = await bulk(street2, cycleId, { action: 'approve', streetCode: 'linfenlu', note: '核对无误' });
    expect(ok.json()).toEqual({ changed: 2, skipped: 0 });
    const states = await entitlementsOf(t, street, cycleId);
    expect(states.every((e) => e.state === 'approved')).toBe(true);
    // The grant started (enrolment) and the resident got a notice, in the portal and by message.
    const en = await t.p.database.rows<{ person_id: string; state: string; since_period: string }>(
      sql`SELECT person_id, state, since_period FROM benefit_enrolments WHERE person_id IN (${a}, ${b}) ORDER BY person_id`,
    );
    expect(en.map((e) => [e.state, e.since_period])).toEqual([
      ['active', '2030-07'],
      ['active', '2030-07'],
    ]);
    await t.p.notifier.flush();
    const msg = t.sent.slice(before).find((m) => m.userId === resident.id);
    expect(msg?.template).toBe('benefits.grant_started');
    expect(String(msg?.payload.text)).toContain('45 元');
    expect(JSON.stringify(msg?.payload)).not.toContain(phone);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/benefits', headers: resident.auth });
    const benefit = mine.json().persons[0].benefits.find((x: { code: string }) => x.code === p.code);
    expect(benefit).toMatchObject({ status: 'receiving', amountFen: 4500, sincePeriod: '2030-07' });
    expect(mine.json().notices[0].message.zh).toContain('无需申请');
    // Rejecting or cancelling what is approved: approve/reject apply only to pending ones.
    const again = await bulk(street2, cycleId, { action: 'reject', ids });
    expect(again.json()).toEqual({ changed: 0, skipped: 2 });
  });

  it('pays through the street’s list and the bank’s results: paid, failed with its reason, unknown numbers reported', async () => {
    const p = await makeProgram(t, manager);
    const a = await makePerson(t, street, { tag: p.tag });
    const b = await makePerson(t, street, { tag: p.tag });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/persons/${a}/benefit-facts`,
      headers: street.auth,
      payload: { accountRef: '6222001234567890' },
    });
    const cycleId = await runCycle(t, manager, p.code, '2030-08');
    await bulk(street, cycleId, { action: 'submit', streetCode: 'linfenlu' });
    await bulk(street2, cycleId, { action: 'approve', streetCode: 'linfenlu' });
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/cycles/${cycleId}/payments.xlsx?streetCode=linfenlu`,
      headers: street.auth,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pay-'));
    const file = path.join(dir, 'list.xlsx');
    fs.writeFileSync(file, xlsx.rawPayload);
    const rows: unknown[][] = [];
    for await (const r of (await openSheet(file, 'xlsx')).rows) rows.push(r.cells);
    expect(rows[0]).toEqual(['付款编号', '姓名', '身份证号', '社保卡账户', '金额（元）', '期间', '街镇']);
    expect(rows).toHaveLength(3);
    const rowA = rows.find((r) => r[3] === '6222001234567890')!;
    expect(rowA[2]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(rowA[4]).toBe(45);
    const ents = await entitlementsOf(t, street, cycleId);
    const idA = ents.find((e) => e.person.id === a)!.id;
    const idB = ents.find((e) => e.person.id === b)!.id;
    const csv = `付款编号,结果,失败原因,银行流水号\n${idA},成功,,BANK-001\n${idB},失败,账户已销户,\n00000000-0000-0000-0000-000000000000,成功,,\n`;
    const boundary = 'x-boundary';
    const body = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="results.csv"\r\ncontent-type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/cycles/${cycleId}/payments`,
      headers: { ...street.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(body),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, paid: 1, failed: 1 });
    expect(res.json().errors).toEqual([{ row: 4, message: expect.stringContaining('付款编号') }]);
    const after = await entitlementsOf(t, street, cycleId);
    expect(after.find((e) => e.id === idA)).toMatchObject({ state: 'paid', paymentRef: 'BANK-001' });
    expect(after.find((e) => e.id === idB)).toMatchObject({ state: 'approved', paymentError: '账户已销户' });
    // The failed one is on the next list again; the paid one is not.
    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/cycles/${cycleId}/payments.xlsx?streetCode=linfenlu`,
      headers: street.auth,
    });
    fs.writeFileSync(file, again.rawPayload);
    const rows2: unknown[][] = [];
    for await (const r of (await openSheet(file, 'xlsx')).rows) rows2.push(r.cells);
    expect(rows2.map((r) => r[0])).toEqual(['付款编号', idB]);
    // Another street's list is out of scope.
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/cycles/${cycleId}/payments.xlsx?streetCode=beizhan`,
      headers: street.auth,
    });
    expect(other.statusCode).toBe(400);
    const audit = await t.p.database.rows<{ details: { count: number } }>(
      sql`SELECT details FROM audit_log WHERE action = 'benefits.payments.export' AND object_id = ${cycleId} ORDER BY seq`,
    );
    expect(audit.map((x) => x.details.count)).toEqual([2, 1]);
    fs.rmSync(dir, { recursive: true, force: true });
    await tagPerson(t, a, p.tag, null);
  });
});
