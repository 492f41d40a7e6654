/**
 * Hospital accompaniment pages (issue 7), Simplified Chinese: the source of every key.
 * Sections: `resident.*` and `volunteer.*` (portal pages), `coordinator.*`, `desk.*`, `stats.*`
 * (staff pages). Each section belongs to the helper that writes its pages.
 */
import { staffZh } from './staff/zh-CN';
import { portalZh } from './portal/zh-CN';

const zhCN = {
  common: {
    loadFailed: '加载失败，请稍后重试。',
    optional: '（选填）',
    none: '无',
    service: {
      sign_language: '手语翻译',
      blind_guide: '全程陪同（视障）',
      wheelchair: '轮椅协助',
    },
  },
  resident: portalZh.resident,
  volunteer: portalZh.volunteer,
  coordinator: staffZh.coordinator,
  desk: staffZh.desk,
  stats: staffZh.stats,
};

export default zhCN;
export type AccompanimentMessages = typeof zhCN;
