DROP POLICY notes_own ON public.notes;
drop view if exists "public"."member_logins";
alter table "public"."members" alter column "login" set data type character varying(100) using "login"::character varying(100);
create or replace view "public"."member_logins" as  SELECT id,
    login
   FROM members;
CREATE POLICY notes_own ON public.notes AS PERMISSIVE FOR ALL TO case_reader USING ((EXISTS ( SELECT 1
   FROM public.member_logins m
  WHERE ((m.id = notes.member_id) AND ((m.login)::text = CURRENT_USER)))));
