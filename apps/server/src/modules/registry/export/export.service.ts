/**
 * Export of persons to .xlsx: the same filters as the list, only rows in the caller's scope,
 * identifiers masked unless the caller may reveal them and gives a reason. Every export is
 * audited before any row leaves (row count, filters, whether identifiers were revealed); the
 * reason is recorded, the search text never is (it may be an ID or phone number).
 */
import type { Readable } from 'node:stream';
import {
  CATEGORY_NAMES_ZH,
  GRADE_NAMES_ZH,
  type DisabilityCategory,
  type DisabilityGrade,
  type PersonListQuery,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import { can } from '../../../platform/access/actor.js';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { maskBirthDate, maskIdNumber, maskPhone } from '../../../platform/crypto/field-crypto.js';
import { classifyQuery, type PersonsService } from '../persons.service.js';
import { activeCertificates, type CertificateRow, type PersonRow } from '../registry.repo.js';
import { countPersons } from '../search.repo.js';
import { maskAddress, maskCertificate, todayIso } from '../registry.mapper.js';
import { areaNames, exportPage, type ExportFilter } from './export.repo.js';
import { xlsxStream, type Cell } from './xlsx.js';

export type ExportQuery = Omit<PersonListQuery, 'cursor' | 'limit'> & { revealReason?: string | undefined };

/** Column headers: the importer reads them back (same names as its columns where they overlap). */
export const EXPORT_HEADER = [
  '姓名',
  '身份证号',
  '残疾人证号',
  '残疾类别',
  '残疾等级',
  '性别',
  '出生日期',
  '联系电话',
  '户籍',
  '街镇',
  '居委',
  '住址',
  '低保',
  '居住状态',
];

const GENDER = { male: '男', female: '女' } as const;
const HUKOU = { shanghai: '本市', other: '外省市' } as const;
const LOW_INCOME = { dibao: '低保', dibao_edge: '低保边缘', none: '否' } as const;
const LIVING = { normal: '正常', moved_out: '迁出', deceased: '死亡', imprisoned: '服刑' } as const;

const PAGE = 500;

export class ExportService {
  constructor(
    private readonly p: Platform,
    private readonly persons: PersonsService,
  ) {}

  async export(actor: Actor, q: ExportQuery): Promise<{ stream: Readable; filename: string; rows: number }> {
    const { revealReason, ...filters } = q;
    const reveal = revealReason !== undefined;
    if (reveal && !can(actor, 'persons.reveal')) throw new AppError('forbidden');
    const filter = this.persons.filterOf({ ...filters, limit: PAGE });
    const db = this.p.database.db;
    const rows = await countPersons(db, actor.scope, filter);
    const c = classifyQuery(filters.q);
    const qKind = c.id
      ? 'id_number'
      : c.cert
        ? 'certificate'
        : c.phone
          ? 'phone'
          : filters.q
            ? 'name'
            : undefined;
    await recordAudit(db, actor, {
      action: 'person.export',
      objectType: 'person',
      details: {
        rows,
        filters: { ...filters, q: qKind },
        revealed: reveal,
        ...(reveal ? { reason: revealReason } : {}),
        ...(actor.scope.grantIds.length ? { breakGlassGrants: actor.scope.grantIds } : {}),
      },
    });
    this.p.log.info({ userId: actor.userId, rows, revealed: reveal }, 'persons exported');
    return {
      stream: xlsxStream('人员', EXPORT_HEADER, this.rows(actor, filter, reveal)),
      filename: `persons-${todayIso()}.xlsx`,
      rows,
    };
  }

  private async *rows(actor: Actor, filter: ExportFilter, reveal: boolean): AsyncGenerator<Cell[]> {
    const db = this.p.database.db;
    const names = await areaNames(db);
    let after: string | null = null;
    for (;;) {
      const page = await exportPage(db, actor.scope, filter, after, PAGE);
      if (!page.length) return;
      const certs = new Map(
        (
          await activeCertificates(
            db,
            page.map((r) => r.id),
          )
        ).map((c) => [c.personId, c]),
      );
      for (const r of page) yield this.cells(r, certs.get(r.id), reveal, names);
      after = page.at(-1)!.id;
    }
  }

  private cells(
    r: PersonRow,
    cert: CertificateRow | undefined,
    reveal: boolean,
    names: { streets: Map<string, string>; communities: Map<string, string> },
  ): Cell[] {
    const crypto = this.p.crypto;
    const id = crypto.decrypt(r.idNumberEnc);
    const phone = r.phoneEnc ? crypto.decrypt(r.phoneEnc) : null;
    const address = r.addressEnc ? crypto.decrypt(r.addressEnc) : null;
    const certNo = cert ? crypto.decrypt(cert.numberEnc) : null;
    return [
      r.name,
      reveal ? id : maskIdNumber(id),
      certNo ? (reveal ? certNo : maskCertificate(certNo)) : null,
      r.category ? CATEGORY_NAMES_ZH[r.category as DisabilityCategory] : null,
      r.grade ? GRADE_NAMES_ZH[r.grade as DisabilityGrade] : null,
      GENDER[r.gender],
      reveal ? r.birthDate : maskBirthDate(r.birthDate),
      phone ? (reveal ? phone : maskPhone(phone)) : null,
      HUKOU[r.hukou],
      names.streets.get(r.streetCode) ?? r.streetCode,
      r.communityId ? (names.communities.get(r.communityId) ?? null) : null,
      address ? (reveal ? address : maskAddress(address)) : null,
      LOW_INCOME[r.lowIncome],
      LIVING[r.livingStatus],
    ];
  }
}
