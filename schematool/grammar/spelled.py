"""Expressions as the schema files spell them: the text a CHECK, a default, a generated
column, an index, a policy or a domain was written with.

PostgreSQL keeps an expression parsed and shows it deparsed, and some deparsed texts
parse into another tree (`status IN ('a', 'b')` on a varchar column deparses as
`(status)::text = ANY ((ARRAY['a'::character varying, ...])::text[])`, which parses with
a cast on each element). A plan writes such an expression as the file spelled it
(`schematool.diff.round_trip`); this module finds that text, by PostgreSQL's grammar
and lexer, with the object it belongs to as the statement names it. Finding one is
never trusted alone: the text is re-parsed by the server before a plan uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from schematool.grammar.definitions import expression_tree, without_offsets
from schematool.grammar.lexer import scan
from schematool.grammar.tree import Json, Parsed, Unreadable, only, parse, strings

# what `Spelled.attribute` says an expression is
CHECK = "check"  # a table's CHECK constraint: `CHECK (text)`
DEFAULT = "default"  # a column's default
GENERATED = "generated"  # a generated column's expression
INDEX = "index"  # an index: from its column list's "(" to the statement's end
USING = "using"  # a policy's USING
WITH_CHECK = "with_check"  # a policy's WITH CHECK
DOMAIN_DEFAULT = "domain_default"
DOMAIN_CHECK = "domain_check"


@dataclass(frozen=True)
class Spelled:
    """One expression a schema file writes."""

    attribute: str  # CHECK, DEFAULT, ... (above)
    owner: tuple[str, ...]  # the table's (or domain's) raw name parts, as the file names it
    name: str | None  # the constraint, column, index, policy or domain check; None: unnamed
    text: str  # as the file spells it


def spelled(source: str) -> list[Spelled]:
    """Every expression of a schema file whose text can be told (none when the file
    does not parse: the loader reports that)."""
    parsed = parse(source)
    if parsed is None:
        return []
    found: list[Spelled] = []
    for statement in parsed.statements:
        start, end = parsed.span(statement)
        text = source[start:end]
        try:
            reading = _Statement(parsed, start, text)
            kind, body = only(statement["stmt"])
            found += list(_READERS.get(kind, _nothing)(reading, body))
        except (Unreadable, ValueError, IndexError):
            continue  # a statement whose spans cannot be told: its text is not used
    return found


@dataclass(frozen=True)
class _Token:
    name: str  # PostgreSQL's token name: CHECK, IDENT, ASCII_40 for "(", ...
    start: int  # character offsets in the statement, end exclusive
    end: int


_OPEN = frozenset({"ASCII_40", "ASCII_91"})  # ( [
_CLOSE = frozenset({"ASCII_41", "ASCII_93"})  # ) ]
_COMMA = "ASCII_44"
_SEMICOLON = "ASCII_59"
_COMMENTS = frozenset({"C_COMMENT", "SQL_COMMENT"})


class _Statement:
    """One statement's text and tokens; offsets of the parse tree made its own."""

    def __init__(self, parsed: Parsed, start: int, text: str) -> None:
        self.parsed, self.start, self.text = parsed, start, text
        self.tokens = [
            _Token(t.name, t.start, t.end + 1) for t in scan(text) if t.name not in _COMMENTS
        ]

    def at(self, location: int) -> int:
        """The index of the first token at or after a tree location (a UTF-8 offset in
        the whole file)."""
        offset = self.parsed.character(location) - self.start
        for index, token in enumerate(self.tokens):
            if token.start >= offset:
                return index
        raise ValueError("no token there")

    def find(self, names: tuple[str, ...], first: int, last: int | None = None) -> int:
        """The index of the first token of `names` at depth 0 from token `first` on."""
        depth = 0
        for index in range(first, len(self.tokens) if last is None else last):
            name = self.tokens[index].name
            if depth == 0 and name in names:
                return index
            depth += (name in _OPEN) - (name in _CLOSE)
            if depth < 0:
                break
        raise ValueError(f"no {names} here")

    def group(self, opening: int) -> tuple[int, int]:
        """The token indexes of the parenthesis at `opening` and its closing one."""
        depth = 0
        for index in range(opening, len(self.tokens)):
            depth += (self.tokens[index].name in _OPEN) - (self.tokens[index].name in _CLOSE)
            if depth == 0:
                return opening, index
        raise ValueError("unclosed parenthesis")

    def inside(self, opening: int) -> str:
        """The text inside the group opened at token `opening`."""
        first, last = self.group(opening)
        return self.between(first + 1, last)

    def between(self, first: int, stop: int) -> str:
        """The text of tokens `first` up to (not including) `stop`."""
        if stop <= first:
            raise ValueError("nothing there")
        return self.text[self.tokens[first].start : self.tokens[stop - 1].end]

    def grouped_after(self, names: tuple[str, ...], first: int) -> str:
        """The text inside the group that follows the first token of `names`."""
        keyword = self.find(names, first)
        if self.tokens[keyword + 1].name != "ASCII_40":
            raise ValueError("no parenthesis")
        return self.inside(keyword + 1)

    def expression_from(self, first: int, expression: Json) -> str:
        """The shortest run of tokens from `first` on that PostgreSQL reads as
        `expression` (a raw parse tree: a DEFAULT's, whose end no keyword marks)."""
        wanted = without_offsets(expression)
        depth = 0
        for index in range(first, len(self.tokens)):
            name = self.tokens[index].name
            depth += (name in _OPEN) - (name in _CLOSE)
            if depth < 0 or (depth == 0 and name in (_COMMA, _SEMICOLON)):
                break
            if depth == 0:
                text = self.between(first, index + 1)
                if expression_tree(text) == wanted:
                    return text
        raise ValueError("the expression's end is not found")

    def segments(self) -> list[tuple[int, int]]:
        """(first, stop) token indexes of the statement's parts between commas at
        depth 0 (the subcommands of an ALTER TABLE)."""
        parts, first, depth = [], 0, 0
        for index, token in enumerate(self.tokens):
            depth += (token.name in _OPEN) - (token.name in _CLOSE)
            if depth == 0 and token.name == _COMMA:
                parts.append((first, index))
                first = index + 1
        stop = len(self.tokens)
        if stop and self.tokens[-1].name == _SEMICOLON:
            stop -= 1
        parts.append((first, stop))
        return parts


