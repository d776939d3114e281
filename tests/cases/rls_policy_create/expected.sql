-- hazards: authz-change
create policy "notes_owner"
on "public"."notes"
as permissive
for all
to public
using ((owner_name = CURRENT_USER));
