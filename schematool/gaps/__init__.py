"""Statements that fill the gaps migra leaves, run after migra's own statements.

One module per kind of gap, each `statements(current, desired, dropped) -> list[str]`
over catalog snapshots (`schematool.catalog`): what must still change, given that the
objects in `dropped` ("kind:identity" keys) lose their comments, flags and grants when
migra drops them, perhaps to recreate them.
"""

from __future__ import annotations

from schematool.catalog import Snapshot
from schematool.gaps import column_grants, comments, rls, schema_grants
from schematool.gaps.dropped import dropped_keys

# Grants and table flags first; comments last, when every object they name exists.
MODULES = (schema_grants, column_grants, rls, comments)


def statements(current: Snapshot, desired: Snapshot, migra_statements: list[str]) -> list[str]:
    """What to run after `migra_statements` so the target matches `desired` where migra
    does not look."""
    gone = dropped_keys(current, migra_statements)
    return [s for module in MODULES for s in module.statements(current, desired, gone)]
