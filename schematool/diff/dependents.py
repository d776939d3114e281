"""Dependents PostgreSQL will not keep under a change: dropped before it, created after.

PostgreSQL refuses to drop what a view reads, and to change the type of a column that a
view or a materialized view, a policy, a rule or a trigger's WHEN condition reads
("cannot alter type of a column used by a view or rule", "... used in a policy
definition", "... used in a trigger definition"). migra plans around none of them: it
changes the column and at most replaces the view afterwards (`create or replace view`,
which then fails first). It also recreates a table (plain to partitioned) without a
thought for the views on it.

Here the target's dependency graph (`schematool.inspect.graph`) says which of those
objects read something the plan drops or retypes, and in turn what reads them (views on
views, a policy whose subquery reads a view). Each one the plan does not drop itself is
dropped ahead of the plan and created again after it from the desired schema (unless
the plan creates it already, like migra's `create or replace view`, or the desired
schema no longer holds it). The drops are plain changes of the plan, made before the
late gap modules run: those see the objects as dropped and restore what they had
(grants, comments, owners, options, a materialized view's indexes, a rule itself and
whether it fires). `ordering.by_dependencies` then puts the drops before the change
and the creations after it, inner views before outer ones.

A function or procedure whose body is SQL-standard (`BEGIN ATOMIC`, `RETURN`) is such a dependent
too: PostgreSQL records what the body reads ("cannot alter type of a column used by a
function or procedure"; a column it reads cannot be dropped). It is dropped and created
again from the desired schema's definition, and what calls it follows (a view, a
trigger, another such body; a column default is put aside as for any dropped function).

A materialized view is created again WITH DATA: it holds its rows when the transaction
commits, and its query runs inside it (`hazards`: blocking-lock, its readers wait).
Generated columns reading a retyped column are `gaps.generated_columns`' (they are
dropped and added in their table's ALTER TABLE); what reads them follows from that drop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from schematool.errors import DiffError
from schematool.grammar import reader
from schematool.grammar.change import ALTER, CREATE, DROP, SET, Change, restoring
from schematool.inspect.catalog import Snapshot
from schematool.inspect.graph import Graph, owner
from schematool.inspect.records import Index
from schematool.inspect.records import catalog as catalog_of
from schematool.names import Node, ident, node_of, quote_all

SOURCE = "dependents"
REBUILT_KINDS = ("view", "materialized_view", "policy", "rule", "trigger")

Attrs = dict[str, Any]


def wanted(changes: Iterable[Change]) -> bool:
    """Whether some change drops an object or retypes a column: only then may a
    dependent need rebuilding (and the target's graph reading)."""
    return any(_refused(op) for change in changes for op in change.ops)


def _refused(op: Any) -> bool:
    return op.effect == DROP or (op.what == "type" and op.node[0] == "col")


def around(
    changes: Sequence[Change], graph: Graph, current: Snapshot, desired: Snapshot
) -> list[Change]:
    """`changes` with each dependent of what they drop or retype dropped first and created
    again last, and the plan's own changes of such a dependent that its creation from
    the desired schema makes needless (an `ALTER POLICY`, a trigger's `DISABLE`) left out."""
    objects = _objects(current)
    functions = _tracked_functions(current)
    reached = _reached(changes, graph, {**objects, **functions})
    _refuse_kept_users_of_operators(changes, graph, objects, reached)
    function_drops = [
        restoring(reader.read(_drop_function(current["function"][identity]), SOURCE))
        for node in reached
        if node in functions
        for identity in functions[node]
    ]
    defaults_before, defaults_after = _defaults_around_dropped_functions(
        [*changes, *function_drops], graph, current, desired
    )
    if not reached:
        if defaults_before:
            return [*defaults_before, *changes, *defaults_after]
        return list(changes)
    created = {node for c in changes for effect, node in c.effects() if effect == CREATE}
    drops: list[Change] = []
    creates: list[Change] = []
    for node in reached:
        if node in functions:
            creates += _functions_again(node, functions[node], desired, node in created)
            continue
        kind, identity = objects[node]
        drop = reader.read(_drop(kind, identity, current[kind][identity]), SOURCE)
        want = desired.get(kind, {}).get(identity)
        # a dependent the desired schema no longer holds goes for good: judged as any drop
        drops.append(drop if want is None else restoring(drop))
        if want is None or node in created:
            continue
        same = _same(current[kind][identity], want)
        creates += [
            _restoring(reader.read(sql, SOURCE), same) for sql in _create(kind, identity, want)
        ]
    rebuilt = set(reached)
    kept = [c for c in changes if not _superseded(c, rebuilt)]
    return defaults_before + function_drops + drops + kept + creates + defaults_after


def _tracked_functions(current: Snapshot) -> dict[Node, tuple[str, ...]]:
    """The target's functions and procedures with an SQL-standard body, by Node (the
    overloads of one name together): PostgreSQL records what such a body reads."""
    found: dict[Node, list[str]] = {}
    for identity, attrs in sorted(current.get("function", {}).items()):
        node = node_of("function", identity)
        if node is not None and _body_tracked(attrs.get("definition") or ""):
            found.setdefault(node, []).append(identity)
    return {node: tuple(identities) for node, identities in found.items()}


def _body_tracked(definition: str) -> bool:
    spelled = definition.upper()
    if "BEGIN ATOMIC" not in spelled and "RETURN " not in spelled:
        return False  # most bodies: no need to parse
    try:
        change = reader.read(definition.rstrip() + ";", SOURCE)
    except DiffError:
        return False
    return any(op.body_tracked for op in change.ops)


def _drop_function(attrs: Attrs) -> str:
    routine = "PROCEDURE" if attrs.get("kind") == "procedure" else "FUNCTION"
    return f"DROP {routine} {attrs['signature']};"


def _functions_again(
    node: Node, identities: Sequence[str], desired: Snapshot, planned: bool
) -> list[Change]:
    """The rebuilt functions as the desired schema defines them (none the plan creates
    already, none it no longer holds)."""
    if planned:
        return []
    result = []
    for identity in identities:
        want = desired.get("function", {}).get(identity)
        if want is not None and want.get("definition"):
            result.append(restoring(reader.read(want["definition"].rstrip() + ";", SOURCE)))
    return result


def _defaults_around_dropped_functions(
    changes: Sequence[Change], graph: Graph, current: Snapshot, desired: Snapshot
) -> tuple[list[Change], list[Change]]:
    """A column default that calls a function the plan drops (to create it again with
    another signature, say) keeps PostgreSQL from dropping it ("other objects depend on
    it"): the default is dropped first and set again last, as the desired schema has it
    (unless the plan drops or sets that column's default itself, or drops the column)."""
    functions = {
        op.node for c in changes for op in c.ops if op.effect == DROP and op.kind == "function"
    }
    if not functions:
        return [], []
    dropped = {node for c in changes for effect, node in c.effects() if effect == DROP}
    defaulted = {op.node for c in changes for op in c.ops if "default" in op.what}
    have_columns, want_columns = catalog_of(current).columns, catalog_of(desired).columns
    columns = {node_of("column", identity): identity for identity in have_columns}
    before: list[Change] = []
    after: list[Change] = []
    for dependent, referenced in graph.edges():
        identity = columns.get(dependent)
        if identity is None or dependent in dropped or owner(dependent) in dropped:
            continue
        have = have_columns[identity]
        if _function_node(referenced) not in functions or have.default is None:
            continue
        if dependent in defaulted:
            continue  # the plan drops or sets that default itself
        alter = f"ALTER TABLE {have.table} ALTER COLUMN {ident(have.name)}"
        before.append(restoring(reader.read(f"{alter} DROP DEFAULT;", SOURCE)))
        wanted = want_columns.get(identity)
        want = wanted.default if wanted is not None else None
        if want is not None:
            after.append(restoring(reader.read(f"{alter} SET DEFAULT {want};", SOURCE)))
    return list(dict.fromkeys(before)), list(dict.fromkeys(after))


def _function_node(node: Node) -> Node:
    """A function's Node as a DROP FUNCTION names it: schema and name, no arguments."""
    return node[:3] if node[0] == "fn" else node


def _objects(current: Snapshot) -> dict[Node, tuple[str, str]]:
    """The target's views, materialized views, policies, rules and triggers by Node,
    and its plain indexes (rebuilt only around an operator: `_reached`)."""
    found: dict[Node, tuple[str, str]] = {}
    for kind in (*REBUILT_KINDS, "index"):
        for identity in current.get(kind, {}):
            node = node_of(kind, identity)
            if node is not None:
                found[node] = (kind, identity)
    return found


def _reached(changes: Sequence[Change], graph: Graph, objects: dict[Node, Any]) -> list[Node]:
    """The dependents to rebuild, in the order found (what reads a rebuilt object comes
    after it): those reading what the plan drops or retypes, and what reads them. One
    that goes with a table the plan drops (its own policy, rule or trigger) is the
    table's business."""
    gone = {op.node for change in changes for op in change.ops if _refused(op)}
    dropped = {node for change in changes for effect, node in change.effects() if effect == DROP}
    reached: list[Node] = []
    grew = True
    while grew:
        grew = False
        for dependent, referenced in (*graph.edges(), *graph.use_edges()):
            if dependent not in objects or dependent in gone or owner(dependent) in dropped:
                continue
            if objects[dependent][0] == "index" and referenced[0] not in ("op", "cast", "fn"):
                continue  # PostgreSQL rebuilds an index itself under a retyped column
            if referenced in gone or owner(referenced) in gone:
                gone.add(dependent)
                reached.append(dependent)
                grew = True
    return reached


def _refuse_kept_users_of_operators(
    changes: Sequence[Change], graph: Graph, objects: dict[Node, Any], reached: list[Node]
) -> None:
    """An operator the plan drops (perhaps to create it again) cannot go while an
    exclusion constraint, a default, a CHECK or another object the plan keeps uses it,
    and only views, policies, rules, triggers and indexes are rebuilt around it: the
    plan stops here, naming both, rather than fail in the middle of apply."""
    operators = {
        op.node for c in changes for op in c.ops if op.effect == DROP and op.kind == "operator"
    }
    if not operators:
        return
    dropped = {node for change in changes for effect, node in change.effects() if effect == DROP}
    for dependent, referenced in graph.edges():
        if referenced not in operators or dependent in reached or dependent in objects:
            continue
        if dependent in dropped or owner(dependent) in dropped or dependent[0] == "op":
            continue
        raise DiffError(
            f"operator {referenced[1]}.{referenced[2]} is dropped (or created again) but"
            f" {_spelled(dependent)} uses it, and schematool cannot drop and create that"
            " around it: change it (or drop it) in a separate apply first"
        )


def _spelled(node: Node) -> str:
    names = {"con": "constraint", "col": "column", "rel": "relation", "fn": "function"}
    return f"{names.get(node[0], node[0])} {'.'.join(node[1:])}"


def _superseded(change: Change, rebuilt: set[Node]) -> bool:
    """A change that only alters or sets a rebuilt object: its creation states it all."""
    return all(op.node in rebuilt and op.effect in (ALTER, SET) for op in change.ops)


def _restoring(change: Change, same: bool = True) -> Change:
    """`change.restoring`, for a creation only when the object comes back as it was
    (`same`): one whose roles or expression change is judged as any other."""
    return restoring(change) if same else change


def _same(have: Attrs, want: Attrs) -> bool:
    ignored = ("comment", "acl", "owner")
    return {k: v for k, v in have.items() if k not in ignored} == {
        k: v for k, v in want.items() if k not in ignored
    }


def _drop(kind: str, identity: str, attrs: Attrs) -> str:
    if kind == "index":
        return f"drop index if exists {quote_all(identity)};"
    if kind in ("view", "materialized_view"):
        keyword = "view" if kind == "view" else "materialized view"
        return f"drop {keyword} if exists {quote_all(identity)};"
    keyword = kind.upper()
    return f"DROP {keyword} {ident(attrs['name'])} ON {attrs['table']};"


def _create(kind: str, identity: str, want: Attrs) -> list[str]:
    """How the desired schema creates the object (options, grants, comments, owners,
    indexes and rules come from the late gap modules, which see it dropped)."""
    if kind == "view":
        return [f"create view {quote_all(identity)} as {_definition(want)};"]
    if kind == "materialized_view":
        return [_create_matview(identity, want)]
    if kind == "policy":
        return [_create_policy(want)]
    if kind == "trigger":
        return [want["definition"] + ";", *_trigger_state(want)]
    if kind == "index":
        return [Index.of(identity, want).definition + ";"]
    return []  # a rule: `gaps.rules` creates the rules of the plan's drops


def _definition(want: Attrs) -> str:
    return want["definition"].strip().rstrip(";")


def _create_matview(identity: str, want: Attrs) -> str:
    parts = [f"create materialized view {quote_all(identity)}"]
    if want.get("access_method") and want["access_method"] != "heap":
        parts.append(f"using {ident(want['access_method'])}")
    if want.get("tablespace"):
        parts.append(f"tablespace {ident(want['tablespace'])}")
    return " ".join(parts) + f" as {_definition(want)} with data;"


def _create_policy(want: Attrs) -> str:
    kind = "PERMISSIVE" if want.get("permissive", True) else "RESTRICTIVE"
    roles = ", ".join(_role(r) for r in want.get("roles") or ["public"])
    sql = f"CREATE POLICY {ident(want['name'])} ON {want['table']} AS {kind}"
    sql += f" FOR {want['command'].upper()} TO {roles}"
    if want.get("using") is not None:
        sql += f" USING ({want['using']})"
    if want.get("with_check") is not None:
        sql += f" WITH CHECK ({want['with_check']})"
    return sql + ";"


def _role(role: str) -> str:
    return "PUBLIC" if role == "public" else ident(role)


_TRIGGER_STATES = {
    "disabled": "DISABLE TRIGGER",
    "replica": "ENABLE REPLICA TRIGGER",
    "always": "ENABLE ALWAYS TRIGGER",
}


def _trigger_state(want: Attrs) -> list[str]:
    action = _TRIGGER_STATES.get(want.get("enabled", "enabled"))
    return [f"ALTER TABLE {want['table']} {action} {ident(want['name'])};"] if action else []
