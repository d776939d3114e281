-- hazards: authz-change
create policy "notes_not_archived"
on "public"."notes"
as restrictive
for all
to public
using ((title !~~ 'archived:%'::text));
