drop procedure if exists "public"."archive_old_orders"(IN cutoff interval);
set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE PROCEDURE public.archive_old_orders(IN cutoff interval, IN dry_run boolean DEFAULT false)
 LANGUAGE plpgsql
AS $procedure$
BEGIN
    IF dry_run THEN
        RETURN;
    END IF;
    DELETE FROM orders WHERE placed_at < now() - cutoff;
END;
$procedure$
;
