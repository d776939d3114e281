"""Reading a statement into a `Change`, with PostgreSQL's own grammar (pglast).

pglast wraps libpg_query, the server's parser: `ALTER TABLE IF EXISTS ONLY public . t`
is read exactly as PostgreSQL reads it. Each statement kind has a reader below that says
what the statement does (`change.Op`s), which locks it takes and whether it can run in a
transaction. A statement that does not parse is an error; one that parses but that no
reader knows becomes a change marked not understood, which `hazards` gives every hazard:
a misread must never look safe.

Lock modes follow PostgreSQL's documentation of each command (the `ALTER TABLE` page
lists its subcommands' locks; anything not listed takes ACCESS EXCLUSIVE).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from json.decoder import scanstring
from typing import Any

from pglast import ast, parser

from schematool.errors import DiffError
from schematool.grammar.change import (
    ACCESS_EXCLUSIVE,
    ACCESS_SHARE,
    ALTER,
    CREATE,
    DROP,
    NONE,
    RENAME,
    ROW_EXCLUSIVE,
    SET,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    USE,
    Change,
    Lock,
    Op,
    Phase,
    strongest,
)
from schematool.names import Node, ident, qualified, split_name

Json = dict[str, Any]


def read(sql: str, source: str = "migra", phase: Phase = Phase.MAIN) -> Change:
    """The one statement `sql` holds, as a Change. Raises DiffError when it does not
    parse or holds more or less than one statement."""
    try:
        tree = parser.parse_sql_json(sql)
    except parser.ParseError as error:
        raise DiffError(f"cannot read a planned statement ({error}): {_head(sql)}") from None
    parsed = json.loads(tree)
    statements = parsed.get("stmts", [])
    if len(statements) != 1:
        raise DiffError(
            f"a planned statement must be one statement, not {len(statements)}: {_head(sql)}"
        )
    kind, body = _only(statements[0]["stmt"])
    reader = _READERS.get(kind)
    reading = reader(body) if reader is not None else None
    if reading is None:
        return Change(
            sql,
            (Op(NONE, "statement", ("other", kind), "other"),),
            (),
            True,
            (),
            source,
            phase,
            understood=False,
        )
    ops, locks, transactional = reading
    return Change(
        sql,
        tuple(ops),
        _merge(locks),
        transactional,
        source=source,
        phase=phase,
        constants=_constants(tree),
    )


def read_all(
    texts: Iterable[str], source: str = "migra", phase: Phase = Phase.MAIN
) -> list[Change]:
    """Each text as its changes: one per statement it holds (migra writes a trigger and
    its `DISABLE TRIGGER` in one string, for instance), each read on its own."""
    found = []
    for text in texts:
        try:
            parts = parser.split(text)
        except parser.ParseError as error:
            raise DiffError(f"cannot read a planned statement ({error}): {_head(text)}") from None
        if len(parts) > 1:
            found += [read(part.strip() + ";", source, phase) for part in parts]
        else:
            found.append(read(text, source, phase))
    return found


Reading = tuple[list[Op], list[Lock], bool]


def _merge(locks: list[Lock]) -> tuple[Lock, ...]:
    """One lock per table, the strongest the statement takes on it, in first-seen order."""
    modes: dict[Node, list[str]] = {}
    for lock in locks:
        modes.setdefault(lock.table, []).append(lock.mode)
    return tuple(Lock(table, strongest(found)) for table, found in modes.items())


# -- pglast's JSON ------------------------------------------------------------------------


def _only(node: Json) -> tuple[str, Json]:
    ((kind, body),) = node.items()
    return kind, body


def _strings(items: list[Json] | None) -> tuple[str, ...]:
    """A list of String nodes (a qualified name) as raw names."""
    return tuple(item["String"]["sval"] for item in items or () if "String" in item)


def _qualified(parts: tuple[str, ...]) -> tuple[str, ...]:
    """(schema, name): an unqualified name is taken to be in public, as migra and the gap
    modules always qualify (a fallback only)."""
    return parts if len(parts) > 1 else ("public", *parts)


def _relation(range_var: Json) -> Node:
    return ("rel", range_var.get("schemaname") or "public", range_var["relname"])


def _list_items(node: Json) -> list[Json]:
    return node["List"]["items"] if "List" in node else [node]


def _object_names(node: Json) -> tuple[str, ...]:
    """The name of a DROP / COMMENT / GRANT object, whichever node spells it."""
    kind, body = _only(node)
    if kind == "String":
        return (body["sval"],)
    if kind == "List":
        parts: list[str] = []
        for item in body["items"]:
            parts.extend(_object_names(item))
        return tuple(parts)
    if kind == "TypeName":
        return _strings(body["names"])
    if kind == "ObjectWithArgs":
        return _strings(body["objname"])
    if kind == "RangeVar":
        return _relation(body)[1:]
    return ()


def _role(spec: Json | None) -> str:
    if not spec:
        return ""
    kind = spec.get("roletype")
    if kind == "ROLESPEC_PUBLIC":
        return "public"
    if kind == "ROLESPEC_CSTRING":
        return spec["rolename"]
    return kind.removeprefix("ROLESPEC_").lower()


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
    names = _strings(type_name.get("names"))
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

# Functions whose value differs per row: a column added with one as its default (or in
# a default expression) is filled row by row, rewriting the table.
_VOLATILE = frozenset(
    {
        "nextval",
        "random",
        "gen_random_uuid",
        "uuid_generate_v1",
        "uuid_generate_v1mc",
        "uuid_generate_v4",
        "uuidv4",
        "uuidv7",
        "clock_timestamp",
        "timeofday",
        "statement_timestamp",
        "random_normal",
    }
)


def _calls(expression: Any) -> set[str]:
    """Names of the functions an expression calls (anywhere inside it)."""
    found: set[str] = set()
    stack = [expression]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            call = item.get("FuncCall")
            if call is not None:
                names = _strings(call.get("funcname"))
                if names:
                    found.add(names[-1])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


# how libpg_query's JSON writes a string constant's value (a quote inside any JSON string
# is escaped, so this cannot match inside one)
_STRING_CONSTANT = '"A_Const":{"sval":{"sval":"'


def _constants(tree: str) -> frozenset[str]:
    """Every string constant (`'label'`, `'{a,b}'`, `$$x$$`) of a statement's parse tree,
    as libpg_query's JSON text: found in the text and decoded by the JSON string
    scanner, several times faster than walking the decoded tree (every planned
    statement is read)."""
    found: set[str] = set()
    start = tree.find(_STRING_CONSTANT)
    while start >= 0:
        value, end = scanstring(tree, start + len(_STRING_CONSTANT))
        found.add(value)
        start = tree.find(_STRING_CONSTANT, end)
    return frozenset(found)


def expression_columns(expression: str) -> set[str]:
    """The column names an SQL expression (a generation expression, as the catalog
    prints it) reads, by PostgreSQL's grammar; raises DiffError if it does not parse."""
    try:
        parsed = json.loads(parser.parse_sql_json(f"SELECT {expression}"))
    except parser.ParseError as error:
        raise DiffError(f"cannot read the expression {expression!r} ({error})") from None
    return {names[-1] for names in _column_refs(parsed) if names}


def sequence_drawn(default: str | None) -> tuple[str, ...] | None:
    """The raw names (schema, name) of the sequence a column default draws from when it
    is `nextval('s'::regclass)` and nothing more (a serial's, as the catalog prints it),
    else None (no default, another expression, an unqualified name)."""
    call = _only_call(default) if default else None
    if call is None or _strings(call.get("funcname")) not in _NEXTVAL:
        return None
    if len(call.get("args", ())) != 1:
        return None
    argument = call["args"][0]
    cast = argument.get("TypeCast")
    if cast is not None:
        if _strings(cast["typeName"]["names"]) not in (("regclass",), ("pg_catalog", "regclass")):
            return None
        argument = cast["arg"]
    value = argument.get("A_Const", {}).get("sval")
    names = split_name(value["sval"]) if value else ()
    return names if len(names) == 2 else None


def _only_call(expression: str) -> Json | None:
    """The function call an expression is, when it is one call and nothing around it."""
    try:
        statements = json.loads(parser.parse_sql_json(f"SELECT {expression}")).get("stmts", [])
    except parser.ParseError:
        return None
    if len(statements) != 1:
        return None
    select = statements[0]["stmt"].get("SelectStmt", {})
    targets = select.get("targetList", ())
    if len(targets) != 1 or set(select) - {"targetList", "limitOption", "op"}:
        return None
    return targets[0]["ResTarget"].get("val", {}).get("FuncCall")


_NEXTVAL = (("nextval",), ("pg_catalog", "nextval"))


def index_options(definition: str) -> tuple[str, list[str]]:
    """An index definition (pg_get_indexdef) read with PostgreSQL's grammar: everything
    but its storage parameters, in a comparable form, and those parameters as
    `name=value` texts (as reloptions spell them)."""
    try:
        parsed = json.loads(parser.parse_sql_json(definition))
    except parser.ParseError as error:
        raise DiffError(f"cannot read the index definition {definition!r} ({error})") from None
    index = dict(parsed["stmts"][0]["stmt"]["IndexStmt"])
    options = []
    for item in index.pop("options", ()):
        element = item["DefElem"]
        name = element["defname"]
        if element.get("defnamespace"):
            name = f"{element['defnamespace']}.{name}"
        options.append(f"{name}={_option_value(element.get('arg'))}")
    return json.dumps(_without_locations(index), sort_keys=True), options


def _option_value(arg: Json | None) -> str:
    """A storage parameter's value as reloptions print it (`70`, `off`, `1.5`)."""
    if not arg:
        return "true"
    kind, body = _only(arg)
    if kind == "String":
        return body["sval"]
    if kind == "Integer":
        return str(body.get("ival", 0))
    if kind == "Float":
        return body["fval"]
    if kind == "TypeName":
        return ".".join(_strings(body["names"]))
    if kind == "Boolean":
        return "true" if body.get("boolval") else "false"
    return ""


def _without_locations(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_locations(v) for k, v in value.items() if k != "location"}
    if isinstance(value, list):
        return [_without_locations(v) for v in value]
    return value


