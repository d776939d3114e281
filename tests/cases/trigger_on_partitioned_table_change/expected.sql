drop trigger if exists "gone" on "public"."m";
drop trigger if exists "tr" on "public"."m";
create table "public"."m2" partition of "public"."m" FOR VALUES FROM ('2030-01-01') TO ('2040-01-01');
CREATE TRIGGER tr BEFORE INSERT OR UPDATE ON public.m FOR EACH ROW EXECUTE FUNCTION f();
