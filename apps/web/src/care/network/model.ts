/** Types and pure helpers of the care network pages (organisations, members, volunteers). */
import type { z } from 'zod';
import type {
  Availability,
  MemberOut,
  OrganisationOut,
  VolunteerMembershipOut,
  VolunteerOut,
} from '@jinglin/shared';
import { summariseHours, type Weekday } from '../../components/weekly-hours';

export type Organisation = z.infer<typeof OrganisationOut>;
export type Member = z.infer<typeof MemberOut>;
export type Volunteer = z.infer<typeof VolunteerOut>;
export type Membership = z.infer<typeof VolunteerMembershipOut>;
export type OrganisationKind = Organisation['kind'];

export const ORGANISATION_KINDS = [
  'corps',
  'sub_team',
  'vanguard_team',
  'social_work_team',
  'partner',
] as const;
export const CONTRIBUTION_CATEGORIES = [
  'funding',
  'venue',
  'volunteers',
  'expertise',
  'goods',
  'other',
] as const;
export const SKILLS = [
  'sign_language',
  'blind_guiding',
  'wheelchair_assistance',
  'medical',
  'psychological',
  'legal',
] as const;
export type SkillName = (typeof SKILLS)[number];
export const ID_TYPES = [
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'foreign_permanent_id',
] as const;

export const ORGS_KEY = ['care', 'organisations'] as const;
export const VOLUNTEERS_KEY = ['care', 'volunteers'] as const;

export interface OrgTree {
  /** Each corps with its sub-teams (name order). */
  corps: { corps: Organisation; children: Organisation[] }[];
  /** Vanguard and social-work teams, and sub-teams whose corps is not in the list. */
  teams: Organisation[];
  partners: Organisation[];
}

const byName = (a: Organisation, b: Organisation) => a.name.localeCompare(b.name, 'zh-CN');

/** The hierarchy for the tree: corps → sub-teams; the other teams; partners. */
export function buildTree(orgs: readonly Organisation[]): OrgTree {
  const corps = orgs.filter((o) => o.kind === 'corps').sort(byName);
  const ids = new Set(corps.map((c) => c.id));
  return {
    corps: corps.map((c) => ({
      corps: c,
      children: orgs.filter((o) => o.parentId === c.id).sort(byName),
    })),
    teams: orgs
      .filter((o) => o.kind !== 'corps' && o.kind !== 'partner' && !(o.parentId && ids.has(o.parentId)))
      .sort((a, b) => a.kind.localeCompare(b.kind) || byName(a, b)),
    partners: orgs.filter((o) => o.kind === 'partner').sort(byName),
  };
}

/** "周二 14:00–17:00" lines for the weekly pattern, and one line per dated exception. */
export function availabilityInWords(
  a: Availability,
  words: {
    dayName: (d: Weekday) => string;
    through: string;
    offAllDay: (date: string) => string;
    onlyRanges: (date: string, ranges: string) => string;
  },
): { weekly: string[]; exceptions: string[] } {
  return {
    weekly: summariseHours(a.weekly, words.dayName, words.through),
    exceptions: [...a.exceptions]
      .sort((x, y) => x.date.localeCompare(y.date))
      .map((e) =>
        e.available && e.ranges.length > 0
          ? words.onlyRanges(e.date, e.ranges.map((r) => `${r.from}–${r.to}`).join('、'))
          : words.offAllDay(e.date),
      ),
  };
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** A real calendar date written YYYY-MM-DD. */
export function isDate(v: string): boolean {
  if (!DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** "09:00-11:00, 14:00–16:00" → ranges, or null when any part is not a valid range. */
export function parseRanges(text: string): { from: string; to: string }[] | null {
  const parts = text
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 4) return null;
  const out: { from: string; to: string }[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}[:：]\d{2})\s*[-–~至到]\s*(\d{1,2}[:：]\d{2})$/.exec(p);
    if (!m) return null;
    const norm = (s: string) => s.replace('：', ':').padStart(5, '0');
    const from = norm(m[1]!);
    const to = norm(m[2]!);
    if (!HHMM.test(from) || !HHMM.test(to) || to <= from) return null;
    out.push({ from, to });
  }
  return out;
}

export const formatRanges = (r: readonly { from: string; to: string }[]) =>
  r.map((x) => `${x.from}-${x.to}`).join(', ');

/** "普通话、上海话, 手语" → ["普通话", "上海话", "手语"] (trimmed, no repeats). */
export function splitLanguages(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Today in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
