drop view if exists "public"."searchable_titles";
ALTER TABLE public.titles DROP COLUMN search_document;
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."titles" alter column "publisher" set data type character varying(300) using "publisher"::character varying(300);
-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.titles ADD COLUMN search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ((title || ' '::text) || (COALESCE(publisher, ''::character varying))::text))) STORED;
-- hazards: blocking-lock
CREATE INDEX titles_search_document_idx ON public.titles USING gin (search_document);
create or replace view "public"."searchable_titles" as  SELECT titles.id,
    titles.search_document
   FROM titles;
COMMENT ON COLUMN public.titles.search_document IS 'full-text document of title and publisher';
