"""Text search dictionaries and configurations: migra does not see them.

They are planned in the main phase, before the tables (the dependency sort moves them
before what uses them: a generated column or an index calling `to_tsvector('app.english',
...)`, a view; PostgreSQL records those uses). Both change in place: a dictionary's
options (`ALTER TEXT SEARCH DICTIONARY ... (option = value, dropped_option)`), a
configuration's token-type mappings (`ALTER TEXT SEARCH CONFIGURATION ... ADD / ALTER /
DROP MAPPING`), so a configuration that columns and indexes use is never dropped for a
new mapping. Only a dictionary's template and a configuration's parser cannot be
altered: such an object is dropped and created again; the mappings to a dictionary made
again are dropped before it and added back after (a configuration with a new parser
PostgreSQL refuses to drop while a column or index uses it: apply then rolls back).
`COPY = other` in a schema file is how it was created, not something it keeps: the plan
creates its parser and mappings as they are.
Text search parsers and templates need C functions and stay unmanaged (coverage.py).
Owners and comments are `owners`' and `comments`'.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar import definitions
from schematool.grammar.change import Change
from schematool.names import ident, literal

Attrs = dict[str, Any]

_DICTIONARY = "TEXT SEARCH DICTIONARY"
_CONFIGURATION = "TEXT SEARCH CONFIGURATION"


def early(context: Context) -> list[Change]:
    """Mappings to dictionaries made again are dropped first (PostgreSQL refuses to
    drop a dictionary a configuration maps to) and added back after them."""
    remade = _remade_dictionaries(context)
    released, configurations = _configurations(context, remade)
    return changes(released + _dictionaries(context) + configurations)


def _remade_dictionaries(context: Context) -> set[str]:
    """Dictionaries both sides hold whose template changes: dropped and created again."""
    have_all = context.current.get("text_search_dictionary", {})
    want_all = context.desired.get("text_search_dictionary", {})
    return {
        name
        for name, want in want_all.items()
        if name in have_all and have_all[name].get("template") != want.get("template")
    }


def _dictionaries(context: Context) -> list[str]:
    have_all = context.current.get("text_search_dictionary", {})
    want_all = context.desired.get("text_search_dictionary", {})
    result = [f"DROP {_DICTIONARY} {name};" for name in sorted(have_all.keys() - want_all.keys())]
    for name, want in sorted(want_all.items()):
        have = have_all.get(name)
        if have is not None and have.get("template") != want.get("template"):
            result.append(f"DROP {_DICTIONARY} {name};")
            have = None
        if have is None:
            options = "".join(f", {item}" for item in _option_items(_options(want), {}))
            result.append(f"CREATE {_DICTIONARY} {name} (TEMPLATE = {want['template']}{options});")
            continue
        items = _option_items(_options(want), _options(have))
        if items:
            result.append(f"ALTER {_DICTIONARY} {name} ({', '.join(items)});")
    return result


def _options(attrs: Attrs) -> dict[str, str | None]:
    text = attrs.get("options")
    return dict(definitions.text_search_options(text)) if text else {}


def _option_items(want: dict[str, str | None], have: dict[str, str | None]) -> list[str]:
    """`name = 'value'` for each option set or changed, the bare name for each one
    dropped (ALTER TEXT SEARCH DICTIONARY's spelling of removing it)."""
    items = [
        ident(key) if value is None else f"{ident(key)} = {literal(value)}"
        for key, value in want.items()
        if key not in have or have[key] != value
    ]
    return items + [ident(key) for key in have if key not in want]


def _configurations(context: Context, remade: set[str]) -> tuple[list[str], list[str]]:
    """(what runs before the dictionaries change: configurations dropped, mappings to
    `remade` dictionaries dropped; what runs after: the rest)."""
    have_all = context.current.get("text_search_configuration", {})
    want_all = context.desired.get("text_search_configuration", {})
    before = [
        f"DROP {_CONFIGURATION} {name};" for name in sorted(have_all.keys() - want_all.keys())
    ]
    result = []
    for name, want in sorted(want_all.items()):
        have = have_all.get(name)
        if have is not None and have.get("parser") != want.get("parser"):
            before.append(f"DROP {_CONFIGURATION} {name};")
            have = None
        if have is None:
            result.append(f"CREATE {_CONFIGURATION} {name} (PARSER = {want['parser']});")
            have = {}
        mappings = dict(have.get("mappings") or {})
        released = sorted(t for t, used in mappings.items() if remade & set(used))
        if released:
            tokens = ", ".join(ident(t) for t in released)
            before.append(f"ALTER {_CONFIGURATION} {name} DROP MAPPING FOR {tokens};")
            for token in released:
                del mappings[token]
        result += _mappings(name, mappings, want.get("mappings") or {})
    return before, result


def _mappings(name: str, have: dict[str, list[str]], want: dict[str, list[str]]) -> list[str]:
    """DROP, ALTER and ADD MAPPING, one statement per operation and list of dictionaries
    (token types in name order), as few as the differences allow."""
    dropped = sorted(token for token in have if token not in want)
    result = []
    if dropped:
        tokens = ", ".join(ident(t) for t in dropped)
        result.append(f"ALTER {_CONFIGURATION} {name} DROP MAPPING FOR {tokens};")
    for verb, chosen in (
        ("ALTER", {t: d for t, d in want.items() if t in have and have[t] != d}),
        ("ADD", {t: d for t, d in want.items() if t not in have}),
    ):
        groups: dict[tuple[str, ...], list[str]] = {}
        for token, dictionaries in chosen.items():
            groups.setdefault(tuple(dictionaries), []).append(token)
        for dictionaries, tokens in sorted(groups.items(), key=lambda g: sorted(g[1])):
            result.append(
                f"ALTER {_CONFIGURATION} {name} {verb} MAPPING FOR"
                f" {', '.join(ident(t) for t in sorted(tokens))} WITH {', '.join(dictionaries)};"
            )
    return result


PLUGIN = Plugin(
    "text_search",
    early=early,
)
