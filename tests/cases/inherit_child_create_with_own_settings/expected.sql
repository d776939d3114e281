create table "public"."both_kid" (
    "y" integer
) INHERITS (public.base, public.tagged);
create table "public"."kid" (
    "x" integer
) inherits ("public"."base");
ALTER TABLE ONLY public.kid ALTER COLUMN kind SET DEFAULT 'kid'::text;
ALTER TABLE ONLY public.kid ALTER COLUMN note SET NOT NULL;
