-- A function body rewrite and a trigger that now also fires on insert.
CREATE OR REPLACE FUNCTION length_label(seconds bigint) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT CASE WHEN seconds < 3600 THEN (seconds / 60) || ' min'
                  ELSE (seconds / 3600) || ' h ' || (seconds % 3600 / 60) || ' min' END $$;

DROP TRIGGER accounts_touch ON accounts;
CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
