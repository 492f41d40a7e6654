/**
 * Programmes (e.g. the transport subsidy) and their versioned rules. A version is drafted, simulated
 * and published; the version in force for a period is the published one with the latest effective
 * date on or before the period's first day. Published versions never change.
 */
import {
  BUILTIN_RULE_VARIABLES,
  type AmountItem,
  type ProgramCreateBody,
  type ProgramOut,
  type ProgramPatchBody,
  type ProgramVariable,
  type ProgramVersionBody,
  type ProgramVersionOut,
  type RuleExpr,
} from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { checkAmounts, checkRule, resolveVariables } from './rules/variables.js';
import { describeRule } from './rules/explain.js';
import * as repo from './programs.repo.js';
import { shanghaiToday } from './periods.js';

export function versionOut(v: repo.VersionRow, program: repo.ProgramRow): ProgramVersionOut {
  const defs = resolveVariables(program.variables as ProgramVariable[]);
  return {
    id: v.id,
    versionNo: v.versionNo,
    status: v.status,
    rule: v.rule as RuleExpr,
    amounts: v.amounts as AmountItem[],
    effectiveFrom: v.effectiveFrom,
    notes: v.notes,
    summary: describeRule(v.rule as RuleExpr, defs),
    createdAt: v.createdAt.toISOString(),
    publishedAt: v.publishedAt?.toISOString() ?? null,
  };
}

/** Rule and amounts type-check against the programme's variables; errors name the exact node. */
export function validateVersion(
  program: { variables: unknown },
  body: { rule: RuleExpr; amounts: AmountItem[] },
) {
  const defs = resolveVariables(program.variables as ProgramVariable[]);
  const prefix = (root: string, p: string) => (p === root || p.startsWith(`${root}.`) ? p : `${root}.${p}`);
  const errors = [
    ...checkRule(body.rule, defs).map((e) => ({ ...e, path: prefix('rule', e.path) })),
    ...checkAmounts(body.amounts, defs).map((e) => ({ ...e, path: prefix('amounts', e.path) })),
  ];
  if (errors.length) throw new AppError('validation_failed', { fields: errors });
}

function checkVariables(vars: ProgramVariable[]) {
  const builtin = new Set(BUILTIN_RULE_VARIABLES.map((v) => v.name));
  vars.forEach((v, i) => {
    if (builtin.has(v.name)) throw invalid(`variables.${i}.name`, 'variable_shadows_builtin');
    if (v.type === 'enum' && !v.values?.length) throw invalid(`variables.${i}.values`, 'required');
  });
  const names = vars.map((v) => v.name);
  const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (dup >= 0) throw invalid(`variables.${dup}.name`, 'taken');
}

