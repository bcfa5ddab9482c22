CREATE TABLE "adoption_daily" (
	"day" date NOT NULL,
	"nationality" text NOT NULL,
	"region" text NOT NULL,
	"residence_status" text NOT NULL,
	"age_band" text NOT NULL,
	"card_kind" text NOT NULL,
	"language" text NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"path" text NOT NULL,
	"event" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "adoption_daily_pkey" PRIMARY KEY("day","nationality","region","residence_status","age_band","card_kind","language","campaign","path","event")
);
--> statement-breakpoint
CREATE TABLE "adoption_daily_marginals" (
	"day" date NOT NULL,
	"dims" text NOT NULL,
	"a" text NOT NULL,
	"b" text NOT NULL,
	"path" text NOT NULL,
	"event" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "adoption_daily_marginals_pkey" PRIMARY KEY("dims","a","b","day","path","event")
);
--> statement-breakpoint
CREATE TABLE "adoption_population" (
	"nationality" text NOT NULL,
	"region" text NOT NULL,
	"residence_status" text NOT NULL,
	"age_band" text NOT NULL,
	"card_kind" text NOT NULL,
	"language" text NOT NULL,
	"eligible" integer NOT NULL,
	CONSTRAINT "adoption_population_pkey" PRIMARY KEY("nationality","region","residence_status","age_band","card_kind","language")
);
--> statement-breakpoint
CREATE TABLE "adoption_population_marginals" (
	"dims" text NOT NULL,
	"a" text NOT NULL,
	"b" text NOT NULL,
	"eligible" integer NOT NULL,
	CONSTRAINT "adoption_population_marginals_pkey" PRIMARY KEY("dims","a","b")
);
--> statement-breakpoint
CREATE TABLE "adoption_stock" (
	"nationality" text NOT NULL,
	"region" text NOT NULL,
	"residence_status" text NOT NULL,
	"age_band" text NOT NULL,
	"card_kind" text NOT NULL,
	"language" text NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"active" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "adoption_stock_pkey" PRIMARY KEY("nationality","region","residence_status","age_band","card_kind","language","campaign")
);
--> statement-breakpoint
CREATE TABLE "adoption_stock_marginals" (
	"dims" text NOT NULL,
	"a" text NOT NULL,
	"b" text NOT NULL,
	"active" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "adoption_stock_marginals_pkey" PRIMARY KEY("dims","a","b")
);
--> statement-breakpoint
CREATE TABLE "booking_wait_daily" (
	"day" date NOT NULL,
	"language" text NOT NULL,
	"kind" text NOT NULL,
	"bucket" smallint NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "booking_wait_daily_pkey" PRIMARY KEY("day","language","kind","bucket")
);
--> statement-breakpoint
CREATE TABLE "issuance_time_daily" (
	"day" date NOT NULL,
	"path" text NOT NULL,
	"language" text NOT NULL,
	"bucket" smallint NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "issuance_time_daily_pkey" PRIMARY KEY("day","path","language","bucket")
);
--> statement-breakpoint
CREATE INDEX "adoption_daily_nationality_idx" ON "adoption_daily" USING btree ("nationality","day");--> statement-breakpoint
CREATE INDEX "adoption_daily_region_idx" ON "adoption_daily" USING btree ("region","day");--> statement-breakpoint
CREATE INDEX "adoption_daily_status_idx" ON "adoption_daily" USING btree ("residence_status","day");--> statement-breakpoint
CREATE INDEX "adoption_daily_band_idx" ON "adoption_daily" USING btree ("age_band","day");--> statement-breakpoint
CREATE INDEX "adoption_daily_language_idx" ON "adoption_daily" USING btree ("language","day");--> statement-breakpoint
CREATE INDEX "adoption_daily_campaign_idx" ON "adoption_daily" USING btree ("campaign","day");--> statement-breakpoint
CREATE INDEX "adoption_daily_marginals_b_idx" ON "adoption_daily_marginals" USING btree ("dims","b","day");--> statement-breakpoint
CREATE INDEX "adoption_population_region_idx" ON "adoption_population" USING btree ("region");--> statement-breakpoint
CREATE INDEX "adoption_population_status_idx" ON "adoption_population" USING btree ("residence_status");--> statement-breakpoint
CREATE INDEX "adoption_population_band_idx" ON "adoption_population" USING btree ("age_band");--> statement-breakpoint
CREATE INDEX "adoption_population_language_idx" ON "adoption_population" USING btree ("language");--> statement-breakpoint
CREATE INDEX "adoption_stock_region_idx" ON "adoption_stock" USING btree ("region");--> statement-breakpoint
CREATE INDEX "adoption_stock_status_idx" ON "adoption_stock" USING btree ("residence_status");--> statement-breakpoint
CREATE INDEX "adoption_stock_band_idx" ON "adoption_stock" USING btree ("age_band");--> statement-breakpoint
CREATE INDEX "adoption_stock_language_idx" ON "adoption_stock" USING btree ("language");--> statement-breakpoint
CREATE INDEX "adoption_stock_campaign_idx" ON "adoption_stock" USING btree ("campaign");--> statement-breakpoint
CREATE INDEX "adoption_stock_marginals_b_idx" ON "adoption_stock_marginals" USING btree ("dims","b");