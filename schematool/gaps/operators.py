"""Operators (`CREATE OPERATOR`): migra does not see them.

Created, dropped, and dropped and created again in the main phase (`early`), where the
dependency sort places them among migra's changes (an operator after its function and
types, before a view, index or exclusion constraint using it) and `dependents` sees
the drops: a view reading an operator the plan re-creates is dropped before it and
created again after. Its selectivity estimators (RESTRICT, JOIN) are changed in place
(`ALTER OPERATOR ... SET`, every supported server); any other change (function,
argument or result types, COMMUTATOR, NEGATOR, HASHES, MERGES) re-creates it: PostgreSQL
15 and 16 cannot alter those. Owners and comments are `owners`' and `comments`'.

A commutator or negator the plan has not created yet is made a shell by the first
CREATE OPERATOR naming it and filled in by its own (pairs in one plan); dropping one of
a pair clears the other's link, and creating it again sets it again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from schematool.change import Change, Hazard
from schematool.gaps.context import Context, change, changes
from schematool.hazards import UNTRACKED_DEPENDENCY
from schematool.names import ident, split_name

Attrs = dict[str, Any]

# what CREATE OPERATOR sets that ALTER OPERATOR cannot change on every supported server
_DEFINITION = ("function", "left", "right", "result", "commutator", "negator", "hashes", "merges")
_ESTIMATORS = ("restrict", "join")


def early(context: Context) -> list[Change]:
    have_all: dict[str, Attrs] = context.current.get("operator", {})
    want_all: dict[str, Attrs] = context.desired.get("operator", {})
    result = [_dropped_for_good(identity) for identity in sorted(have_all.keys() - want_all)]
    for identity, want in sorted(want_all.items()):
        have = _unlinked(have_all.get(identity), want_all)
        if have is not None and _definition(have) != _definition(want):
            result.append(change(f"DROP OPERATOR {identity};"))
            have = None
        if have is None:
            result.append(change(_create(identity, want)))
    return result


def late(context: Context) -> list[Change]:
    """RESTRICT and JOIN of operators kept as they are otherwise."""
    have_all: dict[str, Attrs] = context.current.get("operator", {})
    result = []
    for identity, want in sorted(context.desired.get("operator", {}).items()):
        have = have_all.get(identity)
        if have is None or _definition(have) != _definition(want):
            continue  # created by `early`, estimators included
        options = [
            f"{option.upper()} = {want.get(option) or 'NONE'}"
            for option in _ESTIMATORS
            if have.get(option) != want.get(option)
        ]
        if options:
            result.append(f"ALTER OPERATOR {identity} SET ({', '.join(options)});")
    return changes(result)


def _unlinked(have: Attrs | None, want_all: dict[str, Attrs]) -> Attrs | None:
    """The operator as it is once the operators dropped for good are gone: PostgreSQL
    clears the commutator and negator links to a dropped operator."""
    if have is None:
        return None
    gone = [key for key in ("commutator", "negator") if have.get(key) not in (None, *want_all)]
    return {**have, **dict.fromkeys(gone)} if gone else have


def _definition(attrs: Attrs) -> tuple[Any, ...]:
    return tuple(attrs.get(key) for key in _DEFINITION)


def _create(identity: str, want: Attrs) -> str:
    """CREATE OPERATOR from the snapshot (types, functions and operators as the catalog
    spells them with only pg_catalog on the search path: qualified)."""
    options = [f"FUNCTION = {want['function']}"]
    if want.get("left"):
        options.append(f"LEFTARG = {want['left']}")
    options.append(f"RIGHTARG = {want['right']}")
    for option in ("commutator", "negator"):
        if want.get(option):
            options.append(f"{option.upper()} = OPERATOR({_operator_name(want[option])})")
    for option in _ESTIMATORS:
        if want.get(option):
            options.append(f"{option.upper()} = {want[option]}")
    options += [flag.upper() for flag in ("hashes", "merges") if want.get(flag)]
    return f"CREATE OPERATOR {_operator_name(identity)} ({', '.join(options)});"


def _operator_name(identity: str) -> str:
    """`public.===(text,text)` -> `public.===`: an operator's name is never quoted (its
    characters are no identifier's), its schema is."""
    schema, name = split_name(identity)
    return f"{ident(schema)}.{name}"


def _dropped_for_good(identity: str) -> Change:
    dropped = change(f"DROP OPERATOR {identity};")
    reason = (
        f"drops operator {identity}: function bodies that use it (which PostgreSQL does"
        " not track) fail when they run"
    )
    return replace(dropped, hazards=(Hazard(UNTRACKED_DEPENDENCY, reason),))
