set check_function_bodies = off;
CREATE OR REPLACE FUNCTION r1.f0(a integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
BEGIN ATOMIC
 SELECT (a + 5);
END
;
