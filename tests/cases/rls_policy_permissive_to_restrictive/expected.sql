-- hazards: authz-change
drop policy "notes_not_archived" on "public"."notes";
-- hazards: authz-change
create policy "notes_not_archived"
on "public"."notes"
as restrictive
for all
to public
using ((title !~~ 'archived:%'::text));
