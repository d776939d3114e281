"""What migra misses or gets wrong, filled in by one small module per kind of object.

A plan is built in three phases around migra's statements:

- **early**: after migra has created schemas, extensions, collations, enums and
  sequences, before it touches any table: objects migra never creates but tables and
  functions may use (domains, range types) are created or changed here;
- **in place**: a module may replace one of migra's statements with others (a generated
  column's new expression, labels added to an enum rather than the enum recreated);
- **late**: after everything else: grants, owners, options, comments, and drops of
  objects migra never drops.

`revise` applies the early statements and the replacements to migra's statements (the
diff stage calls it); `statements` returns the late ones. A module defines any of
`early(context)`, `in_place(context)` and `late(context)` (`gaps.context.Context`: both
catalog snapshots, the statements around them, what those drop). Modules never talk to
a database: everything they know comes from the snapshots.
"""

from __future__ import annotations

import re
from types import ModuleType

from schematool.catalog import Snapshot
from schematool.gaps import (
    aggregates,
    collations,
    column_grants,
    columns,
    comments,
    composite_types,
    constraints,
    default_privileges,
    domains,
    drops,
    enums,
    event_triggers,
    extensions,
    functions,
    generated_columns,
    indexes,
    inheritance,
    not_null_names,
    owners,
    partitions,
    policies,
    privileges,
    range_types,
    reloptions,
    rls,
    rules,
    schema_grants,
    sequences,
    statistics,
)
from schematool.gaps.context import Context
from schematool.gaps.dropped import dropped_keys

# Order matters within a phase: objects before their grants and flags; comments last,
# when every object they name exists.
MODULES: tuple[ModuleType, ...] = (
    extensions,
    collations,
    range_types,
    domains,
    composite_types,
    enums,
    constraints,
    functions,
    generated_columns,
    inheritance,
    partitions,
    policies,
    sequences,
    columns,
    not_null_names,
    reloptions,
    indexes,
    statistics,
    rules,
    aggregates,
    event_triggers,
    owners,
    schema_grants,
    privileges,
    column_grants,
    default_privileges,
    rls,
    comments,
    drops,
)


Replacements = dict[str, list[str]]  # one of migra's statements -> what runs instead


def revise(
    current: Snapshot, desired: Snapshot, migra_statements: list[str], server_version: int
) -> list[str]:
    """migra's statements with every module's early statements and replacements."""
    context = Context(
        current,
        desired,
        tuple(migra_statements),
        frozenset(dropped_keys(current, migra_statements)),
        server_version,
    )
    replaced: Replacements = {}
    early: list[str] = []
    for module in MODULES:
        if hasattr(module, "in_place"):
            for statement, instead in module.in_place(context).items():
                replaced.setdefault(statement, instead)  # the earlier module wins
        if hasattr(module, "early"):
            early += module.early(context)
    revised = [s for statement in migra_statements for s in replaced.get(statement, [statement])]
    position = _early_position(revised)
    return revised[:position] + early + revised[position:]


def statements(current: Snapshot, desired: Snapshot, before: list[str]) -> list[str]:
    """The late phase: what to run after `before` (migra's statements as `revise` left
    them) so the target matches `desired` where migra does not look."""
    context = Context(current, desired, tuple(before), frozenset(dropped_keys(current, before)))
    return [s for module in MODULES if hasattr(module, "late") for s in module.late(context)]


# migra's first statements create what tables may use; early statements go right after.
_MIGRA_PRELUDE = re.compile(
    r"^\s*(create\s+schema|create\s+extension|alter\s+extension|create\s+collation"
    r"|create\s+type\s+\S+\s+as\s+enum|create\s+sequence)\b",
    re.IGNORECASE,
)


def _early_position(statements: list[str]) -> int:
    for position, statement in enumerate(statements):
        if not _MIGRA_PRELUDE.match(statement):
            return position
    return len(statements)
