CREATE TABLE "adoption_scheduled" (
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
	CONSTRAINT "adoption_scheduled_pkey" PRIMARY KEY("day","nationality","region","residence_status","age_band","card_kind","language","campaign","path","event")
);
