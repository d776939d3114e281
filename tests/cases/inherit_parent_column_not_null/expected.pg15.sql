-- hazards: blocking-lock
alter table "public"."base" alter column "a" set not null;
alter table "public"."base" alter column "b" drop not null;
-- hazards: blocking-lock
ALTER TABLE ONLY public.own_kid ALTER COLUMN b SET NOT NULL;
