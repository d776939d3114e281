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

from collections.abc import Callable, Mapping
from dataclasses import replace

from schematool.diff.gapkit.context import Context, change, changes, col, con, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.errors import DiffError
from schematool.grammar.change import Change
from schematool.inspect.records import Catalog, Column, Constraint
from schematool.names import Node, ident, qualified, split_name

_COLUMN_SETTINGS = ("set default", "drop default", "set not null", "drop not null")


def early(context: Context) -> list[Change]:
    """NO INHERIT, for every parent a table the plan keeps stops inheriting from: before
    its columns change (what it inherited is its own afterwards)."""
    result = []
    for identity in _kept_children(context):
        have = _parents(context.current_catalog, identity)
        want = _parents(context.desired_catalog, identity)
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
    _own_columns_dropped(context, moves)
    _child_columns(context, moves)
    _child_checks(context, moves)
    replacements.update(moves.replacements())
    return replacements


def late(context: Context) -> list[Change]:
    """The children's own NOT NULL and defaults, then INHERIT for every new parent of
    a kept table (it has the parent's columns, CHECKs and NOT NULLs by now)."""
    result = _column_overrides(context)
    for identity in _kept_children(context):
        have = _parents(context.current_catalog, identity)
        new = [p for p in _parents(context.desired_catalog, identity) if p not in have]
        if new:
            result += _not_null_names_before_inherit(context, identity)
        result += [f"ALTER TABLE {identity} INHERIT {parent};" for parent in new]
    return changes(result)


def _not_null_names_before_inherit(context: Context, table: str) -> list[str]:
    """A NOT NULL constraint of the child's own that INHERIT makes inherited too takes
    its desired name first: an inherited constraint cannot be renamed
    (`gaps.not_null_names` leaves those alone)."""
    result = []
    for name in _names(context.desired_catalog.columns, table):
        want = _column(context.desired_catalog, table, name)
        have = _column(context.current_catalog, table, name)
        new = want.not_null_name if want is not None else None
        old = have.not_null_name if have is not None else None
        if want.not_null_local and new and old and old != new:
            result.append(f"ALTER TABLE {table} RENAME CONSTRAINT {ident(old)} TO {ident(new)};")
    return result


# -- the family -----------------------------------------------------------------------


def _parents(catalog: Catalog, table: str) -> list[str]:
    found = catalog.tables.get(table)
    return list((found.inherits if found is not None else None) or [])


def _kept(context: Context, table: str) -> bool:
    """Whether the table is in both databases and the plan keeps it (no recreation)."""
    return (
        table in context.current_catalog.tables
        and table in context.desired_catalog.tables
        and f"table:{table}" not in context.dropped
    )


def _kept_children(context: Context) -> list[str]:
    """The kept tables with a parent before or after the plan (foreign tables are
    `gaps.foreign_data`'s)."""
    return sorted(
        identity
        for identity, attrs in context.desired_catalog.tables.items()
        if _kept(context, identity)
        and attrs.kind != "foreign table"
        and (
            _parents(context.current_catalog, identity)
            or _parents(context.desired_catalog, identity)
        )
    )


def _kept_parents(context: Context, table: str) -> list[str]:
    """The parents the table inherits from both before and after the plan."""
    have = _parents(context.current_catalog, table)
    return [p for p in _parents(context.desired_catalog, table) if p in have and _kept(context, p)]


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
            parents = _parents(
                context.desired_catalog if links == "desired" else context.current_catalog, here
            )
        for parent in parents:
            if parent not in found and parent != table:
                found.append(parent)
                todo.append(parent)
    return found


def _column(catalog: Catalog, table: str, name: str) -> Column | None:
    return catalog.columns.get(f"{table}.{ident(name)}")


def _check(catalog: Catalog, table: str, name: str) -> Constraint | None:
    found = catalog.constraints.get(f"{table}.{ident(name)}")
    return found if found is not None and found.type == "check" else None