# -- statements -----------------------------------------------------------------------------

Found = Iterator[Spelled]


def _nothing(_: _Statement, __: Json) -> Found:
    return iter(())


def _owner(range_var: Json) -> tuple[str, ...]:
    return tuple(p for p in (range_var.get("schemaname"), range_var["relname"]) if p)


def _constraint(s: _Statement, owner: tuple[str, ...], body: Json, column: str | None) -> Found:
    """A column's or a table's constraint: its CHECK, or the column's default or
    generation expression."""
    kind = body.get("contype")
    first = s.at(body["location"]) if "location" in body else 0
    if kind == "CONSTR_CHECK":
        yield Spelled(CHECK, owner, body.get("conname"), s.grouped_after(("CHECK",), first))
    elif kind == "CONSTR_DEFAULT" and column is not None:
        keyword = s.find(("DEFAULT",), first)
        yield Spelled(DEFAULT, owner, column, s.expression_from(keyword + 1, body["raw_expr"]))
    elif kind == "CONSTR_GENERATED" and column is not None and "raw_expr" in body:
        yield Spelled(GENERATED, owner, column, s.grouped_after(("AS",), first))


def _column(s: _Statement, owner: tuple[str, ...], column: Json) -> Found:
    for item in column.get("constraints", ()):
        yield from _safely(_constraint, s, owner, item["Constraint"], column["colname"])


def _safely(reader: Any, *args: Any) -> Found:
    """What `reader` finds, or nothing where a span cannot be told (others still count)."""
    try:
        yield from list(reader(*args))
    except (ValueError, IndexError):
        return


def _create_table(s: _Statement, body: Json) -> Found:
    owner = _owner(body["relation"])
    for element in body.get("tableElts", ()):
        kind, item = only(element)
        if kind == "ColumnDef":
            yield from _column(s, owner, item)
        elif kind == "Constraint":
            yield from _safely(_constraint, s, owner, item, None)


