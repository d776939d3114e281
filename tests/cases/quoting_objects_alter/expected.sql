ALTER DOMAIN "it's ""quoted"""."price$$" DROP CONSTRAINT "non-negative's";
-- hazards: blocking-lock
ALTER DOMAIN "it's ""quoted"""."price$$" ADD CONSTRAINT "non-negative's" CHECK (((VALUE >= 0) AND (VALUE < 100000)));
drop trigger if exists "trigger's ""q""" on "it's ""quoted"""."order's ""items""";
-- hazards: authz-change
ALTER POLICY "policy's ""q""" ON "it's ""quoted"""."order's ""items""" USING (("col ""q""" <> 'it''s "changed"'::text));
alter table "it's ""quoted"""."order's ""items""" drop constraint "check's ""q""";
-- hazards: index-dropped
drop index if exists "it's ""quoted"""."idx's ""q""";
alter table "it's ""quoted"""."order's ""items""" add column "added's $$" text default 'back\slash'::text;
alter table "it's ""quoted"""."order's ""items""" alter column "new
line" set default 'new
line'::"it's ""quoted"""."mood's";
-- hazards: blocking-lock
CREATE INDEX "idx's ""q""" ON "it's ""quoted"""."order's ""items""" USING btree ("col ""q""", "back\slash");
alter table "it's ""quoted"""."order's ""items""" add constraint "check's ""q""" CHECK ((("col ""q""" <> 'it''s'::text) AND ("col ""q""" <> 'back\slash $$'::text))) not valid;
-- hazards: blocking-lock
alter table "it's ""quoted"""."order's ""items""" validate constraint "check's ""q""";
set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION "it's ""quoted"""."fn's ""q"""(x text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT x || 'it''s $$ changed' $function$
;
create or replace view "it's ""quoted"""."view's ""q""" as  SELECT "id's",
    "col ""q""" AS "out's"
   FROM "it's ""quoted"""."order's ""items"""
  WHERE ("col ""q""" <> 'it''s $$ \ changed'::text);
CREATE TRIGGER "trigger's ""q""" BEFORE INSERT OR UPDATE ON "it's ""quoted"""."order's ""items""" FOR EACH ROW EXECUTE FUNCTION "it's ""quoted"""."trg's $$"();
ALTER SEQUENCE "it's ""quoted"""."seq\back" INCREMENT BY 2;
COMMENT ON INDEX "it's ""quoted"""."idx's ""q""" IS E'index: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON TRIGGER "trigger's ""q""" ON "it's ""quoted"""."order's ""items""" IS E'trigger: it''s "quoted" back\\slash $$ dollar
newline';
