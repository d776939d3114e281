"""Definitions read with PostgreSQL's grammar, outside a plan's statements.

What the catalog prints (an index's, a constraint's, a generation expression's, a
column default's, a text search dictionary's options), what an annotation spells (a
name, a string literal, an expression), and the types, casts and generators a Change's
Nodes name: each read by the server's own parser, as `schematool.grammar.tree` reads it.
"""

from __future__ import annotations

import json
from typing import Any

from schematool.errors import DiffError
from schematool.grammar.lexer import scan
from schematool.grammar.tree import (
    Json,
    Unreadable,
    column_refs,
    list_items,
    only,
    parse,
    relation_node,
    strings,
)
from schematool.names import Node, qualified, split_name

# -- types --------------------------------------------------------------------------------

# pg_catalog's internal names -> format_type()'s spelling
_BUILTIN_TYPES = {
    "int2": "smallint",
    "int4": "integer",
    "int8": "bigint",
    "float4": "real",
    "float8": "double precision",
    "bool": "boolean",
    "varchar": "character varying",
    "bpchar": "character",
    "timestamp": "timestamp without time zone",
    "timestamptz": "timestamp with time zone",
    "time": "time without time zone",
    "timetz": "time with time zone",
    "varbit": "bit varying",
}


def type_text(type_name: Json) -> str:
    """A TypeName as format_type() spells it (`character varying(20)`, `public.mood[]`),
    for built-in types and qualified user types; what hazards compare type changes by
    when the desired catalog does not say."""
    names = strings(type_name.get("names"))
    if names[:1] == ("pg_catalog",) and len(names) == 2:
        base = _BUILTIN_TYPES.get(names[1], names[1])
    else:
        base = qualified(*names)
    mods = [
        m["A_Const"]["ival"].get("ival", 0)
        for m in type_name.get("typmods", ())
        if "A_Const" in m and "ival" in m["A_Const"]
    ]
    text = base
    if mods:
        if " with" in base:  # timestamp(3) with time zone
            head, _, zone = base.partition(" with")
            text = f"{head}({','.join(str(m) for m in mods)}) with{zone}"
        else:
            text = f"{base}({','.join(str(m) for m in mods)})"
    return text + "[]" * len(type_name.get("arrayBounds", ()))


# -- expressions -------------------------------------------------------------------------


def expression_columns(expression: str) -> set[str]:
    """The column names an SQL expression (a generation expression, as the catalog
    prints it) reads, by PostgreSQL's grammar; raises DiffError if it does not parse."""
    parsed = parse(
        f"SELECT {expression}",
        lambda error: DiffError(f"cannot read the expression {expression!r} ({error})"),
    )
    return {names[-1] for names in column_refs(parsed.statements) if names}


def sequence_drawn(default: str | None) -> tuple[str, ...] | None:
    """The raw names (schema, name) of the sequence a column default draws from when it
    is `nextval('s'::regclass)` and nothing more (a serial's, as the catalog prints it),
    else None (no default, another expression, an unqualified name)."""
    call = _only_call(default) if default else None
    if call is None or strings(call.get("funcname")) not in _NEXTVAL:
        return None
    if len(call.get("args", ())) != 1:
        return None
    argument = call["args"][0]
    cast = argument.get("TypeCast")
    if cast is not None:
        if strings(cast["typeName"]["names"]) not in (("regclass",), ("pg_catalog", "regclass")):
            return None
        argument = cast["arg"]
    value = argument.get("A_Const", {}).get("sval")
    names = split_name(value["sval"]) if value else ()
    return names if len(names) == 2 else None


def _only_call(expression: str) -> Json | None:
    """The function call an expression is, when it is one call and nothing around it."""
    parsed = parse(f"SELECT {expression}")
    if parsed is None or len(parsed.statements) != 1:
        return None
    select = parsed.statements[0]["stmt"].get("SelectStmt", {})
    targets = select.get("targetList", ())
    if len(targets) != 1 or set(select) - {"targetList", "limitOption", "op"}:
        return None
    return targets[0]["ResTarget"].get("val", {}).get("FuncCall")


_NEXTVAL = (("nextval",), ("pg_catalog", "nextval"))


