"""Cluster-wide SQL: what a schema needs from its server that no database holds (roles).

Roles belong to the server, not to a database, so `schema/` cannot create them; the
project lists idempotent SQL that does (`cluster_sql` in `[tool.schematool]`). The
embedded server runs it on start; `plan --cluster-sql` and `apply --cluster-sql` run it
on the target's server (and the scratch server) first, so a pipeline needs no psql step;
a schema that fails for want of a role says so, and names those files.
"""

from __future__ import annotations

import psycopg

from schematool import db
from schematool.errors import ConfigError, LoadError
from schematool.project.config import Settings
from schematool.project.files import not_utf8, read_utf8

_UNDEFINED_OBJECT = "42704"


def run(settings: Settings, server: db.Url) -> list[str]:
    """Run every cluster_sql file on the server, each in a transaction of its own;
    return their names as shown to users."""
    if not settings.cluster_sql:
        raise ConfigError(
            "--cluster-sql: no cluster_sql is configured in [tool.schematool] of"
            f" {settings.rel(settings.root / 'pyproject.toml')}"
        )
    with db.connect(server, autocommit=True) as conn:
        return run_on(conn, settings)


def run_on(conn: psycopg.Connection, settings: Settings) -> list[str]:
    names = []
    for path in settings.cluster_sql:
        name = settings.rel(path)
        try:
            text = read_utf8(path)
        except OSError as error:
            raise LoadError(name, None, f"cannot read ({error.strerror})") from None
        except UnicodeDecodeError as error:
            raise LoadError(name, *not_utf8(error)) from None
        try:
            with conn.transaction():
                conn.execute(text.encode("utf-8"), prepare=False)
        except psycopg.Error as error:
            message = error.diag.message_primary or str(error).strip().splitlines()[0]
            raise LoadError(name, None, message) from None
        names.append(name)
    return names


def is_missing_role(sqlstate: str | None, message: str) -> bool:
    """PostgreSQL's `role "x" does not exist` (undefined_object also covers types and
    the like, which cluster SQL does not make)."""
    return sqlstate == _UNDEFINED_OBJECT and message.startswith('role "')


def missing_role_advice(settings: Settings) -> str:
    """What to do when the server lacks a role the schema names: run the cluster_sql,
    or, where --cluster-sql just ran it, make it create the role."""
    files = ", ".join(settings.rel(p) for p in settings.cluster_sql)
    if settings.ran_cluster_sql:
        return (
            "roles are the server's, not the schema's, and the configured cluster_sql"
            f" ({files}), which --cluster-sql ran on this server, does not create it:"
            " add it there"
        )
    if settings.cluster_sql:
        return (
            "roles are the server's, not the schema's: run the configured cluster_sql"
            f" ({files}) on this server first: add --cluster-sql to plan or apply"
            f" (or run psql -f on {'each' if len(settings.cluster_sql) > 1 else 'it'})"
        )
    return (
        "roles are the server's, not the schema's: create the role on this server, or"
        " list idempotent SQL that creates it in cluster_sql in [tool.schematool] and"
        " add --cluster-sql to plan or apply"
    )
