/**
 * The server the browser journeys run against: a fresh embedded database in a temporary folder (or,
 * when TEST_DATABASE_URL is set, a fresh PostgreSQL database), the demo district, a known admin
 * password, and a notification channel that writes to a file the tests read one-time codes from.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.js';
import { startServer } from '../apps/server/src/server.js';
import { E2E } from './env.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinglin-e2e-'));
let databaseUrl: string | undefined;
const base = process.env.TEST_DATABASE_URL;
if (base) {
  const name = `jinglin_e2e_${process.pid}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
}
fs.rmSync(E2E.outbox, { force: true });
const config = loadConfig({
  PORT: String(E2E.port),
  HOST: '127.0.0.1',
  JINGLIN_DATA_DIR: dataDir,
  JINGLIN_ADMIN_PASSWORD: E2E.password,
  JINGLIN_DEMO: '1',
  JINGLIN_DEMO_PERSONS: '300',
  JINGLIN_LOG_LEVEL: 'warn',
  JINGLIN_JT808_PORT: '0',
  JINGLIN_WATCH_PORT: '0',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const running = await startServer(config, console.log, {
  channel: { name: 'e2e-file', send: async (m) => fs.appendFileSync(E2E.outbox, JSON.stringify(m) + '\n') },
});
const stop = async () => {
  await running.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (base && databaseUrl) {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await c.end();
  }
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
