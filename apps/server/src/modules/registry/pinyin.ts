import { pinyin } from 'pinyin-pro';

/** 张三 → { full: 'zhangsan', initials: 'zs' }; surnames read as surnames (曾 zeng, 单 shan). */
export function namePinyin(name: string): { full: string; initials: string } {
  const opts = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true } as const;
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  return {
    full: clean(pinyin(name, opts)),
    initials: clean(pinyin(name, { ...opts, pattern: 'first' })),
  };
}
