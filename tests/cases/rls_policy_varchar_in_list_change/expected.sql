-- hazards: authz-change
ALTER POLICY item_open ON public.item USING ((status IN ('new', 'held', 'late'))) WITH CHECK ((status IN ('new', 'late')));
