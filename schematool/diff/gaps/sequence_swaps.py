"""A column that turns from an identity into one drawing from a sequence (a serial),
or back: its new sequence takes the old one's name and position.

migra plans either way as if no value had ever been drawn, and in an order the server
refuses where the two sequences share a name (`t_id_seq`, the name both get):

- identity to serial: `CREATE SEQUENCE t_id_seq` while the identity's sequence still
  has that name ("relation already exists"); the new sequence would start at 1, and
  the next insert collide with the ids the identity handed out;
- serial to identity: `ADD GENERATED ... AS IDENTITY` while the serial's sequence has
  the name, so the server names the identity's `t_id_seq1`; it would start at 1 too.

Here the old sequence is put aside (`ALTER SEQUENCE t_id_seq RENAME TO t_id_seq_old`)
where the new one takes its name, the new one is given the old one's position (`SELECT
setval('t_id_seq', last_value, is_called) FROM t_id_seq_old`: `is_called` too, so an
unused sequence's first value stays its first), and the old one goes: an identity's
with its `DROP IDENTITY`; a serial's, put aside wherever the plan drops it, late, once
read, in place of migra's drop (which then loses nothing: no data-loss hazard). An
identity's options are set after it is added (`gaps.sequences`), and its position
after them. The sequence a default draws from is found in the default's parse tree
(`nextval('s'::regclass)`). START is not touched: pg_dump of the result shows the
desired schema's sequence, only the position (data, not schema) is carried over.

A new sequence several converted columns draw from takes the position of the one whose
old sequence had its name (else the first by name): one position is all it has. An
existing sequence a column comes to draw from keeps its own (other columns use it).
A position the new sequence's bounds exclude fails the apply (the setval is refused),
which rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from schematool.diff.gapkit.context import Context, change, changes, col, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps.sequences import RELATION_KINDS, added_under_its_name, column_gone
from schematool.grammar import definitions
from schematool.grammar.change import Change
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Column
from schematool.inspect.records import catalog as catalog_of
from schematool.names import ident, literal, qualified, split_name, suffixed


@dataclass(frozen=True)
class Swap:
    """A column whose generator changes sequence: `old` (the target's) gives its
    position to `new` (the desired one); `aside`, the name `old` takes meanwhile (None:
    it keeps its name, which `new` does not take); `first`: the first of the columns
    drawing from `old` (the one whose change puts it aside)."""

    column: str
    table: str
    name: str
    old: str
    new: str
    aside: str | None
    first: bool = True


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    for swap in to_identity(context.current, context.desired, context.dropped).values():
        replacements.update(_identity_added(context, swap))
    for swap in from_identity(context.current, context.desired, context.dropped).values():
        replacements.update(_identity_dropped(context, swap))
    return replacements


def late(context: Context) -> list[Change]:
    """A serial's sequence, put aside for the identity that replaces it, gives that
    identity its position (after the identity's options are set: `gaps.sequences`)
    and goes."""
    copies, drops = [], []
    for swap in to_identity(context.current, context.desired, context.dropped).values():
        if not added_under_its_name(context, swap.column, swap.new):
            continue  # not added by `_identity_added`: not ours to follow
        if swap.aside is None:
            copies.append(_copy(swap.new, swap.old))
        elif _put_aside(context, swap):
            copies.append(_copy(swap.new, swap.aside))
            drops += [f"DROP SEQUENCE {swap.aside};"] if swap.first else []
    return changes(copies + drops)


def to_identity(current: Snapshot, desired: Snapshot, dropped: frozenset[str]) -> dict[str, Swap]:
    """Columns the plan keeps that become identities and now draw from a sequence of
    the target (`nextval`), by column identity."""
    result = {}
    sequences = current.get("sequence", {})
    have_columns = catalog_of(current).columns
    identities = _identity_sequences(desired)
    seen: set[str] = set()
    for identity, want in sorted(catalog_of(desired).columns.items()):
        have = have_columns.get(identity)
        if want.generated_identity is None or have is None or have.generated_identity:
            continue
        if column_gone(identity, want, dropped) or identity not in identities:
            continue
        old = _drawn(have)
        if old is None or old not in sequences:
            continue
        new = identities[identity]
        # put aside where the desired schema drops it (also when the names differ: its
        # late drop then loses nothing, its position has gone to the identity)
        aside = None if old in desired.get("sequence", {}) else _aside(old, current, desired)
        first = old not in seen
        seen.add(old)
        result[identity] = Swap(identity, want.table, want.name, old, new, aside, first)
    return result


def from_identity(
    current: Snapshot, desired: Snapshot, dropped: frozenset[str]
) -> dict[str, Swap]:
    """Identity columns the plan keeps that come to draw from a sequence the plan
    creates, by column identity: one column per new sequence (see the module)."""
    found: dict[str, list[Swap]] = {}
    have_columns = catalog_of(current).columns
    identities = _identity_sequences(current)
    for identity, want in sorted(catalog_of(desired).columns.items()):
        have = have_columns.get(identity)
        if want.generated_identity or have is None or have.generated_identity is None:
            continue
        if column_gone(identity, want, dropped) or identity not in identities:
            continue
        new = _drawn(want)
        if new is None or new in current.get("sequence", {}):
            continue
        if new not in desired.get("sequence", {}):
            continue
        old = identities[identity]
        aside = _aside(old, current, desired) if old == new else None
        found.setdefault(new, []).append(
            Swap(identity, want.table, want.name, old, new, aside)
        )
    result = {}
    for swaps in found.values():
        swap = next((s for s in swaps if s.aside is not None), swaps[0])
        result[swap.column] = swap
    return result


def _identity_added(context: Context, swap: Swap) -> dict[Change, list[Change]]:
    """migra's ADD ... AS IDENTITY, under the desired sequence name, the old sequence
    put aside first where the plan drops it (migra's drop of it is made late, once its
    position is read). The options are set late, as for any identity migra adds
    (`gaps.sequences`)."""
    adds = context.find(col(swap.table, swap.name), "add identity")
    if len(adds) != 1 or len(adds[0].ops) != 1:
        return {}
    kind = context.desired_catalog.columns[swap.column].generated_identity.kind
    generated = "ALWAYS" if kind == "always" else "BY DEFAULT"
    target = f"ALTER TABLE {swap.table} ALTER COLUMN {ident(swap.name)}"
    added = [f"{target} ADD GENERATED {generated} AS IDENTITY (SEQUENCE NAME {swap.new});"]
    if swap.aside is None or not swap.first:
        return {adds[0]: changes(added)}
    replacements = {adds[0]: changes([_rename(swap), *added])}
    for drop in context.find(rel(swap.old), "drop", kind="sequence"):
        replacements[drop] = []
    return replacements


def _identity_dropped(context: Context, swap: Swap) -> dict[Change, list[Change]]:
    """migra's creation of the new sequence, with the identity's sequence put aside
    before it where it has that name, the position copied after it, and the identity
    dropped (taking its sequence along) right after that, in place of migra's DROP
    IDENTITY."""
    creates = context.find(rel(swap.new), "create", kind="sequence")
    drops = context.find(col(swap.table, swap.name), "drop identity")
    if len(creates) != 1 or len(drops) != 1 or len(drops[0].ops) != 1:
        return {}
    source = swap.aside or swap.old
    dropped = f"ALTER TABLE {swap.table} ALTER COLUMN {ident(swap.name)} DROP IDENTITY;"
    instead = [
        *([change(_rename(swap))] if swap.aside is not None else []),
        creates[0],
        change(_copy(swap.new, source)),
        change(dropped),
    ]
    return {creates[0]: instead, drops[0]: []}


def _put_aside(context: Context, swap: Swap) -> bool:
    """Whether the plan (`_identity_added`) renames the old sequence aside."""
    aside = rel(swap.aside) if swap.aside else None
    return any(c.op.renamed_to == aside for c in context.find(rel(swap.old), "rename"))


def _rename(swap: Swap) -> str:
    return f"ALTER SEQUENCE {swap.old} RENAME TO {ident(split_name(swap.aside)[-1])};"


def _copy(new: str, source: str) -> str:
    """`new` takes `source`'s position: its next value is the one `source` would give."""
    return f"SELECT pg_catalog.setval({literal(new)}, last_value, is_called) FROM {source};"


def _drawn(column: Column) -> str | None:
    """The sequence a column's default draws from (`nextval`), as snapshots name it."""
    names = definitions.sequence_drawn(column.default)
    return qualified(*names) if names else None


def _identity_sequences(snapshot: Snapshot) -> dict[str, str]:
    """Column identity -> the name of its identity sequence."""
    return {
        attrs["column"]: name for name, attrs in snapshot.get("identity_sequence", {}).items()
    }


def _aside(sequence: str, current: Snapshot, desired: Snapshot) -> str:
    """A name for `sequence` while its replacement takes its own: `<name>_old` (or
    `_old2`, ...), free in its schema on both sides."""
    schema, name = split_name(sequence)
    taken = {
        split_name(identity)
        for snapshot in (current, desired)
        for kind in RELATION_KINDS
        for identity in snapshot.get(kind, {})
    }
    for n in count(1):
        candidate = suffixed(name, "_old" if n == 1 else f"_old{n}")
        if (schema, candidate) not in taken:
            return qualified(schema, candidate)
    raise AssertionError("unreachable")


PLUGIN = Plugin(
    "sequence_swaps",
    in_place=in_place,
    in_place_for=(
        ("column", "add identity"),
        ("column", "drop identity"),
        ("sequence", "create"),
        ("sequence", "drop"),
    ),
    late=late,
    after=("sequences",),  # a position is copied once the identity's options are set
)
