-- Fuzzy name search (pg_trgm, bundled with PGlite and in PostgreSQL's contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS persons_name_trgm_idx ON persons USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS persons_pinyin_trgm_idx ON persons USING gin (name_pinyin gin_trgm_ops);
