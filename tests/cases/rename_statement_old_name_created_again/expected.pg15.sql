-- hazards: rename
ALTER TABLE public.titles RENAME COLUMN subtitle TO tagline;
alter table "public"."titles" add column "title" text not null;
alter table "public"."titles" alter column "name" drop not null;
