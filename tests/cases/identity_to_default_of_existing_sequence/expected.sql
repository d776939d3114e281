alter table "public"."t" alter column "id" drop identity;
alter table "public"."t" alter column "id" set default nextval('u_id_seq'::regclass);
