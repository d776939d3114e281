"""Table inheritance (`INHERITS`) migra gets wrong.

migra diffs every table by itself, as if nothing reached a child from its parents, and
knows one parent per table (schemainspect reads the first). PostgreSQL propagates:

- a column added to a parent is added to every descendant (and merged into a child
  that declares it already: that column stays the child's own, `attislocal`); a
  column dropped from a parent goes from the descendants that only inherit it; a type,
  a default, NOT NULL set or dropped on a parent reach every descendant;
- a CHECK constraint (unless NO INHERIT) is added to, and dropped from, the
  descendants with it;
- `NO INHERIT` leaves the child the columns and constraints it inherited, now its own;
  `INHERIT` needs the child to have the parent's columns and CHECKs already, and keeps
  them the child's own.

So migra's changes to the columns and CHECKs a child inherits go: the parent's change
reaches the child. A child's own definition (a column or CHECK it declares as well as
inheriting it) is added before the parent's change merges it, and dropped after the
parent's change leaves it to the child alone. Where the child's NOT NULL or default on
an inherited column differs from what reaches it, it is set (`ALTER TABLE ONLY`) in the
late phase. INHERIT and NO INHERIT are planned here for every parent (NO INHERIT
early, before the child's columns change; INHERIT late, once the child has what it
needs). A child created `INHERITS (parent)` lists only its own columns (migra lists
the inherited ones too, which makes them its own), and children are dropped before
their parent.

What no ALTER can reach is refused (`DiffError`): a column or CHECK that an existing
child inherits only, and that the schema files declare the child's own too, or the
other way round (`attislocal` / `conislocal` change with no statement of their own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schematool.diff.gapkit.context import Context, change, changes, col, con, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.errors import DiffError
from schematool.grammar.change import Change
from schematool.inspect.catalog import Snapshot
from schematool.names import Node, ident, split_name

Attrs = dict[str, Any]

_COLUMN_SETTINGS = ("set default", "drop default", "set not null", "drop not null")


def early(context: Context) -> list[Change]:
    """NO INHERIT, for every parent a table the plan keeps stops inheriting from: before
    its columns change (what it inherited is its own afterwards)."""
    result = []
    for identity in _kept_children(context):
        have = _parents(context.current, identity)
        want = _parents(context.desired, identity)
        for parent in have:
            if parent not in want:
                result.append(f"ALTER TABLE {identity} NO INHERIT {parent};")
    return changes(result)


def in_place(context: Context) -> dict[Change, list[Change]]:
    _refuse_unreachable(context)
    replacements: dict[Change, list[Change]] = {}
    replacements.update(_inherited_columns_not_restated(context))
    replacements.update(_links_planned_here(context))
    replacements.update(_children_dropped_first(context))
    moves = _Moves(context)
    _child_columns(context, moves)
    _child_checks(context, moves)
    replacements.update(moves.replacements())
    return replacements


def late(context: Context) -> list[Change]:
    """The children's own NOT NULL and defaults, then INHERIT for every new parent of
    a kept table (it has the parent's columns, CHECKs and NOT NULLs by now)."""
    result = _column_overrides(context)
    for identity in _kept_children(context):
        have = _parents(context.current, identity)
        new = [p for p in _parents(context.desired, identity) if p not in have]
        if new:
            result += _not_null_names_before_inherit(context, identity)
        result += [f"ALTER TABLE {identity} INHERIT {parent};" for parent in new]
    return changes(result)


def _not_null_names_before_inherit(context: Context, table: str) -> list[str]:
    """A NOT NULL constraint of the child's own that INHERIT makes inherited too takes
    its desired name first: an inherited constraint cannot be renamed
    (`gaps.not_null_names` leaves those alone)."""
    result = []
    for name in _names(context.desired, "column", table):
        want, have = _column(context.desired, table, name), _column(context.current, table, name)
        new, old = (want or {}).get("not_null_name"), (have or {}).get("not_null_name")
        if want.get("not_null_local") and new and old and old != new:
            result.append(f"ALTER TABLE {table} RENAME CONSTRAINT {ident(old)} TO {ident(new)};")
    return result


# -- the family -----------------------------------------------------------------------


def _parents(snapshot: Snapshot, table: str) -> list[str]:
    return list(snapshot.get("table", {}).get(table, {}).get("inherits") or [])


def _kept(context: Context, table: str) -> bool:
    """Whether the table is in both databases and the plan keeps it (no recreation)."""
    return (
        table in context.current.get("table", {})
        and table in context.desired.get("table", {})
        and f"table:{table}" not in context.dropped
    )


def _kept_children(context: Context) -> list[str]:
    """The kept tables with a parent before or after the plan (foreign tables are
    `gaps.foreign_data`'s)."""
    return sorted(
        identity
        for identity, attrs in context.desired.get("table", {}).items()
        if _kept(context, identity)
        and attrs.get("kind") != "foreign table"
        and (_parents(context.current, identity) or _parents(context.desired, identity))
    )


def _kept_parents(context: Context, table: str) -> list[str]:
    """The parents the table inherits from both before and after the plan."""
    have = _parents(context.current, table)
    return [p for p in _parents(context.desired, table) if p in have and _kept(context, p)]


def _ancestors(context: Context, table: str, links: str = "kept") -> list[str]:
    """The table's ancestors, nearest first, each once, through the links that hold
    throughout the plan (`kept`) or those of one database (`current`, `desired`)."""
    found: list[str] = []
    todo = [table]
    while todo:
        here = todo.pop(0)
        if links == "kept":
            parents = _kept_parents(context, here)
        else:
            parents = _parents(context.desired if links == "desired" else context.current, here)
        for parent in parents:
            if parent not in found and parent != table:
                found.append(parent)
                todo.append(parent)
    return found


def _column(snapshot: Snapshot, table: str, name: str) -> Attrs | None:
    return snapshot.get("column", {}).get(f"{table}.{ident(name)}")


def _check(snapshot: Snapshot, table: str, name: str) -> Attrs | None:
    found = snapshot.get("constraint", {}).get(f"{table}.{ident(name)}")
    return found if found is not None and found.get("type") == "check" else None


def _names(snapshot: Snapshot, kind: str, table: str) -> list[str]:
    return [a["name"] for a in snapshot.get(kind, {}).values() if a["table"] == table]


# -- what no statement reaches --------------------------------------------------------


def _refuse_unreachable(context: Context) -> None:
    """A kept child's column or CHECK whose being its own (`attislocal`,
    `conislocal`) would differ from the schema files' after the plan: no ALTER sets
    it (NO INHERIT makes everything inherited the child's own, INHERIT keeps the
    child's columns its own)."""
    problems = []
    for table in _kept_children(context):
        for kind, read in (("column", _column), ("constraint", _check)):
            for name in _names(context.desired, kind, table):
                want = read(context.desired, table, name)
                if want is None or not want.get("inherited"):
                    continue
                have = read(context.current, table, name)
                local = _local_after(context, kind, table, name, have, want)
                if local != bool(want.get("local")):
                    what = "column" if kind == "column" else "CHECK constraint"
                    state = "its own too" if want.get("local") else "only inherited"
                    problems.append(f"{what} {table}.{ident(name)} ({state} in the schema files)")
    if problems:
        raise DiffError(
            "inheritance: no ALTER TABLE makes "
            + ", ".join(problems)
            + " so: a child declares what it inherits as its own too only in the CREATE"
            " TABLE ... INHERITS that creates it, and INHERIT keeps the child's columns and"
            " CHECKs its own. For a child's own NOT NULL or default on an inherited column,"
            " write ALTER TABLE ONLY child ALTER COLUMN ... SET NOT NULL | SET DEFAULT after"
            " its CREATE TABLE instead; else recreate the table by hand"
        )


def _local_after(
    context: Context, kind: str, table: str, name: str, have: Attrs | None, want: Attrs
) -> bool:
    """Whether the child's column or CHECK is its own after the plan (see
    `_refuse_unreachable`). One the plan adds to it is, if the schema files declare
    it its own (added to the child first); else unless a parent's addition reaches it."""
    read = _column if kind == "column" else _check
    if have is None:
        return bool(want.get("local")) or not any(
            read(context.desired, a, name) is not None
            and read(context.current, a, name) is None
            for a in _ancestors(context, table)
        )
    if have.get("local", True):
        return True
    kept = _kept_parents(context, table)
    return not any(read(context.current, p, name) is not None for p in kept)


# -- migra's changes to what the children inherit --------------------------------------


class _Moves:
    """Replacements that take a child's change out of migra's order and put it just
    before (its own definition, merged by the parent's addition) or after (left to it
    by the parent's drop) the ancestor's change it must follow; deeper descendants
    nearer the ancestor's change on the outside."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._gone: set[Change] = set()
        self._instead: dict[Change, Change] = {}
        self._around: dict[Change, tuple[list[tuple[int, Change]], list[tuple[int, Change]]]] = {}

    def remove(self, found: Change) -> None:
        self._gone.add(found)

    def place(
        self,
        found: Change,
        anchors: list[Change],
        before: bool,
        depth: int,
        instead: Change | None = None,
    ) -> None:
        """`found` (or `instead` of it) before the first of `anchors` (or after the
        last), else where it is."""
        if not anchors:
            if instead is not None:
                self._instead[found] = instead
            return
        position = {c: i for i, c in enumerate(self._context.changes)}
        anchors = sorted(anchors, key=position.__getitem__)
        anchor = anchors[0] if before else anchors[-1]
        self._gone.add(found)
        ahead, behind = self._around.setdefault(anchor, ([], []))
        (ahead if before else behind).append((depth, found if instead is None else instead))

    def replacements(self) -> dict[Change, list[Change]]:
        result: dict[Change, list[Change]] = {c: [] for c in self._gone}
        result.update({c: [instead] for c, instead in self._instead.items()})
        for anchor, (ahead, behind) in self._around.items():
            first = [c for _, c in sorted(ahead, key=lambda pair: -pair[0])]
            then = [c for _, c in sorted(behind, key=lambda pair: pair[0])]
            result[anchor] = [*first, anchor, *then]
        return result


def _migra_ops(context: Context, node: Node, *whats: str) -> list[tuple[Change, str]]:
    return [
        (c, op.what)
        for c, op in context.ops(node, *whats)
        if c.source == "migra" and len(c.ops) == 1
    ]


def _roots_changes(
    context: Context,
    table: str,
    node_of: Callable[[str, str], Node],
    name: str,
    read: Callable[[Snapshot, str, str], Attrs | None],
    what: str,
    links: str,
) -> list[Change]:
    """migra's `what` changes of the same-named column (or CHECK) on the table's
    ancestors where they are no inherited one's: those recurse to the table."""
    found = []
    for ancestor in _ancestors(context, table, links):
        attrs = read(context.current, ancestor, name) or read(context.desired, ancestor, name)
        if attrs is not None and attrs.get("inherited"):
            continue
        found += [c for c, _ in _migra_ops(context, node_of(ancestor, name), what)]
    return found


def _child_columns(context: Context, moves: _Moves) -> None:
    for table in _kept_children(context):
        depth = len(_ancestors(context, table, "desired"))
        names = dict.fromkeys(
            _names(context.current, "column", table) + _names(context.desired, "column", table)
        )
        for name in names:
            have = _column(context.current, table, name)
            want = _column(context.desired, table, name)
            if not ((have or {}).get("inherited") or (want or {}).get("inherited")):
                continue
            for found, what in _migra_ops(context, col(table, name)):
                _child_column_change(context, moves, table, name, (have, want), found, what, depth)


def _child_column_change(
    context: Context,
    moves: _Moves,
    table: str,
    name: str,
    pair: tuple[Attrs | None, Attrs | None],
    found: Change,
    what: str,
    depth: int,
) -> None:
    have, want = pair
    if what == "add column":
        if have is not None or not want.get("local"):
            moves.remove(found)  # it stays, or a parent's addition brings it
            return
        roots = _roots_changes(context, table, col, name, _column, "add column", "desired")
        moves.place(found, roots, before=True, depth=depth, instead=_own_addition(context, want))
    elif what == "drop column":
        if want is not None:
            moves.remove(found)  # migra's drop and add of a column it calls inherited now
        elif have.get("local", True):
            roots = _roots_changes(context, table, col, name, _column, "drop column", "kept")
            moves.place(found, roots, before=False, depth=depth)
        elif not any(
            _column(context.current, p, name) is not None
            for p in _parents(context.current, table)
            if p not in _kept_parents(context, table)
        ):
            moves.remove(found)  # the parents' drop takes it
    elif what == "type":
        if (have or {}).get("inherited") and (want or {}).get("inherited"):
            moves.remove(found)  # the parent's type change recurses
    elif what in _COLUMN_SETTINGS:
        moves.remove(found)  # set after, table by table (`_column_overrides`)


def _own_addition(context: Context, want: Attrs) -> Change | None:
    """The child's own definition of a column a parent's addition merges, where the
    NOT NULL is the parent's alone (PostgreSQL 18 keeps NOT NULL as a constraint, and
    migra's ADD COLUMN ... NOT NULL would make it the child's own too): added
    without, the parent's addition brings it."""
    if not (want.get("not_null") and not want.get("not_null_local")):
        return None
    if not _not_null_named(context) or want.get("generated") or want.get("identity"):
        return None
    text = f"ALTER TABLE {want['table']} ADD COLUMN {ident(want['name'])} {want['type']}"
    if want.get("collation"):
        text += f" COLLATE {want['collation']}"
    if want.get("default"):
        text += f" DEFAULT {want['default']}"
    return change(text + ";")


def _child_checks(context: Context, moves: _Moves) -> None:
    for table in _kept_children(context):
        depth = len(_ancestors(context, table, "desired"))
        names = dict.fromkeys(
            _names(context.current, "constraint", table)
            + _names(context.desired, "constraint", table)
        )
        for name in names:
            have = _check(context.current, table, name)
            want = _check(context.desired, table, name)
            if not ((have or {}).get("inherited") or (want or {}).get("inherited")):
                continue
            node = con(table, name)
            for found, what in _migra_ops(context, node):
                if have is not None and want is not None:
                    if not (have.get("local") or want.get("local")):
                        moves.remove(found)  # the parent's drop and add reach it
                elif what == "drop constraint":
                    if have.get("local"):
                        roots = _roots_changes(
                            context, table, con, name, _check, "drop constraint", "kept"
                        )
                        moves.place(found, roots, before=False, depth=depth)
                    elif set(_parents(context.current, table)) <= set(
                        _kept_parents(context, table)
                    ):
                        moves.remove(found)
                elif what in ("add constraint", "validate constraint"):
                    if not want.get("local"):
                        moves.remove(found)
                        continue
                    roots = _roots_changes(
                        context, table, con, name, _check, "add constraint", "desired"
                    )
                    moves.place(found, roots, before=True, depth=depth)


# -- the children's own NOT NULL and defaults -------------------------------------------


def _column_overrides(context: Context) -> list[str]:
    """`ALTER TABLE ONLY child ALTER COLUMN ...` wherever a child's inherited column
    would differ in NOT NULL or default from the schema files' after the plan: what
    the child has, or what reaches it (a parent's change recurses; a column a parent's
    addition or the child's creation brings takes the parent's)."""
    result = []
    named = _not_null_named(context)
    for _, want in sorted(context.desired.get("column", {}).items()):
        table, name = want["table"], want["name"]
        if want.get("generated") or want.get("identity"):
            continue
        have = _column(context.current, table, name) if _kept(context, table) else None
        if not (want.get("inherited") or (have or {}).get("inherited")):
            continue
        if not (_parents(context.desired, table) or _parents(context.current, table)):
            continue
        if context.desired["table"][table].get("kind") == "foreign table":
            continue  # gaps.foreign_data's
        after = _after(context, table, name, have, want, named)
        if after is not None:
            result += _settings(want, after, named)
    return result


def _after(
    context: Context, table: str, name: str, have: Attrs | None, want: Attrs, named: bool
) -> Attrs | None:
    """The column as the plan's other changes leave it (None: as the schema files have
    it, the plan's own definition)."""
    if have is None:
        if want.get("local"):
            return None  # created or added with its own definition
        sources = [
            c
            for p in _ancestors(context, table, "desired")
            if (c := _column(context.desired, p, name)) is not None and not c.get("inherited")
        ] or [
            c for p in _parents(context.desired, table) if (c := _column(context.desired, p, name))
        ]
        if not sources:
            return None
        return {
            "default": sources[0].get("default"),
            "not_null": any(s.get("not_null") for s in sources),
        }
    after = dict(have)
    for parent in _parents(context.desired, table):
        joined = _column(context.desired, parent, name)
        if parent not in _parents(context.current, table) and (joined or {}).get("not_null"):
            # INHERIT: on PostgreSQL 18 the child's NOT NULL (it must have one) is then
            # its own and inherited
            after["not_null_local"] = named or None
    for root in _ancestors(context, table):
        was, will = _column(context.current, root, name), _column(context.desired, root, name)
        if will is None or will.get("inherited") or (was or {}).get("inherited"):
            continue
        if was is None:
            if named and will.get("not_null") and _merged_here(context, table, name):
                # PostgreSQL 18 merges the parent's NOT NULL into the child's column
                after["not_null_local"] = bool(have.get("not_null")) or None
                after["not_null"] = True
            continue
        if was.get("default") != will.get("default"):
            after["default"] = will.get("default")
        if bool(was.get("not_null")) != bool(will.get("not_null")):
            if will.get("not_null"):
                after["not_null_local"] = named and bool(have.get("not_null")) or None
                after["not_null"] = True
            else:  # PostgreSQL 18 keeps a child's own NOT NULL constraint; earlier, none
                after["not_null"] = named and bool(have.get("not_null_local"))
                after["not_null_local"] = None
    return after


def _merged_here(context: Context, table: str, name: str) -> bool:
    """Whether a column added to an ancestor merges into the table's own: the addition
    recurses down to the first descendants that have the column, no further."""
    return any(_column(context.current, p, name) is None for p in _kept_parents(context, table))


def _settings(want: Attrs, after: Attrs, named: bool) -> list[str]:
    alter = f"ALTER TABLE ONLY {want['table']} ALTER COLUMN {ident(want['name'])}"
    result = []
    if bool(want.get("not_null")) != bool(after.get("not_null")):
        result.append(f"{alter} {'SET' if want.get('not_null') else 'DROP'} NOT NULL;")
    elif named and want.get("not_null_local") and not after.get("not_null_local"):
        result.append(f"{alter} SET NOT NULL;")  # the inherited constraint becomes its own
    if want.get("default") != after.get("default"):
        default = want.get("default")
        result.append(f"{alter} SET DEFAULT {default};" if default else f"{alter} DROP DEFAULT;")
    return result


def _not_null_named(context: Context) -> bool:
    """Whether the servers keep NOT NULL as constraints (PostgreSQL 18): a child's own
    one then outlives its parent's DROP NOT NULL."""
    return any(
        attrs.get("not_null_name")
        for snapshot in (context.current, context.desired)
        for attrs in snapshot.get("column", {}).values()
    )


# -- INHERIT and NO INHERIT -------------------------------------------------------------


def _links_planned_here(context: Context) -> dict[Change, list[Change]]:
    """migra's INHERIT and NO INHERIT (for its one parent per table) go: `early` and
    `late` plan them for every parent."""
    result: dict[Change, list[Change]] = {}
    for table in context.desired.get("table", {}):
        for found in context.find(rel(table), "inherit", "no inherit"):
            result[found] = []
    return result


# -- children created and dropped -----------------------------------------------------


def _inherited_columns_not_restated(context: Context) -> dict[Change, list[Change]]:
    result = {}
    columns = context.desired.get("column", {}).values()
    for identity, attrs in context.desired.get("table", {}).items():
        parents = attrs.get("inherits")
        if not parents or identity in context.current.get("table", {}):
            continue
        inherited = {
            c["name"] for c in columns if c["table"] == identity and not c.get("local", True)
        }
        for create in context.find(rel(identity), "create", kind="table"):
            if inherited or len(parents) > 1:
                result[create] = [change(_without_columns(create, inherited, parents))]
    return result


def _without_columns(create: Change, names: set[str], parents: list[str]) -> str:
    """migra's CREATE TABLE (one column per line) without the lines that define the
    named columns, found where the parser says each column's definition starts, and
    inheriting from every parent (migra names the first)."""
    sql = create.sql
    data = sql.encode("utf-8")
    starts = {
        len(data[:location].decode("utf-8"))
        for name, location in create.op.detail("columns", ())
        if name in names and location >= 0
    }
    head, _, rest = sql.partition("(\n")
    body, _, tail = rest.rpartition("\n)")
    offset = len(head) + 2
    kept = []
    for line in body.split("\n"):
        if not any(offset <= start < offset + len(line) + 1 for start in starts):
            kept.append(line.rstrip(","))
        offset += len(line) + 1
    if len(parents) > 1:
        tail = _inheriting(create, tail, parents)
    return f"{head}(\n" + ",\n".join(kept) + f"\n){tail}"


def _inheriting(create: Change, tail: str, parents: list[str]) -> str:
    """The CREATE TABLE's INHERITS clause with every parent: migra writes ` inherits
    (first)` and nothing else after the columns of an inheriting table."""
    first = ".".join(f'"{part}"' for part in split_name(parents[0]))
    if tail.strip() != f"inherits ({first});":
        raise DiffError(f"inheritance: cannot name every parent in {create.sql}")
    return f" INHERITS ({', '.join(parents)});"


def _children_dropped_first(context: Context) -> dict[Change, list[Change]]:
    """A parent cannot be dropped before the tables inheriting from it."""
    result: dict[Change, list[Change]] = {}
    position = {change: i for i, change in enumerate(context.changes)}
    for identity, attrs in sorted(context.current.get("table", {}).items()):
        for drop in context.find(rel(identity), "drop", kind="table"):
            for parent in attrs.get("inherits") or []:
                for parent_drop in context.find(rel(parent), "drop", kind="table"):
                    if position[parent_drop] < position[drop]:
                        result[drop] = []
                        prior = result.get(parent_drop, [parent_drop])
                        result[parent_drop] = [*prior[:-1], drop, parent_drop]
    return result


PLUGIN = Plugin(
    "inheritance",
    early=early,
    in_place=in_place,
    in_place_for=(
        ("table", "create"),
        ("table", "drop"),
        ("table", "inherit"),
        ("table", "no inherit"),
        ("column", "add column"),
        ("column", "drop column"),
        ("column", "type"),
        ("column", "set default"),
        ("column", "drop default"),
        ("column", "set not null"),
        ("column", "drop not null"),
        ("constraint", "add constraint"),
        ("constraint", "drop constraint"),
        ("constraint", "validate constraint"),
    ),
    late=late,
    after=("generated_columns",),  # (order kept)
)
