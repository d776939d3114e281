"""Expand and contract: a plan in two halves, for an application deployed in between.

`apply --expand` runs every step except those that remove or narrow something the
running application may still use (`contracting`): drops of tables, columns, functions
and views, type changes that can lose values (the `data-loss` hazard), a NOT NULL set
on a column (a new one without a default included). Verification then requires that
exactly what those skipped steps do is left (`apply.verify.left_after_expand`). A later
plain `apply`, or `apply --contract`, plans and runs the rest. Renames the schema files
annotate are single steps: they run in the expand half, as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from schematool.errors import ConfigError
from schematool.grammar.change import ALTER, CREATE, DROP, USE, Change
from schematool.hazard_kinds import DATA_LOSS
from schematool.inspect.catalog import Snapshot
from schematool.names import qualified
from schematool.plan.model import Step

EXPAND, CONTRACT = "expand", "contract"
# kinds whose drop an application still running may notice
_REMOVED = frozenset(
    {"table", "column", "function", "procedure", "aggregate", "view", "materialized view"}
)


def contracting(change: Change, desired: Snapshot) -> str | None:
    """Why `change` belongs to the contract half (None: to the expand half); `desired`
    tells whether a new NOT NULL column has a default that fills the old application's
    inserts."""
    for op in change.ops:
        if op.detail("restores"):
            continue  # dropped and put back in the same transaction: nobody sees it gone
        name = qualified(*op.node[1:])
        if op.effect == DROP and op.kind in _REMOVED:
            return f"drops {op.kind} {name}"
        if op.what == "type" and DATA_LOSS in change.hazard_kinds:
            return f"narrows the type of {name}"
        if op.what == "set not null":
            return f"makes {name} NOT NULL"
        if op.what == "add column" and op.detail("not_null") and not _filled(desired, name):
            return f"adds {name} NOT NULL without a default"
    return None


def _filled(desired: Snapshot, column: str) -> bool:
    attrs = desired.get("column", {}).get(column) or {}
    return any(attrs.get(key) for key in ("default", "identity", "generated"))


Numbered = list[tuple[int, Step]]


def halves(steps: Sequence[Step], desired: Snapshot) -> tuple[Numbered, Numbered]:
    """The numbered steps of the expand half and of the contract half. A plan whose
    expand half needs what a contract step does first (a name a drop frees, a column
    it adds) cannot be split, and is refused."""
    expand: Numbered = []
    contract: Numbered = []
    for number, step in enumerate(steps, 1):
        (contract if contracting(step.change, desired) else expand).append((number, step))
    first = {}
    for number, step in contract:
        for op in step.change.ops:
            first.setdefault(op.node, number)
    for number, step in expand:
        for effect, node in step.change.effects():
            if effect in (CREATE, USE, ALTER) and first.get(node, number) < number:
                raise ConfigError(
                    f"the plan cannot be split for --expand: statement {number} needs"
                    f" statement {first[node]}, of the contract half, to run first:"
                    " apply it whole"
                )
    return expand, contract
