/**
 * One row → a ready-to-insert staged person, or its problems. Normalised values go through the
 * API's own schema (PersonCreateBody: ID checksum, birth date and certificate agreeing with the
 * ID, phone format, lengths) and the registry's own row builders (encryption, blind indexes,
 * pinyin), so an imported person is exactly what POST /api/v1/persons would have written.
 * Streets and communities are matched by name or code, and must be in the importer's scope.
 */
import { FIELD_MESSAGES, PersonCreateBody, parseCertificate } from '@jinglin/shared';
import type { z } from 'zod';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.js';
import type { DataScope } from '../../../platform/access/actor.js';
import { newId } from '../../../platform/ids.js';
import { certificateRow, creationChanges, personRow } from '../registry.rows.js';
import { COLUMN_LABELS, type ColumnMap, type Field } from './import.columns.js';
import { normaliseRow, type RowProblem } from './import.normalise.js';
import type { personImportStaging } from './import.tables.js';

export type StagedRow = typeof personImportStaging.$inferInsert;

/** A problem as stored and reported: the column, a code, and for duplicates the other row. */
export interface StoredProblem extends RowProblem {
  otherRow?: number;
}

export interface ReportedError {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

const zh = FIELD_MESSAGES['zh-CN'];

export function reported(row: number, p: StoredProblem): ReportedError {
  const base = zh[p.code] ?? zh.custom!;
  return {
    row,
    column: COLUMN_LABELS[p.column] ?? null,
    code: p.code,
    message: p.otherRow ? `${base}（第 ${p.otherRow} 行）。` : base,
  };
}

/** A problem with the whole file (no header row, not readable). */
export const fileError = (code: string): ReportedError => ({
  row: null,
  column: null,
  code,
  message: zh[code] ?? zh.custom!,
});

const fold = (s: string) =>
  s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000()（）]/g, '')
    .toLowerCase();

const communityKey = (s: string) => fold(s).replace(/(居民委员会|居委会|居委|居民区|社区)$/, '');

export interface AreaIndex {
  streetOf(text: string): string | undefined;
  communitiesNamed(text: string): { id: string; streetCode: string }[];
}

/** Streets and communities as read from the database (import.repo.ts `areaRows`). */
export interface AreaRows {
  streets: { code: string; name: string; statCode: string | null }[];
  communities: { id: string; streetCode: string; name: string }[];
}

export function areaIndex(rows: AreaRows): AreaIndex {
  const streetAlias = new Map<string, string>();
  for (const s of rows.streets) {
    const bare = s.name.replace(/(街道办事处|街道|镇)$/, '');
    for (const a of [s.code, s.name, bare, `${bare}街道办事处`, `${bare}街道`, s.statCode ?? ''])
      if (a) streetAlias.set(fold(a), s.code);
  }
  const byKey = new Map<string, { id: string; streetCode: string }[]>();
  for (const c of rows.communities) {
    const k = communityKey(c.name);
    byKey.set(k, [...(byKey.get(k) ?? []), { id: c.id, streetCode: c.streetCode }]);
  }
  return {
    streetOf: (text) => streetAlias.get(fold(text)),
    communitiesNamed: (text) => byKey.get(communityKey(text)) ?? [],
  };
}

const PATH_COLUMN: Record<string, Field> = {
  name: 'name',
  idNumber: 'idNumber',
  gender: 'gender',
  birthDate: 'birthDate',
  phone: 'phone',
  address: 'address',
  streetCode: 'street',
  communityId: 'street',
  hukou: 'hukou',
  lowIncome: 'lowIncome',
  certificate: 'certificateNumber',
  'certificate.number': 'certificateNumber',
  'certificate.issuedAt': 'certificateIssuedAt',
};

function issueCode(i: z.core.$ZodIssue): string {
  if (i.code === 'invalid_type' && /received undefined/.test(i.message)) return 'required';
  if (i.code === 'custom') return i.message || 'custom';
  return i.code;
}

export interface ValidatorOptions {
  crypto: FieldCrypto;
  areas: AreaIndex;
  scope: DataScope;
  jobId: string;
  actorId: string | null;
  /** For rows without 街镇. */
  defaultStreet: string | null;
  /** Issue date of certificates when the file has no 发证日期: the import date. */
  today: string;
}

export type RowOutcome = { ok: true; staged: StagedRow } | { ok: false; problems: StoredProblem[] };

export class RowValidator {
  constructor(
    private readonly o: ValidatorOptions,
    private readonly cols: ColumnMap,
  ) {}

