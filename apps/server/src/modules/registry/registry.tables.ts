/**
 * The registry of disabled residents (残疾人基础信息库): persons, certificates (with history),
 * guardians, households and each person's change history. Personal identifiers are encrypted per
 * field with a blind index (see platform/crypto); names are stored exactly as given.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, communities, streets, users } from '../../platform/db/tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const households = pgTable('households', {
  id: uuid('id').primaryKey(),
  streetCode: text('street_code')
    .notNull()
    .references(() => streets.code),
  communityId: uuid('community_id').references(() => communities.id),
  addressEnc: bytea('address_enc'),
  createdAt: tz('created_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** Full pinyin without tones or spaces (张三 → zhangsan) and initials (zs), for search. */
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idNumberEnc: bytea('id_number_enc').notNull(),
    idNumberBidx: text('id_number_bidx').notNull(),
    phoneEnc: bytea('phone_enc'),
    phoneBidx: text('phone_bidx'),
    addressEnc: bytea('address_enc'),
    streetCode: text('street_code')
      .notNull()
      .references(() => streets.code),
    communityId: uuid('community_id').references(() => communities.id),
    hukou: text('hukou', { enum: ['shanghai', 'other'] }).notNull(),
    livingStatus: text('living_status', {
      enum: ['normal', 'moved_out', 'deceased', 'imprisoned'],
    }).notNull(),
    lowIncome: text('low_income', { enum: ['dibao', 'dibao_edge', 'none'] }).notNull(),
    employment: text('employment').notNull().default('unknown'),
    education: text('education').notNull().default('unknown'),
    ownsMotorisedWheelchair: boolean('owns_motorised_wheelchair').notNull().default(false),
    /** The active certificate's category and grade, kept here for fast filters and eligibility. */
    category: smallint('category'),
    grade: smallint('grade'),
    householdId: uuid('household_id').references(() => households.id),
    householdRole: text('household_role'),
    /** Set when this record was merged into another (duplicate); it then leaves lists and search. */
    mergedInto: uuid('merged_into'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('persons_id_number_uq')
      .on(t.idNumberBidx)
      .where(sql`${t.mergedInto} IS NULL`),
    index('persons_street_idx').on(t.streetCode, t.id),
    index('persons_community_idx').on(t.communityId, t.id),
    index('persons_phone_idx').on(t.phoneBidx),
    // Search: byte-order (C) text indexes give prefix ranges and the list order (pinyin, id) at
    // once, so no search sorts all its matches (search.repo.ts searchPersonsQuery). Migration 0014
    // rebuilt the six ordered ones (pinyin, initials, name_c, street_pinyin, street_name_c,
    // category) with INCLUDE (every other column a search reads), which drizzle cannot express:
    // changing one of them here means writing its INCLUDE list into the new migration by hand.
    index('persons_pinyin_idx').on(sql`${t.namePinyin} COLLATE "C"`, t.id),
    index('persons_initials_idx').on(
      sql`${t.nameInitials} COLLATE "C"`,
      sql`${t.namePinyin} COLLATE "C"`,
      t.id,
    ),
    index('persons_name_c_idx').on(sql`${t.name} COLLATE "C"`, t.id),
    index('persons_street_pinyin_idx').on(t.streetCode, sql`${t.namePinyin} COLLATE "C"`, t.id),
    // A Chinese name prefix inside one street (a surname typed by a street worker): the range of
    // that street only, in the list's order (docs/benchmarks.md, search round 4).
    index('persons_street_name_c_idx').on(t.streetCode, sql`${t.name} COLLATE "C"`, t.id),
    index('persons_name_idx').on(t.name),
    index('persons_birth_idx').on(t.birthDate),
    index('persons_category_idx').on(t.category, t.grade, sql`${t.namePinyin} COLLATE "C"`, t.id),
    index('persons_household_idx').on(t.householdId),
  ],
);

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    numberEnc: bytea('number_enc').notNull(),
    numberBidx: text('number_bidx').notNull(),
    category: smallint('category').notNull(),
    grade: smallint('grade').notNull(),
    issuedAt: date('issued_at', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['active', 'superseded', 'revoked'] }).notNull(),
    disabilities: jsonb('disabilities').notNull().default([]),
    reason: text('reason'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('certificates_person_idx').on(t.personId, t.createdAt),
    index('certificates_number_idx').on(t.numberBidx),
    uniqueIndex('certificates_one_active_uq')
      .on(t.personId)
      .where(sql`${t.status} = 'active'`),
  ],
);

export const guardians = pgTable(
  'guardians',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    name: text('name').notNull(),
    relationship: text('relationship').notNull(),
    phoneEnc: bytea('phone_enc'),
    phoneBidx: text('phone_bidx'),
    isPrimary: boolean('is_primary').notNull().default(false),
    /** The guardian's own sign-in account (role guardian), when they have one. */
    userId: uuid('user_id').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('guardians_person_idx').on(t.personId), index('guardians_phone_idx').on(t.phoneBidx)],
);

/** Who changed what, when and why — never overwritten. Sensitive values are recorded as changed, not shown. */
export const personHistory = pgTable(
  'person_history',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull(),
    at: tz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    changes: jsonb('changes').notNull().default({}),
    reason: text('reason'),
  },
  (t) => [index('person_history_person_idx').on(t.personId, t.at)],
);
