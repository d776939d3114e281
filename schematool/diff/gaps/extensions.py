"""Extensions that move to another schema: `ALTER EXTENSION ... SET SCHEMA`. migra sees
the move as a version change and emits `ALTER EXTENSION ... UPDATE TO` the version
installed already, which moves nothing.
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import split_name


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    have_all = context.current.get("extension", {})
    for identity, want in context.desired.get("extension", {}).items():
        have = have_all.get(identity)
        if have is None or have.get("version") != want.get("version"):
            continue
        for update in context.find(("ext", *split_name(identity)), "update"):
            replacements[update] = []
    return replacements


def early(context: Context) -> list[Change]:
    result = []
    have_all = context.current.get("extension", {})
    for identity, want in sorted(context.desired.get("extension", {}).items()):
        have = have_all.get(identity)
        if have is not None and have.get("schema") != want.get("schema"):
            result.append(f"ALTER EXTENSION {identity} SET SCHEMA {want['schema']};")
    return changes(result)


PLUGIN = Plugin(
    "extensions",
    early=early,
    in_place=in_place,
    in_place_for=(("extension", "update"),),
)
