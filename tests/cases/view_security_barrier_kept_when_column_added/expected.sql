create or replace view "public"."v" as  SELECT id,
    c2
   FROM t
  WHERE (id > 6);
ALTER VIEW public.v SET (security_barrier='true');
