-- hazards: authz-change
drop policy "notes_owner" on "public"."notes";
