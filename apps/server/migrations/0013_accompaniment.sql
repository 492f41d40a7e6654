CREATE TABLE "acc_bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"session_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	"date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"person_id" uuid NOT NULL,
	"service" text NOT NULL,
	"department" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"channel" text NOT NULL,
	"booked_by" uuid,
	"state" text DEFAULT 'booked' NOT NULL,
	"volunteer_id" uuid,
	"confirmed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"unfilled_alert_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"checked_out_at" timestamp with time zone,
	"minutes" integer,
	"steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_note" text DEFAULT '' NOT NULL,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"rating" smallint,
	"feedback" text DEFAULT '' NOT NULL,
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "acc_bookings_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "acc_cancellations" (
	"session_id" uuid NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL,
	"cancelled_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acc_cancellations_session_id_date_pk" PRIMARY KEY("session_id","date")
);
--> statement-breakpoint
CREATE TABLE "acc_desk_users" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acc_holidays" (
	"date" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"workday" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acc_hospitals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"meeting_point" text DEFAULT '' NOT NULL,
	"departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "acc_hospitals_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "acc_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"state" text DEFAULT 'offered' NOT NULL,
	"offered_by" uuid,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"reason" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acc_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"starts_at" text NOT NULL,
	"ends_at" text NOT NULL,
	"services" text[] NOT NULL,
	"capacity" integer NOT NULL,
	"min_level" smallint DEFAULT 1 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "acc_volunteer_hospitals" (
	"volunteer_id" uuid NOT NULL,
	"hospital_id" uuid NOT NULL,
	CONSTRAINT "acc_volunteer_hospitals_volunteer_id_hospital_id_pk" PRIMARY KEY("volunteer_id","hospital_id")
);
--> statement-breakpoint
ALTER TABLE "acc_bookings" ADD CONSTRAINT "acc_bookings_session_id_acc_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."acc_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_bookings" ADD CONSTRAINT "acc_bookings_hospital_id_acc_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."acc_hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_bookings" ADD CONSTRAINT "acc_bookings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_bookings" ADD CONSTRAINT "acc_bookings_booked_by_users_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_bookings" ADD CONSTRAINT "acc_bookings_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_bookings" ADD CONSTRAINT "acc_bookings_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_cancellations" ADD CONSTRAINT "acc_cancellations_session_id_acc_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."acc_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_cancellations" ADD CONSTRAINT "acc_cancellations_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_desk_users" ADD CONSTRAINT "acc_desk_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_desk_users" ADD CONSTRAINT "acc_desk_users_hospital_id_acc_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."acc_hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_offers" ADD CONSTRAINT "acc_offers_booking_id_acc_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."acc_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_offers" ADD CONSTRAINT "acc_offers_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_offers" ADD CONSTRAINT "acc_offers_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_sessions" ADD CONSTRAINT "acc_sessions_hospital_id_acc_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."acc_hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_volunteer_hospitals" ADD CONSTRAINT "acc_volunteer_hospitals_volunteer_id_care_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."care_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acc_volunteer_hospitals" ADD CONSTRAINT "acc_volunteer_hospitals_hospital_id_acc_hospitals_id_fk" FOREIGN KEY ("hospital_id") REFERENCES "public"."acc_hospitals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acc_bookings_session_idx" ON "acc_bookings" USING btree ("session_id","date");--> statement-breakpoint
CREATE INDEX "acc_bookings_person_idx" ON "acc_bookings" USING btree ("person_id","starts_at");--> statement-breakpoint
CREATE INDEX "acc_bookings_hospital_day_idx" ON "acc_bookings" USING btree ("hospital_id","date");--> statement-breakpoint
CREATE INDEX "acc_bookings_volunteer_idx" ON "acc_bookings" USING btree ("volunteer_id","starts_at");--> statement-breakpoint
CREATE INDEX "acc_bookings_state_start_idx" ON "acc_bookings" USING btree ("state","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "acc_bookings_person_occurrence_uq" ON "acc_bookings" USING btree ("person_id","session_id","date") WHERE "acc_bookings"."state" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "acc_offers_booking_idx" ON "acc_offers" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "acc_offers_volunteer_idx" ON "acc_offers" USING btree ("volunteer_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "acc_offers_open_uq" ON "acc_offers" USING btree ("booking_id") WHERE "acc_offers"."state" IN ('offered', 'accepted');--> statement-breakpoint
CREATE INDEX "acc_sessions_hospital_idx" ON "acc_sessions" USING btree ("hospital_id","weekday");