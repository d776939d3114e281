-- hazards: data-loss
ALTER TABLE ONLY public.base DROP COLUMN legacy;
-- hazards: data-loss
ALTER TABLE ONLY public.mid DROP COLUMN legacy;
-- hazards: data-loss
alter table "public"."sibling" drop column "legacy";
-- hazards: data-loss
alter table "public"."other_leaf" drop column "legacy";