def _column_refs(expression: Any) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    stack = [expression]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("ColumnRef")
            if ref is not None:
                found.add(_strings(ref.get("fields")))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _is_cast_of(expression: Json | None, column: str) -> bool:
    """`"c"::type` or `c::text::type` (migra's USING): the column's own values converted."""
    while expression is not None and "TypeCast" in expression:
        expression = expression["TypeCast"].get("arg")
    if expression is None or "ColumnRef" not in expression:
        return False
    return _strings(expression["ColumnRef"].get("fields")) == (column,)


# -- CREATE ---------------------------------------------------------------------------


def _create_table(body: Json) -> Reading:
    table = _relation(body["relation"])
    locks: list[Lock] = []
    for element in body.get("tableElts", ()):
        kind, item = _only(element)
        constraints = item.get("constraints", ()) if kind == "ColumnDef" else [element]
        for constraint in constraints:
            referenced = constraint.get("Constraint", {}).get("pktable")
            if referenced:
                locks.append(Lock(_relation(referenced), SHARE_ROW_EXCLUSIVE))
    for parent in body.get("inhRelations", ()):
        parent_node = _relation(parent["RangeVar"])
        locks.append(
            Lock(parent_node, ACCESS_EXCLUSIVE if body.get("partbound") else SHARE_UPDATE_EXCLUSIVE)
        )
    columns = tuple(
        (item["ColumnDef"]["colname"], item["ColumnDef"].get("location", -1))
        for item in body.get("tableElts", ())
        if "ColumnDef" in item
    )
    op = Op(
        CREATE,
        "table",
        table,
        "create",
        details=(("partition_of", bool(body.get("partbound"))), ("columns", columns)),
    )
    return [op], locks, True


def _create_table_as(body: Json) -> Reading:
    target = _relation(body["into"]["rel"])
    kind = "materialized view" if body.get("objtype") == "OBJECT_MATVIEW" else "table"
    return [Op(CREATE, kind, target, "create")], [], True


def _create_view(body: Json) -> Reading:
    view = _relation(body["view"])
    return (
        [Op(CREATE, "view", view, "create", replace=bool(body.get("replace")))],
        [Lock(view, ACCESS_EXCLUSIVE)] if body.get("replace") else [],
        True,
    )


def _create_index(body: Json) -> Reading:
    table = _relation(body["relation"])
    concurrent = bool(body.get("concurrent"))
    name = body.get("idxname")
    node: Node = ("rel", table[1], name) if name else ("rel", table[1], "")
    op = Op(
        CREATE if name else NONE,
        "index",
        node,
        "create",
        concurrently=concurrent,
        only=body["relation"].get("inh") is not True,
        constraint="unique" if body.get("unique") else None,
        details=(("table", table),),
    )
    mode = SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE
    return [op], [Lock(table, mode)], not concurrent


def _create_function(body: Json) -> Reading:
    names = _qualified(_strings(body["funcname"]))
    kind = "procedure" if body.get("is_procedure") else "function"
    op = Op(
        CREATE,
        kind,
        ("fn", *names),
        "create",
        replace=bool(body.get("replace")),
        body_tracked="sql_body" in body,
    )
    return [op], [], True


def _define(body: Json) -> Reading | None:
    kind = body.get("kind")
    names = _qualified(_strings(body.get("defnames")))
    if kind == "OBJECT_AGGREGATE":
        return (
            [Op(CREATE, "aggregate", ("fn", *names), "create", replace=bool(body.get("replace")))],
            [],
            True,
        )
    if kind == "OBJECT_COLLATION":
        return [Op(CREATE, "collation", ("collation", *names), "create")], [], True
    if kind == "OBJECT_OPERATOR":  # overloads merge, as functions' do
        return [Op(CREATE, "operator", ("op", *names), "create")], [], True
    if kind in _TEXT_SEARCH:
        what, node_kind = _TEXT_SEARCH[kind]
        return [Op(CREATE, what, (node_kind, *names), "create")], [], True
    return None  # base types, text search parsers and templates: not managed


# text search objects schematool manages: kind as SQL names it, Node kind
_TEXT_SEARCH = {
    "OBJECT_TSCONFIGURATION": ("text search configuration", "tsconfig"),
    "OBJECT_TSDICTIONARY": ("text search dictionary", "tsdict"),
}


def _create_trigger(body: Json) -> Reading:
    table = _relation(body["relation"])
    node = ("trigger", *table[1:], body["trigname"])
    return (
        [Op(CREATE, "trigger", node, "create", replace=bool(body.get("replace")))],
        [Lock(table, SHARE_ROW_EXCLUSIVE)],
        True,
    )


def _create_policy(body: Json) -> Reading:
    table = _relation(body["table"])
    node = ("policy", *table[1:], body["policy_name"])
    return [Op(CREATE, "policy", node, "create")], [Lock(table, ACCESS_EXCLUSIVE)], True


def _create_rule(body: Json) -> Reading:
    table = _relation(body["relation"])
    node = ("rule", *table[1:], body["rulename"])
    return (
        [Op(CREATE, "rule", node, "create", replace=bool(body.get("replace")))],
        [Lock(table, ACCESS_EXCLUSIVE)],
        True,
    )


def _create_schema(body: Json) -> Reading | None:
    if body.get("schemaElts"):
        return None  # CREATE SCHEMA ... CREATE TABLE ...: not one object
    return [Op(CREATE, "schema", ("schema", body["schemaname"]), "create")], [], True


def _create_extension(body: Json) -> Reading:
    return [Op(CREATE, "extension", ("ext", body["extname"]), "create")], [], True


def _create_event_trigger(body: Json) -> Reading:
    return [Op(CREATE, "event trigger", ("evt", body["trigname"]), "create")], [], True


def _create_publication(body: Json) -> Reading:
    """A publication, and what each table or schema it lists adds to it (a Node of its
    own: `pubrel`, `pubns`), which needs that table or schema (and the columns its column
    list and row filter name) to exist first."""
    name = body["pubname"]
    also: list[tuple[str, Node]] = []
    for member in _publication_members(name, body.get("pubobjects", ())):
        also += [(CREATE, member.node), *((USE, used) for used in member.uses)]
    return [Op(CREATE, "publication", ("pub", name), "create", also=tuple(also))], [], True


@dataclass(frozen=True)
class _Member:
    node: Node  # ("pubrel", publication, schema, table) or ("pubns", publication, schema)
    uses: tuple[Node, ...]  # the table (its listed and filtered columns) or the schema


def _publication_members(publication: str, objects: Iterable[Json]) -> list[_Member]:
    found = []
    for item in objects:
        spec = item["PublicationObjSpec"]
        if spec.get("pubobjtype") == "PUBLICATIONOBJ_TABLES_IN_SCHEMA":
            found.append(_Member(("pubns", publication, spec["name"]), (("schema", spec["name"]),)))
            continue
        table = spec.get("pubtable") or {}
        if "relation" not in table:
            continue  # CURRENT_SCHEMA and other forms the plan never writes
        relation = _relation(table["relation"])
        named = set(_strings(table.get("columns")))
        named |= {ref[-1] for ref in _column_refs(table.get("whereClause"))}
        columns = tuple(("col", *relation[1:], column) for column in sorted(named))
        found.append(_Member(("pubrel", publication, *relation[1:]), (relation, *columns)))
    return found


_PUBLICATION_ACTIONS = {
    "AP_AddObjects": "add",
    "AP_DropObjects": "drop",
    "AP_SetObjects": "set",
}


def _alter_publication(body: Json) -> Reading:
    """ALTER PUBLICATION: options set on the publication; members added (each a new
    `pubrel`/`pubns`, after what it uses), dropped (the target's dependencies put that
    before the drop, or the type change, of a column its column list or row filter
    names), or the whole list replaced (SET TABLE: the new members created)."""
    name = body["pubname"]
    node: Node = ("pub", name)
    if body.get("options"):
        return [Op(SET, "publication", node, "set options")], [], True
    action = _PUBLICATION_ACTIONS.get(body.get("action", ""), "set")
    ops = []
    for member in _publication_members(name, body.get("pubobjects", ())):
        noun = "schema" if member.node[0] == "pubns" else "table"
        if action == "add":
            also = tuple((USE, used) for used in member.uses)
            ops.append(Op(CREATE, "publication", member.node, f"add {noun}", also=also))
        elif action == "drop":
            ops.append(Op(DROP, "publication", member.node, f"drop {noun}"))
        else:
            also = ((CREATE, member.node), *((USE, used) for used in member.uses))
            ops.append(Op(ALTER, "publication", node, f"set {noun}", also=also))
    if not ops:  # SET TABLE with nothing: every member dropped
        ops.append(Op(ALTER, "publication", node, f"{action} table"))
    return ops, [], True


def _alter_text_search_configuration(body: Json) -> Reading:
    """ADD / ALTER / DROP MAPPING (or REPLACE a dictionary): the configuration changes in
    place, using the dictionaries it maps to."""
    names = _qualified(_strings(body["cfgname"]))
    dictionaries = [_qualified(_strings(_list_items(d))) for d in body.get("dicts") or ()]
    also = tuple((USE, ("tsdict", *d)) for d in dictionaries)
    what = body.get("kind", "").removeprefix("ALTER_TSCONFIG_").lower().replace("_", " ")
    op = Op(ALTER, "text search configuration", ("tsconfig", *names), what, also=also)
    return [op], [], True


def _alter_text_search_dictionary(body: Json) -> Reading:
    names = _qualified(_strings(body["dictname"]))
    return [Op(ALTER, "text search dictionary", ("tsdict", *names), "options")], [], True


def text_search_options(options: str) -> list[tuple[str, str | None]]:
    """A dictionary's options as the catalog keeps them (`stopwords = 'english',
    accept = 'false'`: pg_ts_dict.dictinitoption), read with PostgreSQL's grammar as
    (name, value) pairs, so that a plan writes them with its own quoting."""
    sql = f"ALTER TEXT SEARCH DICTIONARY x ({options})"
    body = json.loads(parser.parse_sql_json(sql))["stmts"][0]["stmt"]["AlterTSDictionaryStmt"]
    pairs = []
    for option in body.get("options", ()):
        element = option["DefElem"]
        arg = element.get("arg")
        pairs.append((element["defname"], None if arg is None else _option_value(arg)))
    return pairs


def _create_enum(body: Json) -> Reading:
    names = _qualified(_strings(body["typeName"]))
    return [Op(CREATE, "type", ("rel", *names), "create", details=(("enum", True),))], [], True


