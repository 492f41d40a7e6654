import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';
import { auditLog, outboxEvents } from '../../platform/db/schema.js';
import { persons } from './registry.tables.js';

let t: TestEnv;
let officer: TestUser;
beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
});
afterAll(async () => t.close());

const create = (body: Record<string, unknown>, u: TestUser = officer, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: { ...u.auth, ...headers }, payload: body });

describe('registering a person', () => {
  it('derives gender and birth date from the ID, reads category and grade from the certificate, masks identifiers', async () => {
    const body = personBody({ idNumber: undefined, certificate: undefined });
    const id = '11010519491231002X';
    const res = await create({
      ...body,
      idNumber: ' １１０１０５１９４９１２３１００２ｘ ',
      certificate: { number: `${id}42`, issuedAt: '2019-03-01' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      gender: 'female',
      birthDate: '1949-12-31',
      category: 4,
      grade: 2,
      idNumber: '110105********002X',
      streetCode: 'linfenlu',
      version: 1,
    });
    expect(p.phone).toMatch(/^170\*\*\*\*\d{4}$/);
    expect(p.certificate.number).toBe('110105********002X42');
    // Raw table: no plaintext identifiers.
    const raw = await t.p.database.rows<{ t: string }>(
      sql`SELECT row_to_json(p)::text AS t FROM persons p WHERE id = ${p.id}`,
    );
    expect(raw[0]!.t).not.toContain('11010519491231002X');
    expect(raw[0]!.t).not.toContain(body.phone as string);
    // A person.changed event left through the outbox in the same transaction.
    const events = await t.p.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, p.id));
    expect(events.map((e) => e.type)).toEqual(['person.changed']);
  });

  it('keeps names exactly as given: rare characters and the middle dot', async () => {
    for (const name of ['阿依古丽·买买提', '王𠀀𪚥']) {
      const res = await create(personBody({ name }));
      expect(res.statusCode).toBe(201);
      expect(res.json().name).toBe(name);
    }
  });

  it('rejects bad input per field in the request language and writes nothing', async () => {
    const before = await t.p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`);
    const res = await create(
      {
        name: '',
        idNumber: '110105194912310021',
        phone: '123',
        certificate: { number: '11010519491231002X92', issuedAt: 'yesterday' },
        streetCode: 'linfenlu',
        nickname: 'x',
      },
      officer,
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'idNumber',
        'phone',
        'certificate.number',
        'certificate.issuedAt',
        'nickname',
      ]),
    );
    const zh = await create({ ...personBody(), idNumber: '110105194912310021' });
    expect(zh.json().errors[0]).toMatchObject({ path: 'idNumber', code: 'invalid_checksum' });
    expect(zh.json().errors[0].message).toMatch(/校验/);
    const after = await t.p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses a second record with the same ID number, and warns of a similar name with the same birth date', async () => {
    const body = personBody();
    expect((await create(body)).statusCode).toBe(201);
    const dup = await create({ ...personBody(), idNumber: body.idNumber, certificate: undefined });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].code).toBe('duplicate_id_number');
    const similar = personBody({ name: body.name, confirmNotDuplicate: undefined, certificate: undefined });
    const { birthDateOf, idCheckChar } = await import('@jinglin/shared');
    const first17 = `320102${birthDateOf(body.idNumber as string)!.replace(/-/g, '')}955`;
    const warn = await create({ ...similar, idNumber: first17 + idCheckChar(first17) });
    expect(warn.statusCode).toBe(409);
    expect(warn.json().errors[0].code).toBe('possible_duplicate');
  });

  it('cannot register into another street', async () => {
    const res = await create(personBody({ streetCode: 'beizhan' }));
    expect(res.statusCode).toBe(403);
  });
});

describe('search', () => {
  it('finds by name, full pinyin, initials, exact ID, certificate and phone number, inside the scope', async () => {
    const body = personBody({ name: '张三丰' });
    const p = (await create(body)).json();
    const find = async (q: string) =>
      (await t.app.inject({ url: `/api/v1/persons?q=${encodeURIComponent(q)}`, headers: officer.auth }))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await find('张三丰')).toContain(p.id);
    expect(await find('张三')).toContain(p.id);
    expect(await find('zhangsanfeng')).toContain(p.id);
    expect(await find('zhangsan')).toContain(p.id);
    expect(await find('zsf')).toContain(p.id);
    expect(await find('ZSF')).toContain(p.id);
    expect(await find(body.idNumber as string)).toEqual([p.id]);
    expect(await find((body.idNumber as string).toLowerCase())).toEqual([p.id]);
    expect(await find((body.certificate as { number: string }).number)).toEqual([p.id]);
    expect(await find(body.phone as string)).toEqual([p.id]);
    expect(await find('张三疯')).toContain(p.id); // fuzzy (trigram)
    const other = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
    const outside = (
      await t.app.inject({ url: `/api/v1/persons?q=zhangsanfeng`, headers: other.auth })
    ).json();
    expect(outside.items).toEqual([]);
  });

  it('filters by category, grade, living status and age band, and counts the same rows', async () => {
    const young = personBody({ name: '过滤测试甲', certificate: undefined });
    const y = (await create(young)).json();
    const cert = `${young.idNumber}51`;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${y.id}/certificates`,
      headers: officer.auth,
      payload: { number: cert, issuedAt: '2024-01-01' },
    });
    const q = `/api/v1/persons?category=5&grade=1&ageMin=${y.age}&ageMax=${y.age}&livingStatus=normal`;
    const list = (await t.app.inject({ url: q, headers: officer.auth })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(y.id);
    for (const i of list.items) expect([i.category, i.grade, i.age]).toEqual([5, 1, y.age]);
    const count = (
      await t.app.inject({ url: q.replace('/persons?', '/persons/count?'), headers: officer.auth })
    ).json().count;
    expect(count).toBe(list.items.length);
  });

  it('gives the age but not the birth date, and finds those born on a day (the duplicate check)', async () => {
    const { birthDateOf, idCheckChar } = await import('@jinglin/shared');
    const a = personBody({ name: '生日检查' });
    const pa = (await create(a)).json();
    const born = birthDateOf(a.idNumber as string)!;
    // The same name, born the day after: not found by the first one's birth date.
    const next = new Date(`${born}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const first17 = `310106${next.toISOString().slice(0, 10).replace(/-/g, '')}733`;
    const b = personBody({
      name: '生日检查',
      idNumber: first17 + idCheckChar(first17),
      certificate: undefined,
    });
    const pb = (await create({ ...b, confirmNotDuplicate: true })).json();
    const list = async (query: string) =>
      (await t.app.inject({ url: `/api/v1/persons?${query}`, headers: officer.auth })).json();
    const both = await list(`q=${encodeURIComponent('生日检查')}`);
    expect(both.items.map((i: { id: string }) => i.id).sort()).toEqual([pa.id, pb.id].sort());
    for (const i of both.items) {
      // The masked ID number hides exactly the birth date's digits: the two together would unmask it.
      expect(i).not.toHaveProperty('birthDate');
      expect(i.age).toEqual(expect.any(Number));
      expect(i.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const onDay = await list(`q=${encodeURIComponent('生日检查')}&birthDate=${born}`);
    expect(onDay.items.map((i: { id: string }) => i.id)).toEqual([pa.id]);
    // With an age band as well: both bounds narrowed to the day.
    const withAge = await list(`birthDate=${born}&ageMin=0&ageMax=130&q=${encodeURIComponent('生日检查')}`);
    expect(withAge.items.map((i: { id: string }) => i.id)).toEqual([pa.id]);
    expect(
      (await t.app.inject({ url: '/api/v1/persons?birthDate=1990-13-01', headers: officer.auth })).statusCode,
    ).toBe(400);
  });
});

describe('changes', () => {
  it('updates with If-Match, keeps who/when/what/why, 412 on a stale version', async () => {
    const p = (await create(personBody())).json();
    const url = `/api/v1/persons/${p.id}`;
    const ok = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...officer.auth, 'if-match': '1' },
      payload: { livingStatus: 'moved_out', phone: '17099990000', reason: '迁出本区' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ livingStatus: 'moved_out', version: 2, phone: '170****0000' });
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...officer.auth, 'if-match': '1' },
      payload: { livingStatus: 'deceased' },
    });
    expect(stale.statusCode).toBe(412);
    const history = (await t.app.inject({ url: `${url}/history`, headers: officer.auth })).json().items;
    expect(history[0]).toMatchObject({
      action: 'update',
      actorId: officer.id,
      reason: '迁出本区',
      changes: { livingStatus: { from: 'normal', to: 'moved_out' }, phone: { from: 'set', to: 'set' } },
    });
    expect(JSON.stringify(history)).not.toContain('17099990000');
    expect(history.at(-1).action).toBe('create');
  });

  it('a re-assessment is a new certificate; the old one stays as history', async () => {
    const body = personBody();
    const p = (await create(body)).json();
    const url = `/api/v1/persons/${p.id}/certificates`;
    const bad = await t.app.inject({
      method: 'POST',
      url,
      headers: officer.auth,
      payload: { number: '11010519491231002X11', issuedAt: '2025-01-01' },
    });
    expect(bad.json().errors[0].code).toBe('does_not_match_id');
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: officer.auth,
      payload: {
        number: `${body.idNumber}71`,
        issuedAt: '2025-06-01',
        disabilities: [
          { category: 1, grade: 2 },
          { category: 4, grade: 1 },
        ],
        reason: '复评',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const certs = (await t.app.inject({ url, headers: officer.auth })).json().items;
    expect(certs.map((c: { status: string }) => c.status)).toEqual(['active', 'superseded']);
    expect(certs[0]).toMatchObject({
      category: 7,
      grade: 1,
      disabilities: [
        { category: 1, grade: 2 },
        { category: 4, grade: 1 },
      ],
    });
    const person = (await t.app.inject({ url: `/api/v1/persons/${p.id}`, headers: officer.auth })).json();
    expect([person.category, person.grade]).toEqual([7, 1]);
  });

  it('reveal needs the permission and a reason, returns clear values, and is audited', async () => {
    const body = personBody();
    const p = (await create(body)).json();
    const worker = await makeUser(t, ['community_worker'], {
      communityId: (
        await t.services.areas.list((await import('../../platform/access/actor.js')).systemActor())
      ).items.find((s) => s.code === 'linfenlu')!.communities[0]!.id,
    });
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/reveal`,
      headers: worker.auth,
      payload: { reason: '核对身份' },
    });
    expect(denied.statusCode).toBe(404);
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/reveal`,
      headers: officer.auth,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/reveal`,
      headers: officer.auth,
      payload: { reason: '办理补贴需核对身份证号' },
    });
    expect(res.json()).toMatchObject({ idNumber: body.idNumber, phone: body.phone, address: body.address });
    const [row] = await t.p.database.db.select().from(auditLog).where(eq(auditLog.action, 'person.reveal'));
    expect(row).toMatchObject({ actorId: officer.id, objectId: p.id });
    expect(row!.details).toMatchObject({ reason: '办理补贴需核对身份证号' });
  });

  it('guardians, households, duplicates and a merge that keeps both histories', async () => {
    const a = (await create(personBody({ name: '合并测试' }))).json();
    const bBody = personBody({ name: '合并测试', certificate: undefined });
    const b = (await create(bBody)).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${b.id}/guardians`,
      headers: officer.auth,
      payload: { name: '监护人甲', relationship: 'parent', phone: '17011110000', isPrimary: true },
    });
    const hh = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/persons/${a.id}/household`,
        headers: officer.auth,
        payload: { role: 'head' },
      })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${b.id}/household`,
      headers: officer.auth,
      payload: { householdId: hh.id, role: 'child' },
    });
    const members = (await t.app.inject({ url: `/api/v1/households/${hh.id}`, headers: officer.auth })).json()
      .members;
    expect(members.map((m: { id: string }) => m.id).sort()).toEqual([a.id, b.id].sort());
    // Same name but different birth dates are not candidates unless the birth date matches.
    await t.p.database.db.update(persons).set({ birthDate: a.birthDate }).where(eq(persons.id, b.id));
    const dups = (
      await t.app.inject({ url: `/api/v1/persons/${a.id}/duplicates`, headers: officer.auth })
    ).json().items;
    expect(dups.map((d: { id: string }) => d.id)).toContain(b.id);
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${b.id}/merge`,
      headers: officer.auth,
      payload: { intoId: a.id, reason: '同一人重复登记' },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const guardians = (
      await t.app.inject({ url: `/api/v1/persons/${a.id}/guardians`, headers: officer.auth })
    ).json().items;
    expect(guardians[0]).toMatchObject({ name: '监护人甲', phone: '170****0000' });
    const history = (
      await t.app.inject({ url: `/api/v1/persons/${a.id}/history`, headers: officer.auth })
    ).json().items;
    const actions = history.map((h: { action: string }) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['merge.into', 'merge.from', 'guardian.add', 'create']));
    expect(actions.filter((x: string) => x === 'create')).toHaveLength(2);
    const list = (
      await t.app.inject({
        url: `/api/v1/persons?q=${encodeURIComponent('合并测试')}`,
        headers: officer.auth,
      })
    ).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(b.id);
    expect(
      (await t.app.inject({ url: `/api/v1/persons/${b.id}`, headers: officer.auth })).json().mergedInto,
    ).toBe(a.id);
  });
});
