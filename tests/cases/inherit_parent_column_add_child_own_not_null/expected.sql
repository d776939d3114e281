alter table "public"."base" add column "z" integer default 3;
-- hazards: blocking-lock
ALTER TABLE ONLY public.kid ALTER COLUMN n SET NOT NULL;
