/**
 * Notices of the accompaniment: to the person's resident and guardian accounts (plain text, ids,
 * no names), to a volunteer (by their account and phone), and withdrawing a booking's live offer.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import { careVolunteers } from '../care/care.tables.js';
import { linkedAccounts } from '../care/needs/needs.notify.js';
import { accOffers } from './accompaniment.tables.js';

/** Tells the person's resident and guardian accounts. */
export async function tellPerson(
  p: Platform,
  tx: Tx,
  personId: string,
  template: string,
  payload: Record<string, unknown>,
  text: string,
) {
  for (const u of await linkedAccounts(tx, personId))
    await p.notifier.enqueue(tx, {
      userId: u.id,
      address: u.phone_enc ? p.crypto.decrypt(Buffer.from(u.phone_enc)) : null,
      template,
      payload: { ...payload, text },
    });
}

export async function tellVolunteer(
  p: Platform,
  tx: Tx,
  volunteerId: string,
  template: string,
  payload: Record<string, unknown>,
) {
  const [v] = await tx
    .select({ userId: careVolunteers.userId, phoneEnc: careVolunteers.phoneEnc })
    .from(careVolunteers)
    .where(eq(careVolunteers.id, volunteerId));
  if (!v) return;
  await p.notifier.enqueue(tx, {
    userId: v.userId,
    address: p.crypto.decrypt(v.phoneEnc),
    template,
    payload,
  });
}

/** Withdraws the live offer of a booking; the volunteer who had it is told. */
export async function withdrawOffers(p: Platform, tx: Tx, bookingId: string, reason: string) {
  const gone = await tx
    .update(accOffers)
    .set({ state: 'withdrawn', respondedAt: new Date(), reason })
    .where(and(eq(accOffers.bookingId, bookingId), inArray(accOffers.state, ['offered', 'accepted'])))
    .returning({ volunteerId: accOffers.volunteerId });
  for (const g of gone)
    await tellVolunteer(p, tx, g.volunteerId, 'accompaniment.offer.withdrawn', { bookingId });
}
