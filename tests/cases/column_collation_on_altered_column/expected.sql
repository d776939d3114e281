alter table "public"."tags" alter column "slug" set data type text collate "C" using "slug"::text;
