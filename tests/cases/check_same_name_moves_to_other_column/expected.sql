alter table "public"."chapters" drop constraint "chapters_length_check";
-- hazards: data-loss
alter table "public"."chapters" drop column "length_s";
alter table "public"."chapters" add column "length_ms" bigint;
alter table "public"."chapters" add constraint "chapters_length_check" CHECK ((length_ms > 0)) not valid;
-- hazards: blocking-lock
alter table "public"."chapters" validate constraint "chapters_length_check";
