ALTER TABLE "notifications" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "escalations" jsonb DEFAULT '[]'::jsonb NOT NULL;