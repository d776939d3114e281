"""Table constraints migra gets wrong:

- a constraint that only changes its name is renamed (`RENAME CONSTRAINT`), where migra
  drops and adds it: that fails for a primary key a foreign key references, and
  revalidates (or rebuilds the index of) any other;
- a constraint the desired schema holds NOT VALID stays so: migra validates it;
- a constraint the target holds NOT VALID and the desired schema validated, the same
  otherwise, is validated (`VALIDATE CONSTRAINT`), where migra drops it, adds it again
  and validates it in the transaction that holds the ADD's lock (an interrupted online
  apply leaves such constraints; its rerun validates them without blocking writes);
- a unique or primary key constraint migra adds `USING INDEX` an index it never creates
  (the index differs in a way migra does not compare, NULLS NOT DISTINCT) is added with
  its own definition; so is a temporal one (`WITHOUT OVERLAPS`, PostgreSQL 18), whose
  index migra does create, but as `CREATE UNIQUE INDEX ... USING gist`, which
  PostgreSQL refuses: only the constraint can build it;
- a primary key or unique constraint (or unique index) migra drops while a foreign key
  it keeps references it (a key moved to other columns, a unique constraint turned into
  the primary key): PostgreSQL refuses the drop, so the foreign key is dropped first and
  added again (NOT VALID, then validated) once the new key exists (`ordering` places it);
- a foreign key it keeps whose own or referenced columns change type (both ends of it
  go from integer to text): PostgreSQL refuses the first ALTER while the key holds
  (the two types cannot be compared), so the foreign key is dropped before the first
  type change and added again (NOT VALID, then validated) after the last.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, change, changes, col, con, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar import definitions
from schematool.grammar.change import Change
from schematool.inspect.records import Catalog, Constraint
from schematool.names import ident, qualified, split_name

# what must match for two constraints to be the same one under two names
_SAME = ("table", "type", "definition", "deferrable", "deferred", "validated", "no_inherit")


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    for old, new in _renamed(context):
        replacements.update(_rename(context, old, new))
    replacements.update(_keep_not_valid(context))
    replacements.update(_validate_not_valid(context))
    for add, instead in _added_with_definition(context).items():
        replacements.setdefault(add, instead)  # a renamed key is not added at all
    replacements.update(_foreign_keys_around_dropped_keys(context, replacements))
    replacements.update(_foreign_keys_around_retyped_columns(context, replacements))
    return replacements


def _renamed(context: Context) -> list[tuple[Constraint, Constraint]]:
    have = context.current_catalog.constraints
    want = context.desired_catalog.constraints
    gone = [have[k] for k in sorted(have.keys() - want.keys()) if have[k].local]
    new = [want[k] for k in sorted(want.keys() - have.keys()) if want[k].local]
    pairs = []
    for old in gone:
        matches = [c for c in new if _signature(c) == _signature(old)]
        others = [c for c in gone if _signature(c) == _signature(old)]
        if len(matches) == 1 and len(others) == 1:
            pairs.append((old, matches[0]))
    return pairs


def _signature(attrs: Constraint) -> tuple[Any, ...]:
    return tuple(getattr(attrs, key) for key in _SAME)


def _rename(context: Context, old: Constraint, new: Constraint) -> dict[Change, list[Change]]:
    """migra's drop of the old constraint becomes a rename; what it does to the new one
    (create its index, add it, validate it) and the drop of the old index go."""
    drops = context.find(con(old.table, old.name), "drop constraint")
    if not drops:
        return {}
    schema = split_name(old.table)[0]
    new_constraint = con(new.table, new.name)
    result = {c: [] for c in context.find(("rel", schema, old.name), "drop", kind="index")}
    result.update({c: [] for c in context.find(("rel", schema, new.name), "create", kind="index")})
    adds = context.find(new_constraint, "add constraint", "validate constraint")
    result.update({c: [] for c in adds})
    result[drops[0]] = [
        change(f"ALTER TABLE {old.table} RENAME CONSTRAINT {ident(old.name)} TO {ident(new.name)};")
    ]
    return result


def _keep_not_valid(context: Context) -> dict[Change, list[Change]]:
    result: dict[Change, list[Change]] = {}
    for attrs in context.desired_catalog.constraints.values():
        if attrs.validated:
            continue
        for validate in context.find(con(attrs.table, attrs.name), "validate constraint"):
            result[validate] = []
    return result


def _validate_not_valid(context: Context) -> dict[Change, list[Change]]:
    """A constraint that only has to become valid: validated, not dropped and re-added."""
    result: dict[Change, list[Change]] = {}
    have_all = context.current_catalog.constraints
    for identity, want in context.desired_catalog.constraints.items():
        have = have_all.get(identity)
        if have is None or have.validated or not want.validated:
            continue
        if have.definition != want.definition + " NOT VALID":
            continue  # PostgreSQL appends exactly this to a constraint not validated
        if any(getattr(have, key) != getattr(want, key) for key in _SAME if key not in _VALIDITY):
            continue
        node = con(want.table, want.name)
        drops = context.find(node, "drop constraint")
        if len(drops) != 1:
            continue
        result[drops[0]] = [
            change(f"ALTER TABLE {want.table} VALIDATE CONSTRAINT {ident(want.name)};")
        ]
        for other in context.find(node, "add constraint", "validate constraint"):
            result[other] = []
    return result


_VALIDITY = ("definition", "validated")


def _added_with_definition(context: Context) -> dict[Change, list[Change]]:
    """migra adds a unique or primary key `USING INDEX` an index it never creates (one
    that differs in what migra does not compare), or a temporal key's, which it creates
    as no server can (a unique gist index): added with its own definition, which builds
    the index."""
    result: dict[Change, list[Change]] = {}
    for attrs in context.desired_catalog.constraints.values():
        if attrs.type not in ("unique", "primary key") or not attrs.index:
            continue
        adds = [
            c
            for c in context.find(con(attrs.table, attrs.name), "add constraint")
            if c.op.using_index
        ]
        if not adds:
            continue
        creates = context.find(rel(attrs.index), "create", kind="index")
        if attrs.inherited or any(c.op.only for c in creates):
            continue  # a partitioned table's key: `partitions` adds it through the parent
        if attrs.period:
            result.update({c: [] for c in creates})
        elif creates:
            continue
        exists = attrs.index in context.current_catalog.indexes and (
            f"index:{attrs.index}" not in context.dropped
        )
        if attrs.period or not exists:
            for add in adds:
                result[add] = [
                    change(
                        f"ALTER TABLE {attrs.table} ADD CONSTRAINT {ident(attrs.name)}"
                        f" {attrs.definition};"
                    )
                ]
    return result


def _foreign_keys_around_dropped_keys(
    context: Context, replaced: dict[Change, list[Change]]
) -> dict[Change, list[Change]]:
    """The change dropping a key a kept foreign key references becomes: drop the foreign
    key, drop the key, add the foreign key again (after the new key: `ordering`)."""
    referencing: dict[Change, list[str]] = {}
    have_all = context.current_catalog.constraints
    want_all = context.desired_catalog.constraints
    dropped = _dropped_indexes(context)
    if not dropped:
        return {}  # no key is dropped: no foreign key rests on one (the usual plan)
    for identity, attrs in sorted(have_all.items()):
        if attrs.type != "foreign key" or attrs.inherited or identity not in want_all:
            continue
        if f"constraint:{identity}" in context.dropped:
            continue  # migra drops (and adds again) the foreign key itself
        for index in _referenced_indexes(context.current_catalog, attrs, dropped):
            drop = _dropping(context, index)
            if drop is not None and drop not in replaced:
                referencing.setdefault(drop, []).append(identity)
                break
    result: dict[Change, list[Change]] = {}
    for drop, keys in referencing.items():
        before = [_drop_constraint(have_all[key]) for key in keys]
        after = [sql for key in keys for sql in _add_foreign_key(want_all[key])]
        result[drop] = [*changes(before), drop, *changes(after)]
    return result


def _foreign_keys_around_retyped_columns(
    context: Context, replaced: dict[Change, list[Change]]
) -> dict[Change, list[Change]]:
    """A kept foreign key whose columns, or the columns it references, change type:
    dropped before the first of those type changes, added again after the last (as
    views are around them, `diff.dependents`)."""
    before: dict[Change, list[str]] = {}
    after: dict[Change, list[str]] = {}
    have_all = context.current_catalog.constraints
    want_all = context.desired_catalog.constraints
    for identity, attrs in sorted(have_all.items()):
        if attrs.type != "foreign key" or attrs.inherited or identity not in want_all:
            continue
        if f"constraint:{identity}" in context.dropped:
            continue  # migra drops (and adds again) the foreign key itself
        retyped = _retyping(context, attrs)
        if not retyped or any(c in replaced for c in retyped):
            continue
        before.setdefault(retyped[0], []).append(_drop_constraint(attrs))
        want = want_all[identity]
        after.setdefault(retyped[-1], []).extend(_add_foreign_key(want, _at_once(context, want)))
    return {
        retype: [*changes(before.get(retype, ())), retype, *changes(after.get(retype, ()))]
        for retype in dict.fromkeys([*before, *after])
    }


def _retyping(context: Context, foreign_key: Constraint) -> list[Change]:
    """The changes (in plan order) that change the type of the foreign key's columns
    or of those it references."""
    own, _ = definitions.constraint_columns(foreign_key.definition or "")
    reference = definitions.referenced_key(foreign_key.definition or "")
    ends = [col(foreign_key.table or "", c) for c in own]
    if reference is not None:
        table = qualified(*reference[0][1:])
        ends += [col(table, c) for c in reference[1]]
    found = [c for node in ends for c in context.find(node, "type")]
    order = {c: n for n, c in enumerate(context.changes)}
    return sorted(dict.fromkeys(found), key=lambda c: order.get(c, 0))


def _dropped_indexes(context: Context) -> list[str]:
    """The target's indexes the plan drops, in identity order."""
    return sorted(i for i in context.current_catalog.indexes if f"index:{i}" in context.dropped)


