DROP CAST (text AS public.mood);
alter type "public"."mood" rename to "mood__old_version_to_be_dropped";
create type "public"."mood" as enum ('sad', 'happy');
CREATE CAST (text AS public.mood) WITH INOUT AS ASSIGNMENT;
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."entry" alter column feeling type "public"."mood" using feeling::text::"public"."mood";
-- hazards: data-loss
DROP TYPE "public"."mood__old_version_to_be_dropped";
COMMENT ON CAST (text AS public.mood) IS 'from labels';
