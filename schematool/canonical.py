"""Put the scratch database's expressions in the form a migration leaves them in.

PostgreSQL stores expressions parsed and shows them deparsed; deparsing is not a fixed
point of parsing. `CHECK (x BETWEEN 1 AND 80 AND y = btrim(y))` reads back as
`((x >= 1) AND (x <= 80)) AND ...`, and the constraint migra re-creates from that text
reads back flattened, `(x >= 1) AND (x <= 80) AND ...`. Compared as text, the target
would then never match the desired schema. Re-creating each CHECK in the scratch
database from its own deparsed text gives it the form the target will have after apply.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

_TABLE_CHECKS = """
select quote_ident(n.nspname) || '.' || quote_ident(c.relname), quote_ident(k.conname),
       pg_get_constraintdef(k.oid)
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace n on n.oid = c.relnamespace
where k.contype = 'c' and k.conislocal and not c.relispartition
  and n.nspname not in ('pg_catalog', 'information_schema')
order by 1, 2
"""

_DOMAIN_CHECKS = """
select quote_ident(n.nspname) || '.' || quote_ident(t.typname), quote_ident(k.conname),
       pg_get_constraintdef(k.oid)
from pg_constraint k
join pg_type t on t.oid = k.contypid
join pg_namespace n on n.oid = t.typnamespace
where k.contype = 'c' and n.nspname not in ('pg_catalog', 'information_schema')
order by 1, 2
"""


def round_trip_checks(conn: psycopg.Connection) -> None:
    """Re-create every CHECK constraint of tables and domains from its deparsed text, all
    of them in one round trip (a schema of thousands of tables has thousands of checks)."""
    with conn.transaction():
        for kind, query in (("TABLE", _TABLE_CHECKS), ("DOMAIN", _DOMAIN_CHECKS)):
            statements = [
                sql.SQL(
                    "ALTER {kind} {owner} DROP CONSTRAINT {name};"
                    " ALTER {kind} {owner} ADD CONSTRAINT {name} {definition};"
                ).format(
                    kind=sql.SQL(kind),
                    owner=sql.SQL(owner),
                    name=sql.SQL(name),
                    definition=sql.SQL(definition),
                )
                for owner, name, definition in conn.execute(query).fetchall()
            ]
            if statements:
                conn.execute(sql.SQL("\n").join(statements))