def _names(records: Mapping[str, Column] | Mapping[str, Constraint], table: str) -> list[str]:
    return [a.name for a in records.values() if a.table == table]


# -- what no statement reaches --------------------------------------------------------


def _refuse_unreachable(context: Context) -> None:
    """A kept child's column or CHECK whose being its own (`attislocal`,
    `conislocal`) would differ from the schema files' after the plan: no ALTER sets
    it (NO INHERIT makes everything inherited the child's own, INHERIT keeps the
    child's columns its own)."""
    problems = []
    for table in _kept_children(context):
        desired = context.desired_catalog
        for kind, read, records in (
            ("column", _column, desired.columns),
            ("constraint", _check, desired.constraints),
        ):
            for name in _names(records, table):
                want = read(context.desired_catalog, table, name)
                if want is None or not want.inherited:
                    continue
                have = read(context.current_catalog, table, name)
                local = _local_after(context, kind, table, name, have, want)
                if local != bool(want.local):
                    what = "column" if kind == "column" else "CHECK constraint"
                    state = "its own too" if want.local else "only inherited"
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
    context: Context,
    kind: str,
    table: str,
    name: str,
    have: Column | Constraint | None,
    want: Column | Constraint,
) -> bool:
    """Whether the child's column or CHECK is its own after the plan (see
    `_refuse_unreachable`). One the plan adds to it is, if the schema files declare
    it its own (added to the child first); else unless a parent's addition reaches it."""
    read = _column if kind == "column" else _check
    if have is None:
        return bool(want.local) or not any(
            read(context.desired_catalog, a, name) is not None
            and read(context.current_catalog, a, name) is None
            for a in _ancestors(context, table)
        )
    if have.local:
        return True
    kept = _kept_parents(context, table)
    return not any(read(context.current_catalog, p, name) is not None for p in kept)


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

    def precede(self, anchor: Change, new: Change) -> None:
        """`new` (a change of this module's) just before `anchor`."""
        self._around.setdefault(anchor, ([], []))[0].append((-1, new))

    def substitute(self, found: Change, instead: Change) -> None:
        """`instead` where `found` is, also when other changes are placed around it."""
        self._instead[found] = instead

    def replacements(self) -> dict[Change, list[Change]]:
        result: dict[Change, list[Change]] = {c: [] for c in self._gone}
        result.update({c: [instead] for c, instead in self._instead.items()})
        for anchor, (ahead, behind) in self._around.items():
            first = [c for _, c in sorted(ahead, key=lambda pair: -pair[0])]
            then = [c for _, c in sorted(behind, key=lambda pair: pair[0])]
            result[anchor] = [*first, self._instead.get(anchor, anchor), *then]
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
    read: Callable[[Catalog, str, str], Column | Constraint | None],
    what: str,
    links: str,
) -> list[Change]:
    """migra's `what` changes of the same-named column (or CHECK) on the table's
    ancestors where they are no inherited one's: those recurse to the table."""
    found = []
    for ancestor in _ancestors(context, table, links):
        attrs = read(context.current_catalog, ancestor, name) or read(
            context.desired_catalog, ancestor, name
        )
        if attrs is not None and attrs.inherited:
            continue
        found += [c for c, _ in _migra_ops(context, node_of(ancestor, name), what)]
    return found


def _own_columns_dropped(context: Context, moves: _Moves) -> None:
    """migra's drop of a column a table has as its own alone (inherited from none): with
    ONLY where a descendant keeps it as its own (`_only_drop`)."""
    for found in context.changes:
        if found.source != "migra" or len(found.ops) != 1 or found.op.what != "drop column":
            continue
        node = found.op.node
        table, name = qualified(*node[1:3]), node[3]
        have = _column(context.current_catalog, table, name)
        if have is None or have.inherited or not _kept(context, table):
            continue
        only = _only_drop(context, table, name)
        if only is not None:
            moves.substitute(found, only)
        if have.not_null and _not_null_named(context) and _kept_as_own(context, table, name):
            moves.precede(
                found, change(f"ALTER TABLE {table} ALTER COLUMN {ident(name)} DROP NOT NULL;")
            )


