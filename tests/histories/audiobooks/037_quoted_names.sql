-- Names and comments holding quotes, double quotes, backslashes, $$ and newlines, for
-- every object kind (class 7).
CREATE SCHEMA "it's ""quoted""";
COMMENT ON SCHEMA "it's ""quoted""" IS E'schema: it''s "quoted" back\\slash $$\nnewline';

CREATE DOMAIN "it's ""quoted"""."price$$" AS integer CONSTRAINT "non-negative's" CHECK (VALUE >= 0);
COMMENT ON DOMAIN "it's ""quoted"""."price$$" IS E'domain: it''s $$';

CREATE SEQUENCE "it's ""quoted"""."seq\back";
COMMENT ON SEQUENCE "it's ""quoted"""."seq\back" IS E'sequence: back\\slash';

CREATE TABLE "it's ""quoted"""."gift's ""cards""" (
    "id's" bigint CONSTRAINT "pk's" PRIMARY KEY,
    "code ""q""" text CONSTRAINT "check's ""q""" CHECK ("code ""q""" <> 'it''s'),
    "back\slash" integer DEFAULT nextval(E'"it''s ""quoted"""."seq\\back"'::regclass),
    "new
line" mood DEFAULT 'it''s',
    "dollar$$" "it's ""quoted"""."price$$"
);
COMMENT ON TABLE "it's ""quoted"""."gift's ""cards""" IS E'table: it''s "quoted" back\\slash $$\nnewline';
COMMENT ON COLUMN "it's ""quoted"""."gift's ""cards"""."code ""q""" IS E'column: it''s $$ \\';
COMMENT ON CONSTRAINT "pk's" ON "it's ""quoted"""."gift's ""cards""" IS E'key: it''s';

CREATE INDEX "idx's ""q""" ON "it's ""quoted"""."gift's ""cards""" ("code ""q""");
COMMENT ON INDEX "it's ""quoted"""."idx's ""q""" IS E'index: it''s "q"';

CREATE VIEW "it's ""quoted"""."view's ""q""" AS
SELECT "id's", "code ""q""" AS "out's"
FROM "it's ""quoted"""."gift's ""cards"""
WHERE "code ""q""" <> E'it''s $$ \\';
COMMENT ON VIEW "it's ""quoted"""."view's ""q""" IS E'view: $$';

CREATE FUNCTION "it's ""quoted"""."fn's ""q"""(x text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $body$ SELECT x || 'it''s $$' $body$;
COMMENT ON FUNCTION "it's ""quoted"""."fn's ""q"""(text) IS E'function: it''s\nnewline';

CREATE FUNCTION "it's ""quoted"""."trg's $$"() RETURNS trigger
LANGUAGE plpgsql
AS $f$
BEGIN
    NEW."code ""q""" := coalesce(NEW."code ""q""", 'it''s');
    RETURN NEW;
END
$f$;

CREATE TRIGGER "trigger's ""q""" BEFORE INSERT ON "it's ""quoted"""."gift's ""cards"""
    FOR EACH ROW EXECUTE FUNCTION "it's ""quoted"""."trg's $$"();
COMMENT ON TRIGGER "trigger's ""q""" ON "it's ""quoted"""."gift's ""cards""" IS E'trigger: it''s';

ALTER TABLE "it's ""quoted"""."gift's ""cards""" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "policy's ""q""" ON "it's ""quoted"""."gift's ""cards""" USING ("code ""q""" <> 'it''s');
COMMENT ON POLICY "policy's ""q""" ON "it's ""quoted"""."gift's ""cards""" IS E'policy: it''s "q"';
