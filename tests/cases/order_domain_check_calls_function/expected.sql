set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.is_asin(code text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT code ~ '^B[0-9A-Z]{9}$' $function$
;
CREATE DOMAIN public.asin AS text CONSTRAINT asin_format CHECK (public.is_asin(VALUE));
create table "public"."recordings" (
    "id" bigint generated always as identity not null,
    "narrator_id" bigint not null,
    "asin" asin not null
);
CREATE UNIQUE INDEX recordings_pkey ON public.recordings USING btree (id);
alter table "public"."recordings" add constraint "recordings_pkey" PRIMARY KEY using index "recordings_pkey";
alter table "public"."recordings" add constraint "recordings_narrator_id_fkey" FOREIGN KEY (narrator_id) REFERENCES narrators(id) not valid;
alter table "public"."recordings" validate constraint "recordings_narrator_id_fkey";
