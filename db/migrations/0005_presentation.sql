CREATE TYPE "public"."presentation_profile" AS ENUM('full', 'identity', 'age19');--> statement-breakpoint
CREATE TYPE "public"."presentation_request_state" AS ENUM('pending', 'approved', 'declined');--> statement-breakpoint
CREATE TABLE "presentation_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"poll_secret_hash" text NOT NULL,
	"profile" "presentation_profile" NOT NULL,
	"verifier_name" text NOT NULL,
	"state" "presentation_request_state" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"result_token_enc" "bytea"
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "status_entries" (
	"list_id" integer NOT NULL,
	"idx" integer NOT NULL,
	"status" smallint DEFAULT 0 NOT NULL,
	"reason" text,
	"allocated_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_entries_list_id_idx_pk" PRIMARY KEY("list_id","idx"),
	CONSTRAINT "status_entries_status_known" CHECK ("status_entries"."status" in (0, 1, 2))
);
--> statement-breakpoint
CREATE TABLE "status_lists" (
	"id" integer PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"bits" smallint NOT NULL,
	"allocated" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "status_entries" ADD CONSTRAINT "status_entries_list_id_status_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "presentation_requests_expires_idx" ON "presentation_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "status_entries_not_valid_idx" ON "status_entries" USING btree ("list_id") WHERE "status_entries"."status" <> 0;