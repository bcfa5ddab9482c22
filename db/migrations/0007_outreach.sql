CREATE TYPE "public"."campaign_channel" AS ENUM('poster', 'social', 'event', 'embassy_notice');--> statement-breakpoint
CREATE TYPE "public"."community_day_status" AS ENUM('requested', 'scheduled', 'declined');--> statement-breakpoint
CREATE TYPE "public"."partner_kind" AS ENUM('association', 'embassy');--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"languages" text[] NOT NULL,
	"channel" "campaign_channel" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "campaigns_code_shape" CHECK ("campaigns"."code" ~ '^[A-Za-z0-9_-]{1,32}$')
);
--> statement-breakpoint
CREATE TABLE "community_day_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"venue" text NOT NULL,
	"address" text NOT NULL,
	"preferred_dates" date[] NOT NULL,
	"languages" text[] NOT NULL,
	"expected_people" integer NOT NULL,
	"note_enc" "bytea",
	"status" "community_day_status" DEFAULT 'requested' NOT NULL,
	"slot_id" uuid,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "community_day_requests_people" CHECK ("community_day_requests"."expected_people" between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "partner_members" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "partner_kind" NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL,
	"languages" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_day_requests" ADD CONSTRAINT "community_day_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_day_requests" ADD CONSTRAINT "community_day_requests_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_day_requests" ADD CONSTRAINT "community_day_requests_requested_by_staff_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_day_requests" ADD CONSTRAINT "community_day_requests_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_members" ADD CONSTRAINT "partner_members_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_members" ADD CONSTRAINT "partner_members_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_code_key" ON "campaigns" USING btree ("code");--> statement-breakpoint
CREATE INDEX "campaigns_partner_idx" ON "campaigns" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "community_day_requests_partner_idx" ON "community_day_requests" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "community_day_requests_status_idx" ON "community_day_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "partner_members_partner_idx" ON "partner_members" USING btree ("partner_id");