"""PostgreSQL's parse trees, read through pglast: one `parse()`, and helpers for nodes.

pglast wraps libpg_query, the server's own parser. This package reads its trees in one
style: libpg_query's JSON (`parser.parse_sql_json`), decoded into plain dicts and lists,
each node a one-key dict `{"NodeKind": {field: value}}`. Fields at their zero value
(false, 0, "", an empty list) are left out of that JSON, so a reader writes
`body.get(field)`, and its offsets (`location`, `stmt_location`, `stmt_len`) count UTF-8
bytes (`Parsed.character` turns one into a character offset, as the lexer counts).

Every parse of SQL text goes through `parse()`, which also decides what a text that does
not parse becomes: None, or the error the caller names. The lexer
(`schematool.grammar.lexer`) is the one other module that calls pglast, for its tokens.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, overload

from schematool.names import Node

Json = dict[str, Any]
Refusal = Callable[[Exception], Exception]  # the parser's error -> the error to raise


@dataclass(frozen=True)
class Parsed:
    """A text read by PostgreSQL's grammar."""

    sql: str  # the text read
    json: str  # libpg_query's JSON text of the whole tree
    statements: list[Json]  # its RawStmt items: {"stmt": node, "stmt_location", "stmt_len"}

    def kinds(self) -> list[tuple[str, Json]]:
        """(node kind, body) of each statement."""
        return [only(statement["stmt"]) for statement in self.statements]

    def character(self, offset: int) -> int:
        """The character offset of one of the tree's offsets (a count of UTF-8 bytes)."""
        if self.sql.isascii():
            return offset
        return len(self.sql.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))

    def span(self, statement: Json) -> tuple[int, int]:
        """A statement's start and end as character offsets (its end is the text's when
        the tree gives it no length: the last statement, without a semicolon)."""
        start = statement.get("stmt_location", 0)
        length = statement.get("stmt_len", 0)
        end = self.character(start + length) if length else len(self.sql)
        return self.character(start), end


class Unreadable(Exception):
    """A text PostgreSQL's parser does not read; `offset` is where it stopped."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@overload
def parse(sql: str) -> Parsed | None: ...
@overload
def parse(sql: str, refuse: Refusal) -> Parsed: ...
def parse(sql: str, refuse: Refusal | None = None) -> Parsed | None:
    """`sql` read by PostgreSQL's grammar. A text that does not parse gives None, or,
    with `refuse`, raises what `refuse` makes of the parser's error."""
    from pglast import parser  # imported when SQL is first read: a no-op plan reads none

    try:
        text = parser.parse_sql_json(sql)
    except parser.ParseError as error:
        if refuse is None:
            return None
        raise refuse(error) from None
    return Parsed(sql, text, json.loads(text).get("stmts", []))


def split(sql: str, refuse: Refusal) -> list[str]:
    """The texts of the statements `sql` holds, as PostgreSQL's grammar splits them;
    raises what `refuse` makes of the parser's error when it does not parse."""
    from pglast import parser

    try:
        return list(parser.split(sql))
    except parser.ParseError as error:
        raise refuse(error) from None


def unreadable(error: Exception) -> Unreadable:
    """The parser's (or the lexer's) error as Unreadable, with the offset it names."""
    where = error.args[1] if len(error.args) > 1 and isinstance(error.args[1], int) else 0
    return Unreadable(str(error.args[0] if error.args else error), where)


def head(statement: str) -> str:
    """The start of a statement, on one line, for an error message."""
    first = " ".join(statement.split())
    return first if len(first) <= 100 else first[:97] + "..."


# -- nodes --------------------------------------------------------------------------------


def only(node: Json) -> tuple[str, Json]:
    """A node's kind and body."""
    ((kind, body),) = node.items()
    return kind, body


def strings(items: list[Json] | None) -> tuple[str, ...]:
    """A list of String nodes (a qualified name) as raw names."""
    return tuple(item["String"]["sval"] for item in items or () if "String" in item)


def qualify(parts: tuple[str, ...]) -> tuple[str, ...]:
    """(schema, name): an unqualified name is taken to be in public, as migra and the gap
    modules always qualify (a fallback only)."""
    return parts if len(parts) > 1 else ("public", *parts)


def relation_node(range_var: Json) -> Node:
    """A RangeVar's Node (`("rel", schema, name)`, public when unqualified)."""
    return ("rel", range_var.get("schemaname") or "public", range_var["relname"])


def list_items(node: Json) -> list[Json]:
    return node["List"]["items"] if "List" in node else [node]


def object_names(node: Json) -> tuple[str, ...]:
    """The name of a DROP / COMMENT / GRANT object, whichever node spells it."""
    kind, body = only(node)
    if kind == "String":
        return (body["sval"],)
    if kind == "List":
        parts: list[str] = []
        for item in body["items"]:
            parts.extend(object_names(item))
        return tuple(parts)
    if kind == "TypeName":
        return strings(body["names"])
    if kind == "ObjectWithArgs":
        return strings(body["objname"])
    if kind == "RangeVar":
        return relation_node(body)[1:]
    return ()


def role_name(spec: Json | None) -> str:
    """A RoleSpec's role: its name, `public`, or `current_user` and the like."""
    if not spec:
        return ""
    kind = spec.get("roletype")
    if kind == "ROLESPEC_PUBLIC":
        return "public"
    if kind == "ROLESPEC_CSTRING":
        return spec["rolename"]
    return kind.removeprefix("ROLESPEC_").lower()


def calls(expression: Any) -> set[str]:
    """Names of the functions an expression calls (anywhere inside it)."""
    found: set[str] = set()
    stack = [expression]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            call = item.get("FuncCall")
            if call is not None:
                names = strings(call.get("funcname"))
                if names:
                    found.add(names[-1])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def column_refs(expression: Any) -> set[tuple[str, ...]]:
    """The names of the columns an expression reads (anywhere inside it)."""
    found: set[tuple[str, ...]] = set()
    stack = [expression]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("ColumnRef")
            if ref is not None:
                found.add(strings(ref.get("fields")))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


# -- expressions written back as SQL (for queries over the data, `plan.data_checks`) ----


def index_key_sql(definition: str) -> tuple[list[str], str | None, bool] | None:
    """A CREATE INDEX (pg_get_indexdef): its key items as SQL (a column's name quoted, an
    expression deparsed), its WHERE clause as SQL, and whether NULLS NOT DISTINCT; None
    for a text that is not one index definition."""
    from pglast import parse_sql, parser
    from pglast.stream import RawStream

    try:
        statements = parse_sql(definition)
    except parser.ParseError:
        return None
    index = statements[0].stmt if len(statements) == 1 else None
    if type(index).__name__ != "IndexStmt":
        return None
    keys = []
    for item in index.indexParams or ():
        if item.expr is not None:
            keys.append(f"({RawStream()(item.expr)})")
        else:
            keys.append(_quoted(item.name))
    where = RawStream()(index.whereClause) if index.whereClause is not None else None
    return keys, where, bool(index.nulls_not_distinct)


def check_sql(definition: str) -> str | None:
    """The expression of a CHECK constraint's definition (pg_get_constraintdef) as SQL;
    None for any other constraint."""
    from pglast import parse_sql, parser
    from pglast.stream import RawStream

    try:
        statements = parse_sql(f"ALTER TABLE t ADD {definition}")
        constraint = statements[0].stmt.cmds[0].def_
    except (parser.ParseError, AttributeError, IndexError, TypeError):
        return None
    if type(constraint).__name__ != "Constraint" or constraint.raw_expr is None:
        return None
    return RawStream()(constraint.raw_expr)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
