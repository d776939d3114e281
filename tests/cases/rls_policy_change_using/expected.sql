-- hazards: authz-change
ALTER POLICY notes_owner ON public.notes USING (((owner_name = CURRENT_USER) OR (title ~~ 'public:%'::text)));
