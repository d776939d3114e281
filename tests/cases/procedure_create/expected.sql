set check_function_bodies = off;
CREATE OR REPLACE PROCEDURE public.archive_old_orders(IN cutoff interval)
 LANGUAGE plpgsql
AS $procedure$
BEGIN
    DELETE FROM orders WHERE placed_at < now() - cutoff;
END;
$procedure$
;