def index_options(definition: str) -> tuple[str, list[str]]:
    """An index definition (pg_get_indexdef) read with PostgreSQL's grammar: everything
    but its storage parameters, in a comparable form, and those parameters as
    `name=value` texts (as reloptions spell them)."""
    parsed = parse(
        definition,
        lambda error: DiffError(f"cannot read the index definition {definition!r} ({error})"),
    )
    index = dict(parsed.statements[0]["stmt"]["IndexStmt"])
    options = []
    for item in index.pop("options", ()):
        element = item["DefElem"]
        name = element["defname"]
        if element.get("defnamespace"):
            name = f"{element['defnamespace']}.{name}"
        options.append(f"{name}={_option_value(element.get('arg'))}")
    return json.dumps(without_offsets(index), sort_keys=True), options


def _option_value(arg: Json | None) -> str:
    """A storage parameter's value as reloptions print it (`70`, `off`, `1.5`)."""
    if not arg:
        return "true"
    kind, body = only(arg)
    if kind == "String":
        return body["sval"]
    if kind == "Integer":
        return str(body.get("ival", 0))
    if kind == "Float":
        return body["fval"]
    if kind == "TypeName":
        return ".".join(strings(body["names"]))
    if kind == "Boolean":
        return "true" if body.get("boolval") else "false"
    return ""


def without_offsets(value: Any) -> Any:
    """A raw parse tree without the offsets of its parts (`location`, an IN list's
    `rexpr_list_start`, an ARRAY's `list_start`, ...): where it was written, not what."""
    if isinstance(value, dict):
        return {
            k: without_offsets(v)
            for k, v in value.items()
            if not k.endswith(("location", "list_start", "list_end"))
        }
    if isinstance(value, list):
        return [without_offsets(v) for v in value]
    return value


def text_search_options(options: str) -> list[tuple[str, str | None]]:
    """A dictionary's options as the catalog keeps them (`stopwords = 'english',
    accept = 'false'`: pg_ts_dict.dictinitoption), read with PostgreSQL's grammar as
    (name, value) pairs, so that a plan writes them with its own quoting."""
    sql = f"ALTER TEXT SEARCH DICTIONARY x ({options})"
    parsed = parse(
        sql, lambda error: DiffError(f"cannot read the dictionary options {options!r} ({error})")
    )
    body = parsed.statements[0]["stmt"]["AlterTSDictionaryStmt"]
    pairs = []
    for option in body.get("options", ()):
        element = option["DefElem"]
        arg = element.get("arg")
        pairs.append((element["defname"], None if arg is None else _option_value(arg)))
    return pairs


def cast_node(source: Json, target: Json) -> Node:
    """A cast's Node: its two types as format_type() spells them (`("cast", "integer",
    "public.pair")`), as dependency_nodes.sql names the casts pg_depend mentions."""
    return ("cast", _builtin_spelled(source), _builtin_spelled(target))


def _builtin_spelled(type_name: Json) -> str:
    """type_text, with a built-in type's internal name written alone (`int4`) taken as
    pg_catalog's (`integer`), as the cast's catalog row names it."""
    names = strings(type_name.get("names"))
    if len(names) == 1 and names[0] in _BUILTIN_TYPES:
        catalog_name = [{"String": {"sval": "pg_catalog"}}, *type_name["names"]]
        type_name = {**type_name, "names": catalog_name}
    return type_text(type_name)


def cast_of(item: Json) -> Node:
    """The Node of the cast a DROP or COMMENT names: a List of its two TypeNames."""
    source, target = (t["TypeName"] for t in item["List"]["items"])
    return cast_node(source, target)


def generator_node(relation: Node, column: str) -> Node:
    """The Node of a column's generator: its default or its identity (not both)."""
    return ("generator", *relation[1:3], column)


def index_key(sql: str) -> tuple[Node, tuple[str, ...], bool] | None:
    """A `CREATE INDEX` on plain columns without a predicate: its table, its columns and
    whether NULLs count as equal (NULLS NOT DISTINCT); None for any other index (an
    expression, a WHERE) or statement."""
    parsed = parse(sql)
    if parsed is None:
        return None
    found = parsed.kinds()
    if len(found) != 1 or found[0][0] != "IndexStmt":
        return None
    body = found[0][1]
    elements = [p.get("IndexElem", {}) for p in body.get("indexParams", ())]
    if "whereClause" in body or not all("name" in e for e in elements):
        return None
    columns = tuple(e["name"] for e in elements)
    return relation_node(body["relation"]), columns, bool(body.get("nulls_not_distinct"))


