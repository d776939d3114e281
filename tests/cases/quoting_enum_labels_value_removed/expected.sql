alter type "public"."mood" rename to "mood__old_version_to_be_dropped";
create type "public"."mood" as enum ('it''s', 'value with "quotes"', E'back\\slash', '$$', 'new
line');
alter table "public"."moods" alter column "mood" drop default;
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."moods" alter column mood type "public"."mood" using mood::text::"public"."mood";
alter table "public"."moods" alter column "mood" set default 'it''s'::mood;
-- hazards: data-loss
DROP TYPE "public"."mood__old_version_to_be_dropped";
