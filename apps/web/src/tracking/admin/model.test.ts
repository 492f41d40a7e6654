import { describe, expect, it } from 'vitest';
import en from './en';
import {
  addRange,
  ALERT_TYPES,
  alertTypeKey,
  copyMondayToWeekdays,
  FLASH_PERIOD_MS,
  flashesPerSecond,
  hoursToRows,
  ladderErrors,
  MAX_RANGES,
  newestFirst,
  newIds,
  normaliseUniqueId,
  readMuted,
  removeRange,
  rowsToHours,
  setRange,
  summariseHours,
  tidyTime,
  uniqueIdProblem,
  validateHours,
  writeMuted,
  type Weekday,
} from './model';
import zhCN from './zh-CN';

describe('alert types in words', () => {
  it('every type of the API has a label in both languages, never the raw code', () => {
    for (const type of ALERT_TYPES) {
      expect(alertTypeKey(type)).toBe(`alertType.${type}`);
      expect(zhCN.alertType[type]).toBeTruthy();
      expect(en.alertType[type]).toBeTruthy();
      expect(zhCN.alertType[type]).not.toBe(type);
    }
    expect(zhCN.alertType).toMatchObject({
      sos: expect.stringContaining('SOS'),
      geofence_exit: '离开安全区域',
      removed: '摘下手表',
      fall: '跌倒',
      low_battery: '电量低',
      offline: '离线过久',
      geofence_enter: '回到安全区域',
    });
    expect(alertTypeKey('something_new')).toBeNull();
  });

  it('orders newest first and finds new open alerts between two polls', () => {
    const a = { id: '01', openedAt: '2026-11-28T01:00:00.000Z' };
    const b = { id: '02', openedAt: '2026-11-28T02:00:00.000Z' };
    const c = { id: '03', openedAt: '2026-11-28T02:00:00.000Z' };
    expect(newestFirst([a, b, c]).map((x) => x.id)).toEqual(['03', '02', '01']);
    expect(newIds(null, [a, b])).toEqual([]);
    expect(newIds(new Set(['01']), [a, b, c])).toEqual(['02', '03']);
  });

  it('flashes at most once a second (WCAG 2.3.1: never more than 3)', () => {
    expect(flashesPerSecond(FLASH_PERIOD_MS)).toBeLessThanOrEqual(1);
  });

  it('remembers mute in storage, and survives storage that throws', () => {
    const m = new Map<string, string>();
    const storage = {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => m.set(k, v),
    };
    expect(readMuted(storage)).toBe(false);
    writeMuted(storage, true);
    expect(readMuted(storage)).toBe(true);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readMuted(broken)).toBe(false);
    expect(() => writeMuted(broken, true)).not.toThrow();
  });
});

describe('device ids (CONTRACT: JT/T 808 phone without leading zeros, watch id, OsmAnd id)', () => {
  it('drops leading zeros of a JT/T 808 terminal phone only', () => {
    expect(normaliseUniqueId(' 013912345678 ', 'jt808')).toBe('13912345678');
    expect(normaliseUniqueId('000', 'jt808')).toBe('0');
    expect(normaliseUniqueId('0123456789', 'watch')).toBe('0123456789');
  });

  it('requires digits for JT/T 808 and the id characters otherwise', () => {
    expect(uniqueIdProblem('013912345678', 'jt808')).toBeNull();
    expect(uniqueIdProblem('13912A', 'jt808')).toBe('digits');
    expect(uniqueIdProblem('1'.repeat(21), 'jt808')).toBe('digits');
    expect(uniqueIdProblem('phone-01_a', 'osmand')).toBeNull();
    expect(uniqueIdProblem('有中文', 'osmand')).toBe('format');
    expect(uniqueIdProblem('a b', 'watch')).toBe('format');
  });
});

