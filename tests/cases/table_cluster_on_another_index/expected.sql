ALTER TABLE public.events CLUSTER ON events_account_kind;
