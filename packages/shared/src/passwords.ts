/**
 * Password policy (ASVS 5.0 §6.2): at least 10 characters, not one of the most common passwords,
 * no composition rules, paste allowed. The list is the head of the public most-common lists plus
 * Chinese favourites; it is deliberately small and local (no network look-ups).
 */
const COMMON = new Set(
  `123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 111111 123123 abc123 1234567890
  password1 password123 iloveyou 000000 1234567 123321 654321 666666 888888 5201314 woaini1314
  a123456 a123456789 qq123456 abc123456 admin admin123 administrator root123 passw0rd p@ssw0rd
  welcome welcome1 letmein monkey dragon football baseball sunshine princess qwertyuiop
  1qaz2wsx 1qaz@wsx qazwsx zaq12wsx asdfghjkl 1234qwer qwer1234 asd123456 aa123456 woaini520
  112233 147258369 159357 11111111 00000000 88888888 12341234 123qwe 123abc abcd1234
  jinglin123 jingan123 shanghai shanghai123 changeme changeme123 test1234 admin12345
  password12 1234567890a aaaaaaaaaa qwertyuiop123 11111111111 123456789a`.split(/\s+/),
);

export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblem(password: string, username?: string): 'too_short' | 'common' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'common';
  if (username && lower.includes(username.toLowerCase()) && username.length >= 3) return 'common';
  if (/^(.)\1+$/.test(password)) return 'common';
  return null;
}
