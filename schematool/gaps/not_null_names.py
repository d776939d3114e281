"""NOT NULL constraint names (PostgreSQL 18 keeps NOT NULL as named constraints, and
pg_dump prints a name that is not the default one): migra knows NOT NULL as a column
flag only.

A column that keeps its NOT NULL but under another name (a table detached from its
partitioned parent keeps the parent's constraint names; a schema that names the
constraint) has it renamed; a column that gains its NOT NULL in this plan gets the
server's default name, `<table>_<column>_not_null`, renamed where the desired one
differs. Servers before 18 have no such names: nothing to do.
"""

from __future__ import annotations

from typing import Any

from schematool.change import Change
from schematool.gaps.context import Context, changes
from schematool.names import ident, server_name, split_name

Attrs = dict[str, Any]


def late(context: Context) -> list[Change]:
    current, dropped = context.current.get("column", {}), context.dropped
    result = []
    for identity, want in sorted(context.desired.get("column", {}).items()):
        name = want.get("not_null_name")
        if not name or want.get("not_null_local") or want.get("inherited"):
            continue  # an inherited constraint is named by its parent
        have = current.get(identity)
        kept = (
            have is not None
            and have.get("not_null_name")
            and f"column:{identity}" not in dropped
            and f"table:{want['table']}" not in dropped
        )
        old = have["not_null_name"] if kept else _default_name(want)
        if old != name:
            result.append(
                f"ALTER TABLE {want['table']} RENAME CONSTRAINT {ident(old)} TO {ident(name)};"
            )
    return changes(result)


def _default_name(column: Attrs) -> str:
    """What the server names a new NOT NULL constraint (when the name is free)."""
    return server_name(split_name(column["table"])[-1], column["name"], "not_null")
