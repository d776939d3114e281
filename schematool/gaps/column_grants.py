"""GRANT / REVOKE of column privileges (`GRANT UPDATE (col) ON t TO r`): migra's
privilege handling sees table-level grants only.

A column grant is how an application role may update some columns of a row and not
others (a token's `consumed_at`, never its hash), so a missed one breaks the app and a
missed revoke widens what it may write.
"""

from __future__ import annotations

from schematool.gaps import acl
from schematool.gaps.context import Context
from schematool.gaps.quoting import ident


def late(context: Context) -> list[str]:
    current, desired, dropped = context.current, context.desired, context.dropped
    result: list[str] = []
    have_columns = current.get("column", {})
    for key, attrs in sorted(desired.get("column", {}).items()):
        want = acl.parse(attrs.get("acl", []))
        existing = have_columns.get(key)
        table_dropped = f"table:{attrs['table']}" in dropped
        have = acl.parse(existing.get("acl", [])) if existing and not table_dropped else {}
        result += _column_changes(attrs["table"], ident(attrs["name"]), have, want)
    return result


def _column_changes(table: str, column: str, have: acl.Grants, want: acl.Grants) -> list[str]:
    """acl.changes spelled for one column: `PRIVILEGE (column) ON TABLE t`."""
    statements = acl.changes(f"TABLE {table}", have, want)
    return [_with_column(statement, column) for statement in statements]


def _with_column(statement: str, column: str) -> str:
    # 'GRANT UPDATE, SELECT ON TABLE t TO r;' -> 'GRANT UPDATE (c), SELECT (c) ON TABLE t TO r;'
    verb, rest = statement.split(" ", 1)
    if rest.startswith("GRANT OPTION FOR "):
        verb, rest = verb + " GRANT OPTION FOR", rest.removeprefix("GRANT OPTION FOR ")
    privileges, tail = rest.split(" ON ", 1)
    spelled = ", ".join(f"{p} ({column})" for p in privileges.split(", "))
    return f"{verb} {spelled} ON {tail}"