def _referenced_indexes(
    current: Catalog, foreign_key: Constraint, candidates: list[str]
) -> list[str]:
    """The target's unique indexes among `candidates` (in their order) the foreign key
    may rest on: on the referenced table, keyed by exactly the referenced columns
    (PostgreSQL chose one of them). Only the dropped indexes are candidates: a key kept
    needs nothing, and looking through every index for every foreign key took time
    growing with their product."""
    reference = definitions.referenced_key(foreign_key.definition)
    if reference is None:
        return []
    table, columns = qualified(*reference[0][1:]), set(reference[1])
    found = []
    for identity in candidates:
        attrs = current.indexes[identity]
        if attrs.table == table and attrs.partition_of is None:
            keys = definitions.unique_key(attrs.definition or "")
            if keys is not None and set(keys) == columns:
                found.append(identity)
    return found


def _dropping(context: Context, index: str) -> Change | None:
    """migra's change that drops the index: its constraint's drop, its own, or its
    table's."""
    if f"index:{index}" not in context.dropped:
        return None
    attrs = context.current_catalog.indexes[index]
    found = []
    if attrs.constraint:
        found += context.find(con(attrs.table, attrs.constraint), "drop constraint")
    found += context.find(rel(index), "drop", kind="index")
    found += context.find(rel(attrs.table), "drop", kind="table")
    return found[0] if found else None


