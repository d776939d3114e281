drop trigger if exists "trigger's ""q""" on "it's ""quoted"""."order's ""items""";
-- hazards: authz-change
drop policy "policy's ""q""" on "it's ""quoted"""."order's ""items""";
alter table "it's ""quoted"""."order's ""items""" drop constraint "check's ""q""";
drop function if exists "it's ""quoted"""."fn's ""q"""(x text);
drop view if exists "it's ""quoted"""."view's ""q""";
-- hazards: index-dropped
alter table "it's ""quoted"""."order's ""items""" drop constraint "pk's";
-- hazards: index-dropped
drop index if exists "it's ""quoted"""."idx's ""q""";
-- hazards: data-loss
drop table "it's ""quoted"""."order's ""items""";
drop function if exists "it's ""quoted"""."trg's $$"();
drop index if exists "it's ""quoted"""."pk's";
-- hazards: data-loss
drop sequence if exists "it's ""quoted"""."seq\back";
-- hazards: data-loss
DROP DOMAIN "it's ""quoted"""."price$$";
-- hazards: data-loss
DROP TYPE "it's ""quoted"""."mood's";
-- hazards: data-loss
DROP SCHEMA "it's ""quoted""";
