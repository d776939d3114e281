"""ALTER ... OWNER TO: migra never changes an object's owner.

An object both sides have gets the desired owner when it has another. One the plan
creates (or drops and recreates) belongs to the role applying it: it is given to its
desired owner when the schema files declare one (`ALTER ... OWNER TO`), that is, when
the desired owner is not the role that loaded the desired schema (`Context.loader`,
`schematool.inspect.ownership`). Ownership changes come before grants: the server hands the old
owner's privileges to the new owner (`privileges` and `schema_grants` expect that).
"""

from __future__ import annotations

from schematool.diff.gapkit import acl
from schematool.diff.gapkit.context import Context, change, changes, rel
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import USE, Change
from schematool.inspect.records import Catalog
from schematool.names import KINDS, ident, keywords, qualified, split_name

_KEYWORDS = keywords(
    "schema",
    "table",
    "view",
    "materialized_view",
    "sequence",
    "enum",
    "composite_type",
    "range_type",
    "domain",
    "collation",
    "statistics",
    "event_trigger",
    "operator",
    "publication",
    "text_search_dictionary",
    "text_search_configuration",
    "function",
    "foreign_data_wrapper",
    "server",
)
_ROUTINES = {name: KINDS[name].keyword for name in ("procedure", "aggregate")}


def in_place(context: Context) -> dict[Change, list[Change]]:
    """A sequence the plan creates and links (OWNED BY) to a column of an existing
    table with a declared owner must first be given to that owner: PostgreSQL links a
    sequence only to a table of its own owner (a serial column added to such a table)."""
    replacements: dict[Change, list[Change]] = {}
    if context.loader is None:
        return replacements
    tables = context.current_catalog.tables
    for identity, want in sorted(context.desired.get("sequence", {}).items()):
        table = qualified(*split_name(want.get("owned_by") or "")[:2])
        found = tables.get(table)
        owner = found.owner if found is not None else None
        if owner in (None, context.loader) or _made(context, "table", table):
            continue  # no such table, or one owned (or created) by the applying role
        if not _made(context, "sequence", identity):
            continue
        for linked in context.find(rel(identity), "options", kind="sequence"):
            if any(effect == USE for effect, _ in linked.op.also):
                given = change(f"ALTER SEQUENCE {identity} OWNER TO {ident(owner)};")
                replacements[linked] = [given, linked]
    return replacements


def late(context: Context) -> list[Change]:
    result = []
    for kind, keyword in _KEYWORDS.items():
        for identity, want in sorted(context.desired.get(kind, {}).items()):
            owner = want.get("owner")
            if owner and _needs_owner(context, kind, identity, owner):
                target = _target(kind, keyword, identity, want)
                result.append(f"ALTER {target} OWNER TO {ident(owner)};")
    return changes(result)


def creates_owned(context: Context) -> bool:
    """Whether the plan creates (or recreates) an object that has an owner: only then
    does this module need to know the role that loaded the desired schema."""
    return any(
        _made(context, kind, identity)
        for kind in _KEYWORDS
        for identity, want in context.desired.get(kind, {}).items()
        if want.get("owner")
    )


def _needs_owner(context: Context, kind: str, identity: str, owner: str) -> bool:
    if _made(context, kind, identity):
        declared = context.loader is not None and owner != context.loader
        return declared and not _follows_its_table(context.desired_catalog, kind, identity, owner)
    have = context.current[kind][identity].get("owner")
    return bool(have) and have != owner


def _made(context: Context, kind: str, identity: str) -> bool:
    """Created by the plan, or dropped and created again: owned by the applying role."""
    return identity not in context.current.get(kind, {}) or f"{kind}:{identity}" in context.dropped


def _follows_its_table(desired: Catalog, kind: str, identity: str, owner: str) -> bool:
    """A sequence owned by a column of a table of the same owner: the table's ALTER
    ... OWNER TO takes it along (and PostgreSQL refuses to give it to anyone else)."""
    if kind != "sequence":
        return False
    owned_by = desired.snapshot["sequence"][identity].get("owned_by")
    if not owned_by:
        return False
    table = desired.tables.get(qualified(*split_name(owned_by)[:2]))
    return (table.owner if table is not None else None) == owner


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


PLUGIN = Plugin(
    "owners",
    in_place=in_place,
    in_place_for=(("sequence", "options"),),
    late=late,
    after=("publications",),  # (order kept)
)
