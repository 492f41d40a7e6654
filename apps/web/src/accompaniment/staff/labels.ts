/** Words for the staff accompaniment pages: services, weekdays, states, refusals. */
import type { TFunction } from 'i18next';
import type { Service } from './data';

type AT = TFunction<'accompaniment'>;

export const serviceList = (t: AT, services: readonly Service[]) =>
  services.map((s) => t(`common.service.${s}`)).join('、');

export const weekdayName = (t: AT, wd: number): string =>
  t(`coordinator.weekday.w${wd}` as 'coordinator.weekday.w1');

/** A day with its weekday: "2026-12-01（周二）". */
export const dayWithWeekday = (t: AT, day: string) => {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return t('coordinator.dayWithWeekday', { day, weekday: weekdayName(t, wd === 0 ? 7 : wd) });
};
