-- The trigram indexes of the registry search keep new entries in a GIN "pending list" until it
-- reaches gin_pending_list_limit (4 MB by default: ~38,000 names), and every fuzzy or pinyin search
-- scans the whole list: measured at 1,000,000 persons, 8.3 ms of a name search's 9.7 ms went to it,
-- against 0.13 ms with the list flushed. A 128 kB limit keeps it to ~1,200 entries (flushed by the
-- inserts themselves), and the lists are flushed once now.
ALTER INDEX persons_name_trgm_idx SET (gin_pending_list_limit = 128);--> statement-breakpoint
ALTER INDEX persons_pinyin_trgm_idx SET (gin_pending_list_limit = 128);--> statement-breakpoint
SELECT gin_clean_pending_list('persons_name_trgm_idx'::regclass);--> statement-breakpoint
SELECT gin_clean_pending_list('persons_pinyin_trgm_idx'::regclass);
