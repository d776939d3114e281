"""GRANT / REVOKE on tables, views, sequences, functions and types.

migra's own privilege handling is left off: it covers tables only, quotes PUBLIC as a
role name, drops grant options and knows no MAINTAIN. Here every object's ACL is turned
into the desired one. An object the plan creates (or migra drops and recreates) starts
with the ACL PostgreSQL gives a new object: its owner's privileges (plus EXECUTE or
USAGE for PUBLIC on functions and types), as changed by the target's default privileges
(`ALTER DEFAULT PRIVILEGES`) for the creating role, assumed to be the desired owner.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit import acl
from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import owners, sequences
from schematool.diff.gaps.default_privileges import initial_grants
from schematool.grammar.change import Change

Attrs = dict[str, Any]

# snapshot kind -> (GRANT's object keyword, default privileges' object class)
_KINDS = {
    "table": ("TABLE", "tables"),
    "view": ("TABLE", "tables"),
    "materialized_view": ("TABLE", "tables"),
    "sequence": ("SEQUENCE", "sequences"),
    "identity_sequence": ("SEQUENCE", "sequences"),
    "function": ("FUNCTION", "functions"),
    "enum": ("TYPE", "types"),
    "composite_type": ("TYPE", "types"),
    "range_type": ("TYPE", "types"),
    "domain": ("DOMAIN", "types"),
}


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current, context.desired, context.dropped
    result: list[str] = []
    renamed = _renamed_identity_sequences(context)
    for kind, (keyword, object_class) in _KINDS.items():
        for identity, want_attrs in sorted(desired.get(kind, {}).items()):
            have_attrs = current.get(kind, {}).get(identity)
            if kind == "identity_sequence" and have_attrs is None:
                have_attrs = renamed.get(identity)
            want = acl.parse(want_attrs.get("acl", []))
            if have_attrs is None or f"{kind}:{identity}" in dropped:
                schema = identity.split(".", 1)[0]
                have = initial_grants(
                    current, object_class, want_attrs.get("owner", ""), schema, want
                )
            else:
                have = acl.parse(have_attrs.get("acl", []))
                have = owners.handed_over(have, have_attrs.get("owner"), want_attrs.get("owner"))
            result += acl.changes(_target(kind, keyword, identity, want_attrs), have, want)
    return changes(result)


def _renamed_identity_sequences(context: Context) -> dict[str, Attrs]:
    """Desired identity sequence -> the current attributes of the one the plan renames
    into it (gaps.sequences), which keeps its grants."""
    renames = sequences.renamed_identity_sequences(
        context.current, context.desired, context.dropped
    )
    have = context.current.get("identity_sequence", {})
    return {new: have[old] for new, old in renames.items()}


def _target(kind: str, keyword: str, identity: str, attrs: Attrs) -> str:
    if kind == "function":
        routine = "PROCEDURE" if attrs.get("kind") == "procedure" else "FUNCTION"
        return f"{routine} {attrs.get('signature', identity)}"
    return f"{keyword} {identity}"


PLUGIN = Plugin(
    "privileges",
    late=late,
    after=("owners", "schema_grants"),  # as schema_grants; schema_grants: (order kept)
)
