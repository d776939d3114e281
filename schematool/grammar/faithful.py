"""Plan expressions that keep their trees: deparsed text that parses back to the same tree.

PostgreSQL stores expressions parsed and shows them deparsed; deparsing is not a fixed
point of parsing. `CHECK (x BETWEEN 1 AND 80 AND y = btrim(y))` reads back as
`(((x >= 1) AND (x <= 80)) AND ...)`: an AND nested first inside an AND. The parser
flattens such nesting on sight, so the constraint migra re-creates from that text reads
back `((x >= 1) AND (x <= 80) AND ...)`: another tree, which pg_dump shows.

`faithful` writes deparsed text so that it parses back to the tree it came from (the
nested operand gets a cast to boolean, which the parser keeps as a separate operand and
then drops, as a cast to its own type); `faithful_statements` does so for a plan's
statements (checks, defaults, views, policies, ... alike). The desired database is
compared as loaded, never rewritten into the form a migration would leave: a difference
that remains after apply is then reported (apply rolls back), not hidden from the check
as pg_dump would still show it (`schematool.inspect.comparable`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from schematool.grammar.change import Change
from schematool.grammar.lexer import tokens

_BOOLEAN_OPERATORS = ("AND", "OR")


@dataclass
class _Group:
    """A parenthesized span of deparsed text and what stands at its top level."""

    close: int = -1  # offset of the closing parenthesis
    items: list[_Group | str] = field(default_factory=list)  # groups and words

    def operator(self) -> str | None:
        """AND or OR when the group is a boolean expression (ruleutils writes each in
        parentheses of its own, with one operator between its operands)."""
        found = {item for item in self.items if item in _BOOLEAN_OPERATORS}
        return found.pop() if len(found) == 1 else None


def faithful(text: str) -> str:
    """`text` (an expression, or a definition holding some, as the server deparses
    them) with every AND or OR that is the first operand of another of its kind cast
    to boolean: `(((a) AND (b)) AND (c))` becomes `(((a) AND (b))::boolean AND (c))`."""
    casts = sorted(_nested_first_operands(text), reverse=True)
    for offset in casts:
        text = text[: offset + 1] + "::boolean" + text[offset + 1 :]
    return text


def _nested_first_operands(text: str) -> Iterator[int]:
    """Offsets of the closing parentheses of boolean groups the parser would flatten."""
    stack = [_Group()]
    for kind, start, end in tokens(text):
        if kind == "(":
            stack.append(_Group())
        elif kind == ")" and len(stack) > 1:
            group = stack.pop()
            group.close = start
            yield from _flattened(group)
            stack[-1].items.append(group)
        elif kind == "word":
            stack[-1].items.append(text[start:end].upper())
        else:
            stack[-1].items.append(kind)
    yield from _flattened(stack[0])


def _flattened(group: _Group) -> Iterator[int]:
    operator = group.operator()
    if operator is None:
        return
    first = group.items[: group.items.index(operator)]
    if len(first) == 1 and isinstance(first[0], _Group) and first[0].operator() == operator:
        yield first[0].close


def faithful_changes(changes: list[Change]) -> list[Change]:
    """The plan's changes with their SQL written faithfully (`faithful_statements`):
    what each does is unchanged (a cast to the type an expression has)."""
    return [
        c if (sql_text := faithful_statements([c.sql])[0]) == c.sql else replace(c, sql=sql_text)
        for c in changes
    ]


def faithful_statements(statements: list[str]) -> list[str]:
    """The plan's statements with every deparsed expression in them written faithfully,
    so that the target gets the trees a load of the schema files gives.

    Safe on any statement: literals, quoted identifiers and dollar-quoted bodies are
    left alone, and the cast it adds is to the type the expression already has. Only a
    statement where a parenthesis closes before an AND or OR can need it."""
    return [faithful(s) if ") AND " in s or ") OR " in s else s for s in statements]
