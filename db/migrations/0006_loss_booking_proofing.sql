CREATE TYPE "public"."loss_channel" AS ENUM('online', 'officer');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('booked', 'cancelled', 'completed', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."proofing_outcome" AS ENUM('approved', 'rejected', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."slot_kind" AS ENUM('video', 'office', 'community');--> statement-breakpoint
CREATE TABLE "loss_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"resident_id" integer,
	"channel" "loss_channel" NOT NULL,
	"officer_id" uuid,
	"locked_count" integer DEFAULT 0 NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"slot_id" uuid NOT NULL,
	"resident_id" integer NOT NULL,
	"status" "booking_status" DEFAULT 'booked' NOT NULL,
	"locale" text NOT NULL,
	"secret_hash" "bytea" NOT NULL,
	"rescheduled_from" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proofing_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"resident_joined_at" timestamp with time zone,
	"sms_code_hash" "bytea",
	"sms_code_sent_at" timestamp with time zone,
	"sms_code_attempts" integer DEFAULT 0 NOT NULL,
	"sms_code_confirmed_at" timestamp with time zone,
	"liveness" jsonb NOT NULL,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stills_consent" boolean DEFAULT false NOT NULL,
	"fraud_suspected" boolean DEFAULT false NOT NULL,
	"fraud_reason" text,
	"outcome" "proofing_outcome",
	"reason_code" text,
	"grant_id" uuid,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proofing_stills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"image_enc" "bytea" NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"purge_after" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_signals" (
	"seq" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "session_signals_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "slot_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"languages" text[] NOT NULL,
	"interpreter" boolean DEFAULT false NOT NULL,
	"place" text,
	"host" text,
	"officer_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "slots_capacity_range" CHECK ("slots"."capacity" between 1 and 100),
	CONSTRAINT "slots_minutes_range" CHECK ("slots"."minutes" between 5 and 480),
	CONSTRAINT "slots_seats" CHECK ("slots"."booked" >= 0 and "slots"."booked" <= "slots"."capacity")
);
--> statement-breakpoint
ALTER TABLE "loss_reports" ADD CONSTRAINT "loss_reports_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loss_reports" ADD CONSTRAINT "loss_reports_officer_id_staff_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proofing_sessions" ADD CONSTRAINT "proofing_sessions_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proofing_sessions" ADD CONSTRAINT "proofing_sessions_officer_id_staff_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proofing_stills" ADD CONSTRAINT "proofing_stills_session_id_proofing_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."proofing_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_signals" ADD CONSTRAINT "session_signals_session_id_proofing_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."proofing_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_officer_id_staff_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loss_reports_reference_key" ON "loss_reports" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "loss_reports_resident_idx" ON "loss_reports" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_reference_key" ON "bookings" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_secret_hash_key" ON "bookings" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_live_per_resident" ON "bookings" USING btree ("resident_id") WHERE "bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "bookings_slot_idx" ON "bookings" USING btree ("slot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proofing_sessions_booking_key" ON "proofing_sessions" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "proofing_stills_purge_idx" ON "proofing_stills" USING btree ("purge_after");--> statement-breakpoint
CREATE INDEX "session_signals_session_idx" ON "session_signals" USING btree ("session_id","seq");--> statement-breakpoint
CREATE INDEX "slots_kind_start_idx" ON "slots" USING btree ("kind","starts_at");