/** Test helpers for meetings and work plans: a need case of a person (written directly), calls with If-Match. */
import type { TestEnv, TestUser } from '../../../../test/harness.js';
import { newId } from '../../../platform/ids.js';
import { careNeeds } from '../needs/needs.tables.js';
import { call } from '../care.test-utils.js';

let refSeq = 900000;

/** A needs case of the person, as the needs module would hold it (only what plans reads matters). */
export async function makeNeed(t: TestEnv, personId: string, title = '需要轮椅坡道') {
  const id = newId();
  const ref = `XQ-2026-${String(refSeq++)}`;
  await t.p.database.db.insert(careNeeds).values({
    id,
    ref,
    personId,
    source: 'meeting',
    category: 'accessibility',
    title,
    dueAt: new Date('2026-12-31T00:00:00Z'),
  });
  return { id, ref };
}

export const patch = (t: TestEnv, u: TestUser, url: string, body: unknown, version: number) =>
  call(t, u, 'PATCH', url, body, { 'if-match': `"${version}"` });

export const twoStages = {
  name: '暖心行动·无障碍改造',
  description: '党建+业务：为困难残疾人家庭做无障碍改造',
  stages: [
    { key: 'survey', name: '走访摸底', tasks: [{ task: '入户了解需求', standard: '100% 入户，一户一档' }] },
    {
      key: 'deliver',
      name: '改造落实',
      tasks: [{ task: '完成改造', standard: '30 日内完成，家属签字验收' }],
    },
  ],
};
