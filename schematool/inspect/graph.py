"""What depends on what in one database: the graph `ordering` sorts a plan by.

Edges come from `pg_depend` (queries/dependency_nodes.sql names both ends the way a
statement names an object: a view's rule is the view, a default is its column, an index owned by a
constraint is the constraint), and from the bodies of functions, where PostgreSQL
records nothing: a PL/pgSQL body, or an SQL body kept as text, that names a relation or
a function of the same database. The two kinds stay apart because they mean different
things for order: a function is created without its body being checked, so a body edge
never delays the function itself, only what runs the function when it is created (a
CHECK validated against existing rows, a default filled into them, a generated column).

Only plain catalog reads: apply reads the target inside its open transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

import psycopg

from schematool.names import Node, names_in

Edge = tuple[Node, Node]  # (dependent, what it depends on)

_BODIES = """
select n.nspname::text, p.proname::text, p.prosrc
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
where p.oid >= 16384 and l.lanname in ('plpgsql', 'sql') and p.prosqlbody is null
  and n.nspname not in ('pg_catalog', 'information_schema')
  and not exists (select 1 from pg_depend d
                  where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
"""

_NAMES = """
select 'rel', n.nspname::text, c.relname::text
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.oid >= 16384 and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
  and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_'
union
select 'fn', n.nspname::text, p.proname::text
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where p.oid >= 16384 and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname !~ '^pg_'
"""


@dataclass(frozen=True)
class Graph:
    """One database's dependencies: `depends[a]` holds what `a` needs to exist."""

    depends: dict[Node, frozenset[Node]] = field(default_factory=dict)
    # edges read from function bodies: function -> relations and functions it names
    body: dict[Node, frozenset[Node]] = field(default_factory=dict)
    # what uses a cast (queries/cast_uses.sql): only creation order reads these
    uses: dict[Node, frozenset[Node]] = field(default_factory=dict)

    def use_edges(self) -> Iterable[Edge]:
        """(object, cast it is taken to use): the cast must exist when it is created."""
        for dependent, casts in self.uses.items():
            for cast in casts:
                yield dependent, cast

    def edges(self) -> Iterable[Edge]:
        for dependent, referenced in self.depends.items():
            for node in referenced:
                yield dependent, node

    def run_time_edges(self) -> Iterable[Edge]:
        """Edges of things that run a function when they are created (constraints,
        defaults, generated columns, index expressions, domain checks) to what that
        function's body reaches: those must exist before, though the function need not."""
        for dependent, referenced in self.depends.items():
            if dependent[0] not in ("col", "con", "rel"):
                continue
            for function in (n for n in referenced if n[0] == "fn"):
                for node in self.reached_by(function):
                    if node not in (dependent, owner(dependent)):
                        yield dependent, node

    def reached_by(self, function: Node) -> set[Node]:
        """What a function's body names, and what the functions it names name, in turn."""
        seen: set[Node] = set()
        todo = [function]
        while todo:
            for node in self.body.get(todo.pop(), ()):
                if node not in seen:
                    seen.add(node)
                    if node[0] == "fn":
                        todo.append(node)
        seen.discard(function)
        return seen


def read(conn: psycopg.Connection) -> Graph:
    """The dependency graph of the database `conn` is connected to, as its transaction
    sees it (uncommitted work included)."""
    names: dict[tuple[int, int, int], Node] = {}
    extension_of: dict[tuple[int, int], str] = {}
    for classid, objid, objsubid, kind, parts in conn.execute(_sql("dependency_nodes")):
        if kind == "member":
            extension_of[classid, objid] = parts[0]
        else:
            names[classid, objid, objsubid] = (kind, *parts)
    depends: dict[Node, set[Node]] = {}
    # joined here, not in SQL: the planner's guesses for catalog joins of this shape
    # make a nested loop of them (tens of milliseconds on PostgreSQL 15)
    for classid, objid, sub, refclassid, refobjid, refsub in conn.execute(_sql("dependency_edges")):
        if (classid, objid) in extension_of:
            continue  # an extension's own objects are the extension's business
        dependent = names.get((classid, objid, sub))
        extension = extension_of.get((refclassid, refobjid))
        referenced = ("ext", extension) if extension else names.get((refclassid, refobjid, refsub))
        if dependent and referenced and referenced not in (dependent, owner(dependent)):
            depends.setdefault(dependent, set()).add(referenced)
    return Graph(
        {k: frozenset(v) for k, v in depends.items()}, _body_edges(conn), _cast_uses(conn, names)
    )


def _cast_uses(
    conn: psycopg.Connection, names: dict[tuple[int, int, int], Node]
) -> dict[Node, frozenset[Node]]:
    """What uses each user cast (queries/cast_uses.sql), named as the graph names them."""
    result: dict[Node, set[Node]] = {}
    for classid, objid, sub, cast_class, cast_oid in conn.execute(_sql("cast_uses")):
        dependent, cast = names.get((classid, objid, sub)), names.get((cast_class, cast_oid, 0))
        if dependent and cast:
            result.setdefault(dependent, set()).add(cast)
    return {k: frozenset(v) for k, v in result.items()}


def _sql(name: str) -> str:
    return resources.files("schematool.inspect").joinpath(f"queries/{name}.sql").read_text()


def owner(node: Node) -> Node | None:
    """The relation a column, constraint, trigger, policy or rule belongs to, the
    publication a table or schema it lists belongs to: they come and go with it, so an
    edge to it says nothing about order."""
    if node[0] in ("col", "con", "trigger", "policy", "rule"):
        return ("rel", node[1], node[2])
    if node[0] in ("pubrel", "pubns"):
        return ("pub", node[1])
    return None


def _body_edges(conn: psycopg.Connection) -> dict[Node, frozenset[Node]]:
    bodies = conn.execute(_BODIES).fetchall()
    if not bodies:
        return {}
    by_name: dict[str, set[Node]] = {}
    for kind, schema, name in conn.execute(_NAMES).fetchall():
        node = (kind, schema, name)
        by_name.setdefault(name, set()).add(node)
        by_name.setdefault(f"{schema}.{name}", set()).add(node)
    result: dict[Node, set[Node]] = {}
    for schema, name, source in bodies:
        named = {n for word in names_in(source) for n in by_name.get(word, ())}
        named.discard(("fn", schema, name))
        if named:
            result.setdefault(("fn", schema, name), set()).update(named)
    return {k: frozenset(v) for k, v in result.items()}
