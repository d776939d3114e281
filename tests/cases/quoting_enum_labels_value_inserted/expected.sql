alter type "public"."mood" rename to "mood__old_version_to_be_dropped";
create type "public"."mood" as enum ('it''s', 'value with "quotes"', E'back\\slash', '$$', 'new
line', 'calm');
alter table "public"."moods" alter column "mood" drop default;
-- hazards: table-rewrite, blocking-lock
alter table "public"."moods" alter column mood type "public"."mood" using mood::text::"public"."mood";
alter table "public"."moods" alter column "mood" set default 'it''s'::mood;
DROP TYPE "public"."mood__old_version_to_be_dropped";