def _alter_table(s: _Statement, body: Json) -> Found:
    if body.get("objtype", "OBJECT_TABLE") not in ("OBJECT_TABLE", "OBJECT_FOREIGN_TABLE"):
        return
    owner = _owner(body["relation"])
    commands = [c["AlterTableCmd"] for c in body.get("cmds", ())]
    parts = s.segments()
    for number, command in enumerate(commands):
        kind, definition = command.get("subtype"), command.get("def") or {}
        if kind == "AT_AddConstraint" and "Constraint" in definition:
            yield from _safely(_constraint, s, owner, definition["Constraint"], None)
        elif kind == "AT_AddColumn" and "ColumnDef" in definition:
            yield from _column(s, owner, definition["ColumnDef"])
        elif kind == "AT_ColumnDefault" and definition and len(parts) == len(commands):
            yield from _safely(_set_default, s, parts[number], owner, command["name"])


def _set_default(s: _Statement, part: tuple[int, int], owner: tuple[str, ...], name: str) -> Found:
    """`ALTER COLUMN c SET DEFAULT expression`: the expression ends its subcommand."""
    first, stop = part
    keyword = s.find(("DEFAULT",), first, stop)
    yield Spelled(DEFAULT, owner, name, s.between(keyword + 1, stop))


def _index(s: _Statement, body: Json) -> Found:
    opening = s.find(("ASCII_40",), 0)
    stop = len(s.tokens) - (s.tokens[-1].name == _SEMICOLON)
    yield Spelled(INDEX, _owner(body["relation"]), body.get("idxname"), s.between(opening, stop))


def _policy(s: _Statement, body: Json) -> Found:
    owner, name = _owner(body["table"]), body["policy_name"]
    if "qual" in body:
        yield from _safely(_policy_clause, s, USING, owner, name)
    if "with_check" in body:
        yield from _safely(_policy_clause, s, WITH_CHECK, owner, name)


def _policy_clause(s: _Statement, attribute: str, owner: tuple[str, ...], name: str) -> Found:
    if attribute == USING:
        yield Spelled(USING, owner, name, s.grouped_after(("USING",), 0))
        return
    for index in range(len(s.tokens) - 2):  # WITH CHECK: two keywords
        if s.tokens[index].name.startswith("WITH") and s.tokens[index + 1].name == "CHECK":
            yield Spelled(WITH_CHECK, owner, name, s.inside(index + 2))
            return


def _create_domain(s: _Statement, body: Json) -> Found:
    owner = strings(body["domainname"])
    for item in body.get("constraints", ()):
        constraint = item["Constraint"]
        kind = constraint.get("contype")
        first = s.at(constraint["location"]) if "location" in constraint else 0
        if kind == "CONSTR_CHECK":
            check = s.grouped_after(("CHECK",), first)
            yield Spelled(DOMAIN_CHECK, owner, constraint.get("conname"), check)
        elif kind == "CONSTR_DEFAULT":
            keyword = s.find(("DEFAULT",), first)
            text = s.expression_from(keyword + 1, constraint["raw_expr"])
            yield Spelled(DOMAIN_DEFAULT, owner, None, text)


def _alter_domain(s: _Statement, body: Json) -> Found:
    owner = strings(body["typeName"])
    kind, definition = body.get("subtype"), body.get("def") or {}
    if kind == "T" and definition:  # SET DEFAULT: the expression ends the statement
        first, stop = s.segments()[-1]
        keyword = s.find(("DEFAULT",), first, stop)
        yield Spelled(DOMAIN_DEFAULT, owner, None, s.between(keyword + 1, stop))
    elif kind == "C" and definition.get("Constraint", {}).get("contype") == "CONSTR_CHECK":
        constraint = definition["Constraint"]
        first = s.at(constraint["location"]) if "location" in constraint else 0
        check = s.grouped_after(("CHECK",), first)
        yield Spelled(DOMAIN_CHECK, owner, constraint.get("conname"), check)


_READERS = {
    "CreateStmt": _create_table,
    "AlterTableStmt": _alter_table,
    "IndexStmt": _index,
    "CreatePolicyStmt": _policy,
    "AlterPolicyStmt": _policy,
    "CreateDomainStmt": _create_domain,
    "AlterDomainStmt": _alter_domain,
}
