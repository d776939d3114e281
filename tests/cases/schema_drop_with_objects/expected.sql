drop view if exists "legacy"."recent_imports";
-- hazards: index-dropped
alter table "legacy"."imports" drop constraint "imports_pkey";
drop index if exists "legacy"."imports_pkey";
-- hazards: data-loss
drop table "legacy"."imports";
-- hazards: data-loss
DROP SCHEMA legacy;
