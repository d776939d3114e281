create schema if not exists "analytics";
-- hazards: index-dropped
alter table "stats"."daily" drop constraint "daily_pkey";
drop index if exists "stats"."daily_pkey";
-- hazards: data-loss
drop table "stats"."daily";
create table "analytics"."daily" (
    "day" date not null,
    "visits" integer not null
);
CREATE UNIQUE INDEX daily_pkey ON analytics.daily USING btree (day);
alter table "analytics"."daily" add constraint "daily_pkey" PRIMARY KEY using index "daily_pkey";
-- hazards: data-loss
DROP SCHEMA stats;
