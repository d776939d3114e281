"""Annotations: comments beside definitions, and the definitions they stand beside.

Read by `schematool.desired.annotations`: a `-- schematool:` comment ending a line of a
column, or standing on the line above a statement, is about that column or what the
statement creates. Comments are found by PostgreSQL's lexer and definitions by its
parser, so a `--` inside a string or a function body is no comment.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from schematool.grammar.lexer import scan
from schematool.grammar.tree import Json, Parsed, only, parse, strings, unreadable

ABOVE = "above"  # an annotation on the line directly above the statement
LINE_END = "line end"  # an annotation ending one of the definition's lines


@dataclass(frozen=True)
class Site:
    """An object a schema file defines, and where a comment about it may stand.

    `names` are its raw names as the file spells them; the schema of a relation, type or
    function written without one is "" (the reader resolves it against the desired
    schema). A column's, constraint's or enum label's names start with its table's (or
    type's). An unnamed constraint or index has "" as its name. A LINE_END site spans
    from its first token up to the next site's (the last one's up to the end of the
    parenthesized list it stands in); an ABOVE site, its whole statement."""

    kind: str  # schema, table, column, constraint, view, materialized view, index,
    # sequence, type, domain, enum value, function, procedure; "other": nothing renamable
    names: tuple[str, ...]
    start: int  # character offset of the definition's first token
    end: int  # character offset just past its span
    placement: str  # ABOVE or LINE_END


@dataclass(frozen=True)
class Remark:
    """A comment whose text starts with a marker, and the definition it stands beside
    (None: beside none, by the placement rules)."""

    start: int  # character offset of the comment
    text: str  # the comment without its `--` (or `/* */`), stripped
    block: bool  # a /* */ comment
    site: Site | None


COMMENTS = frozenset({"SQL_COMMENT", "C_COMMENT"})  # the lexer's comment tokens
_LABEL_TOKENS = frozenset({"SCONST", "USCONST"})
Spanned = tuple[int, int, list[Site]]  # a statement's start, end and its sites


def remarks(text: str, marker: str) -> list[Remark]:
    """Every comment of `text` whose text starts with `marker`, with the definition it
    annotates: a comment ending a line of a column (or table constraint) inside `CREATE
    TABLE`, or of a label inside `CREATE TYPE ... AS ENUM`, annotates that; a comment on
    a line of its own, directly above the first line of a statement, annotates what the
    statement creates. Read with PostgreSQL's lexer and parser, so a `--` inside a
    string or a function body is no comment. Raises Unreadable."""
    tokens, statements = tokens_and_statements(text)
    lines = _line_starts(text)
    found = []
    for position, token in enumerate(tokens):
        if token.name not in COMMENTS:
            continue
        body = _comment_text(text, token)
        if body.startswith(marker):
            site = _placed(tokens, position, statements, lines)
            found.append(Remark(token.start, body, token.name == "C_COMMENT", site))
    return found


def sites(text: str) -> list[Site]:
    """Every definition of `text` an annotation may stand beside (see `remarks`).
    Raises Unreadable."""
    _, statements = tokens_and_statements(text)
    return [site for _, _, found in statements for site in found]


def tokens_and_statements(text: str) -> tuple[list[Any], list[Spanned]]:
    """The lexer's tokens of `text` and each statement's span and sites. Raises
    Unreadable."""
    tokens = scan(text)
    code = [t for t in tokens if t.name not in COMMENTS]
    statements = []
    parsed = parse(text, unreadable)
    for item in parsed.statements:
        start, end = parsed.span(item)
        inside = [t for t in code if start <= t.start < end]
        statements.append((start, end, _sites(item["stmt"], start, end, inside, parsed)))
    return tokens, statements


def _comment_text(text: str, token: Any) -> str:
    raw = text[token.start : token.end + 1]
    return (raw[2:-2] if token.name == "C_COMMENT" else raw[2:]).strip()


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def _placed(
    tokens: list[Any], position: int, statements: list[Spanned], lines: list[int]
) -> Site | None:
    """The site the comment at tokens[position] annotates, by the placement rules."""
    comment = tokens[position]
    line = bisect.bisect_right(lines, comment.start)
    before = next((t for t in reversed(tokens[:position]) if t.name not in COMMENTS), None)
    if before is not None and bisect.bisect_right(lines, before.end) == line:
        # at the end of a line: of the column (or label) whose span holds that token
        return next(
            (
                site
                for _, _, found in statements
                for site in found
                if site.placement == LINE_END and site.start <= before.start < site.end
            ),
            None,
        )
    after = next((t for t in tokens[position + 1 :] if t.name not in COMMENTS), None)
    if after is None or bisect.bisect_right(lines, after.start) != line + 1:
        return None
    for start, _, found in statements:
        if start == after.start:
            return next((s for s in found if s.placement == ABOVE), None)
    return None


def _sites(statement: Json, start: int, end: int, tokens: list[Any], parsed: Parsed) -> list[Site]:
    """The sites of one statement: what it creates (ABOVE) and its columns, table
    constraints or enum labels (LINE_END)."""
    node_kind, body = only(statement)
    created = _created(node_kind, body)
    if created is None:
        return [Site("other", (), start, end, ABOVE)]
    kind, names = created
    found = [Site(kind, names, start, end, ABOVE)]
    if node_kind == "CreateStmt":
        found += _element_sites(body, names, tokens, parsed)
    elif node_kind == "CreateEnumStmt":
        found += _label_sites(body, names, tokens)
    return found


def rangevar_names(range_var: Json) -> tuple[str, str]:
    """A RangeVar's (schema, name) as the file spells it (schema "" when unqualified)."""
    return (range_var.get("schemaname") or "", range_var["relname"])


