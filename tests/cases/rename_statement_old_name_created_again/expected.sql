-- hazards: rename
ALTER TABLE public.titles RENAME COLUMN subtitle TO tagline;
alter table "public"."titles" add column "title" text not null;
alter table "public"."titles" alter column "name" drop not null;
ALTER TABLE public.titles RENAME CONSTRAINT titles_title_not_null TO titles_name_not_null;