def _drop_constraint(attrs: Constraint) -> str:
    return f"ALTER TABLE {attrs.table} DROP CONSTRAINT {ident(attrs.name)};"


def _at_once(context: Context, foreign_key: Constraint) -> bool:
    """PostgreSQL before 18 refuses NOT VALID on a partitioned table's foreign key: it
    is added valid at once there (as `partitions` adds one)."""
    if context.server_version is None or context.server_version >= 18:
        return False
    table = context.desired_catalog.tables.get(foreign_key.table or "")
    return table is not None and table.kind == "partitioned table"


def _add_foreign_key(attrs: Constraint, at_once: bool = False) -> list[str]:
    """ADD CONSTRAINT ... NOT VALID, then VALIDATE (as migra adds foreign keys), or left
    NOT VALID where the desired schema holds it so (its definition says NOT VALID);
    `at_once`: added valid in one statement (a partitioned table before PostgreSQL 18)."""
    table, name = attrs.table, ident(attrs.name)
    add = f"ALTER TABLE {table} ADD CONSTRAINT {name} {attrs.definition}"
    if not attrs.validated or at_once:
        return [f"{add};"]
    return [f"{add} NOT VALID;", f"ALTER TABLE {table} VALIDATE CONSTRAINT {name};"]


PLUGIN = Plugin(
    "constraints",
    in_place=in_place,
    in_place_for=(
        ("constraint", "drop constraint"),
        ("constraint", "add constraint"),
        ("constraint", "validate constraint"),
        ("index", "drop"),
        ("index", "create"),
        ("table", "drop"),
        ("column", "type"),
    ),
    after=("column_defaults",),  # (order kept)
)
