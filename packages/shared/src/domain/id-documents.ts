/**
 * Identity documents a volunteer may hold (printed on a proof of service, 志愿服务证明): the type
 * decides the number's form. A resident ID is checked in full (GB 11643: pattern, birth date, check
 * character); the others by their published forms.
 */
import { idNumberProblem, normaliseIdentifier } from './idcard.js';

export const ID_DOCUMENT_TYPES = [
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'foreign_permanent_id',
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const ID_DOCUMENT_NAMES_ZH: Record<IdDocumentType, string> = {
  resident_id: '居民身份证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  passport: '护照',
  foreign_permanent_id: '外国人永久居留身份证',
};

const FORMS: Record<Exclude<IdDocumentType, 'resident_id'>, RegExp> = {
  // 回乡证: H (Hong Kong) or M (Macao) and 8 digits, or 10 on the newer card.
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  // 台胞证: 8 digits (card since 2015), formerly 10 digits with an optional letter.
  taiwan_permit: /^\d{8}$|^\d{10}[A-Z]?$/,
  passport: /^[A-Z0-9]{5,17}$/,
  // 2017 card: 3 letters (nationality) and 12 digits; 2023 card: 18 characters starting with 9.
  foreign_permanent_id: /^[A-Z]{3}\d{12}$|^9\d{16}[\dX]$/,
};

/**
 * What is wrong with a document number for its type (normalised first), or null. Resident IDs give
 * the registry's codes (`invalid_format`, `invalid_checksum`, `invalid_birth_date`); the others
 * `id_number_for_type`. The 2023 foreign permanent ID carries a GB 11643 check character too.
 */
export function idDocumentProblem(type: IdDocumentType, raw: string, today = new Date()): string | null {
  const n = normaliseIdentifier(raw);
  if (type === 'resident_id') return idNumberProblem(n, today);
  if (!FORMS[type].test(n)) return 'id_number_for_type';
  if (type === 'foreign_permanent_id' && n.length === 18 && idNumberProblem(n, today) === 'invalid_checksum')
    return 'invalid_checksum';
  return null;
}