export class ProgramsService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  async toOut(tx: Tx, program: repo.ProgramRow): Promise<ProgramOut> {
    const versions = await repo.versionsOf(tx, program.id);
    const current = await repo.versionInForce(tx, program.id, shanghaiToday());
    return {
      id: program.id,
      code: program.code,
      name: { zh: program.nameZh, en: program.nameEn },
      description: { zh: program.descriptionZh, en: program.descriptionEn },
      periodicity: program.periodicity,
      active: program.active,
      example: program.example,
      variables: program.variables as ProgramVariable[],
      current: current ? versionOut(current, program) : null,
      versions: versions.map((v) => ({
        id: v.id,
        versionNo: v.versionNo,
        status: v.status,
        effectiveFrom: v.effectiveFrom,
      })),
      version: program.version,
    };
  }

  async list(): Promise<ProgramOut[]> {
    const rows = await repo.listPrograms(this.db);
    const out: ProgramOut[] = [];
    for (const r of rows) out.push(await this.toOut(this.db, r));
    return out;
  }

  async getRow(tx: Tx, code: string): Promise<repo.ProgramRow> {
    const row = await repo.findProgram(tx, code);
    if (!row) throw notFound();
    return row;
  }

  async get(code: string): Promise<ProgramOut> {
    return this.toOut(this.db, await this.getRow(this.db, code));
  }

  async create(actor: Actor, body: ProgramCreateBody): Promise<ProgramOut> {
    checkVariables(body.variables);
    return this.db.transaction(async (tx) => {
      if (await repo.findProgram(tx, body.code)) throw invalid('code', 'taken');
      const row = await repo.insertProgram(tx, {
        id: newId(),
        code: body.code,
        nameZh: body.nameZh,
        nameEn: body.nameEn,
        descriptionZh: body.descriptionZh,
        descriptionEn: body.descriptionEn,
        periodicity: body.periodicity,
        example: body.example,
        variables: body.variables,
        createdBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'benefits.program.create',
        objectType: 'benefit_program',
        objectId: row.id,
        details: { code: row.code },
      });
      return this.toOut(tx, row);
    });
  }

  async patch(actor: Actor, code: string, version: number, body: ProgramPatchBody): Promise<ProgramOut> {
    if (body.variables) checkVariables(body.variables);
    return this.db.transaction(async (tx) => {
      const row = await this.getRow(tx, code);
      if (row.version !== version) throw new AppError('version_mismatch');
      const updated = await repo.updateProgram(tx, row.id, version, {
        ...(body.nameZh !== undefined && { nameZh: body.nameZh }),
        ...(body.nameEn !== undefined && { nameEn: body.nameEn }),
        ...(body.descriptionZh !== undefined && { descriptionZh: body.descriptionZh }),
        ...(body.descriptionEn !== undefined && { descriptionEn: body.descriptionEn }),
        ...(body.example !== undefined && { example: body.example }),
        ...(body.active !== undefined && { active: body.active }),
        ...(body.variables !== undefined && { variables: body.variables }),
      });
      if (!updated) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'benefits.program.update',
        objectType: 'benefit_program',
        objectId: row.id,
        details: { fields: Object.keys(body) },
      });
      return this.toOut(tx, updated);
    });
  }

  async getVersion(code: string, versionId: string): Promise<ProgramVersionOut> {
    const program = await this.getRow(this.db, code);
    const v = await repo.findVersion(this.db, program.id, versionId);
    if (!v) throw notFound();
    return versionOut(v, program);
  }

  async createVersion(actor: Actor, code: string, body: ProgramVersionBody): Promise<ProgramVersionOut> {
    return this.db.transaction(async (tx) => {
      const program = await this.getRow(tx, code);
      validateVersion(program, body);
      const v = await repo.insertVersion(tx, {
        id: newId(),
        programId: program.id,
        versionNo: await repo.nextVersionNo(tx, program.id),
        status: 'draft',
        rule: body.rule,
        amounts: body.amounts,
        effectiveFrom: body.effectiveFrom,
        notes: body.notes,
        createdBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'benefits.version.create',
        objectType: 'benefit_program_version',
        objectId: v.id,
        details: { code, versionNo: v.versionNo },
      });
      return versionOut(v, program);
    });
  }

  async updateDraft(
    actor: Actor,
    code: string,
    versionId: string,
    body: ProgramVersionBody,
  ): Promise<ProgramVersionOut> {
    return this.db.transaction(async (tx) => {
      const program = await this.getRow(tx, code);
      const v = await repo.findVersion(tx, program.id, versionId);
      if (!v) throw notFound();
      if (v.status !== 'draft')
        throw new AppError('invalid_state', { fields: [{ path: 'status', code: 'not_draft' }] });
      validateVersion(program, body);
      const out = await repo.updateVersion(tx, v.id, {
        rule: body.rule,
        amounts: body.amounts,
        effectiveFrom: body.effectiveFrom,
        notes: body.notes,
      });
      await recordAudit(tx, actor, {
        action: 'benefits.version.update',
        objectType: 'benefit_program_version',
        objectId: v.id,
        details: { code, versionNo: v.versionNo },
      });
      return versionOut(out, program);
    });
  }

  async publish(actor: Actor, code: string, versionId: string): Promise<ProgramVersionOut> {
    return this.db.transaction(async (tx) => {
      const program = await this.getRow(tx, code);
      const v = await repo.findVersion(tx, program.id, versionId);
      if (!v) throw notFound();
      if (v.status !== 'draft')
        throw new AppError('invalid_state', { fields: [{ path: 'status', code: 'not_draft' }] });
      // The programme's variables may have changed since the draft was saved.
      validateVersion(program, { rule: v.rule as RuleExpr, amounts: v.amounts as AmountItem[] });
      const out = await repo.updateVersion(tx, v.id, {
        status: 'published',
        publishedAt: new Date(),
        publishedBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'benefits.version.publish',
        objectType: 'benefit_program_version',
        objectId: v.id,
        details: { code, versionNo: v.versionNo, effectiveFrom: v.effectiveFrom },
      });
      return versionOut(out, program);
    });
  }
}
