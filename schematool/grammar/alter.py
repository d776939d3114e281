"""Reading ALTER statements (`ALTER TABLE` and its subcommands, renames, SET SCHEMA,
owners, and the ALTERs of types, domains, sequences, functions and the like) into
`change.Op`s and locks, for `schematool.grammar.reader`.

Lock modes follow PostgreSQL's documentation of each command (the `ALTER TABLE` page
lists its subcommands' locks; anything not listed takes ACCESS EXCLUSIVE).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from schematool.grammar.change import (
    ACCESS_EXCLUSIVE,
    ALTER,
    CREATE,
    DROP,
    NONE,
    RENAME,
    SET,
    SHARE_ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    USE,
    Lock,
    Op,
)
from schematool.grammar.definitions import generator_node, type_text
from schematool.grammar.tree import (
    Json,
    calls,
    object_names,
    qualify,
    relation_node,
    role_name,
    strings,
)
from schematool.names import Node, object_types

Reading = tuple[list[Op], list[Lock], bool]  # a statement's Ops, locks, and transactional

TABLE_CHILD = ("trigger", "policy", "rule")  # Node kinds named (schema, table, name)
SCHEMA_QUALIFIED = ("rel", "fn", "collation", "stat", "op", "tsconfig", "tsdict")


def owned_by(options: Iterable[Json]) -> tuple[str, ...]:
    """OWNED BY's column (schema, table, column), or () for none (or OWNED BY NONE)."""
    for option in options:
        element = option["DefElem"]
        if element["defname"] == "owned_by":
            names = object_names(element["arg"])
            return qualify(names[:-1]) + names[-1:] if len(names) >= 2 else ()
    return ()


def restarts(options: Iterable[Json]) -> tuple[tuple[str, Any], ...]:
    """`details` of a sequence (or identity) change that RESTARTs it: its position is
    lost (hazards)."""
    restart = any(option["DefElem"]["defname"] == "restart" for option in options)
    return (("restart", True),) if restart else ()


# -- ALTER TABLE ----------------------------------------------------------------------

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


def _is_cast_of(expression: Json | None, column: str) -> bool:
    """`"c"::type` or `c::text::type` (migra's USING): the column's own values converted."""
    while expression is not None and "TypeCast" in expression:
        expression = expression["TypeCast"].get("arg")
    if expression is None or "ColumnRef" not in expression:
        return False
    return strings(expression["ColumnRef"].get("fields")) == (column,)


def _cast_via(expression: Json) -> tuple[tuple[str, Any], ...]:
    """The types a cast of the column passes through before its last (`c::text::mood`:
    text), as the detail `cast_via`, inner first: what reading the rows must repeat."""
    types = []
    while expression is not None and "TypeCast" in expression:
        types.append(type_text(expression["TypeCast"]["typeName"]))
        expression = expression["TypeCast"].get("arg")
    via = tuple(reversed(types[1:]))
    return (("cast_via", via),) if via else ()


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
    object_type: kind
    for object_type, (kind, _) in object_types(
        "table", "foreign table", "view", "materialized view", "index", "sequence", "type"
    ).items()
}


def _alter_table(body: Json) -> Reading | None:
    relation = relation_node(body["relation"])
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
            details=_cast_via(using) if using is not None and _is_cast_of(using, name) else (),
        )
        return op, lock
    if subtype in _COLUMN_COMMANDS:
        what = _COLUMN_COMMANDS[subtype]
        if what == "default":
            what = "set default" if definition else "drop default"
        rewrites = subtype == "AT_SetExpression"
        options = (definition or {}).get("List", {}).get("items", ())
        details = restarts(options) if subtype == "AT_SetIdentity" else ()
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
        partition = relation_node(definition["PartitionCmd"]["name"])
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
        parent = relation_node(definition["RangeVar"])
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


def _identity_sequence_name(relation: Node, options: Iterable[Json]) -> Node | None:
    """The sequence an identity's `SEQUENCE NAME` names (an unqualified one is taken to
    be in the table's schema, as the plans write it qualified), or None."""
    for option in options:
        element = option["DefElem"]
        if element["defname"] == "sequence_name":
            names = object_names(element["arg"])
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
            locks.append(Lock(relation_node(constraint["pktable"]), SHARE_ROW_EXCLUSIVE))
    return locks


