"""Per-column settings migra does not compare: statistics target, storage, compression
and attribute options (`ALTER TABLE t ALTER COLUMN c SET STATISTICS | STORAGE |
COMPRESSION | (n_distinct = ...)`). A column the plan adds starts with the defaults.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import reloptions
from schematool.grammar.change import Change
from schematool.names import ident

Attrs = dict[str, Any]

# storage of the varlena types' own, when a column goes back to its type's default and
# the server may predate SET STORAGE DEFAULT (PostgreSQL 16)
_TYPE_STORAGE = {"numeric": "main"}
_COMPRESSION = {"p": "pglz", "l": "lz4"}  # pg_attribute.attcompression


def late(context: Context) -> list[Change]:
    result = []
    have_all = context.current.get("column", {})
    for identity, want in sorted(context.desired.get("column", {}).items()):
        have = have_all.get(identity)
        gone = (
            f"column:{identity}" in context.dropped or f"table:{want['table']}" in context.dropped
        )
        if have is None or gone:
            have = {}
        alter = f"ALTER TABLE {want['table']} ALTER COLUMN {ident(want['name'])}"
        result += _settings(alter, have, want)
        result += reloptions.option_changes(
            alter, have.get("options") or [], want.get("options") or []
        )
    return changes(result)


def _settings(alter: str, have: Attrs, want: Attrs) -> list[str]:
    result = []
    if have.get("statistics") != want.get("statistics"):
        result.append(f"{alter} SET STATISTICS {want.get('statistics', -1)};")
    if have.get("storage") != want.get("storage"):
        storage = want.get("storage") or _TYPE_STORAGE.get(want["type"].split("(")[0], "extended")
        result.append(f"{alter} SET STORAGE {storage.upper()};")
    if have.get("compression") != want.get("compression"):
        method = _COMPRESSION.get(want.get("compression", ""), "DEFAULT")
        result.append(f"{alter} SET COMPRESSION {method};")
    return result


PLUGIN = Plugin(
    "columns",
    late=late,
    after=("sequence_swaps",),  # (order kept)
)
