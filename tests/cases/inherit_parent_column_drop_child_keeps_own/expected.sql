-- hazards: data-loss
ALTER TABLE ONLY public.base DROP COLUMN legacy;
-- hazards: data-loss
alter table "public"."other_kid" drop column "legacy";
