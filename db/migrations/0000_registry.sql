CREATE TYPE "public"."card_kind" AS ENUM('chip', 'legacy');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('F', 'M');--> statement-breakpoint
CREATE TABLE "cards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"resident_id" integer NOT NULL,
	"serial" text NOT NULL,
	"kind" "card_kind" NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"chip_public_key" "bytea",
	"replaced_at" timestamp with time zone,
	"version" smallint DEFAULT 1 NOT NULL,
	CONSTRAINT "cards_chip_has_key" CHECK (("cards"."kind" = 'chip') = ("cards"."chip_public_key" is not null))
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"registration_hash" "bytea" NOT NULL,
	"registration_number_enc" "bytea" NOT NULL,
	"name_enc" "bytea" NOT NULL,
	"phone_enc" "bytea" NOT NULL,
	"nationality" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" "sex" NOT NULL,
	"residence_status" text NOT NULL,
	"region" text NOT NULL,
	"preferred_language" text NOT NULL,
	"registered_at" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cards_serial_key" ON "cards" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_one_current_per_resident" ON "cards" USING btree ("resident_id") WHERE "cards"."replaced_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "residents_registration_hash_key" ON "residents" USING btree ("registration_hash");--> statement-breakpoint
CREATE INDEX "residents_nationality_idx" ON "residents" USING btree ("nationality");