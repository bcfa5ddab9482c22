CREATE TYPE "public"."credential_status" AS ENUM('active', 'revoked', 'locked');--> statement-breakpoint
CREATE TYPE "public"."enrollment_path" AS ENUM('chip', 'office', 'video', 'reissue');--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" integer NOT NULL,
	"credential_id" text NOT NULL,
	"public_key" "bytea" NOT NULL,
	"counter" bigint DEFAULT 0 NOT NULL,
	"transports" text[] DEFAULT '{}'::text[] NOT NULL,
	"aaguid" text,
	"backup_eligible" boolean NOT NULL,
	"backed_up" boolean NOT NULL,
	"device_public_key" jsonb NOT NULL,
	"status" "credential_status" DEFAULT 'active' NOT NULL,
	"status_index" integer,
	"enrollment_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"replaced_by" uuid,
	"locked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_hash" "bytea" NOT NULL,
	"path" "enrollment_path" NOT NULL,
	"step" text NOT NULL,
	"resident_id" integer,
	"card_id" integer,
	"grant_id" uuid,
	"locale" text NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"identify_failures" integer DEFAULT 0 NOT NULL,
	"sms_verified_at" timestamp with time zone,
	"chip_verified_at" timestamp with time zone,
	"credential_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_code_failures" (
	"resident_id" integer PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"resident_id" integer NOT NULL,
	"code_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"verified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sms_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sms_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"to_enc" "bytea" NOT NULL,
	"to_masked" text NOT NULL,
	"body" text NOT NULL,
	"locale" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_grant_id_enrollment_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."enrollment_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_code_failures" ADD CONSTRAINT "sms_code_failures_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_codes" ADD CONSTRAINT "sms_codes_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_codes" ADD CONSTRAINT "sms_codes_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_credential_id_key" ON "credentials" USING btree ("credential_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_one_active_per_resident" ON "credentials" USING btree ("resident_id") WHERE "credentials"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_status_index_key" ON "credentials" USING btree ("status_index");--> statement-breakpoint
CREATE INDEX "credentials_resident_idx" ON "credentials" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_session_hash_key" ON "enrollments" USING btree ("session_hash");--> statement-breakpoint
CREATE INDEX "enrollments_resident_idx" ON "enrollments" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "sms_codes_enrollment_idx" ON "sms_codes" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "sms_outbox_at_idx" ON "sms_outbox" USING btree ("at");