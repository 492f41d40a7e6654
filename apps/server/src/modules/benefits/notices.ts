/**
 * Notices to residents and guardians: a row shown in the portal's "my benefits", and a message
 * through the notification channel to every resident/guardian account linked to the person (the
 * resident by their registered phone, guardians by their account). Messages are plain language
 * and carry no personal data — only the programme, the amount, the period and the reason.
 */
import { sql } from 'drizzle-orm';
import type { RuleExplanation } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import { resultRows, type Tx } from '../../platform/db/client.js';
import { newId } from '../../platform/ids.js';
import { benefitNotices } from './benefits.tables.js';
import type { ProgramRow } from './programs.repo.js';

export type NoticeKind = (typeof benefitNotices.$inferInsert)['kind'];
export interface Bilingual {
  zh: string;
  en: string;
}

const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');

const zhPeriod = (p: string) => (p.length === 4 ? `${p} 年` : `${p.slice(0, 4)} 年 ${Number(p.slice(5))} 月`);
const enPeriod = (p: string) =>
  p.length === 4
    ? p
    : new Date(`${p}-01T00:00:00Z`).toLocaleString('en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });

/** The failed leaves of an explanation: why someone does not (or no longer does) qualify. */
export function failedReasons(e: RuleExplanation): Bilingual[] {
  if (!e.children?.length) return e.passed ? [] : [e.text];
  if (e.passed) return [];
  const out = e.children.flatMap((c) => failedReasons(c));
  return out.length ? out : [e.text];
}

export function noticeText(
  kind: NoticeKind,
  program: ProgramRow,
  d: { period?: string; amountFen?: number; reasons?: Bilingual[]; decision?: string; upheld?: boolean },
): Bilingual {
  const name = { zh: program.nameZh, en: program.nameEn };
  const per =
    program.periodicity === 'monthly' ? { zh: '每月', en: 'a month' } : { zh: '每年', en: 'a year' };
  const why = d.reasons?.length
    ? {
        zh: `原因：${d.reasons.map((r) => r.zh).join('；')}。`,
        en: ` Reason: ${d.reasons.map((r) => r.en).join('; ')}.`,
      }
    : { zh: '', en: '' };
  switch (kind) {
    case 'grant_started':
      return {
        zh: `您符合“${name.zh}”的条件，无需申请。自 ${zhPeriod(d.period!)}起${per.zh}发放 ${yuan(d.amountFen ?? 0)} 元，打入社保卡银行账户。如不需要，可以声明放弃；如有疑问，可以提出异议。`,
        en: `You qualify for “${name.en}” without applying. From ${enPeriod(d.period!)}, ${yuan(d.amountFen ?? 0)} yuan ${per.en} is paid into your social-security-card bank account. You may decline it, or object if something is wrong.`,
      };
    case 'grant_stopped':
      return {
        zh: `“${name.zh}”自 ${zhPeriod(d.period!)}起停止发放。${why.zh}如有疑问，可以提出异议。`,
        en: `“${name.en}” stops from ${enPeriod(d.period!)}.${why.en} If you think this is wrong, you may object.`,
      };
    case 'waiver_recorded':
      return {
        zh: `已记录您放弃“${name.zh}”的声明，自 ${zhPeriod(d.period!)}起不再发放。`,
        en: `Your decision to decline “${name.en}” is recorded; it is not paid from ${enPeriod(d.period!)} on.`,
      };
    case 'objection_received':
      return {
        zh: `已收到您对“${name.zh}”提出的异议，工作人员将在期限内处理并告知结果。`,
        en: `Your objection about “${name.en}” has been received. Staff will decide within the deadline and tell you.`,
      };
    case 'objection_decided':
      return {
        zh: `您对“${name.zh}”提出的异议已处理：${d.upheld ? '异议成立' : '异议不成立'}。${d.decision ?? ''}`,
        en: `Your objection about “${name.en}” has been decided: ${d.upheld ? 'upheld' : 'not upheld'}. ${d.decision ?? ''}`.trim(),
      };
  }
}

/** Resident and guardian accounts linked to each of the persons, with their encrypted phone. */
async function linkedAccounts(tx: Tx, personIds: string[]) {
  if (!personIds.length) return [];
  const ids = sql.join(
    personIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const res = await tx.execute(sql`
    WITH ps AS (SELECT id, phone_bidx FROM persons WHERE id = ANY(ARRAY[${ids}]::uuid[]))
    SELECT ps.id AS person_id, u.id, u.phone_enc FROM ps JOIN users u ON NOT u.disabled AND (
      ('resident' = ANY(u.roles) AND u.phone_bidx = ps.phone_bidx)
      OR ('guardian' = ANY(u.roles) AND EXISTS (SELECT 1 FROM guardians g WHERE g.person_id = ps.id
        AND (g.user_id = u.id OR g.phone_bidx = u.phone_bidx))))`);
  return resultRows<{ person_id: string; id: string; phone_enc: Buffer | Uint8Array | null }>(res);
}

/** Notices for many persons: portal rows in one insert, a message to each linked account. */
export async function sendNotices(
  p: Platform,
  tx: Tx,
  program: ProgramRow,
  kind: NoticeKind,
  items: { personId: string; message: Bilingual }[],
): Promise<void> {
  if (!items.length) return;
  const rows = items.map((i) => ({
    id: newId(),
    personId: i.personId,
    programId: program.id,
    kind,
    message: i.message,
  }));
  await tx.insert(benefitNotices).values(rows);
  const byPerson = new Map(rows.map((r) => [r.personId, r]));
  for (const u of await linkedAccounts(tx, [...byPerson.keys()])) {
    const notice = byPerson.get(u.person_id)!;
    await p.notifier.enqueue(tx, {
      userId: u.id,
      address: u.phone_enc ? p.crypto.decrypt(Buffer.from(u.phone_enc)) : null,
      template: `benefits.${kind}`,
      payload: { noticeId: notice.id, programCode: program.code, text: notice.message.zh },
    });
  }
}

export async function sendNotice(
  p: Platform,
  tx: Tx,
  personId: string,
  program: ProgramRow,
  kind: NoticeKind,
  message: Bilingual,
): Promise<void> {
  await sendNotices(p, tx, program, kind, [{ personId, message }]);
}