def _create_composite(body: Json) -> Reading:
    return [Op(CREATE, "type", _relation(body["typevar"]), "create")], [], True


def _create_range(body: Json) -> Reading:
    names = _qualified(_strings(body["typeName"]))
    return [Op(CREATE, "type", ("rel", *names), "create")], [], True


def _create_domain(body: Json) -> Reading:
    names = _qualified(_strings(body["domainname"]))
    return [Op(CREATE, "domain", ("rel", *names), "create")], [], True


def _create_sequence(body: Json) -> Reading:
    sequence = _relation(body["sequence"])
    owned = _owned_by(body.get("options", ()))
    also = ((USE, ("col", *owned)),) if owned else ()
    return [Op(CREATE, "sequence", sequence, "create", also=also)], [], True


def _owned_by(options: Iterable[Json]) -> tuple[str, ...]:
    """OWNED BY's column (schema, table, column), or () for none (or OWNED BY NONE)."""
    for option in options:
        element = option["DefElem"]
        if element["defname"] == "owned_by":
            names = _object_names(element["arg"])
            return _qualified(names[:-1]) + names[-1:] if len(names) >= 2 else ()
    return ()


def _restarts(options: Iterable[Json]) -> tuple[tuple[str, Any], ...]:
    """`details` of a sequence (or identity) change that RESTARTs it: its position is
    lost (hazards)."""
    restart = any(option["DefElem"]["defname"] == "restart" for option in options)
    return (("restart", True),) if restart else ()


def _create_statistics(body: Json) -> Reading:
    names = _qualified(_strings(body.get("defnames")))
    tables = [_relation(r["RangeVar"]) for r in body.get("relations", ()) if "RangeVar" in r]
    return (
        [Op(CREATE, "statistics", ("stat", *names), "create")],
        [Lock(t, SHARE_UPDATE_EXCLUSIVE) for t in tables],
        True,
    )


def _create_cast(body: Json) -> Reading:
    node = cast_node(body["sourcetype"], body["targettype"])
    return [Op(CREATE, "cast", node, "create")], [], True


def cast_node(source: Json, target: Json) -> Node:
    """A cast's Node: its two types as format_type() spells them (`("cast", "integer",
    "public.pair")`), as dependency_nodes.sql names the casts pg_depend mentions."""
    return ("cast", _builtin_spelled(source), _builtin_spelled(target))


def _builtin_spelled(type_name: Json) -> str:
    """type_text, with a built-in type's internal name written alone (`int4`) taken as
    pg_catalog's (`integer`), as the cast's catalog row names it."""
    names = _strings(type_name.get("names"))
    if len(names) == 1 and names[0] in _BUILTIN_TYPES:
        catalog_name = [{"String": {"sval": "pg_catalog"}}, *type_name["names"]]
        type_name = {**type_name, "names": catalog_name}
    return type_text(type_name)


def _cast_of(item: Json) -> Node:
    """The Node of the cast a DROP or COMMENT names: a List of its two TypeNames."""
    source, target = (t["TypeName"] for t in item["List"]["items"])
    return cast_node(source, target)


# -- DROP ---------------------------------------------------------------------------------

_DROP_KINDS = {
    "OBJECT_TABLE": ("table", "rel"),
    "OBJECT_VIEW": ("view", "rel"),
    "OBJECT_MATVIEW": ("materialized view", "rel"),
    "OBJECT_INDEX": ("index", "rel"),
    "OBJECT_SEQUENCE": ("sequence", "rel"),
    "OBJECT_FOREIGN_TABLE": ("foreign table", "rel"),
    "OBJECT_TYPE": ("type", "rel"),
    "OBJECT_DOMAIN": ("domain", "rel"),
    "OBJECT_FUNCTION": ("function", "fn"),
    "OBJECT_PROCEDURE": ("procedure", "fn"),
    "OBJECT_AGGREGATE": ("aggregate", "fn"),
    "OBJECT_ROUTINE": ("routine", "fn"),
    "OBJECT_TRIGGER": ("trigger", "trigger"),
    "OBJECT_POLICY": ("policy", "policy"),
    "OBJECT_RULE": ("rule", "rule"),
    "OBJECT_SCHEMA": ("schema", "schema"),
    "OBJECT_EXTENSION": ("extension", "ext"),
    "OBJECT_EVENT_TRIGGER": ("event trigger", "evt"),
    "OBJECT_COLLATION": ("collation", "collation"),
    "OBJECT_STATISTIC_EXT": ("statistics", "stat"),
    "OBJECT_FDW": ("foreign data wrapper", "fdw"),
    "OBJECT_FOREIGN_SERVER": ("server", "server"),
    "OBJECT_OPERATOR": ("operator", "op"),
    "OBJECT_PUBLICATION": ("publication", "pub"),
    "OBJECT_TSCONFIGURATION": ("text search configuration", "tsconfig"),
    "OBJECT_TSDICTIONARY": ("text search dictionary", "tsdict"),
}
_TABLE_CHILD = ("trigger", "policy", "rule")
_SCHEMA_QUALIFIED = ("rel", "fn", "collation", "stat", "op", "tsconfig", "tsdict")


def _drop(body: Json) -> Reading | None:
    if body.get("removeType") == "OBJECT_CAST":
        return [Op(DROP, "cast", _cast_of(item), "drop") for item in body["objects"]], [], True
    known = _DROP_KINDS.get(body.get("removeType", ""))
    if known is None:
        return None
    kind, node_kind = known
    concurrent = bool(body.get("concurrent"))
    cascade = body.get("behavior") == "DROP_CASCADE"
    ops: list[Op] = []
    locks: list[Lock] = []
    for item in body.get("objects", ()):
        names = _object_names(item)
        if node_kind in _SCHEMA_QUALIFIED:
            names = _qualified(names)
        elif node_kind in _TABLE_CHILD:
            names = _qualified(names[:-1]) + names[-1:]
        node = (node_kind, *names)
        ops.append(Op(DROP, kind, node, "drop", concurrently=concurrent, cascade=cascade))
        if node_kind == "rel" and kind not in ("type", "domain"):
            locks.append(Lock(node, SHARE_UPDATE_EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE))
        elif node_kind in _TABLE_CHILD:
            locks.append(Lock(("rel", *names[:2]), ACCESS_EXCLUSIVE))
    return ops, locks, not concurrent


def _truncate(body: Json) -> Reading:
    tables = [_relation(r["RangeVar"]) for r in body.get("relations", ())]
    ops = [Op(NONE, "table", t, "truncate") for t in tables]
    return ops, [Lock(t, ACCESS_EXCLUSIVE) for t in tables], True


# -- ALTER TABLE ----------------------------------------------------------------------

# subcommand -> (effect on the named column, what); the rest are read one by one below
_COLUMN_COMMANDS = {
    "AT_ColumnDefault": "default",
    "AT_SetNotNull": "set not null",
    "AT_DropNotNull": "drop not null",
    "AT_SetExpression": "set expression",
    "AT_DropExpression": "drop expression",
    "AT_AddIdentity": "add identity",
    "AT_SetIdentity": "set identity",
    "AT_DropIdentity": "drop identity",
    "AT_SetStatistics": "set statistics",
    "AT_SetStorage": "set storage",
    "AT_SetCompression": "set compression",
    "AT_SetOptions": "set options",
    "AT_ResetOptions": "reset options",
    "AT_CookedColumnDefault": "default",
    "AT_AlterColumnGenericOptions": "options",  # a foreign table column's OPTIONS (...)
}
# subcommands that set a property of the table (nothing depends on them)
_TABLE_PROPERTIES = {
    "AT_ChangeOwner": "owner",
    "AT_EnableRowSecurity": "enable row security",
    "AT_DisableRowSecurity": "disable row security",
    "AT_ForceRowSecurity": "force row security",
    "AT_NoForceRowSecurity": "no force row security",
    "AT_SetRelOptions": "set options",
    "AT_ResetRelOptions": "reset options",
    "AT_ReplaceRelOptions": "set options",
    "AT_ReplicaIdentity": "replica identity",
    "AT_ClusterOn": "cluster on",
    "AT_DropCluster": "set without cluster",
    "AT_SetLogged": "set logged",
    "AT_SetUnLogged": "set unlogged",
    "AT_SetTableSpace": "set tablespace",
    "AT_SetAccessMethod": "set access method",
    "AT_EnableTrigAll": "enable triggers",
    "AT_DisableTrigAll": "disable triggers",
    "AT_EnableTrigUser": "enable triggers",
    "AT_DisableTrigUser": "disable triggers",
    "AT_GenericOptions": "options",  # a foreign table's OPTIONS (...)
}
_REWRITING = frozenset({"AT_SetLogged", "AT_SetUnLogged", "AT_SetTableSpace", "AT_SetAccessMethod"})
_TRIGGER_COMMANDS = {
    "AT_EnableTrig": "enable",
    "AT_EnableAlwaysTrig": "enable always",
    "AT_EnableReplicaTrig": "enable replica",
    "AT_DisableTrig": "disable",
}
_RULE_COMMANDS = {
    "AT_EnableRule": "enable",
    "AT_EnableAlwaysRule": "enable always",
    "AT_EnableReplicaRule": "enable replica",
    "AT_DisableRule": "disable",
}
# documented locks below ACCESS EXCLUSIVE (ALTER TABLE's "lock level" notes)
_COMMAND_LOCKS = {
    "AT_ValidateConstraint": SHARE_UPDATE_EXCLUSIVE,
    "AT_SetStatistics": SHARE_UPDATE_EXCLUSIVE,
    "AT_SetOptions": SHARE_UPDATE_EXCLUSIVE,
    "AT_ResetOptions": SHARE_UPDATE_EXCLUSIVE,
    "AT_ClusterOn": SHARE_UPDATE_EXCLUSIVE,
    "AT_DropCluster": SHARE_UPDATE_EXCLUSIVE,
    "AT_EnableTrig": SHARE_ROW_EXCLUSIVE,
    "AT_EnableAlwaysTrig": SHARE_ROW_EXCLUSIVE,
    "AT_EnableReplicaTrig": SHARE_ROW_EXCLUSIVE,
    "AT_DisableTrig": SHARE_ROW_EXCLUSIVE,
    "AT_EnableTrigAll": SHARE_ROW_EXCLUSIVE,
    "AT_DisableTrigAll": SHARE_ROW_EXCLUSIVE,
    "AT_EnableTrigUser": SHARE_ROW_EXCLUSIVE,
    "AT_DisableTrigUser": SHARE_ROW_EXCLUSIVE,
    "AT_AttachPartition": SHARE_UPDATE_EXCLUSIVE,
}
# storage parameters PostgreSQL changes under SHARE UPDATE EXCLUSIVE
_LIGHT_OPTIONS = (
    "fillfactor",
    "autovacuum_",
    "toast.autovacuum_",
    "parallel_workers",
    "vacuum_",
    "toast_tuple_target",
    "log_autovacuum_min_duration",
    "user_catalog_table",
)

