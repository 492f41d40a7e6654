CREATE TABLE "care_visit_participants" (
	"visit_id" uuid NOT NULL,
	"volunteer_id" uuid,
	"user_id" uuid,
	"seq" integer NOT NULL,
	"minutes" integer,
	CONSTRAINT "care_visit_participants_visit_id_seq_pk" PRIMARY KEY("visit_id","seq"),
	CONSTRAINT "care_visit_participants_one" CHECK (("care_visit_participants"."volunteer_id" IS NULL) <> ("care_visit_participants"."user_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "care_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pairing_id" uuid,
	"person_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"planned_on" date NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"mode" text DEFAULT 'home' NOT NULL,
	"visited_at" timestamp with time zone,
	"minutes" integer,
	"findings" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_need_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"kind" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_need_slas" (
	"category" text PRIMARY KEY NOT NULL,
	"hours" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_needs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"visit_id" uuid,
	"category" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"resolution" text DEFAULT '' NOT NULL,
	"resolved_at" timestamp with time zone,
	"outcome_notified_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"raised_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_needs_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "care_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"organisation_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"need_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"stages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_work_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"meeting_id" uuid,
	"need_id" uuid,
	"project_id" uuid,
	"stage_key" text,
	"owner_user_id" uuid,
	"organisation_id" uuid,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"progress" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_hour_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"record_id" uuid,
	"proposed" jsonb NOT NULL,
	"reason" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_proofs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"certificate_no" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"total_minutes" integer NOT NULL,
	"issuer" jsonb NOT NULL,
	"records" jsonb NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "care_proofs_certificate_no_unique" UNIQUE("certificate_no")
);
--> statement-breakpoint
CREATE TABLE "care_service_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid,
	"organisation_id" uuid,
	"activity" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"state" text DEFAULT 'recorded' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_pairings" ADD COLUMN "owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "care_pairings" ADD COLUMN "next_visit_on" date;--> statement-breakpoint
ALTER TABLE "care_volunteers" ADD COLUMN "id_type" text DEFAULT 'resident_id' NOT NULL;--> statement-breakpoint
ALTER TABLE "care_volunteers" ADD COLUMN "volunteer_no" text;--> statement-breakpoint
ALTER TABLE "care_visit_participants" ADD CONSTRAINT "care_visit_participants_visit_id_care_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."care_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visit_participants" ADD CONSTRAINT "care_visit_participants_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visit_participants" ADD CONSTRAINT "care_visit_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_pairing_id_care_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."care_pairings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_need_actions" ADD CONSTRAINT "care_need_actions_need_id_care_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."care_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_need_actions" ADD CONSTRAINT "care_need_actions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_needs" ADD CONSTRAINT "care_needs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_needs" ADD CONSTRAINT "care_needs_visit_id_care_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."care_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_needs" ADD CONSTRAINT "care_needs_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_needs" ADD CONSTRAINT "care_needs_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_meetings" ADD CONSTRAINT "care_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_work_items" ADD CONSTRAINT "care_work_items_meeting_id_care_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."care_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_work_items" ADD CONSTRAINT "care_work_items_need_id_care_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."care_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_work_items" ADD CONSTRAINT "care_work_items_project_id_care_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."care_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_work_items" ADD CONSTRAINT "care_work_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_work_items" ADD CONSTRAINT "care_work_items_organisation_id_care_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."care_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_hour_corrections" ADD CONSTRAINT "care_hour_corrections_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_hour_corrections" ADD CONSTRAINT "care_hour_corrections_record_id_care_service_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."care_service_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_hour_corrections" ADD CONSTRAINT "care_hour_corrections_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_proofs" ADD CONSTRAINT "care_proofs_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_proofs" ADD CONSTRAINT "care_proofs_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_service_records" ADD CONSTRAINT "care_service_records_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_service_records" ADD CONSTRAINT "care_service_records_organisation_id_care_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."care_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_service_records" ADD CONSTRAINT "care_service_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_visit_participants_volunteer_idx" ON "care_visit_participants" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "care_visits_person_idx" ON "care_visits" USING btree ("person_id","planned_on");--> statement-breakpoint
CREATE INDEX "care_visits_pairing_idx" ON "care_visits" USING btree ("pairing_id","planned_on");--> statement-breakpoint
CREATE INDEX "care_visits_owner_due_idx" ON "care_visits" USING btree ("owner_user_id","state","planned_on");--> statement-breakpoint
CREATE INDEX "care_visits_state_due_idx" ON "care_visits" USING btree ("state","planned_on");--> statement-breakpoint
CREATE INDEX "care_need_actions_need_idx" ON "care_need_actions" USING btree ("need_id","at");--> statement-breakpoint
CREATE INDEX "care_needs_person_idx" ON "care_needs" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "care_needs_owner_idx" ON "care_needs" USING btree ("owner_user_id","status","due_at");--> statement-breakpoint
CREATE INDEX "care_needs_status_due_idx" ON "care_needs" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "care_needs_visit_idx" ON "care_needs" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "care_meetings_held_idx" ON "care_meetings" USING btree ("held_at");--> statement-breakpoint
CREATE INDEX "care_work_items_owner_idx" ON "care_work_items" USING btree ("owner_user_id","status","deadline");--> statement-breakpoint
CREATE INDEX "care_work_items_meeting_idx" ON "care_work_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "care_work_items_project_idx" ON "care_work_items" USING btree ("project_id","stage_key");--> statement-breakpoint
CREATE INDEX "care_work_items_status_idx" ON "care_work_items" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "care_hour_corrections_state_idx" ON "care_hour_corrections" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "care_proofs_volunteer_idx" ON "care_proofs" USING btree ("volunteer_id","issued_at");--> statement-breakpoint
CREATE INDEX "care_service_records_volunteer_idx" ON "care_service_records" USING btree ("volunteer_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "care_service_records_source_uq" ON "care_service_records" USING btree ("source","source_id","volunteer_id");--> statement-breakpoint
ALTER TABLE "care_pairings" ADD CONSTRAINT "care_pairings_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_pairings_owner_due_idx" ON "care_pairings" USING btree ("owner_user_id","state","next_visit_on");--> statement-breakpoint
CREATE INDEX "care_pairings_due_idx" ON "care_pairings" USING btree ("state","next_visit_on");--> statement-breakpoint
CREATE UNIQUE INDEX "care_volunteers_no_uq" ON "care_volunteers" USING btree ("volunteer_no");