def _kept_as_own(context: Context, table: str, name: str) -> bool:
    """Whether a kept child has the column as its own, and keeps it, when `table` drops
    it. On PostgreSQL 18 the child's inherited NOT NULL constraint outlives the parent's
    column (still counted inherited: "cannot drop inherited constraint"): the parent's
    DROP NOT NULL first takes it from the children that only inherit it."""
    for child in _kept_children(context):
        if table not in _kept_parents(context, child):
            continue
        have = _column(context.current_catalog, child, name)
        if have is not None and have.local and _column(context.desired_catalog, child, name):
            return True
    return False


def _only_drop(context: Context, table: str, name: str) -> Change | None:
    """`ALTER TABLE ONLY table DROP COLUMN`, where a kept descendant that only inherits
    the column declares it its own in the schema files: a plain drop would take it
    (and its values) from that descendant too, while ONLY leaves each child the column
    as its own. The children that lose it are dropped after (migra plans their drops;
    `_child_column_change` places them, each with ONLY in turn where needed)."""
    if not _kept_below(context, table, name):
        return None
    return change(f"ALTER TABLE ONLY {table} DROP COLUMN {ident(name)};")


def _kept_below(context: Context, table: str, name: str) -> bool:
    """Whether a kept child that only inherits the column from `table` declares it its
    own in the schema files, or loses it but has such a descendant itself."""
    for child in _kept_children(context):
        if table not in _kept_parents(context, child):
            continue
        have = _column(context.current_catalog, child, name)
        want = _column(context.desired_catalog, child, name)
        if have is None or have.local:
            continue
        if want is None and _kept_below(context, child, name):
            return True
        if want is not None and want.local:
            return True
    return False


def _left_by_only(context: Context, table: str, name: str) -> bool:
    """Whether a parent's drop of the column is an ONLY drop (`_only_drop`), which
    leaves the column to this table as its own: then it must be dropped here too."""
    return any(
        _column(context.current_catalog, parent, name) is not None
        and _column(context.desired_catalog, parent, name) is None
        and _kept_below(context, parent, name)
        for parent in _kept_parents(context, table)
    )


def _child_columns(context: Context, moves: _Moves) -> None:
    for table in _kept_children(context):
        depth = len(_ancestors(context, table, "desired"))
        names = dict.fromkeys(
            _names(context.current_catalog.columns, table)
            + _names(context.desired_catalog.columns, table)
        )
        for name in names:
            have = _column(context.current_catalog, table, name)
            want = _column(context.desired_catalog, table, name)
            if not ((have is not None and have.inherited) or (want is not None and want.inherited)):
                continue
            for found, what in _migra_ops(context, col(table, name)):
                _child_column_change(context, moves, table, name, (have, want), found, what, depth)


def _child_column_change(
    context: Context,
    moves: _Moves,
    table: str,
    name: str,
    pair: tuple[Column | None, Column | None],
    found: Change,
    what: str,
    depth: int,
) -> None:
    have, want = pair
    if what == "add column":
        if have is not None or not want.local:
            moves.remove(found)  # it stays, or a parent's addition brings it
            return
        roots = _roots_changes(context, table, col, name, _column, "add column", "desired")
        moves.place(found, roots, before=True, depth=depth, instead=_own_addition(context, want))
    elif what == "drop column":
        if want is not None:
            moves.remove(found)  # migra's drop and add of a column it calls inherited now
        elif have.local or _left_by_only(context, table, name):
            roots = _roots_changes(context, table, col, name, _column, "drop column", "kept")
            only = _only_drop(context, table, name)
            moves.place(found, roots, before=False, depth=depth, instead=only)
        elif not any(
            _column(context.current_catalog, p, name) is not None
            for p in _parents(context.current_catalog, table)
            if p not in _kept_parents(context, table)
        ):
            moves.remove(found)  # the parents' drop takes it
    elif what == "type":
        if (have is not None and have.inherited) and (want is not None and want.inherited):
            moves.remove(found)  # the parent's type change recurses
    elif what in _COLUMN_SETTINGS:
        moves.remove(found)  # set after, table by table (`_column_overrides`)