_ALTER_KINDS = {
    "OBJECT_TABLE": "table",
    "OBJECT_FOREIGN_TABLE": "foreign table",
    "OBJECT_VIEW": "view",
    "OBJECT_MATVIEW": "materialized view",
    "OBJECT_INDEX": "index",
    "OBJECT_SEQUENCE": "sequence",
    "OBJECT_TYPE": "type",
}


def _alter_table(body: Json) -> Reading | None:
    relation = _relation(body["relation"])
    objtype = body.get("objtype", "OBJECT_TABLE")
    kind = _ALTER_KINDS.get(objtype)
    if kind is None:
        return None
    ops: list[Op] = []
    locks: list[Lock] = []
    transactional = True
    for item in body.get("cmds", ()):
        command = item["AlterTableCmd"]
        read_command = _command if kind in ("table", "foreign table") else _relation_command
        found = read_command(relation, kind, command, body)
        if found is None:
            return None
        op, command_locks = found
        ops.append(op)
        locks += command_locks
        if command["subtype"] == "AT_DetachPartition" and command.get("def", {}).get(
            "PartitionCmd", {}
        ).get("concurrent"):
            transactional = False
    return ops, locks, transactional


def _relation_command(
    relation: Node, kind: str, command: Json, body: Json
) -> tuple[Op, list[Lock]] | None:
    """ALTER VIEW / INDEX / SEQUENCE / TYPE / MATERIALIZED VIEW: their options, owners
    and (for composite types) attributes."""
    subtype = command["subtype"]
    if kind == "type":
        what = {
            "AT_AddColumn": "add attribute",
            "AT_DropColumn": "drop attribute",
            "AT_AlterColumnType": "alter attribute",
        }.get(subtype)
        if what is None:
            what = _TABLE_PROPERTIES.get(subtype)
            return (Op(SET, kind, relation, what), []) if what else None
        type_name = command.get("def", {}).get("ColumnDef", {}).get("typeName")
        return Op(
            ALTER, kind, relation, what, type_name=type_text(type_name) if type_name else None
        ), []
    what = _TABLE_PROPERTIES.get(subtype) or _COLUMN_COMMANDS.get(subtype)
    if what is None:
        return None
    rewrites = subtype in _REWRITING and kind == "materialized view"
    return Op(SET, kind, relation, what, rewrites=rewrites), [
        Lock(relation, _lock_of(subtype, command))
    ]


def _lock_of(subtype: str, command: Json) -> str:
    if subtype in ("AT_SetRelOptions", "AT_ResetRelOptions"):
        options = [o["DefElem"] for o in command.get("def", {}).get("List", {}).get("items", ())]
        names = [
            (o.get("defnamespace", "") + "." if o.get("defnamespace") else "") + o["defname"]
            for o in options
        ]
        if names and all(n.startswith(_LIGHT_OPTIONS) for n in names):
            return SHARE_UPDATE_EXCLUSIVE
        return ACCESS_EXCLUSIVE
    return _COMMAND_LOCKS.get(subtype, ACCESS_EXCLUSIVE)


def _command(relation: Node, kind: str, command: Json, body: Json) -> tuple[Op, list[Lock]] | None:
    subtype = command["subtype"]
    name = command.get("name")
    lock = [Lock(relation, _lock_of(subtype, command))]
    only = body["relation"].get("inh") is not True
    definition = command.get("def") or {}
    if subtype == "AT_AddColumn":
        column = definition["ColumnDef"]
        return _add_column(relation, column, only), lock + _reference_locks(
            column.get("constraints", ())
        )
    if subtype == "AT_DropColumn":
        return Op(
            DROP,
            "column",
            (_col(relation, name)),
            "drop column",
            cascade=_cascade(command),
            only=only,
        ), lock
    if subtype == "AT_AlterColumnType":
        column = definition["ColumnDef"]
        using = column.get("raw_default")
        op = Op(
            ALTER,
            "column",
            _col(relation, name),
            "type",
            type_name=type_text(column["typeName"]),
            using=None if using is None else ("cast" if _is_cast_of(using, name) else "expression"),
            collate="collClause" in column,
        )
        return op, lock
    if subtype in _COLUMN_COMMANDS:
        what = _COLUMN_COMMANDS[subtype]
        if what == "default":
            what = "set default" if definition else "drop default"
        rewrites = subtype == "AT_SetExpression"
        options = (definition or {}).get("List", {}).get("items", ())
        details = _restarts(options) if subtype == "AT_SetIdentity" else ()
        op = Op(ALTER, "column", _col(relation, name), what, rewrites=rewrites, only=only)
        also = _generator_effects(relation, name, what, definition)
        return replace(op, details=details, also=also), lock
    if subtype == "AT_AddConstraint":
        return _add_constraint(relation, definition["Constraint"], only), lock + _reference_locks(
            [definition]
        )
    if subtype == "AT_ValidateConstraint":
        return Op(ALTER, "constraint", ("con", *relation[1:], name), "validate constraint"), lock
    if subtype == "AT_DropConstraint":
        return Op(
            DROP,
            "constraint",
            ("con", *relation[1:], name),
            "drop constraint",
            cascade=_cascade(command),
            only=only,
        ), lock
    if subtype == "AT_AlterConstraint":
        constraint = definition.get("ATAlterConstraint") or definition.get("Constraint") or {}
        conname = constraint.get("conname", name)
        return Op(ALTER, "constraint", ("con", *relation[1:], conname), "alter constraint"), lock
    if subtype in _TRIGGER_COMMANDS:
        return Op(
            ALTER, "trigger", ("trigger", *relation[1:], name), _TRIGGER_COMMANDS[subtype]
        ), lock
    if subtype in _RULE_COMMANDS:
        return Op(ALTER, "rule", ("rule", *relation[1:], name), _RULE_COMMANDS[subtype]), lock
    if subtype in ("AT_AttachPartition", "AT_DetachPartition", "AT_DetachPartitionFinalize"):
        partition = _relation(definition["PartitionCmd"]["name"])
        what = "attach partition" if subtype == "AT_AttachPartition" else "detach partition"
        concurrent = bool(definition["PartitionCmd"].get("concurrent"))
        mode = (
            SHARE_UPDATE_EXCLUSIVE
            if concurrent or subtype == "AT_AttachPartition"
            else ACCESS_EXCLUSIVE
        )
        op = Op(
            ALTER,
            "table",
            relation,
            what,
            also=((ALTER, partition),),
            concurrently=concurrent,
            details=(("partition", partition),),
        )
        return op, [Lock(relation, mode), Lock(partition, ACCESS_EXCLUSIVE)]
    if subtype in ("AT_AddInherit", "AT_DropInherit"):
        parent = _relation(definition["RangeVar"])
        what = "inherit" if subtype == "AT_AddInherit" else "no inherit"
        return Op(ALTER, "table", relation, what, details=(("parent", parent),)), lock + [
            Lock(parent, SHARE_UPDATE_EXCLUSIVE)
        ]
    if subtype in _TABLE_PROPERTIES:
        what = _TABLE_PROPERTIES[subtype]
        return Op(SET, kind, relation, what, rewrites=subtype in _REWRITING), lock
    if subtype in ("AT_AddOf", "AT_DropOf"):
        return Op(ALTER, "table", relation, "of type"), lock
    return None


def _generator_effects(
    relation: Node, column: str, what: str, definition: Json
) -> tuple[tuple[str, Node], ...]:
    """A column's default and its identity exclude each other: each is the column's
    generator (`generator_node`), which SET DEFAULT and ADD IDENTITY create and DROP
    DEFAULT and DROP IDENTITY drop, so the sort puts the old one's drop first (migra
    sets a serial's default before it drops the identity: "column is an identity
    column"). ADD IDENTITY with SEQUENCE NAME creates that sequence too."""
    node = generator_node(relation, column)
    if what in ("set default", "add identity"):
        effects: tuple[tuple[str, Node], ...] = ((CREATE, node),)
        if what == "add identity":
            options = definition.get("Constraint", {}).get("options", ())
            sequence = _identity_sequence_name(relation, options)
            effects += ((CREATE, sequence),) if sequence else ()
        return effects
    if what in ("drop default", "drop identity"):
        return ((DROP, node),)
    return ()


def generator_node(relation: Node, column: str) -> Node:
    """The Node of a column's generator: its default or its identity (not both)."""
    return ("generator", *relation[1:3], column)


def _identity_sequence_name(relation: Node, options: Iterable[Json]) -> Node | None:
    """The sequence an identity's `SEQUENCE NAME` names (an unqualified one is taken to
    be in the table's schema, as the plans write it qualified), or None."""
    for option in options:
        element = option["DefElem"]
        if element["defname"] == "sequence_name":
            names = _object_names(element["arg"])
            return ("rel", *(names if len(names) > 1 else (relation[1], *names)))
    return None


def _col(relation: Node, name: str) -> Node:
    return ("col", *relation[1:], name)


def _cascade(command: Json) -> bool:
    return command.get("behavior") == "DROP_CASCADE"


def _reference_locks(constraints: Iterable[Json]) -> list[Lock]:
    """A foreign key locks the table it references too (SHARE ROW EXCLUSIVE)."""
    locks = []
    for item in constraints:
        constraint = item.get("Constraint", {})
        if constraint.get("pktable"):
            locks.append(Lock(_relation(constraint["pktable"]), SHARE_ROW_EXCLUSIVE))
    return locks


