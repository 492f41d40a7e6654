-- The registry search's ordered indexes carry every column a search reads (INCLUDE), so a page of
-- results is an index-only scan: a few adjacent index pages instead of one table page per result.
-- Measured at 1,000,000 persons on PostgreSQL (pinyin prefix, 51 rows): 6 buffers against 54, of
-- which the table pages were mostly not in shared_buffers. Key columns and names are unchanged, so
-- the schema in registry.tables.ts (drizzle has no INCLUDE) still describes them; a test checks the
-- INCLUDE lists. Only the INCLUDE part differs in each: when a search reads a new column, add it here
-- (in a new migration) or the search falls back to table reads.
DROP INDEX IF EXISTS persons_pinyin_idx;
--> statement-breakpoint
CREATE INDEX persons_pinyin_idx ON persons USING btree (name_pinyin COLLATE "C", id) INCLUDE (name, name_initials, id_number_enc, gender, birth_date, street_code, community_id, living_status, category, grade, version, merged_into);
--> statement-breakpoint
DROP INDEX IF EXISTS persons_initials_idx;
--> statement-breakpoint
CREATE INDEX persons_initials_idx ON persons USING btree (name_initials COLLATE "C", name_pinyin COLLATE "C", id) INCLUDE (name, id_number_enc, gender, birth_date, street_code, community_id, living_status, category, grade, version, merged_into);
--> statement-breakpoint
DROP INDEX IF EXISTS persons_name_c_idx;
--> statement-breakpoint
CREATE INDEX persons_name_c_idx ON persons USING btree (name COLLATE "C", id) INCLUDE (name_pinyin, name_initials, id_number_enc, gender, birth_date, street_code, community_id, living_status, category, grade, version, merged_into);
--> statement-breakpoint
DROP INDEX IF EXISTS persons_street_pinyin_idx;
--> statement-breakpoint
CREATE INDEX persons_street_pinyin_idx ON persons USING btree (street_code, name_pinyin COLLATE "C", id) INCLUDE (name, name_initials, id_number_enc, gender, birth_date, community_id, living_status, category, grade, version, merged_into);
--> statement-breakpoint
DROP INDEX IF EXISTS persons_street_name_c_idx;
--> statement-breakpoint
CREATE INDEX persons_street_name_c_idx ON persons USING btree (street_code, name COLLATE "C", id) INCLUDE (name_pinyin, name_initials, id_number_enc, gender, birth_date, community_id, living_status, category, grade, version, merged_into);
--> statement-breakpoint
DROP INDEX IF EXISTS persons_category_idx;
--> statement-breakpoint
CREATE INDEX persons_category_idx ON persons USING btree (category, grade, name_pinyin COLLATE "C", id) INCLUDE (name, name_initials, id_number_enc, gender, birth_date, street_code, community_id, living_status, version, merged_into);
