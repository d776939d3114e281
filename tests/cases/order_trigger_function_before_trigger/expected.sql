create table "public"."bookmarks" (
    "id" bigint generated always as identity not null,
    "position_seconds" integer not null,
    "updated_at" timestamp with time zone not null default now()
);
CREATE UNIQUE INDEX bookmarks_pkey ON public.bookmarks USING btree (id);
alter table "public"."bookmarks" add constraint "bookmarks_pkey" PRIMARY KEY using index "bookmarks_pkey";
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$function$
;
CREATE TRIGGER bookmarks_touch BEFORE UPDATE ON public.bookmarks FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
