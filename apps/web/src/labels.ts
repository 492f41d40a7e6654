import type { TFunction } from 'i18next';
import { JINGAN_STREETS, type Role } from '@jinglin/shared';
import type { StreetOut } from './types';

export function roleName(t: TFunction, role: Role): string {
  return t(`roles.${role}`);
}

/** A street's name in the UI language, from the areas list or the built-in list of 14. */
export function streetName(
  lang: string,
  code: string | null | undefined,
  areas?: readonly StreetOut[],
): string {
  if (!code) return '';
  const s = areas?.find((a) => a.code === code) ?? JINGAN_STREETS.find((a) => a.code === code);
  if (!s) return code;
  return lang === 'en' ? s.nameEn : s.name;
}

export function communityName(id: string | null | undefined, areas?: readonly StreetOut[]): string | null {
  if (!id || !areas) return null;
  for (const s of areas) {
    const c = s.communities.find((x) => x.id === id);
    if (c) return c.name;
  }
  return null;
}

const SHANGHAI = 'Asia/Shanghai';

/** A UTC timestamp shown in Beijing time, e.g. 2025-03-01 14:05:09. */
export function formatTime(iso: string | null | undefined, lang: string, seconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(lang === 'en' ? 'en-CA' : 'zh-CN', {
    timeZone: SHANGHAI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  const time = `${get('hour')}:${get('minute')}${seconds ? `:${get('second')}` : ''}`;
  return `${date} ${time}`;
}

/** A <input type="datetime-local"> value, read as Beijing time → ISO 8601 with +08:00. */
export function shanghaiLocalToIso(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(v);
  if (!m) return undefined;
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00`;
}
