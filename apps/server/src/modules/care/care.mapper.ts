/** Rows → response shapes. Phones and ID numbers leave only masked. */
import type { z } from 'zod';
import type { OrganisationOut, PairingOut, VolunteerOut } from '@jinglin/shared';
import { maskIdNumber, maskPhone, type FieldCrypto } from '../../platform/crypto/field-crypto.js';
import type { careOrganisations, carePairings, careVolunteers } from './care.tables.js';

type Org = typeof careOrganisations.$inferSelect;
type Vol = typeof careVolunteers.$inferSelect;
type Pairing = typeof carePairings.$inferSelect;

export function toOrganisationOut(o: Org, memberCount: number): z.infer<typeof OrganisationOut> {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    parentId: o.parentId,
    description: o.description,
    contribution: o.contribution,
    contributionCategories: o.contributionCategories as z.infer<
      typeof OrganisationOut
    >['contributionCategories'],
    memberCount,
    version: o.version,
  };
}

export function toVolunteerOut(crypto: FieldCrypto, v: Vol): z.infer<typeof VolunteerOut> {
  return {
    id: v.id,
    name: v.name,
    phone: maskPhone(crypto.decrypt(v.phoneEnc)),
    idNumber: v.idNumberEnc ? maskIdNumber(crypto.decrypt(v.idNumberEnc)) : null,
    idType: v.idType,
    volunteerNo: v.volunteerNo,
    userId: v.userId,
    skills: v.skills as z.infer<typeof VolunteerOut>['skills'],
    languages: v.languages,
    availability: v.availability,
    training: v.training,
    awards: v.awards,
    evaluations: v.evaluations,
    active: v.active,
    version: v.version,
  };
}

export function toPairingOut(
  p: Pairing,
  person: { name: string; streetCode: string },
): z.infer<typeof PairingOut> {
  return {
    id: p.id,
    personId: p.personId,
    personName: person.name,
    streetCode: person.streetCode,
    householdId: p.householdId,
    teamId: p.teamId,
    volunteerId: p.volunteerId,
    startOn: p.startOn,
    endOn: p.endOn,
    goals: p.goals,
    visitPlan: { every: p.visitEvery, unit: p.visitUnit },
    state: p.state,
    ownerUserId: p.ownerUserId,
    nextVisitOn: p.nextVisitOn,
    version: p.version,
  };
}

/** Keyset paging over UUIDv7 ids: the next cursor is the last id when the page is full. */
export function page<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
