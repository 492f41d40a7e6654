/** Starts the process's parts (api, worker, gateway) on one database and stops them cleanly. */
import path from 'node:path';
import type { Config } from './config.js';
import { createLogger } from './platform/logger.js';
import { migrate, openDatabase } from './platform/db/client.js';
import { createPlatform, type Platform } from './platform/platform.js';
import { bootstrap } from './bootstrap.js';
import type { ChannelAdapter } from './platform/notify/notify.service.js';
import { buildApp } from './app.js';
import { benefitsOf } from './modules/benefits/benefits.module.js';
import { ImportService } from './modules/registry/import/import.service.js';
import { shanghaiToday } from './modules/benefits/periods.js';
import { trackingOf } from './modules/tracking/tracking.module.js';
import { careOf } from './modules/care/care.module.js';
import { accompanimentOf } from './modules/accompaniment/accompaniment.module.js';
import { gatewayCountersOf, startGateways, type Gateways } from './modules/tracking/gateway/index.js';

export interface Running {
  platform: Platform;
  url: string | null;
  stop(): Promise<void>;
}

export async function openPlatform(
  config: Config,
  logLevel = config.logLevel,
  opts: { channel?: ChannelAdapter } = {},
): Promise<Platform> {
  const log = createLogger(logLevel);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pgdata'),
    ...(config.searchConnections ? { searchPoolSize: config.searchConnections } : {}),
  });
  await migrate(database);
  return createPlatform(config, database, log, opts);
}

export async function startServer(
  config: Config,
  out: (line: string) => void = console.log,
  opts: { channel?: ChannelAdapter } = {},
): Promise<Running> {
  const p = await openPlatform(config, config.logLevel, opts);
  const boot = await bootstrap(p, {
    onDemoPersons: (n) => out(`loading the demo district: ${n} synthetic persons…`),
  });
  if (boot.generatedAdminPassword) {
    // Printed once, to the terminal only; never logged.
    out(`created user admin (district_admin) with password: ${boot.generatedAdminPassword}`);
  } else if (boot.adminCreated) {
    out('created user admin (district_admin) with the password from JINGLIN_ADMIN_PASSWORD');
  }
  if (boot.demoPersons) {
    const d = boot.demoPersons;
    out(
      `demo registry: ${d.persons} persons, ${d.guardians} guardians, ${d.households} households in ${d.seconds.toFixed(1)} s`,
    );
  }
  if (boot.demoAccounts.length) {
    out(
      `demo district loaded; demo accounts (same password as admin): ${boot.demoAccounts
        .filter((a) => !a.phone)
        .map((a) => a.username)
        .join(', ')}`,
    );
    out(
      `demo residents sign in by phone + code (codes appear in the log): ${boot.demoAccounts
        .filter((a) => a.phone)
        .map((a) => a.phone)
        .join(', ')}`,
    );
  }

  const timers: NodeJS.Timeout[] = [];
  let tickInFlight: Promise<void> | undefined;
  if (config.roles.includes('worker')) {
    // Jobs and event handlers of every module (also when this process serves no HTTP).
    new ImportService(p).registerJob();
    const benefits = benefitsOf(p);
    p.jobs.start();
    let birthdaysChecked = '';
    const tick = async () => {
      try {
        await p.events.dispatch();
        await p.notifier.flush();
        // Tracking: offline devices, escalation of unacknowledged alerts, retention, partitions.
        await trackingOf(p).jobs.tick();
        // Care: needs cases past their due time escalate (level 1 street, level 2 district).
        await careOf(p).needs.jobs.tick();
        // Hospital accompaniment: assignment, reminders the day before, unfilled alerts.
        await accompanimentOf(p).jobs.tick();
        // Once a day: birthdays that cross an age limit of a rule (e.g. turning 65) go to review.
        if (birthdaysChecked !== shanghaiToday()) {
          birthdaysChecked = shanghaiToday();
          await p.database.db.transaction((tx) => benefits.eligibility.birthdayCheck(tx));
        }
      } catch (err) {
        p.log.error({ err: (err as Error).message }, 'worker tick failed');
      }
    };
    // One tick at a time (a birthday check on a large registry outlasts the interval), and shutdown
    // waits for the one in flight before closing the database.
    timers.push(
      setInterval(() => {
        tickInFlight ??= tick().finally(() => (tickInFlight = undefined));
      }, 2000),
    );
  }

  let url: string | null = null;
  let close: (() => Promise<void>) | null = null;
  if (config.roles.includes('api')) {
    const { app } = await buildApp(p);
    await app.listen({ port: config.port, host: config.host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    out(`listening on ${url}`);
    close = () => app.close();
  }

  // The device gateways (JT/T 808 and watch TCP servers; port 0 = off) in front of the tracking sink.
  let gateways: Gateways | null = null;
  if (config.roles.includes('gateway') && (config.jt808Port > 0 || config.watchPort > 0)) {
    gateways = await startGateways({
      host: config.host,
      jt808Port: config.jt808Port,
      watchPort: config.watchPort,
      sink: trackingOf(p).sink,
      log: p.log.child({ part: 'gateway' }),
      counters: gatewayCountersOf(p),
    });
    if (gateways.ports.jt808) out(`JT/T 808 gateway on ${config.host}:${gateways.ports.jt808}`);
    if (gateways.ports.watch) out(`watch gateway on ${config.host}:${gateways.ports.watch}`);
  }

  let stopping: Promise<void> | undefined;
  return {
    platform: p,
    url,
    stop: () =>
      (stopping ??= (async () => {
        for (const t of timers) clearInterval(t);
        await tickInFlight;
        await gateways?.close();
        // Finish requests in flight, then hand running jobs back after their current chunk.
        await close?.();
        await p.jobs.stop();
        await p.database.close();
      })()),
  };
}
