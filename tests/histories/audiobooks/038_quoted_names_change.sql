-- Changes to the objects with quoted names (class 7): a column, a check, a view, a
-- function, a policy, comments.
ALTER TABLE "it's ""quoted"""."gift's ""cards""" ADD COLUMN "note's $$" text DEFAULT E'back\\slash';

ALTER TABLE "it's ""quoted"""."gift's ""cards""" DROP CONSTRAINT "check's ""q""";
ALTER TABLE "it's ""quoted"""."gift's ""cards""" ADD CONSTRAINT "check's ""q"""
    CHECK ("code ""q""" <> 'it''s' AND "code ""q""" <> E'back\\slash $$');

CREATE OR REPLACE VIEW "it's ""quoted"""."view's ""q""" AS
SELECT "id's", "code ""q""" AS "out's"
FROM "it's ""quoted"""."gift's ""cards"""
WHERE "code ""q""" <> E'it''s $$ \\ changed';

CREATE OR REPLACE FUNCTION "it's ""quoted"""."fn's ""q"""(x text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $body$ SELECT x || 'it''s $$ changed' $body$;

ALTER POLICY "policy's ""q""" ON "it's ""quoted"""."gift's ""cards""" USING ("code ""q""" <> 'it''s "changed"');

COMMENT ON TABLE "it's ""quoted"""."gift's ""cards""" IS E'table (changed): it''s "quoted" back\\slash $$\nnewline';
COMMENT ON COLUMN "it's ""quoted"""."gift's ""cards"""."new
line" IS E'column: new\nline';
