/** Hospital accompaniment pages, English (complete: every key of zh-CN.ts). */
import { staffEn } from './staff/en';
import type { AccompanimentMessages } from './zh-CN';
import { portalEn } from './portal/en';

const en: AccompanimentMessages = {
  common: {
    loadFailed: 'Could not load. Please try again later.',
    optional: ' (optional)',
    none: 'None',
    service: {
      sign_language: 'Sign-language interpreting',
      blind_guide: 'Whole-visit guidance (visually impaired)',
      wheelchair: 'Wheelchair assistance',
    },
  },
  resident: portalEn.resident,
  volunteer: portalEn.volunteer,
  coordinator: staffEn.coordinator,
  desk: staffEn.desk,
  stats: staffEn.stats,
};

export default en;
