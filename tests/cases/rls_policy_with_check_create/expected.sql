-- hazards: authz-change
create policy "notes_insert"
on "public"."notes"
as permissive
for insert
to public
with check ((owner_name = CURRENT_USER));
