CREATE SCHEMA "it's ""quoted""";

CREATE TYPE "it's ""quoted"""."mood's" AS ENUM ('it''s', 'value with "quotes"', E'back\\slash', '$$', E'new\nline');

CREATE DOMAIN "it's ""quoted"""."price$$" AS integer CONSTRAINT "non-negative's" CHECK (VALUE >= 0);

CREATE SEQUENCE "it's ""quoted"""."seq\back";

CREATE TABLE "it's ""quoted"""."order's ""items""" (
    "id's" bigint CONSTRAINT "pk's" PRIMARY KEY,
    "col ""q""" text CONSTRAINT "check's ""q""" CHECK ("col ""q""" <> 'it''s'),
    "back\slash" integer DEFAULT nextval(E'"it''s ""quoted"""."seq\\back"'::regclass),
    "new
line" "it's ""quoted"""."mood's" DEFAULT 'it''s',
    "dollar$$" "it's ""quoted"""."price$$"
);

CREATE INDEX "idx's ""q""" ON "it's ""quoted"""."order's ""items""" ("col ""q""");

CREATE VIEW "it's ""quoted"""."view's ""q""" AS SELECT "id's", "col ""q""" AS "out's" FROM "it's ""quoted"""."order's ""items""" WHERE "col ""q""" <> E'it''s $$ \\';

CREATE FUNCTION "it's ""quoted"""."fn's ""q"""(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $body$ SELECT x || 'it''s $$' $body$;

CREATE FUNCTION "it's ""quoted"""."trg's $$"() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    NEW."col ""q""" := coalesce(NEW."col ""q""", 'it''s');
    RETURN NEW;
END
$f$;

CREATE TRIGGER "trigger's ""q""" BEFORE INSERT ON "it's ""quoted"""."order's ""items""" FOR EACH ROW EXECUTE FUNCTION "it's ""quoted"""."trg's $$"();

ALTER TABLE "it's ""quoted"""."order's ""items""" ENABLE ROW LEVEL SECURITY;

CREATE POLICY "policy's ""q""" ON "it's ""quoted"""."order's ""items""" USING ("col ""q""" <> 'it''s');
