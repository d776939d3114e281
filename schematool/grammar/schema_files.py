"""Schema files read whole, with PostgreSQL's grammar: what they create, and what they rename.

Each reader takes a file's text; one that does not parse gives nothing (the loader
reports it, with its line), except `renamings`, which raises Unreadable.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from schematool.grammar import reader
from schematool.grammar.annotated import COMMENTS, any_name, rangevar_names, tokens_and_statements
from schematool.grammar.change import CREATE
from schematool.grammar.tree import (
    Json,
    Unreadable,
    calls,
    list_items,
    only,
    parse,
    relation_node,
    split,
    unreadable,
)
from schematool.names import Node, object_types


def _file_statements(source: str) -> list[tuple[str, Json]]:
    """(kind, body) of each statement of a schema file, by PostgreSQL's grammar; empty
    when the file does not parse (the loader reports that, with its line)."""
    parsed = parse(source)
    return [] if parsed is None else parsed.kinds()


# Nodes of objects that come and go with their table: not objects of their own
_PARTS = frozenset({"col", "con", "trigger", "policy", "rule"})


def objects_created(source: str, name: str) -> list[Node]:
    """The objects a file's statements create (schemas, relations, types, functions,
    extensions, ...), as statements name them; a table's parts are the table's, and
    statements that create nothing (an INSERT) are passed over."""
    try:
        statements = [text for text in split(source, unreadable) if text.strip()]
    except Unreadable:
        return []  # the loader reports it, with its line
    found: list[Node] = []
    for change in reader.read_all(statements, name):
        for op in change.ops:
            if op.effect == CREATE and op.node[0] not in _PARTS and op.node not in found:
                found.append(op.node)
    return found


def tables_created(source: str) -> list[Node]:
    """The tables a schema file's `CREATE TABLE`s create, by PostgreSQL's grammar
    (empty when the file does not parse: the loader reports that)."""
    found = []
    for kind, body in _file_statements(source):
        if kind == "CreateStmt":
            found.append(relation_node(body["relation"]))
    return found


# statements creating objects of the kinds coverage.py names unmanaged
_UNMANAGED_STATEMENTS = {
    "CreateSubscriptionStmt": "subscription",
    "CreateOpClassStmt": "operator class",
    "CreateOpFamilyStmt": "operator family",
    "CreateTransformStmt": "transform",
    "CreatePLangStmt": "language",
    "CreateConversionStmt": "conversion",
    "CreateAmStmt": "access method",
}
_UNMANAGED_DEFINITIONS = {
    "OBJECT_TSPARSER": "text search parser",
    "OBJECT_TSTEMPLATE": "text search template",
    "OBJECT_TYPE": "base type",  # CREATE TYPE name (...) or a shell type: name alone
}


def unmanaged_created(source: str) -> list[tuple[str, frozenset[str]]]:
    """(kind, the names the statement spells) for each statement of a schema file that
    creates an object of a kind no plan manages, as coverage.py names the kinds; a
    call of a `lo_` function is a large object. Empty when the file does not parse."""
    found = []
    for kind, body in _file_statements(source):
        what = _UNMANAGED_STATEMENTS.get(kind)
        if kind == "DefineStmt":
            what = _UNMANAGED_DEFINITIONS.get(body.get("kind", ""))
        elif kind == "SelectStmt" and any(name.startswith("lo_") for name in calls(body)):
            what = "large object"
        if what is not None:
            found.append((what, _words(body)))
    return found


def _words(statement: Any) -> frozenset[str]:
    """Every name-like string a statement's tree holds (identifiers as the parser
    reads them: unquoted ones folded to lower case)."""
    found: set[str] = set()
    stack = [statement]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            found.add(item)
    return frozenset(found)


_RELATION_OF = {
    "IndexStmt": "relation",
    "AlterTableStmt": "relation",
    "CreateTrigStmt": "relation",
    "CreatePolicyStmt": "table",
    "RuleStmt": "relation",
}


def first_relation(source: str) -> Node | None:
    """The table the first index, ALTER TABLE, trigger, policy or rule of `source` is
    on (None when there is none, or the text does not parse)."""
    parsed = parse(source)
    for kind, body in parsed.kinds() if parsed is not None else []:
        if kind in _RELATION_OF:
            return relation_node(body[_RELATION_OF[kind]])
    return None


@dataclass(frozen=True)
class Renaming:
    """A rename the schema files state as a statement (`ALTER TABLE accounts RENAME
    COLUMN display_name TO nickname;`): what it renames, by its names at that point of
    the file (the schema "" when unqualified; a column's, constraint's or enum label's
    names start with its table's or type's), and its new name."""

    kind: str  # schema, table, view, materialized view, index, sequence, type, domain,
    # function, procedure, column, constraint or enum value
    names: tuple[str, ...]
    new: str
    start: int  # character offset of the statement
    text: str  # the statement as written


_STATED_RENAMES = {
    object_type: kind
    for object_type, (kind, _) in object_types(
        "table",
        "view",
        "materialized view",
        "index",
        "sequence",
        "type",
        "domain",
        "function",
        "procedure",
    ).items()
}


def renamings(text: str) -> list[Renaming]:
    """The renames a schema file states, in file order: `ALTER TABLE | VIEW |
    MATERIALIZED VIEW | INDEX | SEQUENCE | TYPE | DOMAIN | FUNCTION | PROCEDURE |
    SCHEMA ... RENAME TO`, `ALTER TABLE ... RENAME [COLUMN] | CONSTRAINT ... TO` and
    `ALTER TYPE ... RENAME VALUE`. Other renames (a trigger's, a policy's, a composite
    type's attribute, a view's column) are not read: the objects are compared as usual.
    Raises Unreadable."""
    tokens, _ = tokens_and_statements(text)
    code = [t.start for t in tokens if t.name not in COMMENTS]
    found = []
    parsed = parse(text, unreadable)
    for item in parsed.statements:
        stated = _renaming(*only(item["stmt"]))
        if stated is None:
            continue
        # the statement's first token: its location may hold the comments before it
        location, end = parsed.span(item)
        start = code[bisect.bisect_left(code, location)]
        kind, names, new = stated
        found.append(Renaming(kind, names, new, start, text[start:end].strip()))
    return found


def _renaming(kind: str, body: Json) -> tuple[str, tuple[str, ...], str] | None:
    if kind == "AlterEnumStmt" and "oldVal" in body:  # (the JSON leaves out an empty label)
        names = (*any_name(body.get("typeName")), body["oldVal"])
        return "enum value", names, body.get("newVal", "")
    if kind != "RenameStmt":
        return None
    rename_type, new = body["renameType"], body["newname"]
    if rename_type == "OBJECT_SCHEMA":
        return "schema", (body["subname"],), new
    if rename_type in ("OBJECT_COLUMN", "OBJECT_TABCONSTRAINT"):
        if rename_type == "OBJECT_COLUMN" and body.get("relationType") != "OBJECT_TABLE":
            return None  # a view's or a composite type's column
        stated = "column" if rename_type == "OBJECT_COLUMN" else "constraint"
        return stated, (*rangevar_names(body["relation"]), body["subname"]), new
    stated = _STATED_RENAMES.get(rename_type)
    if stated is None:
        return None
    if "relation" in body:
        return stated, rangevar_names(body["relation"]), new
    named_kind, named = only(body["object"])
    items = named["objname"] if named_kind == "ObjectWithArgs" else list_items(body["object"])
    return stated, any_name(items), new