def constraint_columns(definition: str) -> tuple[list[str], Node | None]:
    """A table constraint's definition (pg_get_constraintdef): the columns it holds (the
    key's, or a foreign key's own) and, for a foreign key, the table it references."""
    parsed = parse(f"ALTER TABLE t ADD {definition}")
    if parsed is None:
        return [], None
    command = parsed.statements[0]["stmt"]["AlterTableStmt"]["cmds"][0]["AlterTableCmd"]
    constraint = command["def"]["Constraint"]
    if constraint.get("pktable"):
        return list(strings(constraint.get("fk_attrs"))), relation_node(constraint["pktable"])
    return list(strings(constraint.get("keys"))), None


def referenced_key(definition: str) -> tuple[Node, list[str]] | None:
    """A foreign key's definition (pg_get_constraintdef): the table it references and
    the referenced columns (empty: the primary key); None for any other constraint."""
    parsed = parse(f"ALTER TABLE t ADD {definition}")
    if parsed is None:
        return None
    command = parsed.statements[0]["stmt"]["AlterTableStmt"]["cmds"][0]["AlterTableCmd"]
    constraint = command["def"]["Constraint"]
    if not constraint.get("pktable"):
        return None
    return relation_node(constraint["pktable"]), list(strings(constraint.get("pk_attrs")))


def unique_key(definition: str) -> list[str] | None:
    """An index definition (pg_get_indexdef): its key columns when a foreign key can
    reference it (unique, on plain columns, not partial), else None."""
    parsed = parse(definition)
    if parsed is None:
        return None
    index = parsed.statements[0]["stmt"].get("IndexStmt", {})
    if not index.get("unique") or index.get("whereClause"):
        return None
    names = [param["IndexElem"].get("name") for param in index.get("indexParams", ())]
    return None if None in names else names


def index_shape(definition: str) -> str:
    """An index definition (pg_get_indexdef) in a form equal for two indexes that differ
    only in their names: whether one can be renamed into the other."""
    shape, options = index_options(definition)
    body = json.loads(shape)
    body.pop("idxname", None)
    return json.dumps([body, sorted(options)], sort_keys=True)


def name_parts(text: str) -> tuple[str, ...] | None:
    """A (possibly qualified) name as SQL spells it (`note`, `"Note"`, `app.t`) as its
    raw parts, by PostgreSQL's grammar; None when `text` is not exactly one name."""
    parsed = parse(f"DROP TABLE {text}")
    if parsed is None:
        return None
    try:
        words = [t.name for t in scan(text)]
    except Unreadable:
        return None
    found = parsed.kinds()
    if len(found) != 1 or found[0][0] != "DropStmt":
        return None
    objects = found[0][1].get("objects", ())
    if len(objects) != 1 or "CASCADE" in words or "RESTRICT" in words:
        return None
    return strings(list_items(objects[0]))


def string_constant(text: str) -> str | None:
    """The value of one SQL string literal (`'it''s'`, `E'a\\nb'`); None otherwise."""
    target = _only_target(text) or {}
    value = target.get("A_Const", {}).get("sval")
    return None if value is None else value.get("sval", "")


def expression_tree(text: str) -> Json | None:
    """The raw parse tree of `text` when it is one SQL value expression and nothing
    more (None otherwise), without its offsets: two spellings PostgreSQL reads alike
    give equal trees."""
    found = _only_target(text)
    return None if found is None else without_offsets(found)


def is_expression(text: str) -> bool:
    """`text` is one SQL value expression (what `ALTER COLUMN ... USING` takes), by
    PostgreSQL's grammar: nothing before or after it, no second statement."""
    return bool(text.strip()) and _only_target(f"({text})") is not None


_SELECT_CLAUSES = (
    "distinctClause",
    "intoClause",
    "fromClause",
    "whereClause",
    "groupClause",
    "havingClause",
    "windowClause",
    "valuesLists",
    "sortClause",
    "limitOffset",
    "limitCount",
    "lockingClause",
    "withClause",
    "larg",
    "rarg",
)


def _only_target(text: str) -> Json | None:
    """The one value `SELECT text` selects, when that is all it does; else None."""
    parsed = parse(f"SELECT {text}")
    found = parsed.kinds() if parsed is not None else []
    if len(found) != 1 or found[0][0] != "SelectStmt":
        return None
    select = found[0][1]
    if any(select.get(clause) for clause in _SELECT_CLAUSES):
        return None
    targets = select.get("targetList", ())
    if len(targets) != 1 or targets[0]["ResTarget"].get("name"):
        return None
    return targets[0]["ResTarget"].get("val")
