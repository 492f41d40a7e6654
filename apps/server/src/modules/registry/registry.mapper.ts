/** Row → API shape, masking every personal identifier. */
import { ageOn, type PersonListItem, type PersonOut } from '@jinglin/shared';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto/field-crypto.js';
import type { CertificateRow, GuardianRow, PersonRow } from './registry.repo.js';
import type { PersonListRow } from './search.repo.js';

export const todayIso = () => new Date().toISOString().slice(0, 10);

export function maskAddress(a: string): string {
  const chars = [...a];
  return chars.length <= 6 ? '****' : `${chars.slice(0, 6).join('')}****`;
}

/** A certificate number shows like an ID number, plus its category and grade digits. */
export const maskCertificate = (n: string) => `${maskIdNumber(n.slice(0, 18))}${n.slice(18)}`;

export function certificateOut(c: CertificateRow, crypto: FieldCrypto) {
  return {
    id: c.id,
    number: maskCertificate(crypto.decrypt(c.numberEnc)),
    category: c.category,
    grade: c.grade,
    issuedAt: c.issuedAt,
    status: c.status,
    disabilities: (c.disabilities as { category: number; grade: number }[]) ?? [],
    reason: c.reason,
    createdAt: c.createdAt.toISOString(),
  };
}

export function personOut(p: PersonRow, cert: CertificateRow | undefined, crypto: FieldCrypto): PersonOut {
  return {
    id: p.id,
    name: p.name,
    idNumber: maskIdNumber(crypto.decrypt(p.idNumberEnc)),
    gender: p.gender,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate, todayIso()),
    phone: p.phoneEnc ? maskPhone(crypto.decrypt(p.phoneEnc)) : null,
    address: p.addressEnc ? maskAddress(crypto.decrypt(p.addressEnc)) : null,
    streetCode: p.streetCode,
    communityId: p.communityId,
    hukou: p.hukou,
    livingStatus: p.livingStatus,
    lowIncome: p.lowIncome,
    employment: p.employment as PersonOut['employment'],
    education: p.education as PersonOut['education'],
    ownsMotorisedWheelchair: p.ownsMotorisedWheelchair,
    category: p.category,
    grade: p.grade,
    certificate: cert ? certificateOut(cert, crypto) : null,
    householdId: p.householdId,
    mergedInto: p.mergedInto,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

/**
 * The fields of a search result (PersonListItem): only the ID number is decrypted, to be masked.
 * `today`: the date ages are counted on (one per page, not one per row).
 */
export function personListItem(p: PersonListRow, crypto: FieldCrypto, today = todayIso()): PersonListItem {
  return {
    id: p.id,
    name: p.name,
    idNumber: maskIdNumber(crypto.decrypt(p.idNumberEnc)),
    gender: p.gender,
    age: ageOn(p.birthDate, today),
    streetCode: p.streetCode,
    communityId: p.communityId,
    livingStatus: p.livingStatus,
    category: p.category,
    grade: p.grade,
    version: p.version,
  };
}

export function guardianOut(g: GuardianRow, crypto: FieldCrypto) {
  return {
    id: g.id,
    name: g.name,
    relationship: g.relationship as 'parent',
    phone: g.phoneEnc ? maskPhone(crypto.decrypt(g.phoneEnc)) : null,
    isPrimary: g.isPrimary,
    userId: g.userId,
    version: g.version,
  };
}
