"""ALTER ... OWNER TO: migra never changes an object's owner.

Only objects both sides have: one the plan creates belongs to the role applying it.
Ownership changes come before grants: the server hands the old owner's privileges to
the new owner (`privileges` and `schema_grants` expect that).
"""

from __future__ import annotations

from schematool.change import Change
from schematool.gaps import acl
from schematool.gaps.context import Context, changes
from schematool.names import ident

_KEYWORDS = {
    "schema": "SCHEMA",
    "table": "TABLE",
    "view": "VIEW",
    "materialized_view": "MATERIALIZED VIEW",
    "sequence": "SEQUENCE",
    "enum": "TYPE",
    "composite_type": "TYPE",
    "range_type": "TYPE",
    "domain": "DOMAIN",
    "collation": "COLLATION",
    "statistics": "STATISTICS",
    "event_trigger": "EVENT TRIGGER",
    "function": "FUNCTION",
}
_ROUTINES = {"procedure": "PROCEDURE", "aggregate": "AGGREGATE"}


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current, context.desired, context.dropped
    result = []
    for kind, keyword in _KEYWORDS.items():
        for identity, want in sorted(desired.get(kind, {}).items()):
            have = current.get(kind, {}).get(identity)
            if have is None or f"{kind}:{identity}" in dropped:
                continue
            if have.get("owner") and want.get("owner") and have["owner"] != want["owner"]:
                target = _target(kind, keyword, identity, want)
                result.append(f"ALTER {target} OWNER TO {ident(want['owner'])};")
    return changes(result)


def handed_over(grants: acl.Grants, old_owner: str | None, new_owner: str | None) -> acl.Grants:
    """An ACL after ALTER ... OWNER TO: the old owner's privileges pass to the new one."""
    if not old_owner or not new_owner or old_owner == new_owner or old_owner not in grants:
        return grants
    result = {grantee: dict(held) for grantee, held in grants.items() if grantee != old_owner}
    merged = result.setdefault(new_owner, {})
    for privilege, option in grants[old_owner].items():
        merged[privilege] = merged.get(privilege, False) or option
    return result


def _target(kind: str, keyword: str, identity: str, attrs: dict) -> str:
    if kind == "function":
        return (
            f"{_ROUTINES.get(attrs.get('kind', ''), 'FUNCTION')} {attrs.get('signature', identity)}"
        )
    if kind == "table" and attrs.get("kind") == "foreign table":
        return f"FOREIGN TABLE {identity}"
    return f"{keyword} {identity}"
