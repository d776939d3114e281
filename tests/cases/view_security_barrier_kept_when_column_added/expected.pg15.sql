create or replace view "public"."v" as  SELECT t.id,
    t.c2
   FROM t
  WHERE (t.id > 6);
ALTER VIEW public.v SET (security_barrier='true');
