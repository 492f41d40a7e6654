/**
 * `npm run bench -- eligibility --persons N`: every demo programme (../shared/domain/README.md)
 * over a registry of N synthetic persons, the way staff run it — a cycle per programme, run as the
 * real chunked, checkpointed job (compiled rules, INSERT … SELECT per chunk, the cycle's summary) —
 * against the floor: the same rules written by hand as one INSERT … SELECT per programme, in the
 * same run, into the same table. Both must produce exactly the same entitlements (checked).
 * Also: one person's re-evaluation after a change (every programme, TypeScript path), p95 of 200.
 * Budget (DESIGN.md): engine ≤ 1.5 × floor over 1,000,000 persons; one person < 50 ms.
 */
import { sql } from 'drizzle-orm';
import type { Bench } from './run.js';
import { benchDatabase } from './db.js';
import { round2 } from './load.js';
import { createPlatform, type Platform } from '../apps/server/src/platform/platform.js';
import { createLogger } from '../apps/server/src/platform/logger.js';
import { systemActor } from '../apps/server/src/platform/access/actor.js';
import { resultRows } from '../apps/server/src/platform/db/client.js';
import { newId } from '../apps/server/src/platform/ids.js';
import { AreasService } from '../apps/server/src/modules/areas/areas.service.js';
import { benefitsOf } from '../apps/server/src/modules/benefits/benefits.module.js';
import { findProgram } from '../apps/server/src/modules/benefits/programs.repo.js';
import { seedPersons } from '../apps/server/src/seed/persons.js';
import { DEMO_PROGRAMS, seedBenefitPrograms } from '../apps/server/src/seed/benefits.js';

export const options = { persons: { default: '1000000' } };

const log = (line: string) => process.stderr.write(`[eligibility] ${line}\n`);
const MONTH = '2027-01';
const YEAR = '2027';
/** The floor writes the same rows under another period label (the unique key is per period). */
const FLOOR_MONTH = '2027-02';
const FLOOR_YEAR = '2028';
/** Rules are evaluated on the last day of the previous period (periods.ts referenceDate). */
const REF = '2026-12-31';
const PERIOD_START = '2027-01-01';

const notWaived = (programId: string, period: string) =>
  sql`NOT EXISTS (SELECT 1 FROM benefit_waivers w WHERE w.program_id = ${programId} AND w.person_id = p.id
    AND w.withdrawn_at IS NULL AND w.effective_period <= ${period})`;
const fact = (name: string, cond: string) =>
  sql`EXISTS (SELECT 1 FROM benefit_facts f WHERE f.person_id = p.id AND f.name = ${name} AND ${sql.raw(cond)})`;

/** The demo programmes' rules, by hand: WHERE and amount (fen) over `persons p`. */
function handWritten(code: string): { where: ReturnType<typeof sql>; amount: ReturnType<typeof sql> } {
  const under65 = sql`p.birth_date > (${REF}::date - interval '65 years')`;
  switch (code) {
    case 'transport_subsidy':
      return {
        where: sql`p.hukou = 'shanghai' AND ${under65} AND (p.category IS NOT NULL
          OR ${fact('veteran_or_police_certificate', 'f.value_bool')}) AND p.living_status = 'normal'`,
        amount: sql`4500`,
      };
    case 'living_subsidy':
      return {
        where: sql`p.hukou = 'shanghai' AND p.category IS NOT NULL AND p.low_income IN ('dibao', 'dibao_edge')
          AND p.living_status = 'normal'`,
        amount: sql`CASE p.low_income WHEN 'dibao' THEN 45000 ELSE 32000 END`,
      };
    case 'nursing_subsidy':
      return {
        where: sql`p.hukou = 'shanghai' AND p.living_status = 'normal'
          AND (p.grade IN (1, 2) OR (p.grade = 3 AND p.category IN (5, 6)))`,
        amount: sql`CASE WHEN p.grade = 1 THEN 35000 ELSE 18000 END`,
      };
    case 'wheelchair_fuel_subsidy':
      return {
        where: sql`p.living_status = 'normal' AND p.category IN (4, 7) AND p.owns_motorised_wheelchair
          AND NOT ${fact('wheelchair_meets_gb12995', 'f.value_bool = false')}`,
        amount: sql`coalesce((SELECT 26000 * f.value_num FROM benefit_facts f WHERE f.person_id = p.id
          AND f.name = 'wheelchairs_owned' AND f.value_num IS NOT NULL), 26000)`,
      };
    case 'wheelchair_insurance':
      return {
        where: sql`p.living_status = 'normal' AND p.owns_motorised_wheelchair AND p.category IS NOT NULL`,
        amount: sql`10000`,
      };
    case 'comprehensive_insurance':
      return {
        where: sql`p.hukou = 'shanghai' AND p.living_status = 'normal' AND p.category IS NOT NULL`,
        amount: sql`5000`,
      };
    default:
      throw new Error(`no hand-written floor for ${code}`);
  }
}