describe('opening hours editing', () => {
  const base = hoursToRows({ '1': [{ from: '08:30', to: '16:00' }] });

  it('gives every weekday a row, closed days empty', () => {
    expect(Object.keys(base)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(base['7']).toEqual([]);
  });

  it('adds a period after the last one, at most 4 a day, and removes one', () => {
    let rows = addRange(base, '1');
    expect(rows['1']).toEqual([
      { from: '08:30', to: '16:00' },
      { from: '16:00', to: '16:00' },
    ]);
    expect(addRange(base, '6')['6']).toEqual([{ from: '08:30', to: '16:00' }]);
    for (let i = 0; i < 10; i++) rows = addRange(rows, '1');
    expect(rows['1']).toHaveLength(MAX_RANGES);
    expect(removeRange(rows, '1', 0)['1']).toHaveLength(MAX_RANGES - 1);
    expect(base['1']).toHaveLength(1); // never mutated
  });

  it("copies Monday's periods to Tuesday–Friday, not the weekend", () => {
    const rows = copyMondayToWeekdays(base);
    for (const d of ['2', '3', '4', '5'] as Weekday[]) expect(rows[d]).toEqual(base['1']);
    expect(rows['6']).toEqual([]);
    rows['2'][0]!.from = '09:00';
    expect(rows['1'][0]!.from).toBe('08:30');
  });

  it('tidies typed times: 8:30, 0830, full-width digits and colon', () => {
    expect(tidyTime('8:30')).toBe('08:30');
    expect(tidyTime('0830')).toBe('08:30');
    expect(tidyTime('８：３０')).toBe('08:30');
    expect(tidyTime(' 24:00 ')).toBe('24:00');
    expect(tidyTime('noon')).toBe('noon');
  });

  it('reports bad formats, ends before starts and overlaps, by day and period', () => {
    let rows = setRange(base, '1', 0, 'to', '25:00');
    expect(validateHours(rows)).toEqual([{ day: '1', index: 0, code: 'format' }]);
    rows = setRange(base, '1', 0, 'to', '08:00');
    expect(validateHours(rows)).toEqual([{ day: '1', index: 0, code: 'order' }]);
    rows = {
      ...base,
      '3': [
        { from: '13:00', to: '17:00' },
        { from: '08:00', to: '13:30' },
      ],
    };
    expect(validateHours(rows)).toEqual([{ day: '3', index: 0, code: 'overlap' }]);
    rows = {
      ...base,
      '3': [
        { from: '08:00', to: '12:00' },
        { from: '12:00', to: '24:00' },
      ],
    };
    expect(validateHours(rows)).toEqual([]);
  });

  it('writes the API object: closed days left out, periods tidied and in order', () => {
    const rows = {
      ...hoursToRows({}),
      '2': [
        { from: '13:00', to: '16:00' },
        { from: '8:30', to: '1130' },
      ],
    };
    expect(rowsToHours(rows)).toEqual({
      '2': [
        { from: '08:30', to: '11:30' },
        { from: '13:00', to: '16:00' },
      ],
    });
  });

  it('summarises runs of equal days', () => {
    const h = rowsToHours(copyMondayToWeekdays(base));
    const name = (d: Weekday) => zhCN.weekday[d];
    expect(summariseHours(h, name, '至')).toEqual(['周一至周五 08:30–16:00']);
    expect(summariseHours({ ...h, '7': [{ from: '09:00', to: '11:00' }] }, name, '至')).toEqual([
      '周一至周五 08:30–16:00',
      '周日 09:00–11:00',
    ]);
    expect(summariseHours({}, name, '至')).toEqual([]);
  });
});

describe('the escalation ladder', () => {
  const rung = (afterMinutes: number | null) => ({ groups: [], userIds: [], afterMinutes });
  it('accepts whole minutes from 1 to 1440 or none (the default), and ignores level 0', () => {
    expect(ladderErrors([rung(0), rung(null), rung(1), rung(1440)], () => 'x')).toEqual({});
  });
  it('names each level whose minutes are out of range or not whole', () => {
    expect(ladderErrors([rung(null), rung(0), rung(2.5), rung(1441), rung(10)], (l) => `level ${l}`)).toEqual(
      {
        'ladder-1-minutes': 'level 1',
        'ladder-2-minutes': 'level 2',
        'ladder-3-minutes': 'level 3',
      },
    );
  });
  it('has every message in both languages', () => {
    expect(Object.keys(en.ladder).sort()).toEqual(Object.keys(zhCN.ladder).sort());
  });
});
