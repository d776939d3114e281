"""Table constraints migra gets wrong:

- a constraint that only changes its name is renamed (`RENAME CONSTRAINT`), where migra
  drops and adds it: that fails for a primary key a foreign key references, and
  revalidates (or rebuilds the index of) any other;
- a constraint the desired schema holds NOT VALID stays so: migra validates it;
- a unique or primary key constraint migra adds `USING INDEX` an index it never creates
  (the index differs in a way migra does not compare, NULLS NOT DISTINCT) is added with
  its own definition.
"""

from __future__ import annotations

import re
from typing import Any

from schematool.gaps.context import Context
from schematool.names import ident, migra_name, split_name

Attrs = dict[str, Any]

# what must match for two constraints to be the same one under two names
_SAME = ("table", "type", "definition", "deferrable", "deferred", "validated", "no_inherit")


def in_place(context: Context) -> dict[str, list[str]]:
    replacements: dict[str, list[str]] = {}
    for old, new in _renamed(context):
        replacements.update(_rename(context.statements, old, new))
    replacements.update(_keep_not_valid(context))
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


def _rename(statements: tuple[str, ...], old: Attrs, new: Attrs) -> dict[str, list[str]]:
    table = migra_name(old["table"])
    drop = f'alter table {table} drop constraint "{old["name"]}";'
    if drop not in statements:
        return {}
    schema = split_name(old["table"])[0]
    index = re.compile(
        rf'drop index if exists "{re.escape(schema)}"\."{re.escape(old["name"])}";'
        rf"|CREATE (UNIQUE )?INDEX {re.escape(ident(new['name']))} ON "
        rf'|alter table {re.escape(table)} (add|validate) constraint "{re.escape(new["name"])}"'
    )
    result = {s: [] for s in statements if index.match(s)}
    result[drop] = [
        f"ALTER TABLE {old['table']} RENAME CONSTRAINT {ident(old['name'])}"
        f" TO {ident(new['name'])};"
    ]
    return result


def _keep_not_valid(context: Context) -> dict[str, list[str]]:
    result = {}
    for attrs in context.desired.get("constraint", {}).values():
        if attrs.get("validated", True):
            continue
        validate = (
            f'alter table {migra_name(attrs["table"])} validate constraint "{attrs["name"]}";'
        )
        if validate in context.statements:
            result[validate] = []
    return result


def _added_with_definition(context: Context) -> dict[str, list[str]]:
    result = {}
    if not context.mentions(" using index "):
        return result
    for attrs in context.desired.get("constraint", {}).values():
        if attrs["type"] not in ("unique", "primary key") or not attrs.get("index"):
            continue
        if not context.mentions_name(attrs["name"]):
            continue
        add = re.compile(
            rf"alter table {re.escape(migra_name(attrs['table']))} add constraint "
            rf'"{re.escape(attrs["name"])}" (UNIQUE|PRIMARY KEY) using index '
        )
        index_name = split_name(attrs["index"])[-1]
        created = re.compile(rf"CREATE (UNIQUE )?INDEX {re.escape(ident(index_name))} ON ")
        if any(created.match(s) for s in context.statements):
            continue
        exists = attrs["index"] in context.current.get("index", {}) and (
            f"index:{attrs['index']}" not in context.dropped
        )
        for statement in context.statements:
            if add.match(statement) and not exists:
                result[statement] = [
                    f"ALTER TABLE {attrs['table']} ADD CONSTRAINT {ident(attrs['name'])}"
                    f" {attrs['definition']};"
                ]
    return result
