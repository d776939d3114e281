"""Changes kept off the objects the project leaves to others (`ignore` patterns).

The snapshots the diff compares hold no ignored object (`inspect.scope`), so the gap
modules plan nothing for them; migra inspects the databases whole, so its statements
are filtered here, by the Node each statement names, as soon as they are read, and the
finished list once more (a safety net: nothing in a plan touches an ignored object).
A change that an ignored object would not survive (a drop, a type change, a rename of
what it depends on) is refused, naming that object: PostgreSQL would refuse the drop,
or the change would break the other owner's object.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from schematool.errors import DiffError, IgnoredDependent
from schematool.grammar.change import ALTER, DROP, RENAME, Change
from schematool.inspect import graph
from schematool.names import Node, qualified

Ignored = Mapping[Node, tuple[str, str]]  # Node -> (snapshot kind, identity)


def without_ignored(changes: Sequence[Change], ignored: Ignored) -> list[Change]:
    """`changes` less those that act on ignored objects only; a statement acting on an
    ignored object and a managed one at once cannot be split, and is an error."""
    if not ignored:
        return list(changes)
    kept = []
    for change in changes:
        hits = [op.node in ignored for op in change.ops]
        if not any(hits):
            kept.append(change)
        elif not all(hits):
            node = next(op.node for op in change.ops if op.node in ignored)
            raise DiffError(
                f"a planned statement changes the ignored {_named(ignored[node])} together"
                f" with managed objects: {' '.join(change.shown.split())[:120]}"
            )
    return kept


def refuse_breaking(changes: Sequence[Change], current: graph.Graph, ignored: Ignored) -> None:
    """Refuse a change that drops, retypes or renames an object an ignored object of
    the target depends on (or the table or schema that object belongs to)."""
    if not ignored:
        return
    touched: dict[Node, tuple[str, Change]] = {}
    for change in changes:
        for op in change.ops:
            if op.effect in (DROP, ALTER, RENAME) and op.node not in ignored:
                touched.setdefault(op.node, (op.effect, change))
    if not touched:
        return
    for dependent, referenced in current.depends.items():
        if dependent not in ignored:
            continue
        for node in sorted(referenced):
            hit = _hit(node, touched)
            if hit is not None:
                effect, change = hit
                raise IgnoredDependent(
                    f"refusing to {_verb(effect)} {qualified(*node[1:])}: the ignored"
                    f" {_named(ignored[dependent])} depends on it (statement:"
                    f" {' '.join(change.shown.split())[:120]}); change the ignored object"
                    " first, or stop ignoring it"
                )


def _hit(node: Node, touched: dict[Node, tuple[str, Change]]) -> tuple[str, Change] | None:
    """The change that touches `node` itself, or drops or renames its table or schema."""
    if node in touched:
        return touched[node]
    for whole in (graph.owner(node), ("schema", node[1]) if len(node) > 2 else None):
        found = touched.get(whole) if whole else None
        if found is not None and found[0] in (DROP, RENAME):
            return found
    return None


def _verb(effect: str) -> str:
    return {DROP: "drop", ALTER: "change", RENAME: "rename"}[effect]


def _named(kind_identity: tuple[str, str]) -> str:
    kind, identity = kind_identity
    return f"{kind.replace('_', ' ')} {identity}"
