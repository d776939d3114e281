"""Statement order fixes for migra's fixed phases.

migra creates all functions after all tables and their constraints, so a CHECK, a column
default or a generated column that calls a function the same plan creates fails with
"function does not exist". This moves each such function creation to just before its
first use, and never before the creation of a type, domain or table its own signature
names. Bodies are not checked at creation (`check_function_bodies = off`, which migra
already emits before its function block and is repeated here), so a body may refer to
tables created later.
"""

from __future__ import annotations

import re

from schematool.hazards import unquote

_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
_QNAME = rf"{_IDENT}(?:\s*\.\s*{_IDENT})?"
_CREATE_FUNCTION = re.compile(
    rf"^\s*create\s+(?:or\s+replace\s+)?(?:function|procedure)\s+({_QNAME})\s*\(", re.I
)
_CALL = re.compile(rf"({_QNAME})\s*\(")
_CREATES_TYPE = re.compile(
    rf"^\s*create\s+(?:unlogged\s+)?(?:table|type|domain|view|materialized\s+view)\s+"
    rf"(?:if\s+not\s+exists\s+)?({_QNAME})",
    re.I,
)
_DROP = re.compile(r"^\s*drop\s", re.I)  # names a function, does not call it
_BODY_START = re.compile(r"\bas\s+\$|\bbegin\s+atomic\b|\breturn\s", re.I)
NO_BODY_CHECK = "set check_function_bodies = off;"


def functions_before_use(statements: list[str]) -> list[str]:
    """Move function creations after the types their signatures name, then ahead of the
    first statement that calls them."""
    result = _functions_after_their_types(list(statements))
    for statement in [s for s in statements if _CREATE_FUNCTION.match(s)]:
        name = _name(_CREATE_FUNCTION.match(statement).group(1))
        position = result.index(statement)
        first_use = next(
            (
                i
                for i, s in enumerate(result[:position])
                if not _CREATE_FUNCTION.match(s) and not _DROP.match(s) and name in _called(s)
            ),
            None,
        )
        if first_use is None:
            continue
        earliest = _after_signature_types(statement, result)
        target = max(first_use, earliest)
        if target >= position:
            continue
        del result[position]
        result[target:target] = [NO_BODY_CHECK, statement]
    return _drop_repeated_setting(result)


def _functions_after_their_types(statements: list[str]) -> list[str]:
    """migra creates functions before composite types (and never creates domains or range
    types, which the gap modules create): a function returning such a type must wait."""
    result = list(statements)
    for statement in [s for s in statements if _CREATE_FUNCTION.match(s)]:
        position = result.index(statement)
        earliest = _after_signature_types(statement, result)
        if earliest > position + 1:
            del result[position]
            result.insert(earliest - 1, statement)
    return result


def _name(qname: str) -> str:
    return unquote(re.sub(r"\s*\.\s*", ".", qname))


def _called(statement: str) -> set[str]:
    return {_name(q) for q in _CALL.findall(statement)}


def _after_signature_types(function: str, statements: list[str]) -> int:
    """The first index after every statement that creates a type the signature names."""
    header = _BODY_START.split(function, maxsplit=1)[0]
    named = {_name(q) for q in re.findall(_QNAME, header)}
    earliest = 0
    for i, statement in enumerate(statements):
        created = _CREATES_TYPE.match(statement)
        if created and _names_match(_name(created.group(1)), named):
            earliest = i + 1
    return earliest


def _names_match(created: str, named: set[str]) -> bool:
    """`public.t` is named as `public.t`, or as `t` (pg_get_functiondef leaves names on
    the search path unqualified)."""
    return created in named or created.rsplit(".", 1)[-1] in named


def _drop_repeated_setting(statements: list[str]) -> list[str]:
    """Keep the first `set check_function_bodies = off;`: it lasts for the session."""
    seen = False
    kept = []
    for statement in statements:
        if statement.strip().lower() == NO_BODY_CHECK:
            if seen:
                continue
            seen = True
        kept.append(statement)
    return kept


_CREATE_TABLE = re.compile(
    rf"^\s*create\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?({_QNAME})", re.I
)
_PARENTS = re.compile(rf"\)\s*inherits\s*\(([^)]*)\)|\spartition\s+of\s+({_QNAME})", re.I)


def tables_after_parents(statements: list[str]) -> list[str]:
    """migra creates tables in name order: a child (INHERITS, PARTITION OF) that sorts
    before its parent waits for the parent's creation, then follows it (in its order)."""
    created = {_name(m.group(1)) for s in statements if (m := _CREATE_TABLE.match(s))}
    result: list[str] = []
    placed: set[str] = set()
    waiting: list[tuple[set[str], str]] = []

    def place(statement: str) -> None:
        result.append(statement)
        match = _CREATE_TABLE.match(statement)
        if match:
            placed.add(_name(match.group(1)))
            ready = [entry for entry in waiting if entry[0] <= placed]
            for entry in ready:
                waiting.remove(entry)
            for _, child in ready:
                place(child)

    for statement in statements:
        parents = _parents(statement) & created if _CREATE_TABLE.match(statement) else set()
        if parents <= placed:
            place(statement)
        else:
            waiting.append((parents, statement))
    return result + [statement for _, statement in waiting]


def _parents(create: str) -> set[str]:
    parents: set[str] = set()
    for inherits, partition_of in _PARENTS.findall(create):
        names = re.findall(_QNAME, inherits) if inherits else [partition_of]
        parents |= {_name(n) for n in names}
    return parents
