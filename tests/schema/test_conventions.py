"""The schema's own conventions (CONVENTIONS.md, "The schema"), checked on the loaded catalog."""

from __future__ import annotations


def test_every_foreign_key_is_indexed(platform):
    unindexed = platform.conn.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname
        FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'audiobooks'::regnamespace
          AND NOT EXISTS (
              SELECT FROM pg_index i
              WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
                AND (SELECT array_agg(k ORDER BY k)
                     FROM unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) AS k)
                    = (SELECT array_agg(k ORDER BY k) FROM unnest(c.conkey) AS k))
        """
    ).fetchall()
    assert unindexed == []


def test_every_table_and_function_has_a_comment(platform):
    missing = platform.conn.execute(
        """
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'audiobooks'::regnamespace AND c.relkind = 'r'
          AND obj_description(c.oid, 'pg_class') IS NULL
        UNION ALL
        SELECT p.proname FROM pg_proc p
        WHERE p.pronamespace = 'audiobooks'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL
        """
    ).fetchall()
    assert missing == []


def test_no_varchar_timestamp_without_time_zone_or_serial(platform):
    offenders = platform.conn.execute(
        """
        SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'audiobooks'
          AND (data_type IN ('character varying', 'character', 'timestamp without time zone')
               OR column_default LIKE 'nextval(%%')
        """
    ).fetchall()
    assert offenders == []


def test_surrogate_keys_are_generated_always_identities(platform):
    keys = platform.conn.execute(
        """
        SELECT a.attrelid::regclass::text, a.attidentity
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'p' AND c.connamespace = 'audiobooks'::regnamespace
          AND cardinality(c.conkey) = 1 AND a.attname = 'id'
        """
    ).fetchall()
    assert keys and all(identity == "a" for _, identity in keys)
