drop view if exists "public"."book_durations";
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."chapters" alter column "duration_seconds" set data type numeric(10,3) using "duration_seconds"::numeric(10,3);
create or replace view "public"."book_durations" as  SELECT chapters.book_id,
    sum(chapters.duration_seconds) AS total_seconds
   FROM chapters
  GROUP BY chapters.book_id;
