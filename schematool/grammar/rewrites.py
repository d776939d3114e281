"""Statements rewritten for the online apply, by PostgreSQL's grammar: an index built
concurrently (`schematool.plan.online`)."""

from __future__ import annotations

from schematool.errors import DiffError
from schematool.grammar.tree import head, parse
from schematool.names import ident


def concurrent_index(sql: str, name: str | None = None) -> str:
    """`CREATE [UNIQUE] INDEX name ON ...` as `CREATE [UNIQUE] INDEX CONCURRENTLY`, under
    `name` when given (the online apply builds a changed index under a temporary name).
    Everything from the table on is the statement's own text, cut where PostgreSQL's
    grammar places the table (pglast's offsets count UTF-8 bytes), so nothing of the
    index is spelled anew. Raises DiffError for anything but one named index on a table
    and its partitions (`ON ONLY` and `IF NOT EXISTS` have no concurrent form here)."""
    parsed = parse(
        sql, lambda error: DiffError(f"cannot read the index statement ({error}): {head(sql)}")
    )
    found = parsed.kinds()
    if len(found) != 1 or found[0][0] != "IndexStmt":
        raise DiffError(f"not one CREATE INDEX: {head(sql)}")
    body = found[0][1]
    relation = body["relation"]
    if not body.get("idxname") or body.get("if_not_exists") or relation.get("inh") is not True:
        raise DiffError(f"no concurrent form for this index statement: {head(sql)}")
    rest = sql.encode("utf-8")[relation["location"] :].decode("utf-8")
    unique = "UNIQUE " if body.get("unique") else ""
    return f"CREATE {unique}INDEX CONCURRENTLY {ident(name or body['idxname'])} ON {rest}"
