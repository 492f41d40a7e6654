/** The organisers' recorder: one row per volunteer and source, idempotent, voids the unlisted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { newId } from '../../../platform/ids.js';
import { makeVolunteer } from '../care.test-utils.js';
import { recordServiceForSource, voidServiceForSource } from './hours.recorder.js';
import { careServiceRecords } from './hours.tables.js';

let t: TestEnv;
let officer: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
}, 60_000);
afterAll(async () => t?.close());

const rowsOf = (sourceId: string) =>
  t.p.database.db
    .select()
    .from(careServiceRecords)
    .where(eq(careServiceRecords.sourceId, sourceId))
    .orderBy(asc(careServiceRecords.volunteerId));

describe('recordServiceForSource', () => {
  it('upserts one row per volunteer, is idempotent, voids the unlisted and restores the relisted', async () => {
    const a = await makeVolunteer(t, officer, { name: '甲' });
    const b = await makeVolunteer(t, officer, { name: '乙' });
    const visitId = newId();
    const base = {
      source: 'visit' as const,
      sourceId: visitId,
      activity: '结对走访',
      content: '上门了解生活情况',
      startedAt: new Date('2026-03-02T02:00:00Z'),
      recordedBy: officer.id,
    };
    const db = t.p.database.db;
    const first = await db.transaction((tx) =>
      recordServiceForSource(tx, {
        ...base,
        entries: [
          { volunteerId: a.id, minutes: 90 },
          { volunteerId: b.id, minutes: 60 },
        ],
      }),
    );
    expect(first.recorded.size).toBe(2);
    let rows = await rowsOf(visitId);
    expect(rows.map((r) => [r.minutes, r.state, r.version]).sort()).toEqual([
      [60, 'recorded', 1],
      [90, 'recorded', 1],
    ]);

    // Same facts again: nothing changes (no new rows, no version bump).
    await db.transaction((tx) =>
      recordServiceForSource(tx, {
        ...base,
        entries: [
          { volunteerId: b.id, minutes: 60 },
          { volunteerId: a.id, minutes: 90 },
        ],
      }),
    );
    rows = await rowsOf(visitId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.version === 1)).toBe(true);

    // b is no longer listed; a's minutes change.
    const second = await db.transaction((tx) =>
      recordServiceForSource(tx, { ...base, entries: [{ volunteerId: a.id, minutes: 120 }] }),
    );
    expect(second.voided).toHaveLength(1);
    rows = await rowsOf(visitId);
    const byVol = new Map(rows.map((r) => [r.volunteerId, r]));
    expect(byVol.get(a.id)).toMatchObject({ minutes: 120, state: 'recorded', version: 2 });
    expect(byVol.get(b.id)).toMatchObject({ minutes: 60, state: 'void', version: 2 });

    // b listed again: the same row is recorded again (still one row per volunteer).
    await db.transaction((tx) =>
      recordServiceForSource(tx, {
        ...base,
        entries: [
          { volunteerId: a.id, minutes: 120 },
          { volunteerId: b.id, minutes: 45 },
        ],
      }),
    );
    rows = await rowsOf(visitId);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.volunteerId === b.id)).toMatchObject({ minutes: 45, state: 'recorded' });

    // The visit is cancelled: both stop counting.
    const voided = await db.transaction((tx) => voidServiceForSource(tx, 'visit', visitId));
    expect(voided).toHaveLength(2);
    rows = await rowsOf(visitId);
    expect(rows.every((r) => r.state === 'void')).toBe(true);
    expect(await db.transaction((tx) => voidServiceForSource(tx, 'visit', visitId))).toEqual([]);
  });

  it('refuses a volunteer listed twice and minutes out of range; writes nothing', async () => {
    const a = await makeVolunteer(t, officer);
    const sourceId = newId();
    const base = {
      source: 'accompaniment' as const,
      sourceId,
      activity: '就医陪同',
      startedAt: new Date(),
      recordedBy: null,
    };
    await expect(
      t.p.database.db.transaction((tx) =>
        recordServiceForSource(tx, {
          ...base,
          entries: [
            { volunteerId: a.id, minutes: 30 },
            { volunteerId: a.id, minutes: 30 },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      t.p.database.db.transaction((tx) =>
        recordServiceForSource(tx, { ...base, entries: [{ volunteerId: a.id, minutes: 24 * 60 + 1 }] }),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await rowsOf(sourceId)).toEqual([]);
  });
});
