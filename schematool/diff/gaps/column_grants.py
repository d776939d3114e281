"""GRANT / REVOKE of column privileges (`GRANT UPDATE (col) ON t TO r`): migra's
privilege handling sees table-level grants only.

A column grant is how an application role may update some columns of a row and not
others (a token's `consumed_at`, never its hash), so a missed one breaks the app and a
missed revoke widens what it may write.

`ALTER TABLE ... OWNER TO` (gaps.owners, before) hands the old owner's column privileges
to the new owner, as it does the table's: the grants are planned from the ACL as it
stands after it (`owners.handed_over`).
"""

from __future__ import annotations

from schematool.diff.gapkit import acl
from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import owners
from schematool.grammar.change import Change
from schematool.names import ident


def late(context: Context) -> list[Change]:
    dropped = context.dropped
    result: list[str] = []
    have_columns = context.current_catalog.columns
    for key, attrs in sorted(context.desired_catalog.columns.items()):
        want = acl.parse(attrs.acl)
        existing = have_columns.get(key)
        # a column migra drops (alone or with its table) comes back with no grants
        gone = f"table:{attrs.table}" in dropped or f"column:{key}" in dropped
        have = acl.parse(existing.acl) if existing and not gone else {}
        if have:
            old, new = _owner(context.current, attrs.table), _owner(context.desired, attrs.table)
            have = owners.handed_over(have, old, new)
        result += acl.changes(f"TABLE {attrs.table}", have, want, column=ident(attrs.name))
    return changes(result)


def _owner(snapshot: dict, table: str) -> str | None:
    """The owner of the relation a column belongs to (a table, view or materialized view)."""
    for kind in ("table", "view", "materialized_view"):
        found = snapshot.get(kind, {}).get(table)
        if found is not None:
            return found.get("owner")
    return None


PLUGIN = Plugin(
    "column_grants",
    late=late,
    after=("privileges",),  # a table's REVOKE revokes its columns' too
)
