"""Row-level security policies changed in place: `ALTER POLICY`, where migra drops and
creates the policy again. ALTER POLICY changes the roles, the USING and the WITH CHECK
expressions and the name (a policy whose only change is its name is renamed); a change
of command or of permissive/restrictive, or an expression that goes away, keeps migra's
way.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, change
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import ident, split_name

Attrs = dict[str, Any]

_FIXED = ("table", "command", "permissive")  # what ALTER POLICY cannot change


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    have_all = context.current.get("policy", {})
    want_all = context.desired.get("policy", {})
    for identity in sorted(have_all.keys() & want_all.keys()):
        have, want = have_all[identity], want_all[identity]
        if have != want and _alterable(have, want):
            replacements.update(_replace(context, have, want, _alter(have, want)))
    for have, want in _renamed(have_all, want_all):
        rename = f"ALTER POLICY {ident(have['name'])} ON {have['table']}"
        rename += f" RENAME TO {ident(want['name'])};"
        replacements.update(_replace(context, have, want, [rename]))
    return replacements


def _alterable(have: Attrs, want: Attrs) -> bool:
    if any(have.get(key) != want.get(key) for key in _FIXED):
        return False
    return all(
        want.get(key) is not None or have.get(key) is None for key in ("using", "with_check")
    )


def _alter(have: Attrs, want: Attrs) -> list[str]:
    clauses = []
    if have.get("roles") != want.get("roles"):
        clauses.append("TO " + ", ".join(_role(r) for r in want.get("roles") or ["public"]))
    if have.get("using") != want.get("using"):
        clauses.append(f"USING ({want['using']})")
    if have.get("with_check") != want.get("with_check"):
        clauses.append(f"WITH CHECK ({want['with_check']})")
    if not clauses:  # only the comment differs: not migra's business
        return []
    return [f"ALTER POLICY {ident(want['name'])} ON {want['table']} {' '.join(clauses)};"]


def _renamed(have_all: dict, want_all: dict) -> list[tuple[Attrs, Attrs]]:
    def same(a: Attrs, b: Attrs) -> bool:
        return {**a, "name": None, "comment": None} == {**b, "name": None, "comment": None}

    gone = [have_all[k] for k in sorted(have_all.keys() - want_all.keys())]
    new = [want_all[k] for k in sorted(want_all.keys() - have_all.keys())]
    pairs = []
    for old in gone:
        matches = [p for p in new if same(p, old)]
        if len(matches) == 1 and sum(same(p, old) for p in gone) == 1:
            pairs.append((old, matches[0]))
    return pairs


def _replace(
    context: Context, have: Attrs, want: Attrs, instead: list[str]
) -> dict[Change, list[Change]]:
    """migra's drop of the old policy becomes `instead`; its create goes."""
    table = split_name(have["table"])
    drops = context.find(("policy", *table, have["name"]), "drop")
    creates = context.find(("policy", *split_name(want["table"]), want["name"]), "create")
    if len(drops) != 1 or len(creates) != 1:
        return {}
    return {drops[0]: [change(s) for s in instead], creates[0]: []}


def _role(role: str) -> str:
    return "PUBLIC" if role == "public" else ident(role)


PLUGIN = Plugin(
    "policies",
    in_place=in_place,
    in_place_for=(("policy", "drop"), ("policy", "create")),
    after=("partitions",),  # (order kept)
)
