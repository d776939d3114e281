-- hazards: index-dropped
drop index if exists "public"."events_account_kind";
-- hazards: blocking-lock
CREATE UNIQUE INDEX events_account_kind ON public.events USING btree (kind, account_id);
ALTER TABLE public.events REPLICA IDENTITY USING INDEX events_account_kind;
