"""CREATE / DROP TYPE ... AS RANGE: migra does not see range types at all.

Created early, where columns and functions may use them; dropped late. A range type
whose definition changes is dropped and created again, which works while nothing uses
it (range types cannot be altered).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.records import RangeType


def early(context: Context) -> list[Change]:
    have_all = context.current_catalog.range_types
    want_all = context.desired_catalog.range_types
    result = []
    for identity, want in sorted(want_all.items()):
        have = have_all.get(identity)
        if have is not None and _definition(have) == _definition(want):
            continue
        if have is not None:
            result.append(f"DROP TYPE {identity};")
        result.append(_create(identity, want))
    return changes(result)


def late(context: Context) -> list[Change]:
    have, want = context.current_catalog.range_types, context.desired_catalog.range_types
    gone = have.keys() - want.keys()
    return changes([f"DROP TYPE {identity};" for identity in sorted(gone)])


def _definition(attrs: RangeType) -> dict[str, Any]:
    return {
        f.name: getattr(attrs, f.name)
        for f in dataclasses.fields(attrs)
        if f.name not in ("identity", "raw", "owner", "acl", "comment")
    }


def _create(identity: str, want: RangeType) -> str:
    options = [f"SUBTYPE = {want.subtype}", f"SUBTYPE_OPCLASS = {want.opclass}"]
    if want.collation:
        options.append(f"COLLATION = {want.collation}")
    for option, value in (("CANONICAL", want.canonical), ("SUBTYPE_DIFF", want.subdiff)):
        if value not in (None, "-"):
            options.append(f"{option} = {value}")
    if want.multirange:
        options.append(f"MULTIRANGE_TYPE_NAME = {want.multirange}")
    return f"CREATE TYPE {identity} AS RANGE ({', '.join(options)});"


PLUGIN = Plugin(
    "range_types",
    early=early,
    late=late,
    after=("text_search",),  # (order kept)
)
