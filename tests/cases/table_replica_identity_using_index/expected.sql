ALTER TABLE public.events REPLICA IDENTITY USING INDEX events_account_kind;
