"""GRANT / REVOKE ... ON SCHEMA: migra's privilege handling covers tables only.

Schema USAGE decides whether a role can reach anything in the schema at all, so a missed
grant breaks every query of that role, and a missed revoke leaves a schema open.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit import acl
from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import owners
from schematool.grammar.change import Change
from schematool.inspect.catalog import Snapshot


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current, context.desired, context.dropped
    result: list[str] = []
    for schema, attrs in sorted(desired.get("schema", {}).items()):
        want = acl.parse(attrs.get("acl", []))
        have = _current_grants(schema, attrs, current, dropped)
        result += acl.changes(f"SCHEMA {schema}", have, want)
    return changes(result)


def _current_grants(
    schema: str, desired_attrs: dict[str, Any], current: Snapshot, dropped: frozenset[str]
) -> acl.Grants:
    existing = current.get("schema", {}).get(schema)
    if existing is not None and f"schema:{schema}" not in dropped:
        have = acl.parse(existing.get("acl", []))
        return owners.handed_over(have, existing.get("owner"), desired_attrs.get("owner"))
    # migra creates it: a new schema's ACL is its owner's default, USAGE and CREATE. The
    # owner is the applying role, which migra cannot change; assume it is the desired one.
    owner = desired_attrs.get("owner", "")
    return {owner: {"USAGE": False, "CREATE": False}}


PLUGIN = Plugin(
    "schema_grants",
    late=late,
    after=("owners",),  # a new owner takes the old one's privileges over
)
