create schema if not exists "it's ""quoted""";
create type "it's ""quoted"""."mood's" as enum ('it''s', 'value with "quotes"', E'back\\slash', '$$', 'new
line');
CREATE SEQUENCE "it's ""quoted"""."seq\back" AS bigint;
CREATE DOMAIN "it's ""quoted"""."price$$" AS integer CONSTRAINT "non-negative's" CHECK ((VALUE >= 0));
create table "it's ""quoted"""."order's ""items""" (
    "id's" bigint not null,
    "col ""q""" text,
    "back\slash" integer default nextval('"it''s ""quoted"""."seq\back"'::regclass),
    "new
line" "it's ""quoted"""."mood's" default 'it''s'::"it's ""quoted"""."mood's",
    "dollar$$" "it's ""quoted"""."price$$"
);
alter table "it's ""quoted"""."order's ""items""" enable row level security;
CREATE INDEX "idx's ""q""" ON "it's ""quoted"""."order's ""items""" USING btree ("col ""q""");
CREATE UNIQUE INDEX "pk's" ON "it's ""quoted"""."order's ""items""" USING btree ("id's");
alter table "it's ""quoted"""."order's ""items""" add constraint "pk's" PRIMARY KEY using index "pk's";
alter table "it's ""quoted"""."order's ""items""" add constraint "check's ""q""" CHECK (("col ""q""" <> 'it''s'::text)) not valid;
alter table "it's ""quoted"""."order's ""items""" validate constraint "check's ""q""";
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION "it's ""quoted"""."fn's ""q"""(x text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT x || 'it''s $$' $function$
;
CREATE OR REPLACE FUNCTION "it's ""quoted"""."trg's $$"()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW."col ""q""" := coalesce(NEW."col ""q""", 'it''s');
    RETURN NEW;
END
$function$
;
create or replace view "it's ""quoted"""."view's ""q""" as  SELECT "order's ""items"""."id's",
    "order's ""items"""."col ""q""" AS "out's"
   FROM "it's ""quoted"""."order's ""items"""
  WHERE ("order's ""items"""."col ""q""" <> 'it''s $$ \'::text);
create policy "policy's ""q"""
on "it's ""quoted"""."order's ""items"""
as permissive
for all
to public
using (("col ""q""" <> 'it''s'::text));
CREATE TRIGGER "trigger's ""q""" BEFORE INSERT ON "it's ""quoted"""."order's ""items""" FOR EACH ROW EXECUTE FUNCTION "it's ""quoted"""."trg's $$"();
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."back\slash" IS E'column: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."col ""q""" IS E'column: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."dollar$$" IS E'column: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."id's" IS E'column: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."new
line" IS E'column: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON CONSTRAINT "pk's" ON "it's ""quoted"""."order's ""items""" IS E'primary key: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON DOMAIN "it's ""quoted"""."price$$" IS E'domain: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON TYPE "it's ""quoted"""."mood's" IS E'type: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON FUNCTION "it's ""quoted"""."fn's ""q"""(x text) IS E'function: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON INDEX "it's ""quoted"""."idx's ""q""" IS E'index: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON POLICY "policy's ""q""" ON "it's ""quoted"""."order's ""items""" IS E'policy: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON SCHEMA "it's ""quoted""" IS E'schema: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON SEQUENCE "it's ""quoted"""."seq\back" IS E'sequence: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON TABLE "it's ""quoted"""."order's ""items""" IS E'table: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON TRIGGER "trigger's ""q""" ON "it's ""quoted"""."order's ""items""" IS E'trigger: it''s "quoted" back\\slash $$ dollar
newline';
COMMENT ON VIEW "it's ""quoted"""."view's ""q""" IS E'view: it''s "quoted" back\\slash $$ dollar
newline';
