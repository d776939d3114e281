"""NOT NULL constraints as PostgreSQL 18 keeps them (named constraints, maybe NOT VALID):
migra knows NOT NULL as a column flag only.

Names: a column that keeps its NOT NULL but under another name (a table detached from
its partitioned parent keeps the parent's constraint names; a schema that names the
constraint) has it renamed; a column that gains its NOT NULL in this plan gets the
server's default name, `<table>_<column>_not_null`, renamed where the desired one
differs.

Validity: a NOT VALID NOT NULL constraint (`ADD CONSTRAINT n NOT NULL c NOT VALID`)
leaves the column's attnotnull set, but migra is shown such a column as nullable
(`diff`), so it neither checks every row for it nor drops it. Here, one the desired
schema holds NOT VALID and the target lacks (or holds validated) is added NOT VALID,
under its desired name (migra drops a validated one first); one the target holds NOT
VALID is validated where the desired schema holds it valid (`VALIDATE CONSTRAINT`, in
place of migra's SET NOT NULL, which would check the rows under ACCESS EXCLUSIVE) and
dropped where the desired column has no NOT NULL.

Servers before 18 have no such names nor NOT VALID NOT NULL: nothing to do.
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, changes, col
from schematool.diff.gapkit.context import change as read
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.records import Column
from schematool.names import ident, server_name, split_name


def in_place(context: Context) -> dict[Change, list[Change]]:
    """migra's SET NOT NULL of a column whose NOT NULL the target holds NOT VALID (to
    migra, the column is nullable) becomes the constraint's validation."""
    result: dict[Change, list[Change]] = {}
    current = context.current_catalog.columns
    for identity, want in sorted(context.desired_catalog.columns.items()):
        have = current.get(identity)
        if have is None or not have.not_null_not_valid or want.not_null_not_valid:
            continue
        for found in context.find(col(want.table, want.name), "set not null"):
            if len(found.ops) == 1:  # else migra's SET NOT NULL stays: it validates too
                result[found] = [
                    read(
                        f"ALTER TABLE {want.table} VALIDATE CONSTRAINT"
                        f" {ident(have.not_null_name)};"
                    )
                ]
    return result


def late(context: Context) -> list[Change]:
    current, dropped = context.current_catalog.columns, context.dropped
    desired = context.desired_catalog.columns
    result = []
    for identity, want in sorted(desired.items()):
        have = current.get(identity)
        kept = (
            have is not None
            and bool(have.not_null_name)
            and f"column:{identity}" not in dropped
            and f"table:{want.table}" not in dropped
        )
        if kept and have.not_null_not_valid and not want.not_null:
            if not have.inherited or have.not_null_local:
                result.append(_drop(have))
            continue
        name = want.not_null_name
        if not name or want.not_null_local or want.inherited:
            continue  # an inherited constraint is named by its parent
        if want.not_null_not_valid and not (kept and have.not_null_not_valid):
            result.append(_add_not_valid(want))
            continue
        old = have.not_null_name if kept else _default_name(want)
        if old != name:
            result.append(
                f"ALTER TABLE {want.table} RENAME CONSTRAINT {ident(old)} TO {ident(name)};"
            )
    return changes(result)


def _add_not_valid(column: Column) -> str:
    no_inherit = " NO INHERIT" if column.not_null_no_inherit else ""
    return (
        f"ALTER TABLE {column.table} ADD CONSTRAINT {ident(column.not_null_name)}"
        f" NOT NULL {ident(column.name)}{no_inherit} NOT VALID;"
    )


def _drop(column: Column) -> str:
    return f"ALTER TABLE {column.table} DROP CONSTRAINT {ident(column.not_null_name)};"


def _default_name(column: Column) -> str:
    """What the server names a new NOT NULL constraint (when the name is free)."""
    return server_name(split_name(column.table)[-1], column.name, "not_null")


PLUGIN = Plugin(
    "not_null_names",
    in_place=in_place,
    in_place_for=(("column", "set not null"),),
    late=late,
    after=("columns",),  # (order kept)
)
