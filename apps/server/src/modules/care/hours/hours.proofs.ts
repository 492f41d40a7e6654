/**
 * Proofs of service (志愿服务证明): issued for a volunteer and a period with a certificate number
 * (`JLZM-<year>-<6 digits>`), a frozen copy of the records and total, and the issuer's facts as
 * they were; listed, revoked with a reason (kept in the audit). The printable data carries the
 * volunteer's full ID number — the one place it is printed — to `care.hours` or to the volunteer
 * themselves only, and every read of it is audited (`care.proof.view`).
 */
import { and, asc, desc, eq, gt, gte, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProofBody, ProofListQuery, ProofOut, ProofPrintOut } from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { careVolunteers } from '../care.tables.js';
import { page } from '../care.mapper.js';
import { careProofs, careServiceRecords } from './hours.tables.js';
import { shanghaiDay, shanghaiEnd, shanghaiStart, todayInShanghai } from './hours.mapper.js';
import { loadIssuer, nextCertificateNo } from './hours.settings.js';
import { ownVolunteerId } from './hours.service.js';

type ProofRow = typeof careProofs.$inferSelect;

function toOut(r: ProofRow, volunteerName: string): z.infer<typeof ProofOut> {
  return {
    id: r.id,
    certificateNo: r.certificateNo,
    volunteerId: r.volunteerId,
    volunteerName,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    totalMinutes: r.totalMinutes,
    recordCount: r.records.length,
    issuedAt: r.issuedAt.toISOString(),
    issuedOn: shanghaiDay(r.issuedAt),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

export class HourProofs {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  private select(tx: Tx) {
    return tx
      .select({ pr: careProofs, name: careVolunteers.name })
      .from(careProofs)
      .innerJoin(careVolunteers, eq(careVolunteers.id, careProofs.volunteerId));
  }

  async issue(actor: Actor, volunteerId: string, body: z.infer<typeof ProofBody>, now = new Date()) {
    if (body.periodTo < body.periodFrom) throw invalid('periodTo', 'end_before_start');
    if (body.periodTo > todayInShanghai(now)) throw invalid('periodTo', 'future_date');
    return this.db.transaction(async (tx) => {
      const [v] = await tx.select().from(careVolunteers).where(eq(careVolunteers.id, volunteerId));
      if (!v) throw notFound();
      if (!v.idNumberEnc) throw invalid('idNumber', 'id_number_required');
      const { version: _v, ...issuer } = await loadIssuer(tx);
      if (!issuer.personInCharge || !issuer.handler || !issuer.contact)
        throw invalid('issuer', 'issuer_incomplete');
      const rows = await tx
        .select()
        .from(careServiceRecords)
        .where(
          and(
            eq(careServiceRecords.volunteerId, volunteerId),
            eq(careServiceRecords.state, 'recorded'),
            gte(careServiceRecords.startedAt, shanghaiStart(body.periodFrom)),
            lt(careServiceRecords.startedAt, shanghaiEnd(body.periodTo)),
          ),
        )
        .orderBy(asc(careServiceRecords.startedAt), asc(careServiceRecords.id));
      if (!rows.length) throw invalid('periodFrom', 'no_service_in_period');
      const records = rows.map((r) => ({
        recordId: r.id,
        startedAt: r.startedAt.toISOString(),
        minutes: r.minutes,
        activity: r.activity,
        content: r.content,
      }));
      const id = newId();
      const certificateNo = await nextCertificateNo(tx, Number(todayInShanghai(now).slice(0, 4)));
      await tx.insert(careProofs).values({
        id,
        certificateNo,
        volunteerId,
        periodFrom: body.periodFrom,
        periodTo: body.periodTo,
        totalMinutes: records.reduce((s, r) => s + r.minutes, 0),
        issuer,
        records,
        issuedBy: actor.userId,
        issuedAt: now,
      });
      await recordAudit(tx, actor, {
        action: 'care.proof.issue',
        objectType: 'care_proof',
        objectId: id,
        details: { volunteerId, certificateNo, recordCount: records.length },
      });
      const [row] = await this.select(tx).where(eq(careProofs.id, id));
      return toOut(row!.pr, row!.name);
    });
  }

  async list(q: z.infer<typeof ProofListQuery>) {
    const rows = await this.select(this.db)
      .where(
        and(
          q.volunteerId ? eq(careProofs.volunteerId, q.volunteerId) : undefined,
          q.cursor ? gt(careProofs.id, q.cursor) : undefined,
        ),
      )
      .orderBy(asc(careProofs.id))
      .limit(q.limit + 1);
    return page(
      rows.map((r) => toOut(r.pr, r.name)),
      q.limit,
    );
  }

  async listMine(actor: Actor) {
    const volunteerId = await ownVolunteerId(this.db, actor);
    if (!volunteerId) return [];
    const rows = await this.select(this.db)
      .where(eq(careProofs.volunteerId, volunteerId))
      .orderBy(desc(careProofs.id))
      .limit(200);
    return rows.map((r) => toOut(r.pr, r.name));
  }

  /** The printable proof; `own` limits it to the caller's own (404 for anyone else's). */
  async print(actor: Actor, id: string, own: boolean): Promise<z.infer<typeof ProofPrintOut>> {
    return this.db.transaction(async (tx) => {
      const [r] = await tx
        .select({ pr: careProofs, v: careVolunteers })
        .from(careProofs)
        .innerJoin(careVolunteers, eq(careVolunteers.id, careProofs.volunteerId))
        .where(eq(careProofs.id, id));
      if (!r) throw notFound();
      if (own && (!actor.userId || r.v.userId !== actor.userId)) throw notFound();
      await recordAudit(tx, actor, {
        action: 'care.proof.view',
        objectType: 'care_proof',
        objectId: id,
        details: { volunteerId: r.v.id, own },
      });
      return {
        ...toOut(r.pr, r.v.name),
        volunteer: {
          name: r.v.name,
          idType: r.v.idType,
          idNumber: r.v.idNumberEnc ? this.p.crypto.decrypt(r.v.idNumberEnc) : null,
          volunteerNo: r.v.volunteerNo,
        },
        issuer: r.pr.issuer,
        records: r.pr.records.map((x) => ({ ...x, serviceDate: shanghaiDay(new Date(x.startedAt)) })),
      };
    });
  }

  async revoke(actor: Actor, id: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const [cur] = await tx.select().from(careProofs).where(eq(careProofs.id, id)).for('update');
      if (!cur) throw notFound();
      if (cur.revokedAt) throw new AppError('invalid_state');
      await tx.update(careProofs).set({ revokedAt: new Date() }).where(eq(careProofs.id, id));
      await recordAudit(tx, actor, {
        action: 'care.proof.revoke',
        objectType: 'care_proof',
        objectId: id,
        details: { volunteerId: cur.volunteerId, certificateNo: cur.certificateNo, reason },
      });
      const [row] = await this.select(tx).where(eq(careProofs.id, id));
      return toOut(row!.pr, row!.name);
    });
  }
}
