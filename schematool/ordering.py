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
_BODY_START = re.compile(r"\bas\s+\$|\bbegin\s+atomic\b|\breturn\s", re.I)
NO_BODY_CHECK = "set check_function_bodies = off;"


def functions_before_use(statements: list[str]) -> list[str]:
    """Move function creations ahead of the first statement that calls them."""
    result = list(statements)
    for statement in [s for s in statements if _CREATE_FUNCTION.match(s)]:
        name = _name(_CREATE_FUNCTION.match(statement).group(1))
        position = result.index(statement)
        first_use = next(
            (
                i
                for i, s in enumerate(result[:position])
                if not _CREATE_FUNCTION.match(s) and name in _called(s)
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
        if created and _name(created.group(1)) in named:
            earliest = i + 1
    return earliest


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
