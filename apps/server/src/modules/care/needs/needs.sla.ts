/**
 * Service levels of needs cases: hours to resolve per category and urgency. A category without a
 * stored row (care_need_slas) uses the built-in defaults below; a stored row missing an urgency
 * falls back to its `normal` hours.
 */
import { eq } from 'drizzle-orm';
import type { NeedCategory, NeedUrgency } from '@jinglin/shared';
import type { Tx } from '../../../platform/db/client.js';
import { careNeedSlas, NEED_CATEGORIES } from './needs.tables.js';

export type SlaHours = Record<NeedUrgency, number>;

/** Urgent 24 h, high 72 h, normal 7 days, low 15 days. */
const BASE: SlaHours = { urgent: 24, high: 72, normal: 168, low: 360 };

/**
 * Built-in defaults. Health and daily living cannot wait (medical and psychological: urgent within
 * 12 h); employment, education, housing and legal matters run through other offices and get longer.
 */
export const DEFAULT_SLAS: Record<NeedCategory, SlaHours> = {
  daily_living: { urgent: 24, high: 48, normal: 120, low: 240 },
  medical: { urgent: 12, high: 48, normal: 120, low: 240 },
  rehabilitation: BASE,
  assistive_device: BASE,
  accessibility: { urgent: 48, high: 120, normal: 240, low: 480 },
  employment: { urgent: 72, high: 168, normal: 360, low: 720 },
  education: { urgent: 72, high: 168, normal: 360, low: 720 },
  financial: BASE,
  legal: { urgent: 48, high: 120, normal: 240, low: 480 },
  psychological: { urgent: 12, high: 48, normal: 120, low: 240 },
  housing: { urgent: 72, high: 168, normal: 360, low: 720 },
  other: BASE,
};

/** The hours of one category and urgency (stored row, else the default). */
export async function slaHours(tx: Tx, category: NeedCategory, urgency: NeedUrgency): Promise<number> {
  const [row] = await tx
    .select({ hours: careNeedSlas.hours })
    .from(careNeedSlas)
    .where(eq(careNeedSlas.category, category));
  if (!row) return DEFAULT_SLAS[category][urgency];
  return row.hours[urgency] ?? row.hours.normal ?? DEFAULT_SLAS[category][urgency];
}

export async function dueAtOf(
  tx: Tx,
  category: NeedCategory,
  urgency: NeedUrgency,
  from: Date,
): Promise<Date> {
  return new Date(from.getTime() + (await slaHours(tx, category, urgency)) * 3600_000);
}

/** Every category with its hours, whether stored or default, and the stored version (0: none). */
export async function listSlas(tx: Tx) {
  const rows = await tx.select().from(careNeedSlas);
  const byCat = new Map(rows.map((r) => [r.category, r]));
  return NEED_CATEGORIES.map((category) => {
    const r = byCat.get(category);
    const d = DEFAULT_SLAS[category];
    const hours: SlaHours = r
      ? {
          low: r.hours.low ?? r.hours.normal ?? d.low,
          normal: r.hours.normal ?? d.normal,
          high: r.hours.high ?? r.hours.normal ?? d.high,
          urgent: r.hours.urgent ?? r.hours.normal ?? d.urgent,
        }
      : { ...d };
    return { category, hours, isDefault: !r, version: r?.version ?? 0 };
  });
}
