"""Collations as the catalog holds them: migra's `create collation` knows only a provider
and one locale, read from `collcollate`, which an ICU (or builtin) collation leaves
empty: it writes `locale = 'None'`. It also drops `deterministic = false`, ICU `rules`,
and an `lc_ctype` that differs from `lc_collate`.

Where migra's statement would not give the desired collation, it is replaced by one
that states every option. A collation both sides have that differs in what migra does
not compare is dropped and created again, late (PostgreSQL cannot alter one; a
collation still in use then fails to drop, and apply rolls back with that error).
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, change, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import Node, literal, split_name

Attrs = dict[str, Any]

_PROVIDERS = {"c": "libc", "i": "icu", "b": "builtin", "d": "default"}


def in_place(context: Context) -> dict[Change, list[Change]]:
    """migra's `create collation` replaced where it cannot state the collation."""
    replacements: dict[Change, list[Change]] = {}
    for identity, want in sorted(context.desired.get("collation", {}).items()):
        if _migra_can_say(want):
            continue
        for create in context.find(_node(identity), "create", kind="collation"):
            replacements[create] = [change(_create(identity, want))]
    return replacements


def late(context: Context) -> list[Change]:
    """Collations migra keeps although they differ (it compares provider and
    lc_collate only): dropped and created again."""
    result = []
    have_all = context.current.get("collation", {})
    for identity, want in sorted(context.desired.get("collation", {}).items()):
        have = have_all.get(identity)
        if have is None or f"collation:{identity}" in context.dropped:
            continue
        created = context.find(_node(identity), "create", kind="collation")
        if _options(have) != _options(want) and not created:
            result += [f"DROP COLLATION {identity};", _create(identity, want)]
    return changes(result)


def _node(identity: str) -> Node:
    return ("collation", *split_name(identity))


def _options(attrs: Attrs) -> list[str]:
    """CREATE COLLATION's options for a collation's catalog row (pg_collation as JSON:
    PostgreSQL 15 and 16 call the ICU locale colliculocale, 17 on colllocale)."""
    provider = _PROVIDERS.get(attrs.get("collprovider", "c"), "libc")
    options = [f"provider = {provider}"]
    locale = attrs.get("colllocale", attrs.get("colliculocale"))
    collate, ctype = attrs.get("collcollate"), attrs.get("collctype")
    if provider == "libc":
        if collate == ctype:
            options.append(f"locale = {literal(collate or '')}")
        else:
            options.append(f"lc_collate = {literal(collate or '')}")
            options.append(f"lc_ctype = {literal(ctype or '')}")
    else:
        options.append(f"locale = {literal(locale or '')}")
    if attrs.get("collisdeterministic") is False:
        options.append("deterministic = false")
    if attrs.get("collicurules"):
        options.append(f"rules = {literal(attrs['collicurules'])}")
    return options


def _create(identity: str, attrs: Attrs) -> str:
    return f"CREATE COLLATION {identity} ({', '.join(_options(attrs))});"


def _migra_can_say(attrs: Attrs) -> bool:
    """Whether migra's statement (`provider = 'libc', locale = '<collcollate>'`) gives
    the collation: a deterministic libc one whose lc_collate and lc_ctype agree."""
    provider = _PROVIDERS.get(attrs.get("collprovider", "c"), "libc")
    plain = provider == "libc" and attrs.get("collcollate") == attrs.get("collctype")
    return plain and attrs.get("collisdeterministic") is not False and not attrs.get(
        "collicurules"
    )


PLUGIN = Plugin(
    "collations",
    in_place=in_place,
    in_place_for=(("collation", "create"),),
    late=late,
    after=("extensions",),  # (order kept)
)
