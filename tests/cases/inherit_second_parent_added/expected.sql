alter table "public"."ab" add column "label" text not null;
alter table "public"."ab" add constraint "label_set" CHECK ((label <> ''::text)) not valid;
-- hazards: blocking-lock
alter table "public"."ab" validate constraint "label_set";
ALTER TABLE public.ab INHERIT public.b;