def _add_column(relation: Node, column: Json, only: bool) -> Op:
    """A column added: it fills every row itself (a rewrite) when it is an identity or a
    stored generated column, or its default is computed per row."""
    rewrites = False
    not_null = False
    for item in column.get("constraints", ()):
        constraint = item["Constraint"]
        contype = constraint["contype"]
        if contype == "CONSTR_IDENTITY":
            rewrites = True
        elif contype == "CONSTR_GENERATED":
            rewrites = rewrites or constraint.get("generated_kind", "s") == "s"
        elif contype == "CONSTR_DEFAULT":
            rewrites = rewrites or bool(_calls(constraint.get("raw_expr")) & _VOLATILE)
        elif contype == "CONSTR_NOTNULL":
            not_null = True
    if column.get("generated") == "s" or column.get("identity"):
        rewrites = True
    return Op(
        CREATE,
        "column",
        _col(relation, column["colname"]),
        "add column",
        type_name=type_text(column["typeName"]) if "typeName" in column else None,
        rewrites=rewrites,
        only=only,
        details=(("not_null", not_null),),
    )


_CONSTRAINT_TYPES = {
    "CONSTR_CHECK": "check",
    "CONSTR_FOREIGN": "foreign key",
    "CONSTR_PRIMARY": "primary key",
    "CONSTR_UNIQUE": "unique",
    "CONSTR_EXCLUSION": "exclusion",
    "CONSTR_NOTNULL": "not null",
}


def _add_constraint(relation: Node, constraint: Json, only: bool) -> Op:
    name = constraint.get("conname")
    index = constraint.get("indexname")
    references = _relation(constraint["pktable"]) if constraint.get("pktable") else None
    also = ((USE, ("rel", relation[1], index)),) if index else ()
    node = ("con", *relation[1:], name or "")
    # a temporal key (WITHOUT OVERLAPS) or foreign key (PERIOD): PostgreSQL 18
    period = bool(constraint.get("without_overlaps") or constraint.get("fk_with_period"))
    return Op(
        CREATE if name else NONE,
        "constraint",
        node,
        "add constraint",
        also=also,
        not_valid=bool(constraint.get("skip_validation")),
        constraint=_CONSTRAINT_TYPES.get(constraint["contype"], "other"),
        using_index=bool(index),
        references=references,
        only=only,
        details=(("period", True),) if period else (),
    )


# -- RENAME, SET SCHEMA, OWNER ------------------------------------------------------

_RENAME_KINDS = {
    "OBJECT_TABLE": ("table", "rel"),
    "OBJECT_FOREIGN_TABLE": ("foreign table", "rel"),
    "OBJECT_VIEW": ("view", "rel"),
    "OBJECT_MATVIEW": ("materialized view", "rel"),
    "OBJECT_INDEX": ("index", "rel"),
    "OBJECT_SEQUENCE": ("sequence", "rel"),
    "OBJECT_TYPE": ("type", "rel"),
    "OBJECT_DOMAIN": ("domain", "rel"),
    "OBJECT_FUNCTION": ("function", "fn"),
    "OBJECT_PROCEDURE": ("procedure", "fn"),
    "OBJECT_AGGREGATE": ("aggregate", "fn"),
    "OBJECT_ROUTINE": ("routine", "fn"),
    "OBJECT_SCHEMA": ("schema", "schema"),
    "OBJECT_COLLATION": ("collation", "collation"),
    "OBJECT_EVENT_TRIGGER": ("event trigger", "evt"),
    "OBJECT_STATISTIC_EXT": ("statistics", "stat"),
    "OBJECT_PUBLICATION": ("publication", "pub"),
    "OBJECT_TSCONFIGURATION": ("text search configuration", "tsconfig"),
    "OBJECT_TSDICTIONARY": ("text search dictionary", "tsdict"),
}
_RENAME_CHILDREN = {
    "OBJECT_COLUMN": ("column", "col"),
    "OBJECT_TABCONSTRAINT": ("constraint", "con"),
    "OBJECT_TRIGGER": ("trigger", "trigger"),
    "OBJECT_POLICY": ("policy", "policy"),
    "OBJECT_RULE": ("rule", "rule"),
}


def _rename(body: Json) -> Reading | None:
    rename_type = body.get("renameType")
    new = body["newname"]
    if rename_type in _RENAME_CHILDREN:
        kind, node_kind = _RENAME_CHILDREN[rename_type]
        table = _relation(body["relation"])
        node = (node_kind, *table[1:], body["subname"])
        if node_kind == "col" and body.get("relationType") == "OBJECT_TYPE":
            return [Op(ALTER, "type", table, "rename attribute")], [], True
        op = Op(RENAME, kind, node, "rename", renamed_to=(node_kind, *table[1:], new))
        return [op], [Lock(table, ACCESS_EXCLUSIVE)], True
    if rename_type == "OBJECT_ATTRIBUTE":
        return [Op(ALTER, "type", _relation(body["relation"]), "rename attribute")], [], True
    if rename_type == "OBJECT_DOMCONSTRAINT":
        names = _object_names(body["object"])
        return (
            [Op(ALTER, "domain", ("rel", *_qualified(names[:-1])), "rename constraint")],
            [],
            True,
        )
    known = _RENAME_KINDS.get(rename_type or "")
    if known is None:
        return None
    kind, node_kind = known
    if "relation" in body:
        names = _relation(body["relation"])[1:]
    elif "object" in body:
        names = _object_names(body["object"])
        names = _qualified(names) if node_kind in _SCHEMA_QUALIFIED else names
    else:  # ALTER SCHEMA (and other unqualified objects) name it in subname
        names = (body["subname"],)
    node = (node_kind, *names)
    renamed = (*node[:-1], new)
    locks = (
        [Lock(node, ACCESS_EXCLUSIVE)]
        if node_kind == "rel" and kind not in ("type", "domain")
        else []
    )
    return [Op(RENAME, kind, node, "rename", renamed_to=renamed)], locks, True


def _set_schema(body: Json) -> Reading | None:
    known = _RENAME_KINDS.get(body.get("objectType", ""))
    if body.get("objectType") == "OBJECT_EXTENSION":
        name = _object_names(body["object"])[0]
        return [Op(ALTER, "extension", ("ext", name), "set schema")], [], True
    if known is None:
        return None
    kind, node_kind = known
    if "relation" in body:
        names = _relation(body["relation"])[1:]
    else:
        names = _qualified(_object_names(body["object"]))
    node = (node_kind, *names)
    if node_kind not in ("rel", "fn", "collation"):
        return [Op(SET, kind, node, "set schema")], [], True
    moved = (node_kind, body["newschema"], names[-1])
    return [Op(RENAME, kind, node, "set schema", renamed_to=moved)], [], True


_OWNED_KINDS = {
    **_RENAME_KINDS,
    "OBJECT_OPERATOR": ("operator", "op"),
    "OBJECT_EXTENSION": ("extension", "ext"),
    "OBJECT_LARGEOBJECT": ("large object", "largeobject"),
    "OBJECT_FDW": ("foreign data wrapper", "fdw"),
    "OBJECT_FOREIGN_SERVER": ("server", "server"),
}


def _alter_owner(body: Json) -> Reading | None:
    known = _OWNED_KINDS.get(body.get("objectType", ""))
    if known is None:
        return None
    kind, node_kind = known
    if "relation" in body:
        names = _relation(body["relation"])[1:]
    else:
        names = _object_names(body["object"])
        names = _qualified(names) if node_kind in _SCHEMA_QUALIFIED else names
    op = Op(
        SET, kind, (node_kind, *names), "owner", details=(("owner", _role(body.get("newowner"))),)
    )
    return [op], [], True


# -- other ALTERs ---------------------------------------------------------------------


def _alter_enum(body: Json) -> Reading:
    names = _qualified(_strings(body["typeName"]))
    what = "rename value" if body.get("oldVal") else "add value"
    return (
        [Op(ALTER, "type", ("rel", *names), what, details=(("value", body.get("newVal")),))],
        [],
        True,
    )


_DOMAIN_COMMANDS = {
    "T": "default",
    "N": "drop not null",
    "O": "set not null",
    "C": "add constraint",
    "X": "drop constraint",
    "V": "validate constraint",
}


def _alter_domain(body: Json) -> Reading | None:
    names = _qualified(_strings(body["typeName"]))
    what = _DOMAIN_COMMANDS.get(body.get("subtype", ""))
    if what is None:
        return None
    if what == "default":
        what = "set default" if body.get("def") else "drop default"
    not_valid = bool(body.get("def", {}).get("Constraint", {}).get("skip_validation"))
    return [Op(ALTER, "domain", ("rel", *names), what, not_valid=not_valid)], [], True


def _alter_sequence(body: Json) -> Reading:
    sequence = _relation(body["sequence"])
    options = body.get("options", ())
    owned = _owned_by(options)
    also = ((USE, ("col", *owned)),) if owned else ()
    return (
        [Op(SET, "sequence", sequence, "options", also=also, details=_restarts(options))],
        [Lock(sequence, SHARE_ROW_EXCLUSIVE)],
        True,
    )


def _alter_function(body: Json) -> Reading:
    names = _qualified(_object_names({"ObjectWithArgs": body["func"]}))
    kind = {"OBJECT_PROCEDURE": "procedure", "OBJECT_AGGREGATE": "aggregate"}.get(
        body.get("objtype", ""), "function"
    )
    return [Op(SET, kind, ("fn", *names), "options")], [], True


def _alter_policy(body: Json) -> Reading:
    table = _relation(body["table"])
    node = ("policy", *table[1:], body["policy_name"])
    return [Op(SET, "policy", node, "alter")], [Lock(table, ACCESS_EXCLUSIVE)], True


def _alter_extension(body: Json) -> Reading:
    return [Op(ALTER, "extension", ("ext", body["extname"]), "update")], [], True


def _alter_collation(body: Json) -> Reading:
    names = _qualified(_strings(body["collname"]))
    return [Op(SET, "collation", ("collation", *names), "refresh version")], [], True


def _alter_event_trigger(body: Json) -> Reading:
    return [Op(SET, "event trigger", ("evt", body["trigname"]), "enable")], [], True


def _alter_type(body: Json) -> Reading:
    names = _qualified(_strings(body["typeName"]))
    return [Op(ALTER, "type", ("rel", *names), "set options")], [], True


