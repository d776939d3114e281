"""Owners the schema files do not declare are not part of the desired schema.

An object's owner is whoever created it, unless a file says otherwise (`ALTER ... OWNER
TO`, `CREATE SCHEMA ... AUTHORIZATION`, a `SET ROLE`). The desired database is loaded by
one role, which also owns that database (it creates it, or is handed it with
--scratch-url), so an object there owned by the database's owner got no owner from the
files. Its owner on the target (the role that built the target, a role that owns
nothing with a read-only CI role's scratch database, ...) is then no difference: the
target's snapshot takes the desired owner for it, and the owner's entries in its ACL
(its own privileges, the grantor of every grant) are renamed alike, so that no
`ALTER ... OWNER TO`, GRANT or REVOKE is planned and apply's verification agrees.

One limit: a file that gives an object to the very role loading the schema reads as no
declaration.
"""

from __future__ import annotations

import copy
from typing import Any

from schematool.inspect.catalog import Snapshot
from schematool.names import acl_name, aclitem

# snapshot kinds with an 'owner' attribute
OWNED_KINDS = (
    "schema",
    "table",
    "view",
    "materialized_view",
    "sequence",
    "identity_sequence",
    "enum",
    "composite_type",
    "range_type",
    "domain",
    "collation",
    "statistics",
    "event_trigger",
    "function",
    "foreign_data_wrapper",
    "server",
    "publication",
    "text_search_dictionary",
    "text_search_configuration",
)


def take_undeclared_owners(current: Snapshot, desired: Snapshot, loader: str) -> Snapshot:
    """`current` with each undeclared owner (see the module) replaced by `loader`; the
    snapshot passed in is not changed."""
    result = dict(current)
    renamed_tables: dict[str, str] = {}
    for kind, identity, owner in list(_undeclared(current, desired, loader)):
        attrs = _own_copy(result, current, kind, identity)
        attrs["owner"] = loader
        if "acl" in attrs:
            attrs["acl"] = renamed_acl(attrs["acl"], owner, loader)
        if kind == "table":
            renamed_tables[identity] = owner
    for identity, attrs in current.get("column", {}).items():
        owner = renamed_tables.get(attrs.get("table", ""))
        if owner and attrs.get("acl"):
            own = _own_copy(result, current, "column", identity)
            own["acl"] = renamed_acl(own["acl"], owner, loader)
    return result


def _undeclared(current: Snapshot, desired: Snapshot, loader: str):
    for kind in OWNED_KINDS:
        have_all = current.get(kind, {})
        for identity, want in desired.get(kind, {}).items():
            have = have_all.get(identity)
            if have is None or want.get("owner") != loader:
                continue
            owner = have.get("owner")
            if owner and owner != loader:
                yield kind, identity, owner


def _own_copy(result: Snapshot, current: Snapshot, kind: str, identity: str) -> dict[str, Any]:
    """The entry of `result` to change, copied first so `current` stays as it was."""
    if result[kind] is current[kind]:
        result[kind] = dict(current[kind])
    if result[kind][identity] is current[kind][identity]:
        result[kind][identity] = copy.deepcopy(current[kind][identity])
    return result[kind][identity]


# aclitem's order of privilege letters (ACL_ALL_RIGHTS_STR; MAINTAIN since PostgreSQL 17)
_LETTERS = "arwdDxtXUCTcsAm"


def renamed_acl(items: list[str], old: str, new: str) -> list[str]:
    """aclitem texts (`grantee=privileges/grantor`) with role `old` renamed `new`, as
    PostgreSQL would hold them: items of one grantee and grantor merged (the owner's own
    entry absorbs a grant to the new owner), sorted in code point order as snapshots are."""
    merged: dict[tuple[str, str], dict[str, bool]] = {}
    for item in items:
        grantee, privileges, grantor = aclitem(item)
        key = (new if grantee == old else grantee, new if grantor == old else grantor)
        held = merged.setdefault(key, {})
        for letter, with_option in privileges:
            held[letter] = held.get(letter, False) or with_option
    return sorted(
        f"{acl_name(grantee)}={_privileges(held)}/{acl_name(grantor)}"
        for (grantee, grantor), held in merged.items()
    )


def _privileges(held: dict[str, bool]) -> str:
    order = sorted(held, key=lambda letter: _LETTERS.find(letter))
    return "".join(letter + ("*" if held[letter] else "") for letter in order)
