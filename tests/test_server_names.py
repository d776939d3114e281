"""names.server_name: the names PostgreSQL gives what it names itself, as it does."""

from __future__ import annotations

import pytest

from schematool import db
from schematool.names import server_name

TABLES = {
    "short": ("t", "id"),
    "long_table": ("a" * 60, "id"),
    "long_both": ("b" * 40, "c" * 40),
    "multibyte": ("é" * 40, "ü" * 10),
}


@pytest.mark.parametrize(("table", "column"), TABLES.values(), ids=TABLES.keys())
def test_identity_sequence_and_not_null_names_are_the_servers(pg, new_db, table, column):
    with db.connect(new_db(), autocommit=True) as conn:
        conn.execute(
            f'CREATE TABLE "{table}" ("{column}" int GENERATED ALWAYS AS IDENTITY NOT NULL)'
        )
        # the server shortens a name over 63 bytes itself: take the table's as it is
        oid, name = conn.execute(
            "SELECT oid, relname FROM pg_class WHERE relkind = 'r'"
            " AND relnamespace = 'public'::regnamespace"
        ).fetchone()
        (sequence,) = conn.execute("SELECT relname FROM pg_class WHERE relkind = 'S'").fetchone()
        assert sequence == server_name(name, column, "seq")
        if pg.version >= 18:
            (constraint,) = conn.execute(
                "SELECT conname FROM pg_constraint WHERE contype = 'n' AND conrelid = %s", (oid,)
            ).fetchone()
            assert constraint == server_name(name, column, "not_null")
