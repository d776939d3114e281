alter table "public"."base" alter column "kind" set default 'b'::text;
alter table "public"."base" alter column "note" drop default;
ALTER TABLE ONLY public.own_kid ALTER COLUMN kind SET DEFAULT 'own'::text;
ALTER TABLE ONLY public.own_kid ALTER COLUMN note SET DEFAULT 'own'::text;
