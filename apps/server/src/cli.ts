/**
 * The `jinglin` command (npm run jinglin -- <command>). Each command honours the same settings as
 * the server (DATABASE_URL, JINGLIN_DATA_DIR, …).
 */
import { Command, Option } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import { ERROR_MESSAGES, ROLES, type Role } from '@jinglin/shared';
import { AppError } from './platform/errors.js';
import { ConfigError, loadConfig } from './config.js';
import { openPlatform } from './server.js';
import type { Platform } from './platform/platform.js';
import { systemActor } from './platform/access/actor.js';
import { verifyAudit } from './platform/audit/audit.service.js';
import { backup, hasData, restore } from './platform/db/backup.js';
import { UsersService } from './modules/users/users.service.js';
import { AreasService } from './modules/areas/areas.service.js';
import { readAreaRows } from './modules/areas/areas.import.js';
import { bootstrap } from './bootstrap.js';
import { seedDemo } from './seed/demo.js';
import { seedPersons } from './seed/persons.js';
import { seedBenefitPrograms, seedPayees } from './seed/benefits.js';
import { FieldCrypto, addKeyToFile, keyFile, randomToken } from './platform/crypto/field-crypto.js';
import { rotateAll } from './platform/crypto/rotate.js';
import { importCommand } from './modules/registry/import/import.cli.js';
import { simulateCommand } from './modules/tracking/simulator/simulate.cli.js';

async function withPlatform<T>(fn: (p: Platform) => Promise<T>): Promise<T> {
  const p = await openPlatform(loadConfig(), 'warn');
  try {
    return await fn(p);
  } finally {
    await p.database.close();
  }
}

const program = new Command('jinglin').description('Jinglin (静邻) command line').showHelpAfterError();

program
  .command('migrate')
  .description('apply database migrations')
  .action(() =>
    withPlatform(async (p) => {
      console.log(`migrations applied (${p.database.kind})`);
    }),
  );

const user = program.command('user').description('manage users');
user
  .command('create')
  .description('create a staff user')
  .requiredOption('--username <name>')
  .requiredOption('--password <password>')
  .addOption(
    new Option('--role <role...>', 'one or more roles')
      .choices(ROLES as unknown as string[])
      .makeOptionMandatory(),
  )
  .option('--street <code>', 'street/town code, for street roles')
  .option('--community <id>', 'community id, for community roles')
  .option('--display-name <name>')
  .action(
    (o: {
      username: string;
      password: string;
      role: Role[];
      street?: string;
      community?: string;
      displayName?: string;
    }) =>
      withPlatform(async (p) => {
        await bootstrapAreas(p);
        const { user: u } = await new UsersService(p).create(systemActor(), {
          username: o.username,
          password: o.password,
          roles: o.role,
          ...(o.displayName ? { displayName: o.displayName } : {}),
          ...(o.street ? { streetCode: o.street } : {}),
          ...(o.community ? { communityId: o.community } : {}),
        });
        console.log(`created user ${u.username} (${u.roles.join(', ')}) id ${u.id}`);
      }),
  );

async function bootstrapAreas(p: Platform) {
  await p.database.db.transaction(async (tx) => new AreasService(p).ensureStreets(tx));
}

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('check the hash chain; exits 1 and names the first broken link when it is not intact')
  .action(() =>
    withPlatform(async (p) => {
      const r = await verifyAudit(p.database);
      if (r.ok) console.log(`audit chain intact: ${r.checked} rows verified`);
      else {
        console.error(
          `audit chain BROKEN at row ${r.firstBrokenSeq}: ${r.reason} (${r.checked} rows verified before it)`,
        );
        process.exitCode = 1;
      }
    }),
  );

program
  .command('seed')
  .description(
    'load the synthetic demo district into this database; with --persons N, add N synthetic persons to the registry',
  )
  .option('--persons <n>', 'synthetic persons to add', (v) => Number.parseInt(v, 10), 0)
  .option('--seed <n>', 'random seed (default: from the registry size, so each run adds new people)', (v) =>
    Number.parseInt(v, 10),
  )
  .action((o: { persons: number; seed?: number }) =>
    withPlatform(async (p) => {
      if (!Number.isInteger(o.persons) || o.persons < 0) throw new Error('--persons must be a whole number');
      if (o.persons > 0) return seedPersonsCommand(p, o.persons, o.seed);
      const boot = await bootstrap(p);
      if (boot.generatedAdminPassword)
        console.log(`created user admin with password: ${boot.generatedAdminPassword}`);
      if (!boot.demoAccounts.length) {
        const accounts = await seedDemo(p, { password: p.config.adminPassword ?? randomToken(12) }).catch(
          (err: Error) => {
            throw new Error(`demo accounts exist already or could not be made: ${err.message}`);
          },
        );
        console.log(`demo accounts: ${accounts.map((a) => a.username).join(', ')}`);
      } else console.log(`demo district loaded: ${boot.demoAccounts.map((a) => a.username).join(', ')}`);
      if (boot.demoPersons) console.log(`demo registry: ${boot.demoPersons.persons} persons`);
    }),
  );

