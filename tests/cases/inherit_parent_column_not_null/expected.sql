-- hazards: blocking-lock
alter table "public"."base" alter column "a" set not null;
alter table "public"."base" alter column "b" drop not null;
