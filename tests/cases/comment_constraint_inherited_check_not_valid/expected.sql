COMMENT ON CONSTRAINT "events.kind" ON public.events IS 'not validated yet: old rows may be empty';
COMMENT ON CONSTRAINT "events.kind" ON public.login_events IS 'validated on the child';