async function floor(p: Platform): Promise<{ ms: number; counts: Record<string, number> }> {
  const db = p.database.db;
  const counts: Record<string, number> = {};
  let ms = 0;
  for (const d of DEMO_PROGRAMS) {
    const program = (await findProgram(db, d.program.code))!;
    const period = program.periodicity === 'monthly' ? FLOOR_MONTH : FLOOR_YEAR;
    const cycleId = newId();
    await db.execute(sql`INSERT INTO benefit_cycles (id, program_id, period, period_start, state)
      VALUES (${cycleId}, ${program.id}, ${period}, ${PERIOD_START}, 'ready')`);
    const { where, amount } = handWritten(program.code);
    const started = performance.now();
    await db.execute(sql`
      INSERT INTO benefit_entitlements (id, program_id, person_id, period, cycle_id, version_id, street_code, amount_fen, state)
      SELECT gen_random_uuid(), ${program.id}, p.id, ${period}, ${cycleId}, ${cycleId}, p.street_code, (${amount})::int, 'draft'
      FROM persons p WHERE p.merged_into IS NULL AND ${where} AND ${notWaived(program.id, period)}
      ON CONFLICT (program_id, person_id, period) DO NOTHING`);
    ms += performance.now() - started;
    counts[program.code] = await countOf(p, cycleId);
  }
  return { ms, counts };
}

async function countOf(p: Platform, cycleId: string): Promise<number> {
  const [r] = resultRows<{ n: number; fen: number }>(
    await p.database.db.execute(
      sql`SELECT count(*)::int AS n FROM benefit_entitlements WHERE cycle_id = ${cycleId}`,
    ),
  );
  return Number(r?.n ?? 0);
}

async function engine(p: Platform): Promise<{ ms: number; counts: Record<string, number> }> {
  const m = benefitsOf(p);
  const actor = systemActor();
  const counts: Record<string, number> = {};
  const started = performance.now();
  for (const d of DEMO_PROGRAMS) {
    const period = d.program.periodicity === 'monthly' ? MONTH : YEAR;
    const cycle = await m.cycles.create(actor, d.program.code, period);
    await m.cycles.run(actor, cycle.id);
    await p.jobs.drain();
    counts[d.program.code] = (await m.cycles.get(actor, cycle.id)).summary?.count ?? -1;
  }
  return { ms: performance.now() - started, counts };
}

async function singlePerson(p: Platform, samples = 200): Promise<number[]> {
  const ids = resultRows<{ id: string }>(
    await p.database.db.execute(sql`SELECT id FROM persons ORDER BY random() LIMIT ${samples}`),
  ).map((r) => r.id);
  const svc = benefitsOf(p).eligibility;
  const times: number[] = [];
  for (const id of ids) {
    const s = performance.now();
    await p.database.db.transaction((tx) => svc.reevaluate(tx, id, 'bench'));
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}

const bench: Bench = async (target, o) => {
  const persons = Number.parseInt(o.persons ?? '', 10);
  if (!(persons > 0)) throw new Error('--persons must be a positive number');
  const bdb = await benchDatabase(target, 'eligibility');
  try {
    const p = createPlatform(bdb.config, bdb.database, createLogger('silent'));
    const areas = new AreasService(p);
    await bdb.database.db.transaction(async (tx) => {
      await areas.ensureStreets(tx);
      await areas.ensureDemoCommunities(tx);
    });
    let started = performance.now();
    let shown = 0;
    await seedPersons(p, {
      count: persons,
      seed: 1,
      onProgress: (done) => {
        if (done >= shown + persons / 10 || done === persons) {
          shown = done;
          log(
            `${target.database}: seeded ${done}/${persons} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          );
        }
      },
    });
    await seedBenefitPrograms(p);
    // Some programme facts, as staff would record them (veterans, wheelchairs), for 1 % of persons.
    await p.database.db.execute(sql`
      INSERT INTO benefit_facts (person_id, name, value_bool)
      SELECT id, 'veteran_or_police_certificate', true FROM persons WHERE abs(hashtext(id::text)) % 100 = 0`);
    await p.database.db.execute(sql`
      INSERT INTO benefit_facts (person_id, name, value_num)
      SELECT id, 'wheelchairs_owned', 1 + abs(hashtext(id::text)) % 2 FROM persons
      WHERE owns_motorised_wheelchair AND abs(hashtext(id::text)) % 3 = 0`);
    await p.database.db.execute(sql`ANALYZE`);
    log(
      `${target.database} (${bdb.how}): ${persons} persons ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    started = performance.now();
    const f = await floor(p);
    const e = await engine(p);
    for (const code of Object.keys(f.counts))
      if (f.counts[code] !== e.counts[code])
        throw new Error(`engine and floor disagree on ${code}: ${e.counts[code]} vs ${f.counts[code]}`);
    log(`counts: ${JSON.stringify(e.counts)}; floor ${f.ms.toFixed(0)} ms, engine ${e.ms.toFixed(0)} ms`);
    const single = await singlePerson(p);
    const p95 = single[Math.min(single.length - 1, Math.ceil(single.length * 0.95) - 1)]!;
    log(
      `single person: p50 ${single[Math.floor(single.length / 2)]!.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`,
    );
    return {
      persons,
      programs: DEMO_PROGRAMS.length,
      ms: Math.round(e.ms),
      floor_ms: Math.round(f.ms),
      ratio: round2(e.ms / f.ms),
      single_person_ms: round2(p95),
    };
  } finally {
    await bdb.close();
  }
};

export default bench;
