-- hazards: authz-change
ALTER POLICY notes_insert ON public.notes WITH CHECK (((owner_name = CURRENT_USER) AND (title <> ''::text)));