def _own_addition(context: Context, want: Column) -> Change | None:
    """The child's own definition of a column a parent's addition merges, where the
    NOT NULL is the parent's alone (PostgreSQL 18 keeps NOT NULL as a constraint, and
    migra's ADD COLUMN ... NOT NULL would make it the child's own too): added
    without, the parent's addition brings it."""
    if not (want.not_null and not want.not_null_local):
        return None
    if not _not_null_named(context) or want.generated or want.generated_identity:
        return None
    text = f"ALTER TABLE {want.table} ADD COLUMN {ident(want.name)} {want.type}"
    if want.collation:
        text += f" COLLATE {want.collation}"
    if want.default:
        text += f" DEFAULT {want.default}"
    return change(text + ";")


def _child_checks(context: Context, moves: _Moves) -> None:
    for table in _kept_children(context):
        depth = len(_ancestors(context, table, "desired"))
        names = dict.fromkeys(
            _names(context.current_catalog.constraints, table)
            + _names(context.desired_catalog.constraints, table)
        )
        for name in names:
            have = _check(context.current_catalog, table, name)
            want = _check(context.desired_catalog, table, name)
            if not ((have is not None and have.inherited) or (want is not None and want.inherited)):
                continue
            node = con(table, name)
            for found, what in _migra_ops(context, node):
                if have is not None and want is not None:
                    if not (have.local or want.local):
                        moves.remove(found)  # the parent's drop and add reach it
                elif what == "drop constraint":
                    if have.local:
                        roots = _roots_changes(
                            context, table, con, name, _check, "drop constraint", "kept"
                        )
                        moves.place(found, roots, before=False, depth=depth)
                    elif set(_parents(context.current_catalog, table)) <= set(
                        _kept_parents(context, table)
                    ):
                        moves.remove(found)
                elif what in ("add constraint", "validate constraint"):
                    if not want.local:
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
    children = {
        table
        for catalog in (context.desired_catalog, context.current_catalog)
        for table, attrs in catalog.tables.items()
        if attrs.inherits
    }
    if not children:
        return []  # no table inherits: no column to look at (each a record on both sides)
    result = []
    named = _not_null_named(context)
    for _, want in sorted(context.desired_catalog.columns.items()):
        table, name = want.table, want.name
        if table not in children:
            continue  # _parents below finds none on either side
        if want.generated or want.generated_identity:
            continue
        have = _column(context.current_catalog, table, name) if _kept(context, table) else None
        if not (want.inherited or (have is not None and have.inherited)):
            continue
        if not (
            _parents(context.desired_catalog, table) or _parents(context.current_catalog, table)
        ):
            continue
        if context.desired_catalog.tables[table].kind == "foreign table":
            continue  # gaps.foreign_data's
        after = _after(context, table, name, have, want, named)
        if after is not None:
            result += _settings(want, after, named)
    return result


