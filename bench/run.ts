/**
 * `npm run bench -- <name> [options]`: runs one benchmark on embedded PGlite, and also on
 * PostgreSQL when DATABASE_URL is set, printing one JSON line per result and database (see
 * ../shared/CONTRACT.md "Benchmarks"). Each benchmark measures its own floor in the same run.
 * `--database pglite|postgresql` runs one of the two only (a long run on one database).
 */
import { parseArgs } from 'node:util';

export interface BenchTarget {
  database: 'pglite' | 'postgresql';
  /** For PostgreSQL: a connection string to a database the benchmark may create and drop tables in. */
  url?: string;
}

export type Bench = (
  target: BenchTarget,
  options: Record<string, string | undefined>,
) => Promise<Record<string, unknown>>;

const BENCHES: Record<
  string,
  () => Promise<{ default: Bench; options: Record<string, { default: string }> }>
> = {
  search: () => import('./search.js'),
  import: () => import('./import.js'),
  eligibility: () => import('./eligibility.js'),
  ingest: () => import('./ingest.js'),
};

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || !BENCHES[name]) {
    console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]`);
    process.exit(2);
  }
  const mod = await BENCHES[name]();
  const names = [...Object.keys(mod.options), 'database'];
  const { values } = parseArgs({
    args: rest,
    options: Object.fromEntries(names.map((k) => [k, { type: 'string' as const }])),
  });
  const opts = Object.fromEntries(Object.entries(mod.options).map(([k, o]) => [k, values[k] ?? o.default]));
  let targets: BenchTarget[] = [{ database: 'pglite' }];
  if (process.env.DATABASE_URL) targets.push({ database: 'postgresql', url: process.env.DATABASE_URL });
  if (values.database) {
    targets = targets.filter((t) => t.database === values.database);
    if (!targets.length) {
      console.error(`--database ${values.database}: not available (postgresql needs DATABASE_URL)`);
      process.exit(2);
    }
  }
  for (const target of targets) {
    const result = await mod.default(target, opts);
    console.log(JSON.stringify({ bench: name, database: target.database, ...result }));
  }
}

await main();
