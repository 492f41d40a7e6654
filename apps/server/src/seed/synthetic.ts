/**
 * Synthetic people for the demo district and tests. Everything here is generated: names from
 * common surname and given-name characters (with some rare CJK Extension B characters and minority
 * names written with the middle dot), ID numbers with valid check characters whose sequence numbers
 * start at 900 (so they are unlikely to be anyone's), and phone numbers in the 170 range.
 * No real personal data.
 */
import { idCheckChar } from '@jinglin/shared';

/** A small deterministic PRNG (mulberry32), so a seed gives the same district every time. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文军红梅玉兰凤海燕志强建华晓东丽娟春梅德明淑珍玉珍秀珍小红婷婷雪梅佳怡子涵浩然梓轩欣怡思远宇航一鸣嘉欣雨萱浩宇',
];
/** Rare characters (CJK Extension B and beyond) that real registries must store exactly. */
export const RARE = ['𠀀', '𪚥', '𠮷', '𡒄', '𣲗', '𤭢', '𥔲', '𦰡', '𧿹', '𨭎', '𩽾', '𫟼'];
export const MINORITY = [
  '阿依古丽·买买提',
  '努尔艾力·吐尔逊',
  '古丽米拉·阿不都',
  '扎西·次仁',
  '其其格·巴特尔',
  '热依拉·艾买提',
  '巴特尔·朝鲁',
  '阿迪力·吾守尔',
];

/** Whether a name could have come from syntheticName (tests: no real-looking data slipped in). */
export function isSyntheticName(name: string): boolean {
  if (MINORITY.includes(name)) return true;
  const chars = [...name];
  if (chars.length < 2 || chars.length > 3 || !SURNAMES.includes(chars[0]!)) return false;
  return chars.slice(1).every((c) => GIVEN.includes(c) || RARE.includes(c));
}

export function syntheticName(r: () => number): string {
  const x = r();
  if (x < 0.01) return MINORITY[Math.floor(r() * MINORITY.length)]!;
  const surname = SURNAMES[Math.floor(r() * SURNAMES.length)]!;
  const pick = () =>
    r() < 0.015 ? RARE[Math.floor(r() * RARE.length)]! : GIVEN[Math.floor(r() * GIVEN.length)]!;
  return r() < 0.35 ? surname + pick() : surname + pick() + pick();
}

/** Address codes of Shanghai districts and a few other provinces (IDs need not start with 310106). */
export const ID_AREA_CODES: readonly string[] = [
  '310106',
  '310106',
  '310106',
  '310108',
  '310101',
  '310104',
  '310105',
  '310107',
  '310109',
  '310110',
  '320102',
  '330102',
  '340102',
  '410102',
  '510104',
];

/** A valid-checksum ID number for a birth date; sequence 900–999 keeps it off the usual ranges. */
export function syntheticIdNumber(r: () => number, birthDate: string, gender: 'male' | 'female'): string {
  const area = ID_AREA_CODES[Math.floor(r() * ID_AREA_CODES.length)]!;
  let seq = 900 + Math.floor(r() * 100);
  if ((seq % 2 === 1) !== (gender === 'male')) seq = seq === 999 ? 998 : seq + 1;
  return idNumberFrom(area, birthDate, seq);
}

/** The ID number of an address code, a birth date (`YYYY-MM-DD`) and a sequence number, with its check character. */
export function idNumberFrom(area: string, birthDate: string, seq: number): string {
  const first17 = `${area}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The day synthetic ages are counted from (fixed, so a seed always gives the same people). */
export const SYNTHETIC_TODAY = Date.UTC(2026, 10, 1);

export function syntheticBirthDate(r: () => number, minAge = 0, maxAge = 100): string {
  const now = SYNTHETIC_TODAY;
  const age = minAge + r() * (maxAge - minAge);
  return new Date(now - age * 365.25 * 86400000).toISOString().slice(0, 10);
}

export const syntheticPhone = (r: () => number) => `170${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
