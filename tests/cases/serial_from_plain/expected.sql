CREATE SEQUENCE public.t_id_seq AS integer;
alter table "public"."t" alter column "id" set default nextval('t_id_seq'::regclass);
alter sequence "public"."t_id_seq" owned by "public"."t"."id";
