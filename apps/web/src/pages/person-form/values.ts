/** The person form's values, field names and request bodies (pure: no React). */
import { checkCertificate, checkIdNumber } from '../../registry';
import { tidyPhone, type ProblemSummary } from '../../forms';
import type {
  Education,
  Employment,
  Hukou,
  LivingStatus,
  LowIncome,
  PersonCreateBody,
  PersonOut,
  PersonPatchBody,
} from '../../types';
import { disabilitiesBody, type DisabilityValue } from '../person/Disabilities';

export const FORM = 'person';
export const NO_ERRORS: ProblemSummary = { items: [] };
export const FIELDS = [
  'name',
  'idNumber',
  'phone',
  'address',
  'streetCode',
  'communityId',
  'hukou',
  'livingStatus',
  'lowIncome',
  'employment',
  'education',
  'ownsMotorisedWheelchair',
  'certNumber',
  'certIssuedAt',
  'disabilities',
  'reason',
];
/** Server paths that belong to another field of this form. */
export const ALIASES = {
  'certificate.number': 'certNumber',
  'certificate.issuedAt': 'certIssuedAt',
  'certificate.disabilities': 'disabilities',
  certificate: 'certNumber',
  gender: 'idNumber',
  birthDate: 'idNumber',
};

export interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  clearPhone?: boolean;
  address?: string;
  clearAddress?: boolean;
  streetCode?: string;
  communityId?: string;
  hukou: Hukou;
  livingStatus: LivingStatus;
  lowIncome: LowIncome;
  employment: Employment;
  education: Education;
  ownsMotorisedWheelchair?: boolean;
  certNumber?: string;
  certIssuedAt?: string;
  disabilities?: DisabilityValue[];
  reason?: string;
}

/** Today in the browser's time zone, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** POST /persons: the values as the server wants them (the certificate only when complete). */
export function createBody(v: Values): PersonCreateBody {
  const id = checkIdNumber(v.idNumber ?? '');
  const cert = v.certNumber?.trim() ? checkCertificate(v.certNumber) : null;
  return {
    name: v.name.trim(),
    idNumber: id.ok ? id.idNumber : (v.idNumber ?? '').trim(),
    hukou: v.hukou,
    livingStatus: v.livingStatus,
    lowIncome: v.lowIncome,
    employment: v.employment,
    education: v.education,
    ownsMotorisedWheelchair: Boolean(v.ownsMotorisedWheelchair),
    ...(v.phone?.trim() ? { phone: tidyPhone(v.phone) } : {}),
    ...(v.address?.trim() ? { address: v.address.trim() } : {}),
    ...(v.streetCode ? { streetCode: v.streetCode } : {}),
    ...(v.communityId ? { communityId: v.communityId } : {}),
    ...(cert?.ok && v.certIssuedAt
      ? {
          certificate: {
            number: cert.number,
            issuedAt: v.certIssuedAt,
            ...(cert.category === 7 ? { disabilities: disabilitiesBody(v.disabilities) } : {}),
          },
        }
      : {}),
    ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
  };
}

/**
 * PATCH /persons/:id: only what changed (a blank phone or address keeps the old one; "clear"
 * removes it). Without the reason: an empty body means nothing changed.
 */
export function changesOf(p: PersonOut, v: Values): PersonPatchBody {
  const body: PersonPatchBody = {};
  const name = v.name.trim();
  if (name !== p.name) body.name = name;
  if (v.clearPhone) body.phone = null;
  else if (v.phone?.trim()) body.phone = tidyPhone(v.phone);
  if (v.clearAddress) body.address = null;
  else if (v.address?.trim()) body.address = v.address.trim();
  if ((v.communityId ?? null) !== p.communityId || v.streetCode !== p.streetCode) {
    if (v.streetCode) body.streetCode = v.streetCode;
    if (v.communityId) body.communityId = v.communityId;
  }
  for (const k of ['hukou', 'livingStatus', 'lowIncome', 'employment', 'education'] as const) {
    if (v[k] !== p[k]) (body as Record<string, unknown>)[k] = v[k];
  }
  if (Boolean(v.ownsMotorisedWheelchair) !== p.ownsMotorisedWheelchair)
    body.ownsMotorisedWheelchair = Boolean(v.ownsMotorisedWheelchair);
  return body;
}
