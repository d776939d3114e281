drop view if exists "public"."visible_titles";
alter table "public"."titles" alter column "name" set data type character varying(200) using "name"::character varying(200);
create or replace view "public"."visible_titles" as  SELECT titles.id,
    titles.name
   FROM titles
  WHERE (NOT titles.hidden);
ALTER VIEW public.visible_titles SET (security_barrier='true');
GRANT SELECT ON TABLE public.visible_titles TO case_reader;
COMMENT ON VIEW public.visible_titles IS 'titles anyone may see';
