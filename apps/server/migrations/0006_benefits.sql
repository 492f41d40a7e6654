CREATE TABLE "benefit_cycles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"version_id" uuid,
	"state" text NOT NULL,
	"job_id" uuid,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "benefit_enrolments" (
	"program_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"state" text NOT NULL,
	"since_period" text NOT NULL,
	"until_period" text,
	"reason" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_enrolments_program_id_person_id_pk" PRIMARY KEY("program_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "benefit_entitlements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"period" text NOT NULL,
	"cycle_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"street_code" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"paid_at" timestamp with time zone,
	"payment_ref" text,
	"payment_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_facts" (
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value_num" numeric,
	"value_text" text,
	"value_bool" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "benefit_facts_person_id_name_pk" PRIMARY KEY("person_id","name")
);
--> statement-breakpoint
CREATE TABLE "benefit_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "benefit_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"street_code" text NOT NULL,
	"text" text NOT NULL,
	"raised_by" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"decision" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_payees" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"account_ref_enc" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_program_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"status" text NOT NULL,
	"rule" jsonb NOT NULL,
	"amounts" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "benefit_programs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"periodicity" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"example" boolean DEFAULT false NOT NULL,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"street_code" text NOT NULL,
	"kind" text NOT NULL,
	"effective_period" text NOT NULL,
	"reason" jsonb NOT NULL,
	"trigger" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "benefit_waivers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"effective_period" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_by" uuid,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "benefit_cycles" ADD CONSTRAINT "benefit_cycles_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_cycles" ADD CONSTRAINT "benefit_cycles_version_id_benefit_program_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."benefit_program_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_enrolments" ADD CONSTRAINT "benefit_enrolments_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_enrolments" ADD CONSTRAINT "benefit_enrolments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_entitlements" ADD CONSTRAINT "benefit_entitlements_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_entitlements" ADD CONSTRAINT "benefit_entitlements_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_entitlements" ADD CONSTRAINT "benefit_entitlements_cycle_id_benefit_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."benefit_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_entitlements" ADD CONSTRAINT "benefit_entitlements_street_code_streets_code_fk" FOREIGN KEY ("street_code") REFERENCES "public"."streets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_facts" ADD CONSTRAINT "benefit_facts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_notices" ADD CONSTRAINT "benefit_notices_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_notices" ADD CONSTRAINT "benefit_notices_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_objections" ADD CONSTRAINT "benefit_objections_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_objections" ADD CONSTRAINT "benefit_objections_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_payees" ADD CONSTRAINT "benefit_payees_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_program_versions" ADD CONSTRAINT "benefit_program_versions_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_reviews" ADD CONSTRAINT "benefit_reviews_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_reviews" ADD CONSTRAINT "benefit_reviews_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_waivers" ADD CONSTRAINT "benefit_waivers_program_id_benefit_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."benefit_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_waivers" ADD CONSTRAINT "benefit_waivers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_cycles_program_period_uq" ON "benefit_cycles" USING btree ("program_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_entitlements_uq" ON "benefit_entitlements" USING btree ("program_id","person_id","period");--> statement-breakpoint
CREATE INDEX "benefit_entitlements_cycle_idx" ON "benefit_entitlements" USING btree ("cycle_id","street_code","state");--> statement-breakpoint
CREATE INDEX "benefit_entitlements_person_idx" ON "benefit_entitlements" USING btree ("person_id","period");--> statement-breakpoint
CREATE INDEX "benefit_notices_person_idx" ON "benefit_notices" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "benefit_objections_state_idx" ON "benefit_objections" USING btree ("state","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_program_versions_no_uq" ON "benefit_program_versions" USING btree ("program_id","version_no");--> statement-breakpoint
CREATE INDEX "benefit_program_versions_effective_idx" ON "benefit_program_versions" USING btree ("program_id","status","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_programs_code_uq" ON "benefit_programs" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_reviews_open_uq" ON "benefit_reviews" USING btree ("program_id","person_id") WHERE "benefit_reviews"."state" = 'open';--> statement-breakpoint
CREATE INDEX "benefit_reviews_state_idx" ON "benefit_reviews" USING btree ("state","street_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_waivers_live_uq" ON "benefit_waivers" USING btree ("program_id","person_id") WHERE "benefit_waivers"."withdrawn_at" IS NULL;