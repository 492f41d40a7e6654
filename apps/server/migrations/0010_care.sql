CREATE TABLE "care_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"role" text NOT NULL,
	"party_member" boolean DEFAULT false NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"contribution" text DEFAULT '' NOT NULL,
	"contribution_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_pairings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"household_id" uuid,
	"team_id" uuid,
	"volunteer_id" uuid,
	"start_on" date NOT NULL,
	"end_on" date,
	"goals" text DEFAULT '' NOT NULL,
	"visit_every" integer NOT NULL,
	"visit_unit" text NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_pairings_one_partner" CHECK (("care_pairings"."team_id" IS NULL) <> ("care_pairings"."volunteer_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "care_volunteers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone_enc" "bytea" NOT NULL,
	"phone_bidx" text NOT NULL,
	"id_number_enc" "bytea",
	"id_number_bidx" text,
	"user_id" uuid,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" jsonb DEFAULT '{"weekly":{},"exceptions":[]}'::jsonb NOT NULL,
	"training" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"awards" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evaluations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_members" ADD CONSTRAINT "care_members_organisation_id_care_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."care_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_members" ADD CONSTRAINT "care_members_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_organisations" ADD CONSTRAINT "care_organisations_parent_id_care_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."care_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_pairings" ADD CONSTRAINT "care_pairings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_pairings" ADD CONSTRAINT "care_pairings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_pairings" ADD CONSTRAINT "care_pairings_team_id_care_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."care_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_pairings" ADD CONSTRAINT "care_pairings_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_volunteers" ADD CONSTRAINT "care_volunteers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_members_current_uq" ON "care_members" USING btree ("organisation_id","volunteer_id") WHERE "care_members"."left_on" IS NULL;--> statement-breakpoint
CREATE INDEX "care_members_volunteer_idx" ON "care_members" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "care_organisations_parent_idx" ON "care_organisations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "care_organisations_kind_idx" ON "care_organisations" USING btree ("kind","id");--> statement-breakpoint
CREATE INDEX "care_pairings_person_idx" ON "care_pairings" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "care_pairings_team_idx" ON "care_pairings" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "care_pairings_volunteer_idx" ON "care_pairings" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_volunteers_phone_uq" ON "care_volunteers" USING btree ("phone_bidx");--> statement-breakpoint
CREATE UNIQUE INDEX "care_volunteers_user_uq" ON "care_volunteers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "care_volunteers_id_number_idx" ON "care_volunteers" USING btree ("id_number_bidx");--> statement-breakpoint
CREATE INDEX "care_volunteers_name_idx" ON "care_volunteers" USING btree ("name","id");