def any_name(items: list[Json] | None) -> tuple[str, str]:
    """A qualified name's (schema, name) as the file spells it (schema "" when
    unqualified)."""
    parts = strings(items)
    return ("", parts[0]) if len(parts) == 1 else (parts[-2], parts[-1])


def _created(kind: str, body: Json) -> tuple[str, tuple[str, ...]] | None:
    """(kind, names) of what a statement creates, for the kinds PostgreSQL renames."""
    if kind == "CreateSchemaStmt" and body.get("schemaname"):
        return "schema", (body["schemaname"],)
    if kind == "CreateStmt":
        return "table", rangevar_names(body["relation"])
    if kind == "CreateTableAsStmt":
        created = "materialized view" if body.get("objtype") == "OBJECT_MATVIEW" else "table"
        return created, rangevar_names(body["into"]["rel"])
    if kind == "ViewStmt":
        return "view", rangevar_names(body["view"])
    if kind == "IndexStmt":
        return "index", (body["relation"].get("schemaname") or "", body.get("idxname") or "")
    if kind == "CreateSeqStmt":
        return "sequence", rangevar_names(body["sequence"])
    if kind in ("CreateEnumStmt", "CreateRangeStmt"):
        return "type", any_name(body.get("typeName"))
    if kind == "CompositeTypeStmt":
        return "type", rangevar_names(body["typevar"])
    if kind == "CreateDomainStmt":
        return "domain", any_name(body.get("domainname"))
    if kind == "CreateFunctionStmt":
        created = "procedure" if body.get("is_procedure") else "function"
        return created, any_name(body.get("funcname"))
    if kind == "AlterTableStmt" and len(body.get("cmds", ())) == 1:
        command = body["cmds"][0]["AlterTableCmd"]
        constraint = (command.get("def") or {}).get("Constraint")
        if command["subtype"] == "AT_AddConstraint" and constraint is not None:
            return "constraint", (
                *rangevar_names(body["relation"]),
                constraint.get("conname") or "",
            )
    return None  # a foreign table, among others: not renamed by annotation


def _element_sites(
    body: Json, table: tuple[str, ...], tokens: list[Any], parsed: Parsed
) -> list[Site]:
    """A CREATE TABLE's columns and table constraints (anything else in its list, a
    LIKE, is an "other" site when its node has a location)."""
    starts: list[tuple[str, tuple[str, ...], int]] = []
    for element in body.get("tableElts", ()):
        kind, item = only(element)
        at = parsed.character(item.get("location", 0))
        if kind == "ColumnDef":
            starts.append(("column", (*table, item["colname"]), at))
        elif kind == "Constraint":
            starts.append(("constraint", (*table, item.get("conname") or ""), at))
        elif item.get("location", -1) >= 0:
            starts.append(("other", (), at))
    return _spans(starts, tokens)


def _label_sites(body: Json, enum: tuple[str, ...], tokens: list[Any]) -> list[Site]:
    """A CREATE TYPE ... AS ENUM's labels, each from its string constant."""
    constants = [t for t in tokens if t.name in _LABEL_TOKENS]
    labels = list(strings(body.get("vals")))
    if len(constants) != len(labels):
        return []  # spelled in a way not read here: its labels take no annotation
    starts = [
        ("enum value", (*enum, label), token.start)
        for label, token in zip(labels, constants, strict=True)
    ]
    return _spans(starts, tokens)


def _spans(starts: list[tuple[str, tuple[str, ...], int]], tokens: list[Any]) -> list[Site]:
    """LINE_END sites, each spanning up to the next one; the last up to the `)` that
    closes the list they stand in."""
    if not starts:
        return []
    ends = [start for _, _, start in starts[1:]] + [_list_end(tokens, starts[-1][2])]
    return [
        Site(kind, names, start, end, LINE_END)
        for (kind, names, start), end in zip(starts, ends, strict=True)
    ]


def _list_end(tokens: list[Any], last: int) -> int:
    """The offset of the `)` closing the parenthesized list whose last item starts at
    `last` (the end of the statement when there is none)."""
    depth = 0
    for token in (t for t in tokens if t.start >= last):
        if token.name == "ASCII_40":
            depth += 1
        elif token.name == "ASCII_41":
            if depth == 0:
                return token.start
            depth -= 1
    return tokens[-1].end + 1 if tokens else last
