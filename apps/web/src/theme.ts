import type { ThemeConfig } from 'antd';

/**
 * antd's default colours fail WCAG contrast in several places (primary #1677ff on white is 4.1:1,
 * description/tertiary text rgba(0,0,0,.45) is 3.4:1, error #ff4d4f 3.3:1 — breadcrumb, steps, tabs,
 * statistic titles, empty states, help text). We fix them once here with tokens.
 */
const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** Normal mode: every text colour ≥ 4.5:1 on white and on #fafafa; borders ≥ 3:1. */
export const normalTheme: ThemeConfig = {
  token: {
    fontFamily: FONT,
    fontSize: 15,
    colorPrimary: '#0958d9', // 6.2:1 on white
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorSuccess: '#237804', // 5.6:1
    colorWarning: '#ad4e00', // 5.4:1
    colorError: '#cf1322', // 5.6:1
    colorText: 'rgba(0, 0, 0, 0.88)',
    colorTextSecondary: '#434343',
    colorTextTertiary: '#595959', // 7:1 (antd default 0.45 alpha = 3.4:1)
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6e6e6e',
    colorTextLabel: '#434343',
    colorTextHeading: '#1f1f1f',
    colorBorder: '#8c8c8c', // input borders: 3.4:1 (WCAG 1.4.11)
    colorIcon: '#595959',
    colorIconHover: '#1f1f1f',
    controlHeight: 36,
    controlHeightSM: 28,
    controlInteractiveSize: 20,
    borderRadius: 6,
    // No animation anywhere: fading error messages and drawers are briefly low-contrast (and make
    // axe checks flaky), and motion helps nobody here. Care mode also stops CSS transitions.
    motion: false,
  },
  components: {
    Switch: { trackHeight: 24, trackMinWidth: 48, handleSize: 20 },
    Table: { headerColor: '#1f1f1f' },
    Tabs: { itemColor: '#434343' },
    Steps: { colorTextDescription: '#595959' },
    Breadcrumb: {
      itemColor: '#595959',
      lastItemColor: '#1f1f1f',
      linkColor: '#595959',
      separatorColor: '#595959',
    },
    Statistic: { colorTextDescription: '#595959' },
    Menu: { itemColor: '#1f1f1f' },
  },
};

/** Care mode (关怀模式): ≥18 px text, black on white, darker accents, thicker borders, no motion. */
export const careTheme: ThemeConfig = {
  token: {
    fontFamily: FONT,
    fontSize: 20,
    fontSizeSM: 18,
    fontSizeLG: 22,
    lineHeight: 1.6,
    colorPrimary: '#002c8c', // 12:1
    colorInfo: '#002c8c',
    colorLink: '#002c8c',
    colorSuccess: '#135200',
    colorWarning: '#873800',
    colorError: '#a8071a', // 7.8:1
    colorText: '#000000',
    colorTextSecondary: '#1f1f1f',
    colorTextTertiary: '#1f1f1f',
    colorTextDescription: '#1f1f1f',
    colorTextPlaceholder: '#434343',
    colorTextLabel: '#000000',
    colorTextHeading: '#000000',
    colorBorder: '#000000',
    colorBorderSecondary: '#595959',
    colorIcon: '#000000',
    colorIconHover: '#000000',
    colorBgContainer: '#ffffff',
    colorBgLayout: '#ffffff',
    lineWidth: 2,
    controlHeight: 48,
    controlHeightSM: 40,
    controlHeightLG: 56,
    controlInteractiveSize: 24,
    borderRadius: 4,
    motion: false,
  },
  components: {
    Switch: { trackHeight: 32, trackMinWidth: 64, handleSize: 28 },
    Table: { headerColor: '#000000', headerBg: '#f0f0f0' },
    Tabs: { itemColor: '#000000' },
    Breadcrumb: {
      itemColor: '#000000',
      lastItemColor: '#000000',
      linkColor: '#000000',
      separatorColor: '#000000',
    },
    Menu: { itemColor: '#000000' },
  },
};
