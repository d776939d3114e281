alter table "public"."bookmarks" alter column "owner_name" set data type character varying(100) using "owner_name"::character varying(100);
