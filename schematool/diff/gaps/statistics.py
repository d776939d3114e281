"""Extended statistics (`CREATE STATISTICS`): migra does not see them. A statistics
object whose definition changes is dropped and created again; one on a table or column
the plan drops went with it. Its statistics target (`ALTER STATISTICS ... SET
STATISTICS`) is set after; a created one starts with the default (-1).
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change


def late(context: Context) -> list[Change]:
    have_all = context.current.get("statistics", {})
    want_all = context.desired.get("statistics", {})
    result = []
    for identity in sorted(have_all.keys() - want_all.keys()):
        if f"statistics:{identity}" not in context.dropped:
            result.append(f"DROP STATISTICS {identity};")
    for identity, want in sorted(want_all.items()):
        have = have_all.get(identity)
        if have is None or f"statistics:{identity}" in context.dropped:
            result.append(want["definition"] + ";")
            have = {}
        elif have["definition"] != want["definition"]:
            result += [f"DROP STATISTICS {identity};", want["definition"] + ";"]
            have = {}
        if have.get("target") != want.get("target"):
            target = want.get("target", -1)
            result.append(f"ALTER STATISTICS {identity} SET STATISTICS {target};")
    return changes(result)


PLUGIN = Plugin(
    "statistics",
    late=late,
    after=("indexes",),  # (order kept)
)
