CREATE TABLE accounts (
    id bigint PRIMARY KEY
);

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

COMMENT ON SCHEMA "it's ""quoted""" IS E'schema: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON TYPE "it's ""quoted"""."mood's" IS E'type: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON DOMAIN "it's ""quoted"""."price$$" IS E'domain: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON SEQUENCE "it's ""quoted"""."seq\back" IS E'sequence: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON TABLE "it's ""quoted"""."order's ""items""" IS E'table: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."id's" IS E'column: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."col ""q""" IS E'column: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."back\slash" IS E'column: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."new
line" IS E'column: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."dollar$$" IS E'column: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON CONSTRAINT "pk's" ON "it's ""quoted"""."order's ""items""" IS E'primary key: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON INDEX "it's ""quoted"""."idx's ""q""" IS E'index: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON VIEW "it's ""quoted"""."view's ""q""" IS E'view: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON FUNCTION "it's ""quoted"""."fn's ""q"""(text) IS E'function: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON TRIGGER "trigger's ""q""" ON "it's ""quoted"""."order's ""items""" IS E'trigger: it''s "quoted" back\\slash $$ dollar\nnewline';

COMMENT ON POLICY "policy's ""q""" ON "it's ""quoted"""."order's ""items""" IS E'policy: it''s "quoted" back\\slash $$ dollar\nnewline';
