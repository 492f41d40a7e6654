/**
 * How registry rows are built from clear values: which fields are encrypted, which get a blind
 * index (and of which kind), and the pinyin of the name. The service (one person at a time) and the
 * synthetic-district seeder (thousands per statement) both build their rows here.
 */
import { genderOf, birthDateOf, type ParsedCertificate } from '@jinglin/shared';
import type { FieldCrypto } from '../../platform/crypto/field-crypto.js';
import { namePinyin } from './pinyin.js';
import type { certificates, guardians, personHistory, persons } from './registry.tables.js';

export type PersonInsert = typeof persons.$inferInsert;
export type CertificateInsert = typeof certificates.$inferInsert;
export type GuardianInsert = typeof guardians.$inferInsert;
export type HistoryInsert = typeof personHistory.$inferInsert;

/** Blind indexes of normalised identifiers, for exact look-up without decrypting. */
export const idNumberIndex = (c: FieldCrypto, idNumber: string) => c.blindIndex('id', idNumber);
export const phoneIndex = (c: FieldCrypto, phone: string) => c.blindIndex('phone', phone);
export const certificateIndex = (c: FieldCrypto, number: string) => c.blindIndex('certificate', number);

export interface PersonValues {
  id: string;
  name: string;
  idNumber: string;
  gender?: 'male' | 'female' | undefined;
  birthDate?: string | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  streetCode: string;
  communityId: string | null;
  hukou: PersonInsert['hukou'];
  livingStatus: PersonInsert['livingStatus'];
  lowIncome: PersonInsert['lowIncome'];
  employment: string;
  education: string;
  ownsMotorisedWheelchair: boolean;
  /** The active certificate, when there is one: its category and grade are kept on the person. */
  certificate?: Pick<ParsedCertificate, 'category' | 'grade'> | undefined;
  householdId?: string | null;
  householdRole?: string | null;
  createdBy: string | null;
  createdAt?: Date;
}

export function personRow(crypto: FieldCrypto, v: PersonValues): PersonInsert {
  const py = namePinyin(v.name);
  return {
    id: v.id,
    name: v.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    gender: v.gender ?? genderOf(v.idNumber),
    birthDate: v.birthDate ?? birthDateOf(v.idNumber)!,
    idNumberEnc: crypto.encrypt(v.idNumber),
    idNumberBidx: idNumberIndex(crypto, v.idNumber),
    phoneEnc: v.phone ? crypto.encrypt(v.phone) : null,
    phoneBidx: v.phone ? phoneIndex(crypto, v.phone) : null,
    addressEnc: v.address ? crypto.encrypt(v.address) : null,
    streetCode: v.streetCode,
    communityId: v.communityId,
    hukou: v.hukou,
    livingStatus: v.livingStatus,
    lowIncome: v.lowIncome,
    employment: v.employment,
    education: v.education,
    ownsMotorisedWheelchair: v.ownsMotorisedWheelchair,
    category: v.certificate?.category ?? null,
    grade: v.certificate?.grade ?? null,
    ...(v.householdId ? { householdId: v.householdId, householdRole: v.householdRole ?? null } : {}),
    createdBy: v.createdBy,
    ...(v.createdAt ? { createdAt: v.createdAt, updatedAt: v.createdAt } : {}),
  };
}

export interface CertificateValues {
  id: string;
  personId: string;
  certificate: ParsedCertificate;
  issuedAt: string;
  status: CertificateInsert['status'];
  disabilities?: { category: number; grade: number }[] | undefined;
  reason?: string | null | undefined;
  createdBy: string | null;
  createdAt?: Date;
}

export function certificateRow(crypto: FieldCrypto, v: CertificateValues): CertificateInsert {
  return {
    id: v.id,
    personId: v.personId,
    numberEnc: crypto.encrypt(v.certificate.number),
    numberBidx: certificateIndex(crypto, v.certificate.number),
    category: v.certificate.category,
    grade: v.certificate.grade,
    issuedAt: v.issuedAt,
    status: v.status,
    disabilities: v.disabilities ?? [],
    reason: v.reason ?? null,
    createdBy: v.createdBy,
    ...(v.createdAt ? { createdAt: v.createdAt } : {}),
  };
}

export interface GuardianValues {
  id: string;
  personId: string;
  name: string;
  relationship: string;
  phone?: string | null | undefined;
  isPrimary: boolean;
}

export function guardianRow(crypto: FieldCrypto, v: GuardianValues): GuardianInsert {
  return {
    id: v.id,
    personId: v.personId,
    name: v.name,
    relationship: v.relationship,
    phoneEnc: v.phone ? crypto.encrypt(v.phone) : null,
    phoneBidx: v.phone ? phoneIndex(crypto, v.phone) : null,
    isPrimary: v.isPrimary,
  };
}

/** The history entry of a new record: its certificate's category and grade, from nothing. */
export function creationChanges(cert: Pick<ParsedCertificate, 'category' | 'grade'> | undefined) {
  return cert ? { category: { from: null, to: cert.category }, grade: { from: null, to: cert.grade } } : {};
}
