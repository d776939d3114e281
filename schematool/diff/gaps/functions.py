"""Functions whose result type, parameter names, defaults or attributes change.

`CREATE OR REPLACE FUNCTION` cannot change a function's result type or its parameters'
names, nor remove a default, nor make a function a window function or not: migra emits
it anyway, which fails. Such a function is dropped just before migra creates it again.
migra compares only a function's body, language, volatility, strictness and security:
a change to anything else pg_get_functiondef prints (a parameter default, LEAKPROOF,
PARALLEL, COST, ROWS, SUPPORT, WINDOW, a SET configuration) it misses; that function is
replaced late, from its desired definition.
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, change, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.records import Catalog, Function
from schematool.names import split_name


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    identities = {a.signature: k for k, a in context.current_catalog.functions.items()}
    for have, want in _changed(context.current_catalog, context.desired_catalog):
        if not _needs_drop(have, want):
            continue
        if f"function:{identities[have.signature]}" in context.dropped:
            continue  # migra drops it already (its parameter names changed its identity)
        creates = _migra_creates(context, want)
        if len(creates) == 1:
            replacements[creates[0]] = [change(_drop(have)), creates[0]]
    return replacements


def late(context: Context) -> list[Change]:
    """Changes migra does not see (it re-creates none of these functions)."""
    result = []
    identities = {a.signature: k for k, a in context.current_catalog.functions.items()}
    for have, want in _changed(context.current_catalog, context.desired_catalog):
        if f"function:{identities[have.signature]}" in context.dropped:
            continue
        if _migra_creates(context, want):
            continue
        result += [_drop(have)] if _needs_drop(have, want) else []
        result.append(want.definition.rstrip() + ";")
    return changes(result)


def _changed(current: Catalog, desired: Catalog) -> list[tuple[Function, Function]]:
    """(current, desired) attributes of each function both have, matched by name and
    argument types (parameter names are part of the snapshot identity), that differ."""
    have = {a.signature: a for a in current.functions.values() if a.signature is not None}
    pairs = []
    for want in desired.functions.values():
        old = have.get(want.signature)
        if old is not None and old.definition and old.definition != want.definition:
            pairs.append((old, want))
    return pairs


def _header(attrs: Function) -> tuple[list[str], str]:
    """(arguments, result) as pg_get_functiondef prints them."""
    head = attrs.definition.split("\n LANGUAGE ", 1)[0]
    first, _, rest = head.partition("\n")
    arguments = first[first.index("(") + 1 : first.rindex(")")]
    return _split_arguments(arguments), rest.strip()


def _needs_drop(have: Function, want: Function) -> bool:
    if have.kind != want.kind:
        return True  # "cannot change routine kind" (a window function or not)
    (old_args, old_result), (new_args, new_result) = _header(have), _header(want)
    if old_result != new_result:
        return True
    if [_without_default(a) for a in old_args] != [_without_default(a) for a in new_args]:
        return True
    return any(
        " DEFAULT " in a and " DEFAULT " not in b for a, b in zip(old_args, new_args, strict=True)
    )


def _without_default(argument: str) -> str:
    return argument.split(" DEFAULT ", 1)[0]


def _split_arguments(text: str) -> list[str]:
    """Top-level comma-separated arguments (defaults may hold commas and quotes)."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch in "([":
            depth += 1
        elif not quoted and ch in ")]":
            depth -= 1
        elif not quoted and depth == 0 and ch == ",":
            parts.append(text[start:i].strip())
            start = i + 1
    tail = text[start:].strip()
    return parts + [tail] if tail else parts


def _migra_creates(context: Context, want: Function) -> list[Change]:
    """migra's `CREATE OR REPLACE` of the function (by name: overloads share one)."""
    node = ("fn", *split_name(want.signature))
    return [
        c
        for c in context.find(node, "create")
        if c.op.replace and c.op.kind in ("function", "procedure")
    ]


def _drop(have: Function) -> str:
    kind = "PROCEDURE" if have.kind == "procedure" else "FUNCTION"
    return f"DROP {kind} IF EXISTS {have.signature};"


PLUGIN = Plugin(
    "functions",
    in_place=in_place,
    in_place_for=(("function", "create"), ("procedure", "create")),
    late=late,
    after=("constraints",),  # (order kept)
)
