-- The audit chain (lib/audit). Entries get prev_hash and hash; entries
-- written before this migration are renumbered 1, 2, 3 … (an identity
-- column left gaps where transactions rolled back) and chained here, in SQL
-- that computes exactly what lib/audit/chain.ts computes (RFC 8785 canonical
-- JSON, SHA-256). Then UPDATE, DELETE and TRUNCATE of entries, checkpoints
-- and checkpoint keys are refused by a trigger (which binds the owner too),
-- and the role arc_app gets INSERT and SELECT only on them.
CREATE TABLE "audit_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"head" "bytea" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"key_id" text NOT NULL,
	"signature" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"seq" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "audit_head_one_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_keys" (
	"key_id" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "seq" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" "bytea";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" "bytea";--> statement-breakpoint
-- A JSON number as ECMAScript's Number#toString writes it (RFC 8785 §3.2.2.3):
-- the shortest digits that round-trip as a double, in JavaScript's layout.
CREATE FUNCTION "arc_audit_jcs_number"(n numeric) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	x float8 := n::float8;
	s text;
	mant text;
	e int := 0;
	digits text;
	int_len int;
	k int;
	p int;
	sign text := '';
BEGIN
	IF x = 0 THEN
		RETURN '0';
	END IF;
	IF x < 0 THEN
		sign := '-';
		x := -x;
	END IF;
	s := x::text; -- shortest round-trip digits (extra_float_digits > 0 is the default since PostgreSQL 12)
	IF position('e' IN s) > 0 THEN
		mant := split_part(s, 'e', 1);
		e := split_part(s, 'e', 2)::int;
	ELSE
		mant := s;
	END IF;
	IF position('.' IN mant) > 0 THEN
		int_len := position('.' IN mant) - 1;
	ELSE
		int_len := length(mant);
	END IF;
	digits := replace(mant, '.', '');
	-- value = 0.<digits> × 10^p
	p := int_len + e;
	WHILE left(digits, 1) = '0' LOOP
		digits := substr(digits, 2);
		p := p - 1;
	END LOOP;
	digits := rtrim(digits, '0');
	k := length(digits);
	IF k <= p AND p <= 21 THEN
		RETURN sign || digits || repeat('0', p - k);
	ELSIF 0 < p AND p <= 21 THEN
		RETURN sign || left(digits, p) || '.' || substr(digits, p + 1);
	ELSIF -6 < p AND p <= 0 THEN
		RETURN sign || '0.' || repeat('0', -p) || digits;
	ELSIF k = 1 THEN
		RETURN sign || digits || 'e' || CASE WHEN p - 1 >= 0 THEN '+' ELSE '-' END || abs(p - 1)::text;
	ELSE
		RETURN sign || left(digits, 1) || '.' || substr(digits, 2) || 'e' || CASE WHEN p - 1 >= 0 THEN '+' ELSE '-' END || abs(p - 1)::text;
	END IF;
END $$;--> statement-breakpoint
-- A member name as the hex of its UTF-16 code units: RFC 8785 sorts names by
-- UTF-16 code units, which differs from code point order for characters
-- above U+FFFF (surrogate pairs sort before U+E000 … U+FFFF).
CREATE FUNCTION "arc_audit_utf16_key"(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(string_agg(
		CASE WHEN ascii(c) >= 65536
			THEN lpad(to_hex(55296 + ((ascii(c) - 65536) >> 10)), 4, '0') || lpad(to_hex(56320 + ((ascii(c) - 65536) & 1023)), 4, '0')
			ELSE lpad(to_hex(ascii(c)), 4, '0') END,
		'' ORDER BY ord), '')
	FROM regexp_split_to_table(name, '') WITH ORDINALITY AS t(c, ord)
$$;--> statement-breakpoint
-- RFC 8785 canonical JSON: members sorted by name, no whitespace.
CREATE FUNCTION "arc_audit_jcs"(v jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	out text;
BEGIN
	CASE jsonb_typeof(v)
	WHEN 'object' THEN
		SELECT '{' || coalesce(string_agg(to_jsonb(m.key)::text || ':' || "arc_audit_jcs"(m.value), ',' ORDER BY "arc_audit_utf16_key"(m.key) COLLATE "C"), '') || '}'
			INTO out FROM jsonb_each(v) AS m;
		RETURN out;
	WHEN 'array' THEN
		SELECT '[' || coalesce(string_agg("arc_audit_jcs"(a.value), ',' ORDER BY a.ord), '') || ']'
			INTO out FROM jsonb_array_elements(v) WITH ORDINALITY AS a(value, ord);
		RETURN out;
	WHEN 'number' THEN
		RETURN "arc_audit_jcs_number"(v::text::numeric);
	ELSE
		RETURN v::text; -- strings (escaped as JSON.stringify does), true, false, null
	END CASE;
END $$;--> statement-breakpoint
-- Renumber the entries written so far 1, 2, 3 … in their order, then chain them.
UPDATE "audit_events" AS a SET "seq" = -r.rn
	FROM (SELECT "seq", row_number() OVER (ORDER BY "seq") AS rn FROM "audit_events") AS r
	WHERE a."seq" = r."seq";--> statement-breakpoint
UPDATE "audit_events" SET "seq" = -"seq";--> statement-breakpoint
DO $$
DECLARE
	r record;
	prev bytea := decode(repeat('00', 32), 'hex');
	h bytea;
BEGIN
	FOR r IN SELECT * FROM "audit_events" ORDER BY "seq" LOOP
		h := sha256(prev || convert_to("arc_audit_jcs"(jsonb_build_object(
			'seq', r."seq",
			'at', to_char(r."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'actor', jsonb_build_object('kind', r."actor_kind", 'id', r."actor_id"),
			'action', r."action",
			'subject', CASE WHEN r."subject_kind" IS NULL AND r."subject_id" IS NULL THEN 'null'::jsonb
				ELSE jsonb_build_object('kind', r."subject_kind", 'id', r."subject_id") END,
			'detail', r."detail"
		)), 'UTF8'));
		UPDATE "audit_events" SET "prev_hash" = prev, "hash" = h WHERE "seq" = r."seq";
		prev := h;
	END LOOP;
	INSERT INTO "audit_head" ("id", "seq", "hash")
		VALUES (1, (SELECT coalesce(max("seq"), 0) FROM "audit_events"), prev);
END $$;--> statement-breakpoint
DROP FUNCTION "arc_audit_jcs"(jsonb);--> statement-breakpoint
DROP FUNCTION "arc_audit_jcs_number"(numeric);--> statement-breakpoint
DROP FUNCTION "arc_audit_utf16_key"(text);--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
-- Append-only, for every role, the owner included: only a superuser who
-- turns triggers off (session_replication_role) gets past it, and the chain
-- and the signed checkpoints are there to show it if one does.
CREATE FUNCTION "arc_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "arc_audit_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "arc_audit_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "audit_checkpoints" FOR EACH ROW EXECUTE FUNCTION "arc_audit_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION "arc_audit_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_keys_append_only" BEFORE UPDATE OR DELETE ON "audit_keys" FOR EACH ROW EXECUTE FUNCTION "arc_audit_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_keys_no_truncate" BEFORE TRUNCATE ON "audit_keys" FOR EACH STATEMENT EXECUTE FUNCTION "arc_audit_append_only"();--> statement-breakpoint
-- The role the app may run as (README: "A role that cannot alter the log"):
-- everything it needs on every table, but on the audit tables only SELECT
-- and INSERT. CONNECT and CREATE on the database, USAGE and CREATE on the
-- schema "drizzle" and SELECT on its table: the migrator's start-up check
-- (CREATE SCHEMA/TABLE IF NOT EXISTS, then reading which migrations ran)
-- needs them even when there is nothing to migrate. Without the right to
-- create roles, the migration says so and goes on: the trigger still holds.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'arc_app') THEN
		BEGIN
			CREATE ROLE arc_app NOLOGIN;
		EXCEPTION WHEN duplicate_object OR unique_violation THEN
			NULL; -- made meanwhile by another database's migration on the same server
		END;
	END IF;
	EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO arc_app', current_database());
	GRANT USAGE ON SCHEMA public TO arc_app;
	GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO arc_app;
	GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO arc_app;
	ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO arc_app;
	ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO arc_app;
	REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events", "audit_checkpoints", "audit_keys" FROM PUBLIC, arc_app;
	GRANT USAGE, CREATE ON SCHEMA drizzle TO arc_app;
	GRANT SELECT ON drizzle.__drizzle_migrations TO arc_app;
EXCEPTION WHEN insufficient_privilege THEN
	RAISE NOTICE 'arc_app not set up (this role may not create roles or grant): %', SQLERRM;
END $$;
