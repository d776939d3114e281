"""FORCE / NO FORCE ROW LEVEL SECURITY: migra enables and disables RLS but never forces it.

A forced table makes policies bind its owner too; without it the owner (often the role
the application connects as) silently bypasses every policy. A table migra drops and
recreates (partitioned <-> plain) also comes back with RLS disabled: migra's recreate
path skips its own ENABLE, so it is re-enabled here.
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.records import Table


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current_catalog, context.desired_catalog, context.dropped
    result: list[str] = []
    for identity, attrs in sorted(desired.tables.items()):
        recreated = f"table:{identity}" in dropped
        before = None if recreated else current.tables.get(identity)
        result += _table_statements(identity, attrs, before, recreated)
    return changes(result)


def _table_statements(identity: str, want: Table, have: Table | None, recreated: bool) -> list[str]:
    result = []
    if recreated and want.rls:
        result.append(f"ALTER TABLE {identity} ENABLE ROW LEVEL SECURITY;")
    forced = want.rls_forced
    if forced != (have.rls_forced if have is not None else False):
        keyword = "FORCE" if forced else "NO FORCE"
        result.append(f"ALTER TABLE {identity} {keyword} ROW LEVEL SECURITY;")
    return result


PLUGIN = Plugin(
    "rls",
    late=late,
    after=("default_privileges",),  # (order kept)
)
