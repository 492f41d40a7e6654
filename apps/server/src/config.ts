/**
 * Every setting, parsed once. Nothing else in the server reads process.env.
 * A bad value stops the process with a message that names the setting.
 */
import path from 'node:path';
import { z } from 'zod';

const Roles = ['api', 'worker', 'gateway'] as const;

const bool01 = z.enum(['0', '1']).transform((v) => v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' })
    .optional(),
  JINGLIN_DATA_DIR: z.string().min(1).default('./data'),
  JINGLIN_ADMIN_PASSWORD: z.string().min(1).optional(),
  JINGLIN_DEMO: bool01.optional(),
  /** How many synthetic persons the demo district gets on first start. */
  JINGLIN_DEMO_PERSONS: z.coerce.number().int().min(0).max(2_000_000).default(20_000),
  /** Largest accepted upload (spreadsheet imports), in MiB. */
  JINGLIN_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(50),
  JINGLIN_SEARCH_CONNECTIONS: z.coerce.number().int().min(1).max(200).optional(),
  JINGLIN_ROLES: z
    .string()
    .default('api,worker,gateway')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(Roles)).min(1)),
  JINGLIN_JT808_PORT: z.coerce.number().int().min(0).max(65535).default(5015),
  JINGLIN_WATCH_PORT: z.coerce.number().int().min(0).max(65535).default(5093),
  JINGLIN_CRYPTO: z.enum(['aes', 'sm']).default('aes'),
  /** Base64 of 32 bytes; when unset the key lives in the data folder (keys.json). */
  JINGLIN_MASTER_KEY: z.string().optional(),
  JINGLIN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the server sits behind TLS: cookies get `Secure`. */
  JINGLIN_SECURE_COOKIES: bool01.default(false),
  /** Public origin(s) for the CSRF Origin check, comma separated; defaults to the listen address. */
  JINGLIN_ORIGINS: z.string().optional(),
  JINGLIN_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(184).default(184),
  JINGLIN_WEB_DIST: z.string().optional(),
  /** Map tiles: a Leaflet URL template ({z}/{x}/{y}, {s}); empty = no tiles (a plain background). */
  JINGLIN_MAP_TILE_URL: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^(https?:)?\/\/\S+$|^\/\S*$/.test(v), 'an http(s) URL template or empty'),
  /** The tiles' coordinate system: 天地图 is WGS-84 (CGCS2000), AMap is GCJ-02. */
  JINGLIN_MAP_TILE_CRS: z.enum(['wgs84', 'gcj02']).default('gcj02'),
  JINGLIN_MAP_ATTRIBUTION: z.string().trim().max(300).default(''),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  demo: boolean;
  demoPersons: number;
  uploadMaxBytes: number;
  /** PostgreSQL connections for registry searches (client.ts searchDb); unset: one per core. */
  searchConnections: number | undefined;
  roles: readonly (typeof Roles)[number][];
  jt808Port: number;
  watchPort: number;
  crypto: 'aes' | 'sm';
  masterKey: string | undefined;
  logLevel: string;
  secureCookies: boolean;
  origins: string[];
  auditRetentionDays: number;
  webDist: string;
  mapTileUrl: string;
  mapTileCrs: 'wgs84' | 'gcj02';
  mapAttribution: string;
  version: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.JINGLIN_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    adminPassword: e.JINGLIN_ADMIN_PASSWORD,
    demo: e.JINGLIN_DEMO ?? !e.DATABASE_URL,
    demoPersons: e.JINGLIN_DEMO_PERSONS,
    uploadMaxBytes: e.JINGLIN_UPLOAD_MAX_MB * 1024 * 1024,
    searchConnections: e.JINGLIN_SEARCH_CONNECTIONS,
    roles: e.JINGLIN_ROLES,
    jt808Port: e.JINGLIN_JT808_PORT,
    watchPort: e.JINGLIN_WATCH_PORT,
    crypto: e.JINGLIN_CRYPTO,
    masterKey: e.JINGLIN_MASTER_KEY,
    logLevel: e.JINGLIN_LOG_LEVEL,
    secureCookies: e.JINGLIN_SECURE_COOKIES,
    origins: (e.JINGLIN_ORIGINS ?? `http://localhost:${e.PORT},http://127.0.0.1:${e.PORT}`)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    auditRetentionDays: e.JINGLIN_AUDIT_RETENTION_DAYS,
    webDist: path.resolve(e.JINGLIN_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    mapTileUrl: e.JINGLIN_MAP_TILE_URL,
    mapTileCrs: e.JINGLIN_MAP_TILE_CRS,
    mapAttribution: e.JINGLIN_MAP_ATTRIBUTION,
    version: '0.1.0',
  };
}