def _alter_operator(body: Json) -> Reading:
    names = _qualified(_object_names({"ObjectWithArgs": body["opername"]}))
    return [Op(SET, "operator", ("op", *names), "set options")], [], True


def _alter_statistics(body: Json) -> Reading:
    names = _qualified(_strings(body["defnames"]))
    return [Op(SET, "statistics", ("stat", *names), "set statistics")], [], True


# -- grants, comments, settings -------------------------------------------------------

_GRANT_KINDS = {
    "OBJECT_TABLE": ("table", "rel"),
    "OBJECT_SEQUENCE": ("sequence", "rel"),
    "OBJECT_FUNCTION": ("function", "fn"),
    "OBJECT_PROCEDURE": ("procedure", "fn"),
    "OBJECT_ROUTINE": ("routine", "fn"),
    "OBJECT_SCHEMA": ("schema", "schema"),
    "OBJECT_TYPE": ("type", "rel"),
    "OBJECT_DOMAIN": ("domain", "rel"),
    "OBJECT_FOREIGN_SERVER": ("server", "server"),
    "OBJECT_FDW": ("foreign data wrapper", "fdw"),
    "OBJECT_LANGUAGE": ("language", "language"),
    "OBJECT_LARGEOBJECT": ("large object", "largeobject"),
    "OBJECT_DATABASE": ("database", "database"),
    "OBJECT_TABLESPACE": ("tablespace", "tablespace"),
}


def _grant(body: Json) -> Reading | None:
    what = "grant" if body.get("is_grant") else "revoke"
    known = _GRANT_KINDS.get(body.get("objtype", ""))
    if known is None:
        return None
    kind, node_kind = known
    if body.get("targtype") == "ACL_TARGET_ALL_IN_SCHEMA":
        ops = [
            Op(NONE, kind, ("schema", name), what, details=(("all_in_schema", True),))
            for name in _object_names_list(body.get("objects", ()))
        ]
        return ops, [], True
    columns = any(p["AccessPriv"].get("cols") for p in body.get("privileges", ()))
    ops = []
    for item in body.get("objects", ()):
        names = _object_names(item)
        if node_kind in _SCHEMA_QUALIFIED:
            names = _qualified(names)
        ops.append(Op(NONE, kind, (node_kind, *names), what, details=(("columns", columns),)))
    return ops, [], True


def _object_names_list(items: Iterable[Json]) -> list[str]:
    return [name for item in items for name in _object_names(item)]


def _default_privileges(body: Json) -> Reading:
    options = {o["DefElem"]["defname"]: o["DefElem"].get("arg") for o in body.get("options", ())}
    roles = (
        [_role(r.get("RoleSpec")) for r in _list_items(options["roles"])]
        if options.get("roles")
        else []
    )
    schemas = _object_names_list(_list_items(options["schemas"])) if options.get("schemas") else []
    node = ("default_privileges", ",".join(roles), ",".join(schemas))
    return [Op(NONE, "default privileges", node, "default privileges")], [], True


_COMMENT_KINDS = {
    **{key: value for key, value in _RENAME_KINDS.items()},
    "OBJECT_OPERATOR": ("operator", "op"),
    "OBJECT_EXTENSION": ("extension", "ext"),
    "OBJECT_COLUMN": ("column", "col"),
    "OBJECT_TABCONSTRAINT": ("constraint", "con"),
    "OBJECT_TRIGGER": ("trigger", "trigger"),
    "OBJECT_POLICY": ("policy", "policy"),
    "OBJECT_RULE": ("rule", "rule"),
    "OBJECT_FDW": ("foreign data wrapper", "fdw"),
    "OBJECT_FOREIGN_SERVER": ("server", "server"),
}


def _comment(body: Json) -> Reading:
    objtype = body.get("objtype", "")
    if objtype == "OBJECT_CAST":
        return [Op(NONE, "cast", _cast_of(body["object"]), "comment")], [], True
    known = _COMMENT_KINDS.get(objtype)
    names = _object_names(body["object"])
    if objtype == "OBJECT_DOMCONSTRAINT":
        return [Op(NONE, "constraint", ("rel", *_qualified(names[:-1])), "comment")], [], True
    if known is None:
        kind = objtype.removeprefix("OBJECT_").lower().replace("_", " ")
        return [Op(NONE, kind, (kind, *names), "comment")], [], True
    kind, node_kind = known
    if node_kind in _SCHEMA_QUALIFIED:
        names = _qualified(names)
    elif node_kind in ("col", "con", "trigger", "policy", "rule"):
        names = _qualified(names[:-1]) + names[-1:]
    return [Op(NONE, kind, (node_kind, *names), "comment")], [], True


def _set(body: Json) -> Reading | None:
    if body.get("is_local") or body.get("kind") not in (
        "VAR_SET_VALUE",
        "VAR_SET_DEFAULT",
        "VAR_RESET",
    ):
        return None
    return [Op(NONE, "setting", ("setting", body.get("name", "")), "setting")], [], True


def _select(body: Json) -> Reading | None:
    """`select 1` (migra's no-op, written where it has nothing to run): reads nothing.
    `SELECT pg_catalog.setval('s', last_value, is_called) FROM old`: sequence `s` takes
    the position of `old` (a sequence that replaces another, `gaps.sequence_swaps`)."""
    if set(body) - {"targetList", "limitOption", "op"}:
        return _set_value(body)
    values = [t["ResTarget"].get("val", {}) for t in body.get("targetList", ())]
    if not all(set(v) == {"A_Const"} for v in values):
        return None
    return [Op(NONE, "statement", ("noop",), "noop")], [], True


_SETVAL = (("setval",), ("pg_catalog", "setval"))
_SET_VALUE_ARGS = (("last_value",), ("is_called",))


def _set_value(body: Json) -> Reading | None:
    """`SELECT [pg_catalog.]setval('s', last_value, is_called) FROM old` and nothing more:
    SET of `s` (its position), using `old`; anything else is not understood."""
    if set(body) - {"targetList", "fromClause", "limitOption", "op"}:
        return None
    targets, sources = body.get("targetList", ()), body.get("fromClause", ())
    if len(targets) != 1 or len(sources) != 1 or "RangeVar" not in sources[0]:
        return None
    call = targets[0]["ResTarget"].get("val", {}).get("FuncCall")
    if call is None or _strings(call.get("funcname")) not in _SETVAL:
        return None
    if set(call) - {"funcname", "args", "funcformat", "location"}:
        return None
    args = call.get("args", ())
    if len(args) != 3 or "sval" not in args[0].get("A_Const", {}):
        return None
    columns = tuple(_strings(a.get("ColumnRef", {}).get("fields")) for a in args[1:])
    if columns != _SET_VALUE_ARGS:
        return None
    names = split_name(args[0]["A_Const"]["sval"]["sval"])
    if not 1 <= len(names) <= 2:
        return None
    sequence, source = ("rel", *_qualified(names)), _relation(sources[0]["RangeVar"])
    op = Op(SET, "sequence", sequence, "set value", also=((USE, source),))
    return [op], [Lock(sequence, ROW_EXCLUSIVE), Lock(source, ACCESS_SHARE)], True


def _refresh(body: Json) -> Reading:
    view = _relation(body["relation"])
    mode = "EXCLUSIVE" if body.get("concurrent") else ACCESS_EXCLUSIVE
    return (
        [
            Op(
                ALTER,
                "materialized view",
                view,
                "refresh",
                concurrently=bool(body.get("concurrent")),
            )
        ],
        [Lock(view, mode)],
        True,
    )


def _reindex(body: Json) -> Reading | None:
    if body.get("kind") not in ("REINDEX_OBJECT_INDEX", "REINDEX_OBJECT_TABLE"):
        return None
    relation = _relation(body["relation"])
    concurrent = any(p["DefElem"]["defname"] == "concurrently" for p in body.get("params", ()))
    mode = SHARE_UPDATE_EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE
    return (
        [Op(ALTER, "index", relation, "reindex", concurrently=concurrent)],
        [Lock(relation, mode)],
        not concurrent,
    )


# -- foreign data: wrappers, servers, user mappings, foreign tables ----------------------


def _create_fdw(body: Json) -> Reading:
    """The wrapper uses its handler and validator functions: the dependency sort reads
    that from the desired database's pg_depend."""
    return [Op(CREATE, "foreign data wrapper", ("fdw", body["fdwname"]), "create")], [], True


def _alter_fdw(body: Json) -> Reading:
    """OPTIONS, HANDLER or VALIDATOR: what a foreign table reads through changes."""
    return [Op(ALTER, "foreign data wrapper", ("fdw", body["fdwname"]), "alter")], [], True


def _create_server(body: Json) -> Reading:
    op = Op(
        CREATE,
        "server",
        ("server", body["servername"]),
        "create",
        also=((USE, ("fdw", body["fdwname"])),),
    )
    return [op], [], True


def _alter_server(body: Json) -> Reading:
    return [Op(ALTER, "server", ("server", body["servername"]), "alter")], [], True


def _mapping(body: Json) -> Node:
    return ("usermapping", _role(body.get("user")), body["servername"])


def _create_user_mapping(body: Json) -> Reading:
    op = Op(
        CREATE,
        "user mapping",
        _mapping(body),
        "create",
        also=((USE, ("server", body["servername"])),),
    )
    return [op], [], True


def _alter_user_mapping(body: Json) -> Reading:
    return [Op(SET, "user mapping", _mapping(body), "options")], [], True


def _drop_user_mapping(body: Json) -> Reading:
    return [Op(DROP, "user mapping", _mapping(body), "drop")], [], True


def _create_foreign_table(body: Json) -> Reading:
    """Read as a table is, plus its use of the server."""
    ops, locks, transactional = _create_table(body["base"])
    op = replace(ops[0], kind="foreign table", also=((USE, ("server", body["servername"])),))
    return [op], locks, transactional


