DROP INDEX "persons_pinyin_idx";--> statement-breakpoint
DROP INDEX "persons_initials_idx";--> statement-breakpoint
DROP INDEX "persons_category_idx";--> statement-breakpoint
CREATE INDEX "persons_name_c_idx" ON "persons" USING btree ("name" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "persons_street_pinyin_idx" ON "persons" USING btree ("street_code","name_pinyin" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "persons_pinyin_idx" ON "persons" USING btree ("name_pinyin" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "persons_initials_idx" ON "persons" USING btree ("name_initials" COLLATE "C","name_pinyin" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "persons_category_idx" ON "persons" USING btree ("category","grade","name_pinyin" COLLATE "C","id");