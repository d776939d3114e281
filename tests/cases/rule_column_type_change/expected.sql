alter table "public"."reviews" alter column "body" set data type character varying(2000) using "body"::character varying(2000);
