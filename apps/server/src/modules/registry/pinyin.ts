import { pinyin } from 'pinyin-pro';

const OPTS = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true } as const;
const clean = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

/**
 * 张三 → { full: 'zhangsan', initials: 'zs' }; surnames read as surnames (曾 zeng, 单 shan).
 * One conversion gives both: each Chinese character's reading contributes its first letter, and a
 * run of other characters (Latin letters in a name) is kept whole, as pinyin-pro's `first` pattern
 * does — at a third of the cost of a second conversion (it matters when seeding or importing).
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const parts = pinyin(name, OPTS);
  let rest = name;
  let initials = '';
  for (const part of parts) {
    if (part && rest.startsWith(part)) {
      initials += part; // a run of non-Chinese characters, returned as it was
      rest = rest.slice(part.length);
    } else {
      initials += part.slice(0, 1); // one character's reading
      rest = rest.slice(rest.codePointAt(0)! > 0xffff ? 2 : 1);
    }
  }
  return { full: clean(parts.join('')), initials: clean(initials) };
}
