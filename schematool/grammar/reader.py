"""Reading a statement into a `Change`, with PostgreSQL's own grammar (pglast).

pglast wraps libpg_query, the server's parser: `ALTER TABLE IF EXISTS ONLY public . t`
is read exactly as PostgreSQL reads it (`schematool.grammar.tree`). Each statement kind
has a reader, below or in `schematool.grammar.alter` for the ALTERs, that says what the
statement does (`change.Op`s), which locks it takes and whether it can run in a
transaction. A statement that does not parse is an error; one that parses but that no
reader knows becomes a change marked not understood, which `hazards` gives every hazard:
a misread must never look safe.

Lock modes follow PostgreSQL's documentation of each command (the `ALTER TABLE` page
lists its subcommands' locks; anything not listed takes ACCESS EXCLUSIVE).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from json.decoder import scanstring

from schematool.errors import DiffError
from schematool.grammar.alter import (
    ALTER_READERS,
    RENAME_KINDS,
    SCHEMA_QUALIFIED,
    TABLE_CHILD,
    Reading,
    owned_by,
)
from schematool.grammar.change import (
    ACCESS_EXCLUSIVE,
    ACCESS_SHARE,
    ALTER,
    CREATE,
    DROP,
    NONE,
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
    merged_locks,
)
from schematool.grammar.definitions import cast_node, cast_of
from schematool.grammar.tree import (
    Json,
    column_refs,
    head,
    list_items,
    object_names,
    only,
    parse,
    qualify,
    relation_node,
    role_name,
    split,
    strings,
)
from schematool.names import Node, object_types, split_name


def read(sql: str, source: str = "migra", phase: Phase = Phase.MAIN) -> Change:
    """The one statement `sql` holds, as a Change. Raises DiffError when it does not
    parse or holds more or less than one statement."""
    parsed = parse(
        sql, lambda error: DiffError(f"cannot read a planned statement ({error}): {head(sql)}")
    )
    statements = parsed.statements
    if len(statements) != 1:
        raise DiffError(
            f"a planned statement must be one statement, not {len(statements)}: {head(sql)}"
        )
    kind, body = only(statements[0]["stmt"])
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
        merged_locks(locks),
        transactional,
        source=source,
        phase=phase,
        constants=_constants(parsed.json),
    )


def read_all(
    texts: Iterable[str], source: str = "migra", phase: Phase = Phase.MAIN
) -> list[Change]:
    """Each text as its changes: one per statement it holds (migra writes a trigger and
    its `DISABLE TRIGGER` in one string, for instance), each read on its own."""
    found = []
    for text in texts:
        parts = split(
            text,
            lambda error, text=text: DiffError(
                f"cannot read a planned statement ({error}): {head(text)}"
            ),
        )
        if len(parts) > 1:
            found += [read(part.strip() + ";", source, phase) for part in parts]
        else:
            found.append(read(text, source, phase))
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


# -- CREATE ---------------------------------------------------------------------------


def _create_table(body: Json) -> Reading:
    table = relation_node(body["relation"])
    locks: list[Lock] = []
    for element in body.get("tableElts", ()):
        kind, item = only(element)
        constraints = item.get("constraints", ()) if kind == "ColumnDef" else [element]
        for constraint in constraints:
            referenced = constraint.get("Constraint", {}).get("pktable")
            if referenced:
                locks.append(Lock(relation_node(referenced), SHARE_ROW_EXCLUSIVE))
    for parent in body.get("inhRelations", ()):
        parent_node = relation_node(parent["RangeVar"])
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
    target = relation_node(body["into"]["rel"])
    kind = "materialized view" if body.get("objtype") == "OBJECT_MATVIEW" else "table"
    return [Op(CREATE, kind, target, "create")], [], True


def _create_view(body: Json) -> Reading:
    view = relation_node(body["view"])
    return (
        [Op(CREATE, "view", view, "create", replace=bool(body.get("replace")))],
        [Lock(view, ACCESS_EXCLUSIVE)] if body.get("replace") else [],
        True,
    )


def _create_index(body: Json) -> Reading:
    table = relation_node(body["relation"])
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
    names = qualify(strings(body["funcname"]))
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
    names = qualify(strings(body.get("defnames")))
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
_TEXT_SEARCH = object_types("text search configuration", "text search dictionary")


def _create_trigger(body: Json) -> Reading:
    table = relation_node(body["relation"])
    node = ("trigger", *table[1:], body["trigname"])
    return (
        [Op(CREATE, "trigger", node, "create", replace=bool(body.get("replace")))],
        [Lock(table, SHARE_ROW_EXCLUSIVE)],
        True,
    )


def _create_policy(body: Json) -> Reading:
    table = relation_node(body["table"])
    node = ("policy", *table[1:], body["policy_name"])
    return [Op(CREATE, "policy", node, "create")], [Lock(table, ACCESS_EXCLUSIVE)], True


def _create_rule(body: Json) -> Reading:
    table = relation_node(body["relation"])
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
        relation = relation_node(table["relation"])
        named = set(strings(table.get("columns")))
        named |= {ref[-1] for ref in column_refs(table.get("whereClause"))}
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
    names = qualify(strings(body["cfgname"]))
    dictionaries = [qualify(strings(list_items(d))) for d in body.get("dicts") or ()]
    also = tuple((USE, ("tsdict", *d)) for d in dictionaries)
    what = body.get("kind", "").removeprefix("ALTER_TSCONFIG_").lower().replace("_", " ")
    op = Op(ALTER, "text search configuration", ("tsconfig", *names), what, also=also)
    return [op], [], True


def _alter_text_search_dictionary(body: Json) -> Reading:
    names = qualify(strings(body["dictname"]))
    return [Op(ALTER, "text search dictionary", ("tsdict", *names), "options")], [], True


def _create_enum(body: Json) -> Reading:
    names = qualify(strings(body["typeName"]))
    return [Op(CREATE, "type", ("rel", *names), "create", details=(("enum", True),))], [], True


def _create_composite(body: Json) -> Reading:
    return [Op(CREATE, "type", relation_node(body["typevar"]), "create")], [], True


def _create_range(body: Json) -> Reading:
    names = qualify(strings(body["typeName"]))
    return [Op(CREATE, "type", ("rel", *names), "create")], [], True


def _create_domain(body: Json) -> Reading:
    names = qualify(strings(body["domainname"]))
    return [Op(CREATE, "domain", ("rel", *names), "create")], [], True


def _create_sequence(body: Json) -> Reading:
    sequence = relation_node(body["sequence"])
    owned = owned_by(body.get("options", ()))
    also = ((USE, ("col", *owned)),) if owned else ()
    return [Op(CREATE, "sequence", sequence, "create", also=also)], [], True


def _create_statistics(body: Json) -> Reading:
    names = qualify(strings(body.get("defnames")))
    tables = [relation_node(r["RangeVar"]) for r in body.get("relations", ()) if "RangeVar" in r]
    return (
        [Op(CREATE, "statistics", ("stat", *names), "create")],
        [Lock(t, SHARE_UPDATE_EXCLUSIVE) for t in tables],
        True,
    )


def _create_cast(body: Json) -> Reading:
    node = cast_node(body["sourcetype"], body["targettype"])
    return [Op(CREATE, "cast", node, "create")], [], True


# -- DROP ---------------------------------------------------------------------------------

_DROP_KINDS = object_types(
    "table",
    "view",
    "materialized view",
    "index",
    "sequence",
    "foreign table",
    "type",
    "domain",
    "function",
    "procedure",
    "aggregate",
    "routine",
    "trigger",
    "policy",
    "rule",
    "schema",
    "extension",
    "event trigger",
    "collation",
    "statistics",
    "foreign data wrapper",
    "server",
    "operator",
    "publication",
    "text search configuration",
    "text search dictionary",
)


def _drop(body: Json) -> Reading | None:
    if body.get("removeType") == "OBJECT_CAST":
        return [Op(DROP, "cast", cast_of(item), "drop") for item in body["objects"]], [], True
    known = _DROP_KINDS.get(body.get("removeType", ""))
    if known is None:
        return None
    kind, node_kind = known
    concurrent = bool(body.get("concurrent"))
    cascade = body.get("behavior") == "DROP_CASCADE"
    ops: list[Op] = []
    locks: list[Lock] = []
    for item in body.get("objects", ()):
        names = object_names(item)
        if node_kind in SCHEMA_QUALIFIED:
            names = qualify(names)
        elif node_kind in TABLE_CHILD:
            names = qualify(names[:-1]) + names[-1:]
        node = (node_kind, *names)
        ops.append(Op(DROP, kind, node, "drop", concurrently=concurrent, cascade=cascade))
        if node_kind == "rel" and kind not in ("type", "domain"):
            mode = SHARE_UPDATE_EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE
            locks.append(Lock(node, mode))
            if kind == "index":  # its table (and its partitions), in the same mode
                locks.append(Lock(node, mode, of_index=True))
        elif node_kind in TABLE_CHILD:
            locks.append(Lock(("rel", *names[:2]), ACCESS_EXCLUSIVE))
    return ops, locks, not concurrent


def _truncate(body: Json) -> Reading:
    tables = [relation_node(r["RangeVar"]) for r in body.get("relations", ())]
    ops = [Op(NONE, "table", t, "truncate") for t in tables]
    return ops, [Lock(t, ACCESS_EXCLUSIVE) for t in tables], True


# -- grants, comments, settings -------------------------------------------------------

_GRANT_KINDS = object_types(
    "table",
    "sequence",
    "function",
    "procedure",
    "routine",
    "schema",
    "type",
    "domain",
    "server",
    "foreign data wrapper",
    "language",
    "large object",
    "database",
    "tablespace",
)


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
        names = object_names(item)
        if node_kind in SCHEMA_QUALIFIED:
            names = qualify(names)
        ops.append(Op(NONE, kind, (node_kind, *names), what, details=(("columns", columns),)))
    return ops, [], True


def _object_names_list(items: Iterable[Json]) -> list[str]:
    return [name for item in items for name in object_names(item)]


def _default_privileges(body: Json) -> Reading:
    options = {o["DefElem"]["defname"]: o["DefElem"].get("arg") for o in body.get("options", ())}
    roles = (
        [role_name(r.get("RoleSpec")) for r in list_items(options["roles"])]
        if options.get("roles")
        else []
    )
    schemas = _object_names_list(list_items(options["schemas"])) if options.get("schemas") else []
    node = ("default_privileges", ",".join(roles), ",".join(schemas))
    return [Op(NONE, "default privileges", node, "default privileges")], [], True


_COMMENT_KINDS = {
    **RENAME_KINDS,
    **object_types(
        "operator",
        "extension",
        "column",
        "constraint",
        "trigger",
        "policy",
        "rule",
        "foreign data wrapper",
        "server",
    ),
}


def _comment(body: Json) -> Reading:
    objtype = body.get("objtype", "")
    if objtype == "OBJECT_CAST":
        return [Op(NONE, "cast", cast_of(body["object"]), "comment")], [], True
    known = _COMMENT_KINDS.get(objtype)
    names = object_names(body["object"])
    if objtype == "OBJECT_DOMCONSTRAINT":
        return [Op(NONE, "constraint", ("rel", *qualify(names[:-1])), "comment")], [], True
    if known is None:
        kind = objtype.removeprefix("OBJECT_").lower().replace("_", " ")
        return [Op(NONE, kind, (kind, *names), "comment")], [], True
    kind, node_kind = known
    if node_kind in SCHEMA_QUALIFIED:
        names = qualify(names)
    elif node_kind in ("col", "con", "trigger", "policy", "rule"):
        names = qualify(names[:-1]) + names[-1:]
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
    if call is None or strings(call.get("funcname")) not in _SETVAL:
        return None
    if set(call) - {"funcname", "args", "funcformat", "location"}:
        return None
    args = call.get("args", ())
    if len(args) != 3 or "sval" not in args[0].get("A_Const", {}):
        return None
    columns = tuple(strings(a.get("ColumnRef", {}).get("fields")) for a in args[1:])
    if columns != _SET_VALUE_ARGS:
        return None
    names = split_name(args[0]["A_Const"]["sval"]["sval"])
    if not 1 <= len(names) <= 2:
        return None
    sequence, source = ("rel", *qualify(names)), relation_node(sources[0]["RangeVar"])
    op = Op(SET, "sequence", sequence, "set value", also=((USE, source),))
    return [op], [Lock(sequence, ROW_EXCLUSIVE), Lock(source, ACCESS_SHARE)], True


def _refresh(body: Json) -> Reading:
    view = relation_node(body["relation"])
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
    relation = relation_node(body["relation"])
    concurrent = any(p["DefElem"]["defname"] == "concurrently" for p in body.get("params", ()))
    mode = SHARE_UPDATE_EXCLUSIVE if concurrent else ACCESS_EXCLUSIVE
    locks = [Lock(relation, mode)]
    if body["kind"] == "REINDEX_OBJECT_INDEX":  # the index's table: no writes meanwhile
        locks.append(Lock(relation, SHARE_UPDATE_EXCLUSIVE if concurrent else SHARE, of_index=True))
    return (
        [Op(ALTER, "index", relation, "reindex", concurrently=concurrent)],
        locks,
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
    return ("usermapping", role_name(body.get("user")), body["servername"])


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
    **ALTER_READERS,
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
