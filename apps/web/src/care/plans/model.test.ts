import { describe, expect, it } from 'vitest';
import { checkStages, move, nextStageKey, shanghaiDateTime, toInstant } from './model';

describe('care plans model', () => {
  it('moves a stage up and down inside the list', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
  it('checks stage keys, names and tasks', () => {
    expect(checkStages([])).toEqual([{ code: 'needStage' }]);
    expect(
      checkStages([
        { key: 's1', name: '一', tasks: [{ task: '', standard: '' }] },
        { key: 's1', name: '', tasks: [] },
        { key: 'a b', name: '三', tasks: [] },
      ]),
    ).toEqual([
      { code: 'taskRequired', stage: 0, task: 0 },
      { code: 'keyDuplicate', stage: 1 },
      { code: 'nameRequired', stage: 1 },
      { code: 'keyFormat', stage: 2 },
    ]);
    expect(nextStageKey([{ key: 's2', name: '', tasks: [] }])).toBe('s3');
  });
  it('shows and reads Shanghai times', () => {
    expect(shanghaiDateTime('2026-03-02T01:30:00.000Z')).toBe('2026-03-02 09:30');
    expect(toInstant('2026-03-02', '09:30')).toBe('2026-03-02T09:30:00+08:00');
  });
});
