-- A trigram index over the names that are not one to three common ideographs (U+4E00–U+9FFF):
-- longer names, names with a middle dot (·) or a space, rare (Extension) characters. A full
-- three-character name query finds its similar common names by a range of persons_name_c_idx,
-- read from the index alone, and only these through trigrams (search.repo.ts stemParts). The
-- full index persons_name_trgm_idx stays for every other fuzzy query. At 1,000,000 synthetic
-- persons the fuzzy tier of such a query had read ~260 table pages (a bitmap heap scan over every
-- trigram candidate). The predicate must stay, character for character, the search's own.
CREATE INDEX IF NOT EXISTS persons_name_trgm_rare_idx ON persons USING gin (name gin_trgm_ops)
  WITH (gin_pending_list_limit = 128) WHERE name !~ '^[\u4e00-\u9fff]{1,3}$';