def _add_column(relation: Node, column: Json, only: bool) -> Op:
    """A column added: it fills every row itself (a rewrite) when it is an identity or a
    stored generated column, or its default is computed per row."""
    rewrites = False
    not_null = False
    filled = False  # each row gets a value (a default, an identity, a generation)
    for item in column.get("constraints", ()):
        constraint = item["Constraint"]
        contype = constraint["contype"]
        if contype == "CONSTR_IDENTITY":
            rewrites = filled = True
        elif contype == "CONSTR_GENERATED":
            rewrites = rewrites or constraint.get("generated_kind", "s") == "s"
            filled = True
        elif contype == "CONSTR_DEFAULT":
            rewrites = rewrites or bool(calls(constraint.get("raw_expr")) & _VOLATILE)
            filled = True
        elif contype == "CONSTR_NOTNULL":
            not_null = True
    if column.get("generated") == "s" or column.get("identity"):
        rewrites = filled = True
    return Op(
        CREATE,
        "column",
        _col(relation, column["colname"]),
        "add column",
        type_name=type_text(column["typeName"]) if "typeName" in column else None,
        rewrites=rewrites,
        only=only,
        details=(("not_null", not_null),) + ((("filled", True),) if filled else ()),
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
    references = relation_node(constraint["pktable"]) if constraint.get("pktable") else None
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

RENAME_KINDS = object_types(
    "table",
    "foreign table",
    "view",
    "materialized view",
    "index",
    "sequence",
    "type",
    "domain",
    "function",
    "procedure",
    "aggregate",
    "routine",
    "schema",
    "collation",
    "event trigger",
    "statistics",
    "publication",
    "text search configuration",
    "text search dictionary",
)
_RENAME_CHILDREN = object_types("column", "constraint", "trigger", "policy", "rule")


def _rename(body: Json) -> Reading | None:
    rename_type = body.get("renameType")
    new = body["newname"]
    if rename_type in _RENAME_CHILDREN:
        kind, node_kind = _RENAME_CHILDREN[rename_type]
        table = relation_node(body["relation"])
        node = (node_kind, *table[1:], body["subname"])
        if node_kind == "col" and body.get("relationType") == "OBJECT_TYPE":
            return [Op(ALTER, "type", table, "rename attribute")], [], True
        op = Op(RENAME, kind, node, "rename", renamed_to=(node_kind, *table[1:], new))
        return [op], [Lock(table, ACCESS_EXCLUSIVE)], True
    if rename_type == "OBJECT_ATTRIBUTE":
        return [Op(ALTER, "type", relation_node(body["relation"]), "rename attribute")], [], True
    if rename_type == "OBJECT_DOMCONSTRAINT":
        names = object_names(body["object"])
        return (
            [Op(ALTER, "domain", ("rel", *qualify(names[:-1])), "rename constraint")],
            [],
            True,
        )
    known = RENAME_KINDS.get(rename_type or "")
    if known is None:
        return None
    kind, node_kind = known
    if "relation" in body:
        names = relation_node(body["relation"])[1:]
    elif "object" in body:
        names = object_names(body["object"])
        names = qualify(names) if node_kind in SCHEMA_QUALIFIED else names
    else:  # ALTER SCHEMA (and other unqualified objects) name it in subname
        names = (body["subname"],)
    node = (node_kind, *names)
    renamed = (*node[:-1], new)
    locks = (
        # an index is renamed under SHARE UPDATE EXCLUSIVE on itself alone (PostgreSQL 12+)
        [Lock(node, SHARE_UPDATE_EXCLUSIVE if kind == "index" else ACCESS_EXCLUSIVE)]
        if node_kind == "rel" and kind not in ("type", "domain")
        else []
    )
    return [Op(RENAME, kind, node, "rename", renamed_to=renamed)], locks, True


def _set_schema(body: Json) -> Reading | None:
    known = RENAME_KINDS.get(body.get("objectType", ""))
    if body.get("objectType") == "OBJECT_EXTENSION":
        name = object_names(body["object"])[0]
        return [Op(ALTER, "extension", ("ext", name), "set schema")], [], True
    if known is None:
        return None
    kind, node_kind = known
    if "relation" in body:
        names = relation_node(body["relation"])[1:]
    else:
        names = qualify(object_names(body["object"]))
    node = (node_kind, *names)
    if node_kind not in ("rel", "fn", "collation"):
        return [Op(SET, kind, node, "set schema")], [], True
    moved = (node_kind, body["newschema"], names[-1])
    return [Op(RENAME, kind, node, "set schema", renamed_to=moved)], [], True


_OWNED_KINDS = {
    **RENAME_KINDS,
    **object_types("operator", "extension", "large object", "foreign data wrapper", "server"),
}


def _alter_owner(body: Json) -> Reading | None:
    known = _OWNED_KINDS.get(body.get("objectType", ""))
    if known is None:
        return None
    kind, node_kind = known
    if "relation" in body:
        names = relation_node(body["relation"])[1:]
    else:
        names = object_names(body["object"])
        names = qualify(names) if node_kind in SCHEMA_QUALIFIED else names
    op = Op(
        SET,
        kind,
        (node_kind, *names),
        "owner",
        details=(("owner", role_name(body.get("newowner"))),),
    )
    return [op], [], True


# -- other ALTERs ---------------------------------------------------------------------


def _alter_enum(body: Json) -> Reading:
    names = qualify(strings(body["typeName"]))
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
    names = qualify(strings(body["typeName"]))
    what = _DOMAIN_COMMANDS.get(body.get("subtype", ""))
    if what is None:
        return None
    if what == "default":
        what = "set default" if body.get("def") else "drop default"
    not_valid = bool(body.get("def", {}).get("Constraint", {}).get("skip_validation"))
    return [Op(ALTER, "domain", ("rel", *names), what, not_valid=not_valid)], [], True


def _alter_sequence(body: Json) -> Reading:
    sequence = relation_node(body["sequence"])
    options = body.get("options", ())
    owned = owned_by(options)
    also = ((USE, ("col", *owned)),) if owned else ()
    return (
        [Op(SET, "sequence", sequence, "options", also=also, details=restarts(options))],
        [Lock(sequence, SHARE_ROW_EXCLUSIVE)],
        True,
    )


def _alter_function(body: Json) -> Reading:
    names = qualify(object_names({"ObjectWithArgs": body["func"]}))
    kind = {"OBJECT_PROCEDURE": "procedure", "OBJECT_AGGREGATE": "aggregate"}.get(
        body.get("objtype", ""), "function"
    )
    return [Op(SET, kind, ("fn", *names), "options")], [], True


def _alter_policy(body: Json) -> Reading:
    table = relation_node(body["table"])
    node = ("policy", *table[1:], body["policy_name"])
    return [Op(SET, "policy", node, "alter")], [Lock(table, ACCESS_EXCLUSIVE)], True


def _alter_extension(body: Json) -> Reading:
    return [Op(ALTER, "extension", ("ext", body["extname"]), "update")], [], True


def _alter_collation(body: Json) -> Reading:
    names = qualify(strings(body["collname"]))
    return [Op(SET, "collation", ("collation", *names), "refresh version")], [], True


def _alter_event_trigger(body: Json) -> Reading:
    return [Op(SET, "event trigger", ("evt", body["trigname"]), "enable")], [], True


def _alter_type(body: Json) -> Reading:
    names = qualify(strings(body["typeName"]))
    return [Op(ALTER, "type", ("rel", *names), "set options")], [], True


def _alter_operator(body: Json) -> Reading:
    names = qualify(object_names({"ObjectWithArgs": body["opername"]}))
    return [Op(SET, "operator", ("op", *names), "set options")], [], True


def _alter_statistics(body: Json) -> Reading:
    names = qualify(strings(body["defnames"]))
    return [Op(SET, "statistics", ("stat", *names), "set statistics")], [], True


ALTER_READERS: dict[str, Callable[[Json], Reading | None]] = {
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
}
