alter table "public"."base" add column "z" integer not null default 3;
-- hazards: blocking-lock
ALTER TABLE ONLY public.own_kid ALTER COLUMN z SET NOT NULL;
