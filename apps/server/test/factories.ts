/** Fresh, valid, synthetic registry data per test. */
import { syntheticBirthDate, syntheticIdNumber, syntheticName, rng } from '../src/seed/synthetic.js';

let seed = Math.floor(Math.random() * 1e9);

export function personBody(over: Record<string, unknown> = {}) {
  const r = rng(seed++);
  const gender = r() < 0.5 ? 'male' : 'female';
  const birthDate = syntheticBirthDate(r, 18, 80);
  const idNumber = syntheticIdNumber(r, birthDate, gender);
  const category = 1 + Math.floor(r() * 7);
  const grade = 1 + Math.floor(r() * 4);
  return {
    name: syntheticName(r),
    idNumber,
    streetCode: 'linfenlu',
    hukou: 'shanghai',
    phone: `170${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
    address: '临汾路 100 弄 1 号 101 室（示例）',
    certificate: { number: `${idNumber}${category}${grade}`, issuedAt: '2020-05-01' },
    confirmNotDuplicate: true,
    ...over,
  };
}
