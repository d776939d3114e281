"""Casts (`CREATE CAST`): migra does not see them.

A cast cannot be altered: one whose function, method or context changes is dropped and
created again, with its comment (the comment goes with the dropped cast). `ordering`
places a creation ahead of whatever needs it, from the desired database's dependencies
(`sql/cast_uses.sql` takes what uses a cast's function, or its types, to need the cast,
since PostgreSQL records nothing against a cast itself).

PostgreSQL keeps no dependency on a cast, so dropping one never drops (nor is refused
by) a view or an index that uses it: those hold the call of the cast's function, which
stays. So `dependents` drops and creates again the views (and plain indexes) using a
cast the plan drops, which then call the new cast's function; a CHECK or a default
using it keeps the old function (it may call that function by name: PostgreSQL cannot
tell). Dropping a cast for good may break queries and function bodies that use it at
run time: that drop carries an untracked-dependency hazard.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from schematool.diff.gapkit.context import Context, change, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change, Hazard
from schematool.hazard_kinds import UNTRACKED_DEPENDENCY
from schematool.names import literal, split_name

Attrs = dict[str, Any]

_CONTEXT = {"assignment": " AS ASSIGNMENT", "implicit": " AS IMPLICIT", "explicit": ""}


def in_place(context: Context) -> dict[Change, list[Change]]:
    """A cast on an enum migra replaces (renamed aside, created anew, the old one
    dropped) is dropped before the rename: after it, the cast's name would be the new
    type's, and the old type could not be dropped while the cast uses it. `early`
    creates it again on the new type."""
    replacements: dict[Change, list[Change]] = {}
    want_all = context.desired.get("cast", {})
    for identity, have in sorted(context.current.get("cast", {}).items()):
        for renamed in _renamed_types(context, have):
            drop = _drop(identity, for_good=identity not in want_all)
            replacements.setdefault(renamed, [renamed]).insert(-1, drop)
            break
    return replacements


def early(context: Context) -> list[Change]:
    """Drops and creations, in the main phase: the dependency sort places them among
    migra's changes, and `dependents` sees the drops (a view using a cast whose function
    changes is created again, so that it calls the new one)."""
    have_all: dict[str, Attrs] = context.current.get("cast", {})
    want_all: dict[str, Attrs] = context.desired.get("cast", {})
    result = [
        _drop(identity, for_good=True)
        for identity in sorted(have_all.keys() - want_all)
        if not _renamed_types(context, have_all[identity])  # else dropped in place
    ]
    for identity, want in sorted(want_all.items()):
        have = have_all.get(identity)
        if have is not None and _renamed_types(context, have):
            have = None  # dropped in place (its enum is replaced)
        elif have is not None and (
            _definition(have) != _definition(want) or _loses_parts(context, have)
        ):
            result.append(_drop(identity, for_good=False))
            have = None
        if have is None:
            result.append(change(_create(identity, want)))
    return result


def late(context: Context) -> list[Change]:
    """Comments, once every cast exists; one dropped and created again lost its own."""
    have_all: dict[str, Attrs] = context.current.get("cast", {})
    result = []
    for identity, want in sorted(context.desired.get("cast", {}).items()):
        have = have_all.get(identity)
        recreated = have is None or _dropped_earlier(context, identity)
        old = None if recreated else have.get("comment")
        if old != want.get("comment"):
            result.append(f"COMMENT ON CAST {identity} IS {literal(want.get('comment'))};")
    return changes(result)


def _definition(attrs: Attrs) -> tuple[Any, ...]:
    return attrs.get("function"), attrs.get("method"), attrs.get("context")


def _create(identity: str, want: Attrs) -> str:
    """CREATE CAST from the snapshot: the types and the function as format_type() and
    regprocedure spell them with only pg_catalog on the search path (qualified)."""
    method = want.get("method")
    if method == "function":
        how = f" WITH FUNCTION {want['function']}"
    elif method == "inout":
        how = " WITH INOUT"
    else:
        how = " WITHOUT FUNCTION"
    return f"CREATE CAST {identity}{how}{_CONTEXT[want.get('context', 'explicit')]};"


def _renamed_types(context: Context, have: Attrs) -> list[Change]:
    """migra's renames of the cast's source or target type (an enum it replaces)."""
    found: list[Change] = []
    for type_name in (have.get("source"), have.get("target")):
        node = ("rel", *split_name(type_name or ""))
        if len(node) == 3:
            found += context.find(node, "rename", kind="type")
    return found


def _dropped_earlier(context: Context, identity: str) -> bool:
    """Whether a change before the late phase (this module's own) drops it."""
    have = context.current["cast"][identity]
    node = ("cast", have.get("source"), have.get("target"))
    return bool(context.find(node, "drop", kind="cast"))


def _loses_parts(context: Context, have: Attrs) -> bool:
    """Whether the plan drops (perhaps to create again) the cast's function or one of
    its types: PostgreSQL refuses that while the cast exists, so the cast goes first
    (the target's dependencies order the drop) and comes back after."""
    types = {have.get("source"), have.get("target")}
    function = have.get("function") or ""
    function_key = "function:" + function.split("(", 1)[0] + "("
    for key in context.dropped:
        kind, _, identity = key.partition(":")
        if kind in _TYPE_KINDS and identity in types or key.startswith(function_key):
            return True
    return False


_TYPE_KINDS = ("enum", "composite_type", "domain", "range_type")


def _drop(identity: str, for_good: bool) -> Change:
    dropped = change(f"DROP CAST {identity};")
    if not for_good:
        return dropped
    reason = (
        f"drops cast {identity}: PostgreSQL records no dependency on a cast, so queries"
        " and function bodies that use it fail only when they run"
    )
    return replace(dropped, hazards=(Hazard(UNTRACKED_DEPENDENCY, reason),))


PLUGIN = Plugin(
    "casts",
    early=early,
    in_place=in_place,
    in_place_for=(("type", "rename"),),
    late=late,
    after=("aggregates",),  # (order kept)
)
