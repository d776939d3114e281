ALTER SEQUENCE public.a_id_seq OWNED BY NONE;
-- hazards: index-dropped
alter table "public"."a" drop constraint "a_pkey";
drop index if exists "public"."a_pkey";
-- hazards: data-loss
drop table "public"."a";
create table "public"."b" (
    "id" integer not null default nextval('a_id_seq'::regclass),
    "note" text
);
alter sequence "public"."a_id_seq" owned by "public"."b"."id";
CREATE UNIQUE INDEX b_pkey ON public.b USING btree (id);
alter table "public"."b" add constraint "b_pkey" PRIMARY KEY using index "b_pkey";
