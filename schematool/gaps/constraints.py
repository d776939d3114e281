"""Table constraints migra gets wrong:

- a constraint that only changes its name is renamed (`RENAME CONSTRAINT`), where migra
  drops and adds it: that fails for a primary key a foreign key references, and
  revalidates (or rebuilds the index of) any other;
- a constraint the desired schema holds NOT VALID stays so: migra validates it;
- a constraint the target holds NOT VALID and the desired schema validated, the same
  otherwise, is validated (`VALIDATE CONSTRAINT`), where migra drops it, adds it again
  and validates it in the transaction that holds the ADD's lock (an interrupted online
  apply leaves such constraints; its rerun validates them without blocking writes);
- a unique or primary key constraint migra adds `USING INDEX` an index it never creates
  (the index differs in a way migra does not compare, NULLS NOT DISTINCT) is added with
  its own definition.
"""

from __future__ import annotations

from typing import Any

from schematool.change import Change
from schematool.gaps.context import Context, change, con, rel
from schematool.names import ident, split_name

Attrs = dict[str, Any]

# what must match for two constraints to be the same one under two names
_SAME = ("table", "type", "definition", "deferrable", "deferred", "validated", "no_inherit")


def in_place(context: Context) -> dict[Change, list[Change]]:
    replacements: dict[Change, list[Change]] = {}
    for old, new in _renamed(context):
        replacements.update(_rename(context, old, new))
    replacements.update(_keep_not_valid(context))
    replacements.update(_validate_not_valid(context))
    replacements.update(_added_with_definition(context))
    return replacements


def _renamed(context: Context) -> list[tuple[Attrs, Attrs]]:
    have = context.current.get("constraint", {})
    want = context.desired.get("constraint", {})
    gone = [have[k] for k in sorted(have.keys() - want.keys()) if have[k].get("local", True)]
    new = [want[k] for k in sorted(want.keys() - have.keys()) if want[k].get("local", True)]
    pairs = []
    for old in gone:
        matches = [c for c in new if _signature(c) == _signature(old)]
        others = [c for c in gone if _signature(c) == _signature(old)]
        if len(matches) == 1 and len(others) == 1:
            pairs.append((old, matches[0]))
    return pairs


def _signature(attrs: Attrs) -> tuple[Any, ...]:
    return tuple(attrs.get(key) for key in _SAME)


def _rename(context: Context, old: Attrs, new: Attrs) -> dict[Change, list[Change]]:
    """migra's drop of the old constraint becomes a rename; what it does to the new one
    (create its index, add it, validate it) and the drop of the old index go."""
    drops = context.find(con(old["table"], old["name"]), "drop constraint")
    if not drops:
        return {}
    schema = split_name(old["table"])[0]
    new_constraint = con(new["table"], new["name"])
    result = {c: [] for c in context.find(("rel", schema, old["name"]), "drop", kind="index")}
    result.update(
        {c: [] for c in context.find(("rel", schema, new["name"]), "create", kind="index")}
    )
    adds = context.find(new_constraint, "add constraint", "validate constraint")
    result.update({c: [] for c in adds})
    result[drops[0]] = [
        change(
            f"ALTER TABLE {old['table']} RENAME CONSTRAINT {ident(old['name'])}"
            f" TO {ident(new['name'])};"
        )
    ]
    return result


def _keep_not_valid(context: Context) -> dict[Change, list[Change]]:
    result: dict[Change, list[Change]] = {}
    for attrs in context.desired.get("constraint", {}).values():
        if attrs.get("validated", True):
            continue
        for validate in context.find(con(attrs["table"], attrs["name"]), "validate constraint"):
            result[validate] = []
    return result


def _validate_not_valid(context: Context) -> dict[Change, list[Change]]:
    """A constraint that only has to become valid: validated, not dropped and re-added."""
    result: dict[Change, list[Change]] = {}
    have_all = context.current.get("constraint", {})
    for identity, want in context.desired.get("constraint", {}).items():
        have = have_all.get(identity)
        if have is None or have.get("validated", True) or not want.get("validated", True):
            continue
        if have["definition"] != want["definition"] + " NOT VALID":
            continue  # PostgreSQL appends exactly this to a constraint not validated
        if any(have.get(key) != want.get(key) for key in _SAME if key not in _VALIDITY):
            continue
        node = con(want["table"], want["name"])
        drops = context.find(node, "drop constraint")
        if len(drops) != 1:
            continue
        result[drops[0]] = [
            change(f"ALTER TABLE {want['table']} VALIDATE CONSTRAINT {ident(want['name'])};")
        ]
        for other in context.find(node, "add constraint", "validate constraint"):
            result[other] = []
    return result


_VALIDITY = ("definition", "validated")


def _added_with_definition(context: Context) -> dict[Change, list[Change]]:
    """migra adds a unique or primary key `USING INDEX` an index it never creates (one
    that differs in what migra does not compare): added with its own definition."""
    result: dict[Change, list[Change]] = {}
    for attrs in context.desired.get("constraint", {}).values():
        if attrs["type"] not in ("unique", "primary key") or not attrs.get("index"):
            continue
        adds = [
            c
            for c in context.find(con(attrs["table"], attrs["name"]), "add constraint")
            if c.op.using_index
        ]
        if not adds:
            continue
        if context.find(rel(attrs["index"]), "create", kind="index"):
            continue
        exists = attrs["index"] in context.current.get("index", {}) and (
            f"index:{attrs['index']}" not in context.dropped
        )
        if not exists:
            for add in adds:
                result[add] = [
                    change(
                        f"ALTER TABLE {attrs['table']} ADD CONSTRAINT {ident(attrs['name'])}"
                        f" {attrs['definition']};"
                    )
                ]
    return result
