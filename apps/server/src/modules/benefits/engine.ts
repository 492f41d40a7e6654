/**
 * The eligibility engine's two paths over one rule: compiled to SQL for whole-registry work
 * (cycles, simulation, the benchmark) and evaluated in TypeScript for one person (eligibility,
 * `person.changed`). rules/rules.property.test.ts proves the two agree.
 */
import { sql, type SQL } from 'drizzle-orm';
import type {
  AmountItem,
  ProgramVariable,
  RuleExpr,
  RuleExplanation,
  RuleVariableDef,
} from '@jinglin/shared';
import type { Tx } from '../../platform/db/client.js';
import { compileAmount, compileRule } from './rules/compile.js';
import { amountFen, evaluateRule, loadPersonFacts, variablesOf, type PersonFacts } from './rules/evaluate.js';
import { explainRule } from './rules/explain.js';
import { resolveVariables } from './rules/variables.js';
import type { ProgramRow, VersionRow } from './programs.repo.js';
import { referenceDate } from './periods.js';

export interface CompiledRule {
  /** Never NULL: true when the person (alias p) qualifies, live waivers excluded. */
  eligible: SQL;
  /** Integer fen. */
  amount: SQL;
}

/** A live waiver signed for this programme takes effect from its period on. */
export function waived(programId: string, period: string): SQL {
  return sql`EXISTS (SELECT 1 FROM benefit_waivers w WHERE w.program_id = ${programId} AND w.person_id = p.id
    AND w.withdrawn_at IS NULL AND w.effective_period <= ${period})`;
}

export function compileVersion(program: ProgramRow, version: VersionRow, period: string): CompiledRule {
  const vars = resolveVariables(program.variables as ProgramVariable[]);
  const refDate = referenceDate(period);
  const rule = compileRule(version.rule as RuleExpr, { refDate, vars });
  return {
    eligible: sql`(p.merged_into IS NULL AND (${rule}) AND NOT ${waived(program.id, period)})`,
    amount: sql`(${compileAmount(version.amounts as AmountItem[], { refDate, vars })})::int`,
  };
}

export interface PersonResult {
  /** The rule holds (regardless of a waiver). */
  qualifies: boolean;
  amountFen: number;
  explanation: RuleExplanation;
}

/** One person, one version, one period — in TypeScript. */
export function evaluatePerson(
  program: ProgramRow,
  version: VersionRow,
  facts: PersonFacts,
  period: string,
): PersonResult {
  const defs = resolveVariables(program.variables as ProgramVariable[]);
  const vars = variablesOf(facts, referenceDate(period));
  const qualifies = evaluateRule(version.rule as RuleExpr, vars);
  return {
    qualifies,
    amountFen: qualifies ? amountFen(version.amounts as AmountItem[], vars) : 0,
    explanation: explainRule(version.rule as RuleExpr, vars, defs),
  };
}

/** The variable definitions of several programmes together (a fact name means one fact everywhere). */
export function definitionsOf(programs: readonly ProgramRow[]): Map<string, RuleVariableDef> {
  const out = new Map<string, RuleVariableDef>();
  for (const p of programs)
    for (const [k, v] of resolveVariables(p.variables as ProgramVariable[])) out.set(k, v);
  return out;
}

/** One person's facts, read with the programmes' variable types (as the compiled SQL reads them). */
export async function factsOf(
  tx: Tx,
  personId: string,
  programs: readonly ProgramRow[],
): Promise<PersonFacts | undefined> {
  return (await loadPersonFacts(tx, [personId], definitionsOf(programs))).get(personId);
}