  check(rowNo: number, cells: unknown[]): RowOutcome {
    const { values, problems } = normaliseRow(cells, this.cols);
    const all: StoredProblem[] = [...problems];
    const area = this.area(values.street, values.community, all);
    const input = {
      name: values.name,
      idNumber: values.idNumber,
      gender: values.gender,
      birthDate: values.birthDate,
      phone: values.phone,
      address: values.address,
      streetCode: area.streetCode,
      communityId: area.communityId,
      hukou: values.hukou,
      lowIncome: values.lowIncome,
      certificate: values.certificateNumber
        ? { number: values.certificateNumber, issuedAt: values.certificateIssuedAt ?? this.o.today }
        : undefined,
      confirmNotDuplicate: true,
    };
    const parsed = PersonCreateBody.safeParse(input);
    if (!parsed.success)
      for (const i of parsed.error.issues) {
        const column = PATH_COLUMN[i.path.join('.')] ?? PATH_COLUMN[String(i.path[0])] ?? 'name';
        all.push({ column, code: issueCode(i) });
      }
    if (all.length) {
      // One problem per column: the first found (a value that could not be read explains the rest).
      const seen = new Set<Field>();
      return { ok: false, problems: all.filter((p) => !seen.has(p.column) && seen.add(p.column)) };
    }
    const body = parsed.data!;
    const cert = body.certificate ? parseCertificate(body.certificate.number) : undefined;
    if (typeof cert === 'string')
      return { ok: false, problems: [{ column: 'certificateNumber', code: cert }] };
    const personId = newId();
    const p = personRow(this.o.crypto, {
      ...body,
      id: personId,
      streetCode: area.streetCode!,
      communityId: area.communityId ?? null,
      certificate: cert,
      createdBy: this.o.actorId,
    });
    const c =
      cert && body.certificate
        ? certificateRow(this.o.crypto, {
            id: newId(),
            personId,
            certificate: cert,
            issuedAt: body.certificate.issuedAt,
            status: 'active',
            createdBy: this.o.actorId,
          })
        : undefined;
    return {
      ok: true,
      staged: {
        jobId: this.o.jobId,
        rowNo,
        personId,
        name: p.name,
        namePinyin: p.namePinyin,
        nameInitials: p.nameInitials,
        gender: p.gender,
        birthDate: p.birthDate,
        idNumberEnc: p.idNumberEnc,
        idNumberBidx: p.idNumberBidx,
        phoneEnc: p.phoneEnc ?? null,
        phoneBidx: p.phoneBidx ?? null,
        addressEnc: p.addressEnc ?? null,
        streetCode: p.streetCode,
        communityId: p.communityId ?? null,
        hukou: p.hukou,
        livingStatus: p.livingStatus,
        lowIncome: p.lowIncome,
        employment: p.employment ?? 'unknown',
        education: p.education ?? 'unknown',
        ownsMotorisedWheelchair: p.ownsMotorisedWheelchair ?? false,
        category: p.category ?? null,
        grade: p.grade ?? null,
        certId: c?.id ?? null,
        certNumberEnc: c?.numberEnc ?? null,
        certNumberBidx: c?.numberBidx ?? null,
        certIssuedAt: c?.issuedAt ?? null,
        historyId: newId(),
        historyChanges: creationChanges(cert),
        eventId: newId(),
      },
    };
  }

  /** 街镇 by name or code (or the upload's default), 居委 by name; both inside the caller's scope. */
  private area(
    streetText: string | undefined,
    communityText: string | undefined,
    problems: StoredProblem[],
  ): { streetCode: string | undefined; communityId: string | undefined } {
    let streetCode: string | undefined;
    let communityId: string | undefined;
    if (streetText) {
      streetCode = this.o.areas.streetOf(streetText);
      if (!streetCode) {
        problems.push({ column: 'street', code: 'unknown_street' });
        return { streetCode: undefined, communityId: undefined };
      }
    } else if (this.o.defaultStreet && !communityText) streetCode = this.o.defaultStreet;
    if (communityText) {
      const found = this.o.areas
        .communitiesNamed(communityText)
        .filter((c) => !streetCode || c.streetCode === streetCode);
      const only = found.length === 1 ? found[0]! : undefined;
      const inDefault = found.filter((c) => c.streetCode === this.o.defaultStreet);
      const pick = only ?? (inDefault.length === 1 ? inDefault[0] : undefined);
      if (!found.length) problems.push({ column: 'community', code: 'unknown_community' });
      else if (!pick) problems.push({ column: 'street', code: 'required' });
      else {
        communityId = pick.id;
        streetCode = pick.streetCode;
      }
    }
    if (!streetCode) {
      if (!problems.some((p) => p.column === 'street' || p.column === 'community'))
        problems.push({ column: 'street', code: 'required' });
      return { streetCode: undefined, communityId: undefined };
    }
    const s = this.o.scope;
    const ok =
      s.district ||
      s.streets.includes(streetCode) ||
      (communityId !== undefined && s.communities.includes(communityId));
    if (!ok) problems.push({ column: 'street', code: 'out_of_scope' });
    return { streetCode, communityId };
  }
}