async function seedPersonsCommand(p: Platform, count: number, seed: number | undefined) {
  const areasSvc = new AreasService(p);
  await p.database.db.transaction(async (tx) => {
    await areasSvc.ensureStreets(tx);
    await areasSvc.ensureDemoCommunities(tx);
  });
  const [row] = await p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`);
  const bar = new SingleBar(
    { format: 'persons |{bar}| {value}/{total} {percentage}% | {eta_formatted} left', etaBuffer: 20 },
    Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(count, 0);
  try {
    const r = await seedPersons(p, {
      count,
      seed: seed ?? 1000 + Number(row?.n ?? 0),
      onProgress: (done) => bar.update(done),
    });
    bar.stop();
    const s = (performance.now() - started) / 1000;
    console.log(
      `added ${r.persons} persons, ${r.guardians} guardians, ${r.households} households in ${s.toFixed(1)} s`,
    );
    // The demo benefit programmes (those missing) and synthetic payment accounts for the new persons.
    const programs = await seedBenefitPrograms(p);
    const payees = await seedPayees(p);
    console.log(`benefit programmes added: ${programs}; synthetic payment accounts: ${payees}`);
  } catch (err) {
    bar.stop();
    throw err;
  }
}

program
  .command('import <file>')
  .description('import persons from an .xlsx or .csv file (checks only, unless --commit)')
  .option('--commit', 'write the rows (all of them, or none when a row is invalid)')
  .option('--skip-invalid', 'with --commit: write the valid rows even when some are invalid')
  .option('--street <code>', 'street/town code for rows without 街镇')
  .action((file: string, o: { commit?: boolean; skipInvalid?: boolean; street?: string }) =>
    withPlatform(async (p) => {
      process.exitCode = await importCommand(p, file, o);
    }),
  );

const areas = program.command('areas').description('streets and communities');
areas
  .command('import <file>')
  .description('import communities (居委) from .xlsx or .csv with columns 街镇, 居委')
  .action((file: string) =>
    withPlatform(async (p) => {
      const svc = new AreasService(p);
      const rows = await readAreaRows(file);
      const r = await p.database.db.transaction(async (tx) => {
        await svc.ensureStreets(tx);
        return svc.importCommunities(tx, rows);
      });
      console.log(`${r.added} communities added, ${rows.length - r.added - r.errors.length} already present`);
      for (const e of r.errors) console.error(`row ${e.row}: ${e.message}`);
      if (r.errors.length) process.exitCode = 1;
    }),
  );

const keys = program.command('keys').description('field-encryption keys');
keys
  .command('rotate')
  .description('make a new active key (key-ring file) and re-encrypt every encrypted field with it')
  .action(() =>
    withPlatform(async (p) => {
      let crypto = p.crypto;
      if (!p.config.masterKey) {
        const ring = addKeyToFile(p.config.dataDir);
        crypto = new FieldCrypto(ring, p.config.crypto);
        console.log(
          `new active key ${ring.active} written to ${keyFile(p.config.dataDir)} (previous ring kept as .bak)`,
        );
      } else {
        console.log('JINGLIN_MASTER_KEY is set: re-encrypting with its first (active) key');
      }
      const r = await rotateAll(p.database, crypto, (table, done) =>
        process.stdout.write(`\r${table}: ${done} rows checked   `),
      );
      console.log(`\nre-encrypted ${r.values} values in ${r.rows} rows (mode ${p.config.crypto})`);
    }),
  );

program
  .command('backup <file>')
  .description('write a backup of every table (gzip JSON lines)')
  .action((file: string) =>
    withPlatform(async (p) => {
      const r = await backup(p.database, file);
      console.log(`backup written to ${file}: ${r.tables} tables, ${r.rows} rows`);
    }),
  );

program
  .command('restore <file>')
  .description('replace this database with a backup')
  .option('--force', 'overwrite a database that already holds data')
  .action((file: string, o: { force?: boolean }) =>
    withPlatform(async (p) => {
      if ((await hasData(p.database)) && !o.force) {
        throw new Error('the database already holds data: add --force to replace it with the backup');
      }
      const r = await restore(p.database, file);
      console.log(`restored ${r.tables} tables, ${r.rows} rows from ${file}`);
    }),
  );

program
  .command('simulate')
  .description(
    'simulated watches (JT/T 808 and watch protocol) reporting to a gateway; prints a JSON summary',
  )
  .option('--devices <n>', 'number of devices', '100')
  .option('--rate <r>', 'positions per device per second', '1')
  .option('--host <host>', 'the gateway host (the only one connected to)', '127.0.0.1')
  .option('--jt808-port <port>', 'JT/T 808 port (default JINGLIN_JT808_PORT; 0 = no JT/T 808 devices)')
  .option('--watch-port <port>', 'watch-protocol port (default JINGLIN_WATCH_PORT; 0 = no watches)')
  .option('--seconds <s>', 'stop after this many seconds', '30')
  .option('--watch-share <f>', 'share of devices that are watches', '0.2')
  .option('--per-connection <k>', 'devices sharing one TCP connection', '1')
  .action(async (o: Parameters<typeof simulateCommand>[0]) => {
    const config = loadConfig();
    process.exitCode = await simulateCommand(o, { jt808Port: config.jt808Port, watchPort: config.watchPort });
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError) {
    const fields = (err.fields ?? []).map((f) => ` ${f.path}: ${f.code}`).join(';');
    console.error(`error: ${ERROR_MESSAGES.en[err.code]}${fields ? ` (${fields.trim()})` : ''}`);
    process.exit(1);
  }
  console.error(
    err instanceof ConfigError ? err.message : `error: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(err instanceof ConfigError ? 2 : 1);
});
