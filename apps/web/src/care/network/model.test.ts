import { describe, expect, it } from 'vitest';
import {
  availabilityInWords,
  buildTree,
  isDate,
  parseRanges,
  splitLanguages,
  type Organisation,
} from './model';
import { listProblems, type ListField } from './ListEditor';

const org = (
  id: string,
  kind: Organisation['kind'],
  name: string,
  parentId: string | null = null,
): Organisation => ({
  id,
  kind,
  name,
  parentId,
  description: '',
  contribution: '',
  contributionCategories: [],
  memberCount: 0,
  version: 1,
});

describe('care network model', () => {
  it('builds the tree: corps → sub-teams, other teams (orphan sub-teams too), partners', () => {
    const t = buildTree([
      org('p', 'partner', '物业党支部'),
      org('s2', 'sub_team', '同济大学分队', 'c'),
      org('v', 'vanguard_team', '残疾人党员先锋队'),
      org('c', 'corps', '扶残助残志愿服务总队'),
      org('s1', 'sub_team', '卫健系统分队', 'c'),
      org('o', 'sub_team', '孤立分队', 'gone'),
    ]);
    expect(t.corps.map((c) => [c.corps.id, c.children.map((x) => x.id).sort()])).toEqual([
      ['c', ['s1', 's2']],
    ]);
    expect(t.teams.map((x) => x.id).sort()).toEqual(['o', 'v']);
    expect(t.partners.map((x) => x.id)).toEqual(['p']);
  });

  it('says availability in words: weekly runs of days, dated exceptions in date order', () => {
    const w = availabilityInWords(
      {
        weekly: {
          '1': [{ from: '18:30', to: '20:30' }],
          '2': [{ from: '18:30', to: '20:30' }],
          '6': [{ from: '09:00', to: '12:00' }],
        },
        exceptions: [
          { date: '2027-01-02', available: true, ranges: [{ from: '09:00', to: '11:00' }] },
          { date: '2026-12-24', available: false, ranges: [] },
        ],
      },
      {
        dayName: (d) => ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'][Number(d)]!,
        through: '至',
        offAllDay: (d) => `${d} 全天不能服务`,
        onlyRanges: (d, r) => `${d} 只在 ${r} 可以服务`,
      },
    );
    expect(w.weekly).toEqual(['周一至周二 18:30–20:30', '周六 09:00–12:00']);
    expect(w.exceptions).toEqual(['2026-12-24 全天不能服务', '2027-01-02 只在 09:00–11:00 可以服务']);
  });

  it('parses time ranges as typed, refuses bad ones', () => {
    expect(parseRanges('9:00-11:00，14:00–16:30')).toEqual([
      { from: '09:00', to: '11:00' },
      { from: '14:00', to: '16:30' },
    ]);
    expect(parseRanges('11:00-09:00')).toBeNull();
    expect(parseRanges('上午')).toBeNull();
    expect(parseRanges('')).toBeNull();
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(splitLanguages('普通话、上海话, 普通话；中国手语')).toEqual(['普通话', '上海话', '中国手语']);
  });

  it('checks list rows: required, dates, numbers, conditional fields', () => {
    const fields: ListField[] = [
      { key: 'date', label: '日期', kind: 'date', required: true },
      { key: 'kind', label: '这一天', kind: 'select' },
      {
        key: 'ranges',
        label: '时段',
        kind: 'text',
        required: true,
        when: (r) => r.kind === 'only',
        check: (v) => parseRanges(v) !== null,
      },
      { key: 'hours', label: '学时', kind: 'number', min: 0, max: 1000 },
    ];
    expect(
      listProblems(
        [
          { date: '', kind: 'off', ranges: '', hours: '' },
          { date: '2026-13-01', kind: 'only', ranges: '', hours: '-1' },
          { date: '2026-12-01', kind: 'only', ranges: '上午', hours: '4' },
          { date: '2026-12-02', kind: 'only', ranges: '09:00-10:00', hours: '' },
        ],
        fields,
      ),
    ).toEqual([
      { index: 0, key: 'date', code: 'required' },
      { index: 1, key: 'date', code: 'badDate' },
      { index: 1, key: 'ranges', code: 'required' },
      { index: 1, key: 'hours', code: 'badNumber' },
      { index: 2, key: 'ranges', code: 'badValue' },
    ]);
  });
});
