DROP POLICY bookmarks_owner ON public.bookmarks;
alter table "public"."bookmarks" alter column "owner_name" set data type character varying(100) using "owner_name"::character varying(100);
-- hazards: authz-change
CREATE POLICY bookmarks_owner ON public.bookmarks AS PERMISSIVE FOR ALL TO case_reader, case_writer USING (((owner_name)::text = CURRENT_USER));
