CREATE TABLE "person_import_errors" (
	"job_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"cells_enc" "bytea" NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_import_errors_job_id_row_no_pk" PRIMARY KEY("job_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "person_import_staging" (
	"job_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number_enc" "bytea" NOT NULL,
	"id_number_bidx" text NOT NULL,
	"phone_enc" "bytea",
	"phone_bidx" text,
	"address_enc" "bytea",
	"street_code" text NOT NULL,
	"community_id" uuid,
	"hukou" text NOT NULL,
	"living_status" text NOT NULL,
	"low_income" text NOT NULL,
	"employment" text NOT NULL,
	"education" text NOT NULL,
	"owns_motorised_wheelchair" boolean NOT NULL,
	"category" smallint,
	"grade" smallint,
	"cert_id" uuid,
	"cert_number_enc" "bytea",
	"cert_number_bidx" text,
	"cert_issued_at" date,
	"history_id" uuid NOT NULL,
	"history_changes" jsonb NOT NULL,
	"event_id" uuid NOT NULL,
	CONSTRAINT "person_import_staging_job_id_row_no_pk" PRIMARY KEY("job_id","row_no")
);
--> statement-breakpoint
CREATE INDEX "person_import_errors_created_idx" ON "person_import_errors" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "person_import_staging_id_uq" ON "person_import_staging" USING btree ("job_id","id_number_bidx");