def _after(
    context: Context, table: str, name: str, have: Column | None, want: Column, named: bool
) -> Column | None:
    """The column as the plan's other changes leave it (None: as the schema files have
    it, the plan's own definition)."""
    if have is None:
        if want.local:
            return None  # created or added with its own definition
        sources = [
            c
            for p in _ancestors(context, table, "desired")
            if (c := _column(context.desired_catalog, p, name)) is not None and not c.inherited
        ] or [
            c
            for p in _parents(context.desired_catalog, table)
            if (c := _column(context.desired_catalog, p, name))
        ]
        if not sources:
            return None
        return Column(
            want.identity,
            {},
            default=sources[0].default,
            not_null=any(s.not_null for s in sources),
        )
    after = have
    for parent in _parents(context.desired_catalog, table):
        joined = _column(context.desired_catalog, parent, name)
        if parent not in _parents(context.current_catalog, table) and (
            joined is not None and joined.not_null
        ):
            # INHERIT: on PostgreSQL 18 the child's NOT NULL (it must have one) is then
            # its own and inherited
            after = replace(after, not_null_local=named)
    for root in _ancestors(context, table):
        was, will = (
            _column(context.current_catalog, root, name),
            _column(context.desired_catalog, root, name),
        )
        if will is None or will.inherited or (was is not None and was.inherited):
            continue
        if was is None:
            if named and will.not_null and _merged_here(context, table, name):
                # PostgreSQL 18 merges the parent's NOT NULL into the child's column
                after = replace(after, not_null_local=bool(have.not_null), not_null=True)
            continue
        if was.default != will.default:
            after = replace(after, default=will.default)
        if bool(was.not_null) != bool(will.not_null):
            if will.not_null:
                after = replace(after, not_null_local=named and bool(have.not_null), not_null=True)
            else:  # PostgreSQL 18 keeps a child's own NOT NULL constraint; earlier, none
                after = replace(
                    after, not_null=named and bool(have.not_null_local), not_null_local=False
                )
    return after


def _merged_here(context: Context, table: str, name: str) -> bool:
    """Whether a column added to an ancestor merges into the table's own: the addition
    recurses down to the first descendants that have the column, no further."""
    return any(
        _column(context.current_catalog, p, name) is None for p in _kept_parents(context, table)
    )


def _settings(want: Column, after: Column, named: bool) -> list[str]:
    alter = f"ALTER TABLE ONLY {want.table} ALTER COLUMN {ident(want.name)}"
    result = []
    if bool(want.not_null) != bool(after.not_null):
        result.append(f"{alter} {'SET' if want.not_null else 'DROP'} NOT NULL;")
    elif named and want.not_null_local and not after.not_null_local:
        result.append(f"{alter} SET NOT NULL;")  # the inherited constraint becomes its own
    if want.default != after.default:
        default = want.default
        result.append(f"{alter} SET DEFAULT {default};" if default else f"{alter} DROP DEFAULT;")
    return result


def _not_null_named(context: Context) -> bool:
    """Whether the servers keep NOT NULL as constraints (PostgreSQL 18): a child's own
    one then outlives its parent's DROP NOT NULL."""
    return any(
        attrs.not_null_name
        for catalog in (context.current_catalog, context.desired_catalog)
        for attrs in catalog.columns.values()
    )


# -- INHERIT and NO INHERIT -------------------------------------------------------------


def _links_planned_here(context: Context) -> dict[Change, list[Change]]:
    """migra's INHERIT and NO INHERIT (for its one parent per table) go: `early` and
    `late` plan them for every parent."""
    result: dict[Change, list[Change]] = {}
    for table in context.desired_catalog.tables:
        for found in context.find(rel(table), "inherit", "no inherit"):
            result[found] = []
    return result


# -- children created and dropped -----------------------------------------------------


def _inherited_columns_not_restated(context: Context) -> dict[Change, list[Change]]:
    result = {}
    columns = context.desired_catalog.columns.values()
    for identity, attrs in context.desired_catalog.tables.items():
        parents = attrs.inherits
        if not parents or identity in context.current_catalog.tables:
            continue
        inherited = {c.name for c in columns if c.table == identity and not c.local}
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
    for identity, attrs in sorted(context.current_catalog.tables.items()):
        for drop in context.find(rel(identity), "drop", kind="table"):
            for parent in attrs.inherits or []:
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
