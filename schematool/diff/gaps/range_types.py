"""CREATE / DROP TYPE ... AS RANGE: migra does not see range types at all.

Created early, where columns and functions may use them; dropped late. A range type
whose definition changes is dropped and created again, which works while nothing uses
it (range types cannot be altered).
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change

Attrs = dict[str, Any]


def early(context: Context) -> list[Change]:
    have_all = context.current.get("range_type", {})
    want_all = context.desired.get("range_type", {})
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
    have, want = context.current.get("range_type", {}), context.desired.get("range_type", {})
    gone = have.keys() - want.keys()
    return changes([f"DROP TYPE {identity};" for identity in sorted(gone)])


def _definition(attrs: Attrs) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k not in ("owner", "acl", "comment")}


def _create(identity: str, want: Attrs) -> str:
    options = [f"SUBTYPE = {want['subtype']}", f"SUBTYPE_OPCLASS = {want['opclass']}"]
    if want.get("collation"):
        options.append(f"COLLATION = {want['collation']}")
    for option, key in (("CANONICAL", "canonical"), ("SUBTYPE_DIFF", "subdiff")):
        if want.get(key) not in (None, "-"):
            options.append(f"{option} = {want[key]}")
    if want.get("multirange"):
        options.append(f"MULTIRANGE_TYPE_NAME = {want['multirange']}")
    return f"CREATE TYPE {identity} AS RANGE ({', '.join(options)});"


PLUGIN = Plugin(
    "range_types",
    early=early,
    late=late,
    after=("text_search",),  # (order kept)
)
