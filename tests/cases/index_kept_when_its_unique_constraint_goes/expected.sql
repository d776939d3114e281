-- hazards: index-dropped
alter table "public"."t" drop constraint "t_a_key";
-- hazards: blocking-lock
CREATE UNIQUE INDEX t_a_key ON public.t USING btree (a);
