CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"device_id" uuid NOT NULL,
	"person_id" uuid,
	"zone_id" uuid,
	"centre_id" uuid,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fix_time" timestamp with time zone,
	"latitude" double precision,
	"longitude" double precision,
	"repeats" integer DEFAULT 0 NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"last_notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "day_centres" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"street_code" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"opening_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"staff_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_bindings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"consent_by" text,
	"consent_at" timestamp with time zone,
	"consent_note" text,
	"recorded_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "device_zone_states" (
	"device_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"state" text DEFAULT 'unknown' NOT NULL,
	"pending_exit_count" integer DEFAULT 0 NOT NULL,
	"pending_exit_since" timestamp with time zone,
	"last_evaluated_fix_time" timestamp with time zone,
	CONSTRAINT "device_zone_states_device_id_zone_id_pk" PRIMARY KEY("device_id","zone_id")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unique_id" text NOT NULL,
	"protocol" text NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"sim_phone_enc" "bytea",
	"centre_id" uuid,
	"status" text DEFAULT 'unknown' NOT NULL,
	"battery_percent" integer,
	"last_fix_time" timestamp with time zone,
	"last_latitude" double precision,
	"last_longitude" double precision,
	"last_seen_at" timestamp with time zone,
	"auth_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" bigserial NOT NULL,
	"device_id" uuid NOT NULL,
	"person_id" uuid,
	"fix_time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"valid" boolean NOT NULL,
	"speed_kmh" real,
	"course" real,
	"altitude_m" real,
	"accuracy_m" real,
	"satellites" integer,
	"battery_percent" integer,
	"backfill" boolean DEFAULT false NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "positions_id_fix_time_pk" PRIMARY KEY("id","fix_time")
) PARTITION BY RANGE ("fix_time");
--> statement-breakpoint
-- Edited by hand (drizzle-kit can't express partitioning): rows outside every monthly partition
-- land here; the worker creates the months ahead (tracking.jobs.ts).
CREATE TABLE "positions_default" PARTITION OF "positions" DEFAULT;
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"schedule" jsonb NOT NULL,
	"centre_id" uuid,
	"person_id" uuid,
	"exit_confirm_fixes" integer,
	"exit_confirm_seconds" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "day_centres" ADD CONSTRAINT "day_centres_street_code_streets_code_fk" FOREIGN KEY ("street_code") REFERENCES "public"."streets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_bindings" ADD CONSTRAINT "device_bindings_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_bindings" ADD CONSTRAINT "device_bindings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_zone_states" ADD CONSTRAINT "device_zone_states_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_zone_states" ADD CONSTRAINT "device_zone_states_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_centre_id_day_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."day_centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_centre_id_day_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."day_centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_incident_uq" ON "alerts" USING btree ("device_id","type",coalesce("zone_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "alerts"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "alerts_device_idx" ON "alerts" USING btree ("device_id","opened_at");--> statement-breakpoint
CREATE INDEX "alerts_centre_idx" ON "alerts" USING btree ("centre_id","state");--> statement-breakpoint
CREATE INDEX "alerts_open_idx" ON "alerts" USING btree ("state","last_notified_at") WHERE "alerts"."state" = 'open';--> statement-breakpoint
CREATE INDEX "day_centres_street_idx" ON "day_centres" USING btree ("street_code");--> statement-breakpoint
CREATE UNIQUE INDEX "device_bindings_active_uq" ON "device_bindings" USING btree ("device_id") WHERE "device_bindings"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "device_bindings_person_idx" ON "device_bindings" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_unique_id_uq" ON "devices" USING btree ("unique_id");--> statement-breakpoint
CREATE INDEX "devices_centre_idx" ON "devices" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "positions_device_time_idx" ON "positions" USING btree ("device_id","fix_time");--> statement-breakpoint
CREATE INDEX "zones_centre_idx" ON "zones" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "zones_person_idx" ON "zones" USING btree ("person_id");