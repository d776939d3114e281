"""Extensions that move to another schema: `ALTER EXTENSION ... SET SCHEMA`. migra sees
the move as a version change and emits `ALTER EXTENSION ... UPDATE TO` the version
installed already, which moves nothing.
"""

from __future__ import annotations

from schematool.gaps.context import Context
from schematool.names import literal, migra_name


def in_place(context: Context) -> dict[str, list[str]]:
    replacements: dict[str, list[str]] = {}
    have_all = context.current.get("extension", {})
    for identity, want in context.desired.get("extension", {}).items():
        have = have_all.get(identity)
        if have is None or have.get("version") != want.get("version"):
            continue
        update = f"alter extension {migra_name(identity)} update to {literal(want.get('version'))};"
        if update in context.statements:
            replacements[update] = []
    return replacements


def early(context: Context) -> list[str]:
    result = []
    have_all = context.current.get("extension", {})
    for identity, want in sorted(context.desired.get("extension", {}).items()):
        have = have_all.get(identity)
        if have is not None and have.get("schema") != want.get("schema"):
            result.append(f"ALTER EXTENSION {identity} SET SCHEMA {want['schema']};")
    return result
