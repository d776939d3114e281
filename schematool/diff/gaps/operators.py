"""Operators (`CREATE OPERATOR`): migra does not see them.

Created, dropped, and dropped and created again in the main phase (`early`), where the
dependency sort places them among migra's changes (an operator after its function and
types, before a view, index or exclusion constraint using it) and `dependents` sees
the drops: a view reading an operator the plan re-creates is dropped before it and
created again after. Changed in place (`ALTER OPERATOR ... SET`): its selectivity
estimators (RESTRICT, JOIN) on every supported server, and from PostgreSQL 17 on a
COMMUTATOR or NEGATOR it did not have (naming an operator the target has) and HASHES or
MERGES turned on, all PostgreSQL allows there. Any other change (function, argument or
result types, a link changed or removed, a flag turned off, or those on PostgreSQL 15
and 16) re-creates it. Owners and comments are `owners`' and `comments`'.

A commutator or negator the plan has not created yet is made a shell by the first
CREATE OPERATOR naming it and filled in by its own (pairs in one plan); dropping one of
a pair clears the other's link, and creating it again sets it again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from schematool.diff.gapkit.context import Context, change
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change, Hazard
from schematool.hazard_kinds import UNTRACKED_DEPENDENCY
from schematool.names import ident, split_name

Attrs = dict[str, Any]

# what CREATE OPERATOR sets that ALTER OPERATOR cannot change on every supported server
_DEFINITION = ("function", "left", "right", "result", "commutator", "negator", "hashes", "merges")
_ESTIMATORS = ("restrict", "join")


def early(context: Context) -> list[Change]:
    have_all: dict[str, Attrs] = context.current.get("operator", {})
    want_all: dict[str, Attrs] = context.desired.get("operator", {})
    result = [_dropped_for_good(identity) for identity in sorted(have_all.keys() - want_all)]
    alterable = _ALTERABLE if (context.server_version or 0) >= 17 else ()
    for identity, want in sorted(want_all.items()):
        have = _unlinked(have_all.get(identity), want_all)
        if have is not None and not _in_place(have, want, alterable, have_all):
            result.append(change(f"DROP OPERATOR {identity};"))
            have = None
        if have is None:
            result.append(change(_create(identity, want)))
            continue
        options = _options(have, want)
        if options:
            result.append(change(f"ALTER OPERATOR {identity} SET ({', '.join(options)});"))
    return result


# what ALTER OPERATOR ... SET changes from PostgreSQL 17 on, and only one way: a link
# the operator lacks, a flag turned on
_ALTERABLE = ("commutator", "negator", "hashes", "merges")


def _in_place(have: Attrs, want: Attrs, alterable: tuple[str, ...], have_all: dict) -> bool:
    """Whether ALTER OPERATOR can make `have` into `want` on this server."""
    for key in _DEFINITION:
        old, new = have.get(key), want.get(key)
        if old == new:
            continue
        if key not in alterable or old:
            return False
        if key in ("commutator", "negator") and new not in have_all:
            return False  # one the plan creates: made (as a shell) by CREATE alone
    return True


def _options(have: Attrs, want: Attrs) -> list[str]:
    """ALTER OPERATOR ... SET's options that make `have` into `want` (`_in_place`)."""
    options = []
    for key in ("commutator", "negator"):
        if have.get(key) != want.get(key):
            options.append(f"{key.upper()} = OPERATOR({_operator_name(want[key])})")
    options += [key.upper() for key in ("hashes", "merges") if have.get(key) != want.get(key)]
    options += [
        f"{key.upper()} = {want.get(key) or 'NONE'}"
        for key in _ESTIMATORS
        if have.get(key) != want.get(key)
    ]
    return options


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


PLUGIN = Plugin(
    "operators",
    early=early,
    after=("casts",),  # (order kept)
)
