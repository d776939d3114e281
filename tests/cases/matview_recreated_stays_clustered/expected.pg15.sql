drop materialized view if exists "public"."title_plays";
-- hazards: blocking-lock
create materialized view "public"."title_plays" as  SELECT plays.title_id,
    count(*) AS plays,
    sum(plays.seconds) AS seconds
   FROM plays
  GROUP BY plays.title_id;
CREATE UNIQUE INDEX title_plays_title ON public.title_plays USING btree (title_id);
ALTER MATERIALIZED VIEW public.title_plays CLUSTER ON title_plays_title;
