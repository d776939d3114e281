-- hazards: authz-change
drop policy "notes_owner" on "public"."notes";
-- hazards: authz-change
create policy "notes_owner"
on "public"."notes"
as permissive
for select
to public
using ((owner_name = CURRENT_USER));
