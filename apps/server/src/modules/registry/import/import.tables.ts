/**
 * Spreadsheet import of persons. An import job stages every valid row here — already encrypted,
 * as ready-to-insert values with their ids — chunk by chunk under the job's checkpoint, then writes
 * all staged rows into the registry in one final transaction and deletes them. Invalid rows are
 * kept (cells encrypted, errors as codes) for the error report, and purged after a few days.
 * Row 0 of a job's errors holds the uploaded header row.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../../platform/db/tables.js';

export const personImportStaging = pgTable(
  'person_import_staging',
  {
    jobId: uuid('job_id').notNull(),
    /** The row number in the uploaded sheet (1-based, as the user sees it). */
    rowNo: integer('row_no').notNull(),
    personId: uuid('person_id').notNull(),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idNumberEnc: bytea('id_number_enc').notNull(),
    idNumberBidx: text('id_number_bidx').notNull(),
    phoneEnc: bytea('phone_enc'),
    phoneBidx: text('phone_bidx'),
    addressEnc: bytea('address_enc'),
    streetCode: text('street_code').notNull(),
    communityId: uuid('community_id'),
    hukou: text('hukou').notNull(),
    livingStatus: text('living_status').notNull(),
    lowIncome: text('low_income').notNull(),
    employment: text('employment').notNull(),
    education: text('education').notNull(),
    ownsMotorisedWheelchair: boolean('owns_motorised_wheelchair').notNull(),
    category: smallint('category'),
    grade: smallint('grade'),
    certId: uuid('cert_id'),
    certNumberEnc: bytea('cert_number_enc'),
    certNumberBidx: text('cert_number_bidx'),
    certIssuedAt: date('cert_issued_at', { mode: 'string' }),
    historyId: uuid('history_id').notNull(),
    historyChanges: jsonb('history_changes').notNull(),
    eventId: uuid('event_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.rowNo] }),
    // A second row with the same ID number in one file is reported, never staged.
    uniqueIndex('person_import_staging_id_uq').on(t.jobId, t.idNumberBidx),
  ],
);

export const personImportErrors = pgTable(
  'person_import_errors',
  {
    jobId: uuid('job_id').notNull(),
    rowNo: integer('row_no').notNull(),
    /** The row's cells as uploaded (JSON array of strings), encrypted: they hold personal data. */
    cellsEnc: bytea('cells_enc').notNull(),
    /** [{ column, code }]: codes only, never values. */
    errors: jsonb('errors')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.rowNo] }),
    index('person_import_errors_created_idx').on(t.createdAt),
  ],
);
