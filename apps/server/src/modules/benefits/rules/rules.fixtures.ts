/**
 * Test fixtures for the rules engine: persons written straight into persons / guardians /
 * benefit_facts, and the compiled rule and amount read back for them.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AmountItem, RuleExpr } from '@jinglin/shared';
import type { Tx } from '../../../platform/db/client.js';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.js';
import { resultRows } from '../../../platform/db/client.js';
import { newId } from '../../../platform/ids.js';
import { guardians, persons } from '../../registry/registry.tables.js';
import { benefitFacts } from '../benefits.tables.js';
import { compileAmount, compileRule } from './compile.js';
import type { PersonFacts } from './evaluate.js';
import type { RuleVariableDef } from './variables.js';

export interface FactRow {
  name: string;
  valueNum: number | null;
  valueText: string | null;
  valueBool: boolean | null;
}

/** A person to insert: the registry columns, a number of guardians and benefit_facts rows. */
export interface TestPerson {
  birthDate: string;
  hukou: 'shanghai' | 'other';
  livingStatus: 'normal' | 'moved_out' | 'deceased' | 'imprisoned';
  lowIncome: 'dibao' | 'dibao_edge' | 'none';
  gender: 'male' | 'female';
  employment: string;
  education: string;
  category: number | null;
  grade: number | null;
  ownsMotorisedWheelchair: boolean;
  guardians: number;
  facts: FactRow[];
}

export const testPerson = (over: Partial<TestPerson> = {}): TestPerson => ({
  birthDate: '1960-06-15',
  hukou: 'shanghai',
  livingStatus: 'normal',
  lowIncome: 'none',
  gender: 'female',
  employment: 'retired',
  education: 'junior',
  category: 4,
  grade: 2,
  ownsMotorisedWheelchair: false,
  guardians: 0,
  facts: [],
  ...over,
});

/** What loadPersonFacts should read for this person (facts by their declared column). */
export function expectedFacts(t: TestPerson, vars: ReadonlyMap<string, RuleVariableDef>): PersonFacts {
  const facts: PersonFacts['facts'] = {};
  for (const f of t.facts) {
    const type = vars.get(f.name)?.type;
    facts[f.name] = type === 'number' ? f.valueNum : type === 'enum' ? f.valueText : f.valueBool;
  }
  const { guardians: g, facts: _rows, ...rest } = t;
  return { ...rest, hasGuardian: g > 0, facts };
}

/** Inserts the persons (street linfenlu) with their guardians and facts; returns their ids in order. */
export async function insertPersons(
  tx: Tx,
  crypto: FieldCrypto,
  list: readonly TestPerson[],
): Promise<string[]> {
  if (list.length === 0) return [];
  const ids = list.map(() => newId());
  await tx.insert(persons).values(
    list.map((t, i) => ({
      id: ids[i]!,
      name: '测试',
      namePinyin: 'ceshi',
      nameInitials: 'cs',
      gender: t.gender,
      birthDate: t.birthDate,
      idNumberEnc: crypto.encrypt(`synthetic-${ids[i]}`),
      idNumberBidx: crypto.blindIndex('id', `synthetic-${ids[i]}`),
      streetCode: 'linfenlu',
      hukou: t.hukou,
      livingStatus: t.livingStatus,
      lowIncome: t.lowIncome,
      employment: t.employment,
      education: t.education,
      ownsMotorisedWheelchair: t.ownsMotorisedWheelchair,
      category: t.category,
      grade: t.grade,
    })),
  );
  const g = list.flatMap((t, i) =>
    Array.from({ length: t.guardians }, () => ({
      id: newId(),
      personId: ids[i]!,
      name: '监护人',
      relationship: 'parent',
    })),
  );
  if (g.length) await tx.insert(guardians).values(g);
  const f = list.flatMap((t, i) => t.facts.map((row) => ({ personId: ids[i]!, ...row })));
  if (f.length) await tx.insert(benefitFacts).values(f);
  return ids;
}

export interface CompiledRow {
  id: string;
  ok: boolean;
  fen: number;
}

/** SELECT p.id, <rule> AS ok, <amount> AS fen FROM persons p WHERE p.id IN (…). */
export async function runCompiled(
  tx: Tx,
  ids: readonly string[],
  rule: RuleExpr,
  amounts: readonly AmountItem[],
  o: { refDate: string; vars: ReadonlyMap<string, RuleVariableDef> },
): Promise<Map<string, CompiledRow>> {
  const idList: SQL = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = resultRows<{ id: string; ok: unknown; fen: unknown }>(
    await tx.execute(
      sql`SELECT p.id, ${compileRule(rule, o)} AS ok, ${compileAmount(amounts, o)} AS fen
          FROM persons p WHERE p.id IN (${idList})`,
    ),
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, ok: r.ok as boolean, fen: Number(r.fen) }]));
}