_READERS: dict[str, Callable[[Json], Reading | None]] = {
    "CreateStmt": _create_table,
    "CreateTableAsStmt": _create_table_as,
    "ViewStmt": _create_view,
    "IndexStmt": _create_index,
    "CreateFunctionStmt": _create_function,
    "DefineStmt": _define,
    "CreateTrigStmt": _create_trigger,
    "CreatePolicyStmt": _create_policy,
    "RuleStmt": _create_rule,
    "CreateSchemaStmt": _create_schema,
    "CreateExtensionStmt": _create_extension,
    "CreateEventTrigStmt": _create_event_trigger,
    "CreatePublicationStmt": _create_publication,
    "AlterPublicationStmt": _alter_publication,
    "AlterTSConfigurationStmt": _alter_text_search_configuration,
    "AlterTSDictionaryStmt": _alter_text_search_dictionary,
    "CreateEnumStmt": _create_enum,
    "CompositeTypeStmt": _create_composite,
    "CreateRangeStmt": _create_range,
    "CreateDomainStmt": _create_domain,
    "CreateSeqStmt": _create_sequence,
    "CreateStatsStmt": _create_statistics,
    "CreateCastStmt": _create_cast,
    "DropStmt": _drop,
    "TruncateStmt": _truncate,
    "AlterTableStmt": _alter_table,
    "RenameStmt": _rename,
    "AlterObjectSchemaStmt": _set_schema,
    "AlterOwnerStmt": _alter_owner,
    "AlterEnumStmt": _alter_enum,
    "AlterDomainStmt": _alter_domain,
    "AlterSeqStmt": _alter_sequence,
    "AlterFunctionStmt": _alter_function,
    "AlterPolicyStmt": _alter_policy,
    "AlterExtensionStmt": _alter_extension,
    "AlterCollationStmt": _alter_collation,
    "AlterEventTrigStmt": _alter_event_trigger,
    "AlterTypeStmt": _alter_type,
    "AlterStatsStmt": _alter_statistics,
    "AlterOperatorStmt": _alter_operator,
    "GrantStmt": _grant,
    "AlterDefaultPrivilegesStmt": _default_privileges,
    "CommentStmt": _comment,
    "VariableSetStmt": _set,
    "SelectStmt": _select,
    "RefreshMatViewStmt": _refresh,
    "ReindexStmt": _reindex,
    "CreateFdwStmt": _create_fdw,
    "AlterFdwStmt": _alter_fdw,
    "CreateForeignServerStmt": _create_server,
    "AlterForeignServerStmt": _alter_server,
    "CreateUserMappingStmt": _create_user_mapping,
    "AlterUserMappingStmt": _alter_user_mapping,
    "DropUserMappingStmt": _drop_user_mapping,
    "CreateForeignTableStmt": _create_foreign_table,
}


def concurrent_index(sql: str, name: str | None = None) -> str:
    """`CREATE [UNIQUE] INDEX name ON ...` as `CREATE [UNIQUE] INDEX CONCURRENTLY`, under
    `name` when given (the online apply builds a changed index under a temporary name).
    Everything from the table on is the statement's own text, cut where PostgreSQL's
    grammar places the table (pglast's offsets count UTF-8 bytes), so nothing of the
    index is spelled anew. Raises DiffError for anything but one named index on a table
    and its partitions (`ON ONLY` and `IF NOT EXISTS` have no concurrent form here)."""
    try:
        parsed = json.loads(parser.parse_sql_json(sql))
    except parser.ParseError as error:
        raise DiffError(f"cannot read the index statement ({error}): {_head(sql)}") from None
    found = [_only(s["stmt"]) for s in parsed.get("stmts", [])]
    if len(found) != 1 or found[0][0] != "IndexStmt":
        raise DiffError(f"not one CREATE INDEX: {_head(sql)}")
    body = found[0][1]
    relation = body["relation"]
    if not body.get("idxname") or body.get("if_not_exists") or relation.get("inh") is not True:
        raise DiffError(f"no concurrent form for this index statement: {_head(sql)}")
    rest = sql.encode("utf-8")[relation["location"] :].decode("utf-8")
    unique = "UNIQUE " if body.get("unique") else ""
    return f"CREATE {unique}INDEX CONCURRENTLY {ident(name or body['idxname'])} ON {rest}"


def index_key(sql: str) -> tuple[Node, tuple[str, ...], bool] | None:
    """A `CREATE INDEX` on plain columns without a predicate: its table, its columns and
    whether NULLs count as equal (NULLS NOT DISTINCT); None for any other index (an
    expression, a WHERE) or statement."""
    try:
        parsed = json.loads(parser.parse_sql_json(sql))
    except parser.ParseError:
        return None
    found = [_only(s["stmt"]) for s in parsed.get("stmts", [])]
    if len(found) != 1 or found[0][0] != "IndexStmt":
        return None
    body = found[0][1]
    elements = [p.get("IndexElem", {}) for p in body.get("indexParams", ())]
    if "whereClause" in body or not all("name" in e for e in elements):
        return None
    columns = tuple(e["name"] for e in elements)
    return _relation(body["relation"]), columns, bool(body.get("nulls_not_distinct"))


def _file_statements(source: str) -> list[tuple[str, Json]]:
    """(kind, body) of each statement of a schema file, by PostgreSQL's grammar; empty
    when the file does not parse (the loader reports that, with its line)."""
    try:
        parsed = json.loads(parser.parse_sql_json(source))
    except parser.ParseError:
        return []
    return [_only(statement["stmt"]) for statement in parsed.get("stmts", [])]


def tables_created(source: str) -> list[Node]:
    """The tables a schema file's `CREATE TABLE`s create, by PostgreSQL's grammar
    (empty when the file does not parse: the loader reports that)."""
    found = []
    for kind, body in _file_statements(source):
        if kind == "CreateStmt":
            found.append(_relation(body["relation"]))
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
        elif kind == "SelectStmt" and any(name.startswith("lo_") for name in _calls(body)):
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
    try:
        parsed = json.loads(parser.parse_sql_json(source))
    except parser.ParseError:
        return None
    for statement in parsed.get("stmts", []):
        kind, body = _only(statement["stmt"])
        if kind in _RELATION_OF:
            return _relation(body[_RELATION_OF[kind]])
    return None


def constraint_columns(definition: str) -> tuple[list[str], Node | None]:
    """A table constraint's definition (pg_get_constraintdef): the columns it holds (the
    key's, or a foreign key's own) and, for a foreign key, the table it references."""
    try:
        parsed = json.loads(parser.parse_sql_json(f"ALTER TABLE t ADD {definition}"))
    except parser.ParseError:
        return [], None
    command = parsed["stmts"][0]["stmt"]["AlterTableStmt"]["cmds"][0]["AlterTableCmd"]
    constraint = command["def"]["Constraint"]
    if constraint.get("pktable"):
        return list(_strings(constraint.get("fk_attrs"))), _relation(constraint["pktable"])
    return list(_strings(constraint.get("keys"))), None


def referenced_key(definition: str) -> tuple[Node, list[str]] | None:
    """A foreign key's definition (pg_get_constraintdef): the table it references and
    the referenced columns (empty: the primary key); None for any other constraint."""
    try:
        parsed = json.loads(parser.parse_sql_json(f"ALTER TABLE t ADD {definition}"))
    except parser.ParseError:
        return None
    command = parsed["stmts"][0]["stmt"]["AlterTableStmt"]["cmds"][0]["AlterTableCmd"]
    constraint = command["def"]["Constraint"]
    if not constraint.get("pktable"):
        return None
    return _relation(constraint["pktable"]), list(_strings(constraint.get("pk_attrs")))


def unique_key(definition: str) -> list[str] | None:
    """An index definition (pg_get_indexdef): its key columns when a foreign key can
    reference it (unique, on plain columns, not partial), else None."""
    try:
        parsed = json.loads(parser.parse_sql_json(definition))
    except parser.ParseError:
        return None
    index = parsed["stmts"][0]["stmt"].get("IndexStmt", {})
    if not index.get("unique") or index.get("whereClause"):
        return None
    names = [param["IndexElem"].get("name") for param in index.get("indexParams", ())]
    return None if None in names else names


_LITERALS = frozenset({"SCONST", "USCONST", "BCONST", "XCONST"})


def lexemes(sql: str) -> tuple[list[tuple[int, int, str]], int]:
    """The keywords and string literals of `sql`, by PostgreSQL's own lexer, as
    (start, end, "keyword" | "literal") character spans (end exclusive), and how far the
    text could be read (a text cut short, as pg_stat_activity cuts queries, or holding an
    unterminated string, is read up to where it stops being readable)."""
    readable = len(sql)
    try:
        tokens = parser.scan(sql)
    except parser.ParseError as error:
        where = error.args[1] if len(error.args) > 1 and isinstance(error.args[1], int) else 0
        readable = max(0, min(where, len(sql)))
        try:
            tokens = parser.scan(sql[:readable])
        except parser.ParseError:
            tokens, readable = [], 0
    spans = []
    for token in tokens:  # pglast's offsets are characters; `end` is the token's last one
        if token.name in _LITERALS:
            spans.append((token.start, token.end + 1, "literal"))
        elif token.kind != "NO_KEYWORD":
            spans.append((token.start, token.end + 1, "keyword"))
    return spans, readable


def mask_literals(query: str) -> str:
    """A query with every string literal replaced by '***' (another session's query in
    the blocker report may carry secrets); what cannot be read is masked too."""
    text = " ".join(query.split())
    spans, readable = lexemes(text)
    out, last = [], 0
    for start, end, category in spans:
        if category == "literal":
            out += [text[last:start], "'***'"]
            last = end
    out.append(text[last:readable])
    if readable < len(text):
        out.append("'***'")
    return "".join(out)


def _head(statement: str) -> str:
    first = " ".join(statement.split())
    return first if len(first) <= 100 else first[:97] + "..."


# -- annotations: comments beside definitions (read by schematool.desired.annotations) ----------

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


