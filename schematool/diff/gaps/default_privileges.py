"""ALTER DEFAULT PRIVILEGES: the grants new objects get; migra does not look at them.

A snapshot holds one entry per pg_default_acl row, named `for role R [in schema S] on
tables`. With no row for a role, its objects get the built-in default (the owner's
privileges; EXECUTE or USAGE for PUBLIC on functions and types); a schema's row adds to
that. Granting and revoking until an ACL equals the built-in default removes the row.
"""

from __future__ import annotations

import re

from schematool.diff.gapkit import acl
from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.catalog import Snapshot
from schematool.names import ident, unquote

_IDENTITY = re.compile(r"for role (.+?)(?: in schema (.+?))? on (\w+(?: \w+)?)$")

# privileges of an object's owner by default (MAINTAIN, PostgreSQL 17+, see _owner_default)
_OWNER = {
    "tables": ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"),
    "sequences": ("SELECT", "UPDATE", "USAGE"),
    "functions": ("EXECUTE",),
    "types": ("USAGE",),
    "schemas": ("USAGE", "CREATE"),
}
_PUBLIC = {"functions": ("EXECUTE",), "types": ("USAGE",)}


def late(context: Context) -> list[Change]:
    have_all = context.current.get("default_privilege", {})
    want_all = context.desired.get("default_privilege", {})
    result = []
    for identity in sorted(have_all.keys() | want_all.keys()):
        match = _IDENTITY.match(identity)
        if match is None or match.group(3) not in _OWNER:
            continue
        role, schema, object_class = match.groups()
        have, want = _grants(have_all.get(identity)), _grants(want_all.get(identity))
        if schema is None:  # no row: the built-in default
            name = unquote(role)[0] if role.startswith('"') else role
            have = have if identity in have_all else builtin(object_class, name, want)
            want = want if identity in want_all else builtin(object_class, name, have)
        prefix = f"ALTER DEFAULT PRIVILEGES FOR ROLE {role}"
        prefix += f" IN SCHEMA {schema}" if schema else ""
        target = object_class.upper()
        result += [f"{prefix} {s}" for s in acl.changes(target, have, want, ordered=False)]
    return changes(result)


def builtin(object_class: str, owner: str, other: acl.Grants) -> acl.Grants:
    """The ACL of a new object with no default privileges in the way, in the order
    PostgreSQL's acldefault() gives it: PUBLIC's entry before the owner's."""
    grants: acl.Grants = {}
    if object_class in _PUBLIC:
        grants[acl.PUBLIC] = {p: False for p in _PUBLIC[object_class]}
    grants[owner] = {p: False for p in _owner_default(object_class, owner, other)}
    return grants


def initial_grants(
    current: Snapshot, object_class: str, owner: str, schema: str, want: acl.Grants
) -> acl.Grants:
    """The ACL an object created now gets in the target: the built-in default or the
    role's default privileges, plus those of its schema."""
    entries = current.get("default_privilege", {})
    role = ident(owner)
    everywhere = entries.get(f"for role {role} on {object_class}")
    grants = _grants(everywhere) if everywhere is not None else builtin(object_class, owner, want)
    in_schema = entries.get(f"for role {role} in schema {schema} on {object_class}")
    for grantee, privileges in _grants(in_schema).items():
        held = grants.setdefault(grantee, {})
        for privilege, option in privileges.items():
            held[privilege] = held.get(privilege, False) or option
    return grants


def _owner_default(object_class: str, owner: str, other: acl.Grants) -> set[str]:
    """MAINTAIN exists from PostgreSQL 17 on; snapshots do not say the server version, so
    the owner is taken to hold it when the other side's owner does."""
    privileges = set(_OWNER[object_class])
    if object_class == "tables" and "MAINTAIN" in other.get(owner, {}):
        privileges.add("MAINTAIN")
    return privileges


def _grants(attrs: dict | None) -> acl.Grants:
    return acl.parse(attrs.get("acl", [])) if attrs else {}

PLUGIN = Plugin(
    "default_privileges",
    late=late,
    after=("foreign_data",),  # (order kept)
)
