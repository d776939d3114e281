-- hazards: index-dropped
drop index if exists "public"."item_open_expr_idx";
-- hazards: index-dropped
drop index if exists "public"."item_open_idx";
-- hazards: blocking-lock
CREATE INDEX item_open_expr_idx ON public.item USING btree ((status IN ('new', 'held', 'late')));
-- hazards: blocking-lock
CREATE INDEX item_open_idx ON public.item USING btree (id) WHERE status IN ('new', 'held', 'late');
