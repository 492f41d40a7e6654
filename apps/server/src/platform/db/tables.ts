/**
 * Platform tables: areas, users and sessions, settings, audit, break-glass grants, jobs, the event
 * outbox and the notification outbox. Module tables live in their modules and are re-exported by
 * schema.ts. Ids are UUIDv7 made by the application; times are timestamptz (UTC).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
  toDriver: (v) => v,
});

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => tz('created_at').notNull().defaultNow();

export const streets = pgTable('streets', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind', { enum: ['street', 'town'] }).notNull(),
  statCode: text('stat_code'),
  sort: integer('sort').notNull().default(0),
});

export const communities = pgTable(
  'communities',
  {
    id: uuid('id').primaryKey(),
    streetCode: text('street_code')
      .notNull()
      .references(() => streets.code),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('communities_street_name_uq').on(t.streetCode, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull(),
    streetCode: text('street_code').references(() => streets.code),
    communityId: uuid('community_id').references(() => communities.id),
    /** Encrypted phone (residents log in with it) and its blind index. */
    phoneEnc: bytea('phone_enc'),
    phoneBidx: text('phone_bidx'),
    disabled: boolean('disabled').notNull().default(false),
    totpSecretEnc: bytea('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    totpLastStep: integer('totp_last_step'),
    failedCount: integer('failed_count').notNull().default(0),
    lockedUntil: tz('locked_until'),
    lastLoginAt: tz('last_login_at'),
    preferences: jsonb('preferences').notNull().default({}),
    createdAt: createdAt(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('users_phone_bidx_uq').on(t.phoneBidx),
    index('users_street_idx').on(t.streetCode),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    revokedAt: tz('revoked_at'),
    ip: text('ip'),
    /** Set when the user's role needs a second factor they have not enrolled yet: only enrolment is allowed. */
    mustEnrollTotp: boolean('must_enroll_totp').notNull().default(false),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed sign-in attempts: `ip:<address>` for per-IP throttling and `account:<hash of the lower-case
 * user name>` for per-account lockout. Unknown user names are counted the same way as real ones,
 * so a lockout does not reveal which accounts exist.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('login_failures_key_at_idx').on(t.key, t.at)],
);

export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid('id').primaryKey(),
    phoneBidx: text('phone_bidx').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: tz('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: tz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('otp_codes_phone_idx').on(t.phoneBidx, t.createdAt)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Append-only and hash chained: triggers refuse UPDATE, DELETE and TRUNCATE (see migration). */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: tz('at').notNull(),
    actorId: uuid('actor_id'),
    actorRoles: text('actor_roles').array().notNull(),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    scope: text('scope'),
    result: text('result', { enum: ['success', 'failure', 'denied'] }).notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.seq),
    index('audit_object_idx').on(t.objectType, t.objectId, t.seq),
  ],
);

/** The single row that serialises appends to the audit chain. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

export const breakGlass = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    streetCode: text('street_code').references(() => streets.code),
    communityId: uuid('community_id').references(() => communities.id),
    createdAt: createdAt(),
    expiresAt: tz('expires_at').notNull(),
    revokedAt: tz('revoked_at'),
  },
  (t) => [index('break_glass_user_idx').on(t.userId, t.expiresAt)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().default({}),
    state: text('state', { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }).notNull(),
    progress: integer('progress').notNull().default(0),
    total: integer('total'),
    /** Where a resumed run starts again: written in the same transaction as each chunk's work. */
    checkpoint: jsonb('checkpoint'),
    result: jsonb('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedBy: text('locked_by'),
    lockedUntil: tz('locked_until'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    startedAt: tz('started_at'),
    finishedAt: tz('finished_at'),
  },
  (t) => [index('jobs_state_idx').on(t.state, t.createdAt)],
);

/** Domain events, written in the same transaction as the change that raised them. */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull().default({}),
    createdAt: createdAt(),
    processedAt: tz('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending_idx').on(t.processedAt, t.createdAt)],
);

/** Notification outbox: what is to be, or was, sent to a person through a channel. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').notNull(),
    userId: uuid('user_id'),
    /** Encrypted address (phone) — never plaintext at rest. */
    addressEnc: bytea('address_enc'),
    template: text('template').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    createdAt: createdAt(),
    sentAt: tz('sent_at'),
    error: text('error'),
    /** A sender (process) took the row to deliver it: `flush()` claims rows, so two workers never send one twice. */
    claimedAt: tz('claimed_at'),
    claimedBy: text('claimed_by'),
  },
  (t) => [index('notifications_status_idx').on(t.status, t.createdAt)],
);