class Unreadable(Exception):
    """A text PostgreSQL's parser does not read; `offset` is where it stopped."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


_COMMENTS = frozenset({"SQL_COMMENT", "C_COMMENT"})
_LABEL_TOKENS = frozenset({"SCONST", "USCONST"})
Spanned = tuple[int, int, list[Site]]  # a statement's start, end and its sites


def remarks(text: str, marker: str) -> list[Remark]:
    """Every comment of `text` whose text starts with `marker`, with the definition it
    annotates: a comment ending a line of a column (or table constraint) inside `CREATE
    TABLE`, or of a label inside `CREATE TYPE ... AS ENUM`, annotates that; a comment on
    a line of its own, directly above the first line of a statement, annotates what the
    statement creates. Read with PostgreSQL's lexer and parser, so a `--` inside a
    string or a function body is no comment. Raises Unreadable."""
    tokens, statements = _tokens_and_statements(text)
    lines = _line_starts(text)
    found = []
    for position, token in enumerate(tokens):
        if token.name not in _COMMENTS:
            continue
        body = _comment_text(text, token)
        if body.startswith(marker):
            site = _placed(tokens, position, statements, lines)
            found.append(Remark(token.start, body, token.name == "C_COMMENT", site))
    return found


def sites(text: str) -> list[Site]:
    """Every definition of `text` an annotation may stand beside (see `remarks`).
    Raises Unreadable."""
    _, statements = _tokens_and_statements(text)
    return [site for _, _, found in statements for site in found]


def line_of(text: str, offset: int) -> int:
    """The 1-based line of a character offset."""
    return bisect.bisect_right(_line_starts(text), offset)


def _tokens_and_statements(text: str) -> tuple[list[Any], list[Spanned]]:
    try:
        tokens = parser.scan(text)
        raw = parser.parse_sql(text)
    except parser.ParseError as error:
        where = error.args[1] if len(error.args) > 1 and isinstance(error.args[1], int) else 0
        raise Unreadable(str(error.args[0] if error.args else error), where) from None
    code = [t for t in tokens if t.name not in _COMMENTS]
    statements = []
    for item in raw:
        start = item.stmt_location
        end = start + item.stmt_len if item.stmt_len else len(text)
        inside = [t for t in code if start <= t.start < end]
        statements.append((start, end, _sites(item.stmt, start, end, inside)))
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
    before = next((t for t in reversed(tokens[:position]) if t.name not in _COMMENTS), None)
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
    after = next((t for t in tokens[position + 1 :] if t.name not in _COMMENTS), None)
    if after is None or bisect.bisect_right(lines, after.start) != line + 1:
        return None
    for start, _, found in statements:
        if start == after.start:
            return next((s for s in found if s.placement == ABOVE), None)
    return None


def _sites(statement: Any, start: int, end: int, tokens: list[Any]) -> list[Site]:
    """The sites of one statement: what it creates (ABOVE) and its columns, table
    constraints or enum labels (LINE_END)."""
    created = _created(statement)
    if created is None:
        return [Site("other", (), start, end, ABOVE)]
    kind, names = created
    found = [Site(kind, names, start, end, ABOVE)]
    if isinstance(statement, ast.CreateStmt):
        found += _element_sites(statement, names, tokens)
    elif isinstance(statement, ast.CreateEnumStmt):
        found += _label_sites(statement, names, tokens)
    return found


def _rangevar_names(range_var: Any) -> tuple[str, str]:
    return (range_var.schemaname or "", range_var.relname)


def _any_name(items: Any) -> tuple[str, str]:
    parts = tuple(item.sval for item in items or ())
    return ("", parts[0]) if len(parts) == 1 else (parts[-2], parts[-1])


def _created(statement: Any) -> tuple[str, tuple[str, ...]] | None:
    """(kind, names) of what a statement creates, for the kinds PostgreSQL renames."""
    if isinstance(statement, ast.CreateSchemaStmt) and statement.schemaname:
        return "schema", (statement.schemaname,)
    if isinstance(statement, ast.CreateForeignTableStmt):
        return None
    if isinstance(statement, ast.CreateStmt):
        return "table", _rangevar_names(statement.relation)
    if isinstance(statement, ast.CreateTableAsStmt):
        kind = "materialized view" if statement.objtype.name == "OBJECT_MATVIEW" else "table"
        return kind, _rangevar_names(statement.into.rel)
    if isinstance(statement, ast.ViewStmt):
        return "view", _rangevar_names(statement.view)
    if isinstance(statement, ast.IndexStmt):
        return "index", (statement.relation.schemaname or "", statement.idxname or "")
    if isinstance(statement, ast.CreateSeqStmt):
        return "sequence", _rangevar_names(statement.sequence)
    if isinstance(statement, ast.CreateEnumStmt | ast.CreateRangeStmt):
        return "type", _any_name(statement.typeName)
    if isinstance(statement, ast.CompositeTypeStmt):
        return "type", _rangevar_names(statement.typevar)
    if isinstance(statement, ast.CreateDomainStmt):
        return "domain", _any_name(statement.domainname)
    if isinstance(statement, ast.CreateFunctionStmt):
        kind = "procedure" if statement.is_procedure else "function"
        return kind, _any_name(statement.funcname)
    if isinstance(statement, ast.AlterTableStmt) and len(statement.cmds or ()) == 1:
        command = statement.cmds[0]
        if command.subtype.name == "AT_AddConstraint" and isinstance(command.def_, ast.Constraint):
            return "constraint", (*_rangevar_names(statement.relation), command.def_.conname or "")
    return None


def _element_sites(statement: Any, table: tuple[str, ...], tokens: list[Any]) -> list[Site]:
    """A CREATE TABLE's columns and table constraints (anything else in its list, a
    LIKE, is an "other" site)."""
    starts: list[tuple[str, tuple[str, ...], int]] = []
    for element in statement.tableElts or ():
        if isinstance(element, ast.ColumnDef):
            starts.append(("column", (*table, element.colname), element.location))
        elif isinstance(element, ast.Constraint):
            starts.append(("constraint", (*table, element.conname or ""), element.location))
        elif getattr(element, "location", -1) >= 0:
            starts.append(("other", (), element.location))
    return _spans(starts, tokens)


def _label_sites(statement: Any, enum: tuple[str, ...], tokens: list[Any]) -> list[Site]:
    """A CREATE TYPE ... AS ENUM's labels, each from its string constant."""
    constants = [t for t in tokens if t.name in _LABEL_TOKENS]
    labels = [value.sval for value in statement.vals or ()]
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
    "OBJECT_TABLE": "table",
    "OBJECT_VIEW": "view",
    "OBJECT_MATVIEW": "materialized view",
    "OBJECT_INDEX": "index",
    "OBJECT_SEQUENCE": "sequence",
    "OBJECT_TYPE": "type",
    "OBJECT_DOMAIN": "domain",
    "OBJECT_FUNCTION": "function",
    "OBJECT_PROCEDURE": "procedure",
}


def renamings(text: str) -> list[Renaming]:
    """The renames a schema file states, in file order: `ALTER TABLE | VIEW |
    MATERIALIZED VIEW | INDEX | SEQUENCE | TYPE | DOMAIN | FUNCTION | PROCEDURE |
    SCHEMA ... RENAME TO`, `ALTER TABLE ... RENAME [COLUMN] | CONSTRAINT ... TO` and
    `ALTER TYPE ... RENAME VALUE`. Other renames (a trigger's, a policy's, a composite
    type's attribute, a view's column) are not read: the objects are compared as usual.
    Raises Unreadable."""
    tokens, _ = _tokens_and_statements(text)
    code = [t.start for t in tokens if t.name not in _COMMENTS]
    found = []
    for item in parser.parse_sql(text):
        stated = _renaming(item.stmt)
        if stated is None:
            continue
        # the statement's first token: its location may hold the comments before it
        start = code[bisect.bisect_left(code, item.stmt_location)]
        end = item.stmt_location + item.stmt_len if item.stmt_len else len(text)
        kind, names, new = stated
        found.append(Renaming(kind, names, new, start, text[start:end].strip()))
    return found


def _renaming(statement: Any) -> tuple[str, tuple[str, ...], str] | None:
    if isinstance(statement, ast.AlterEnumStmt) and statement.oldVal is not None:
        return "enum value", (*_any_name(statement.typeName), statement.oldVal), statement.newVal
    if not isinstance(statement, ast.RenameStmt):
        return None
    rename_type, new = statement.renameType.name, statement.newname
    if rename_type == "OBJECT_SCHEMA":
        return "schema", (statement.subname,), new
    if rename_type in ("OBJECT_COLUMN", "OBJECT_TABCONSTRAINT"):
        if rename_type == "OBJECT_COLUMN" and statement.relationType.name != "OBJECT_TABLE":
            return None  # a view's or a composite type's column
        kind = "column" if rename_type == "OBJECT_COLUMN" else "constraint"
        return kind, (*_rangevar_names(statement.relation), statement.subname), new
    kind = _STATED_RENAMES.get(rename_type)
    if kind is None:
        return None
    if statement.relation is not None:
        return kind, _rangevar_names(statement.relation), new
    named = statement.object
    if isinstance(named, ast.ObjectWithArgs):
        named = named.objname
    return kind, _any_name(named), new


def name_parts(text: str) -> tuple[str, ...] | None:
    """A (possibly qualified) name as SQL spells it (`note`, `"Note"`, `app.t`) as its
    raw parts, by PostgreSQL's grammar; None when `text` is not exactly one name."""
    try:
        parsed = parser.parse_sql(f"DROP TABLE {text}")
        words = [t.name for t in parser.scan(text)]
    except parser.ParseError:
        return None
    if len(parsed) != 1 or not isinstance(parsed[0].stmt, ast.DropStmt):
        return None
    drop = parsed[0].stmt
    if len(drop.objects or ()) != 1 or "CASCADE" in words or "RESTRICT" in words:
        return None
    return tuple(part.sval for part in drop.objects[0])


def string_constant(text: str) -> str | None:
    """The value of one SQL string literal (`'it''s'`, `E'a\\nb'`); None otherwise."""
    target = _only_target(text)
    if isinstance(target, ast.A_Const) and isinstance(target.val, ast.String):
        return target.val.sval
    return None


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


def _only_target(text: str) -> Any:
    """The one value `SELECT text` selects, when that is all it does; else None."""
    try:
        parsed = parser.parse_sql(f"SELECT {text}")
    except parser.ParseError:
        return None
    if len(parsed) != 1 or not isinstance(parsed[0].stmt, ast.SelectStmt):
        return None
    select = parsed[0].stmt
    if any(getattr(select, clause, None) for clause in _SELECT_CLAUSES):
        return None
    targets = select.targetList or ()
    if len(targets) != 1 or targets[0].name:
        return None
    return targets[0].val


def index_shape(definition: str) -> str:
    """An index definition (pg_get_indexdef) in a form equal for two indexes that differ
    only in their names: whether one can be renamed into the other."""
    shape, options = index_options(definition)
    body = json.loads(shape)
    body.pop("idxname", None)
    return json.dumps([body, sorted(options)], sort_keys=True)
