-- hazards: untracked-dependency
DROP CAST (integer AS public.duration);
drop function if exists "public"."to_duration"(integer);
drop function if exists "public"."to_duration_rounded"(integer);
