"""Typed hazards: what a planned statement may do to a database that holds data.

Classification reads what a statement does, not whether it contains `drop`:
`ALTER COLUMN ... DROP DEFAULT` loses nothing, `DROP COLUMN` does. Tables the current
database already has matter: an index built on a new table locks nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schematool.errors import ConfigError

DATA_LOSS = "data-loss"
TABLE_REWRITE = "table-rewrite"
BLOCKING_LOCK = "blocking-lock"
INDEX_DROPPED = "index-dropped"
AUTHZ_CHANGE = "authz-change"
UNTRACKED_DEPENDENCY = "untracked-dependency"

KINDS = (DATA_LOSS, TABLE_REWRITE, BLOCKING_LOCK, INDEX_DROPPED, AUTHZ_CHANGE, UNTRACKED_DEPENDENCY)

_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
_QNAME = rf"({_IDENT}(?:\.{_IDENT})?)"
_FLAGS = re.IGNORECASE | re.DOTALL

_DROPS_DATA = re.compile(
    r"^\s*(drop\s+(table|schema|type|sequence|materialized\s+view|domain)\b"
    r"|truncate\b)",
    _FLAGS,
)
_ALTER_TABLE = re.compile(rf"^\s*alter\s+table\s+(?:only\s+)?(?:if\s+exists\s+)?{_QNAME}", _FLAGS)
_DROP_COLUMN = re.compile(r"\bdrop\s+column\b", _FLAGS)
_TYPE_CHANGE = re.compile(r"\balter\s+column\s+\S+\s+(?:set\s+data\s+)?type\b", _FLAGS)
_SET_NOT_NULL = re.compile(r"\bset\s+not\s+null\b", _FLAGS)
_ADD_VALIDATED_CONSTRAINT = re.compile(
    r"\badd\s+constraint\s+\S+\s+(?:foreign\s+key|check)\b(?!.*\bnot\s+valid\b)", _FLAGS
)
_ADD_STORED_COLUMN = re.compile(r"\badd\s+column\b.*\bgenerated\s+always\s+as\s*\(", _FLAGS)
_CREATE_INDEX = re.compile(
    rf"^\s*create\s+(?:unique\s+)?index\s+(?!concurrently)(?:if\s+not\s+exists\s+)?\S+\s+on\s+"
    rf"(?:only\s+)?{_QNAME}",
    _FLAGS,
)
_DROP_INDEX = re.compile(r"^\s*drop\s+index\b", _FLAGS)
_AUTHZ = re.compile(
    r"^\s*(grant|revoke|alter\s+default\s+privileges|create\s+policy|drop\s+policy|alter\s+policy)\b"
    r"|^\s*alter\s+table\b.*\b(enable|disable|force|no\s+force)\s+row\s+level\s+security\b",
    _FLAGS,
)
_DEFAULT_PRIVILEGES = re.compile(r"^\s*alter\s+default\s+privileges\b", _FLAGS)
_QUALIFIED = re.compile(rf"({_IDENT}\.{_IDENT})")
_ON_SCHEMA = re.compile(rf"\bon\s+schema\s+({_IDENT})", _FLAGS)
_FUNCTION_BODY = re.compile(
    r"^\s*create\s+(or\s+replace\s+)?(function|procedure)\b(?!.*\bbegin\s+atomic\b)", _FLAGS
)
# Type changes PostgreSQL does without touching rows (binary coercible) or that only widen.
_SAFE_TEXT_TYPES = re.compile(
    r"\btype\s+(text|character\s+varying|varchar)\s*(;|$|\s+using)", _FLAGS
)


@dataclass(frozen=True)
class Existing:
    """What the target already has, as unquoted names: hazards concern existing things.
    A grant on a table this plan creates changes nobody's access; on an existing one it does."""

    tables: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()  # tables, views, sequences, functions, schemas


def classify(statement: str, existing: Existing) -> tuple[str, ...]:
    """The hazards of one statement against a target holding `existing`."""
    found: list[str] = []
    if _DROPS_DATA.match(statement):
        found.append(DATA_LOSS)
    if _DROP_INDEX.match(statement):
        found.append(INDEX_DROPPED)
    named = _names_in(statement)
    if _AUTHZ.match(statement) and (
        _DEFAULT_PRIVILEGES.match(statement) or named & existing.objects
    ):
        found.append(AUTHZ_CHANGE)
    if _FUNCTION_BODY.match(statement) and named & existing.objects:
        found.append(UNTRACKED_DEPENDENCY)
    alter = _ALTER_TABLE.match(statement)
    if alter and unquote(alter.group(1)) in existing.tables:
        found += _alter_table_hazards(statement)
    index = _CREATE_INDEX.match(statement)
    if index and unquote(index.group(1)) in existing.tables:
        found.append(BLOCKING_LOCK)
    return tuple(dict.fromkeys(found))


def _names_in(statement: str) -> set[str]:
    """Every schema-qualified name, and the schema named by `ON SCHEMA x`."""
    names = {unquote(q) for q in _QUALIFIED.findall(statement)}
    names |= {unquote(s, schema_only=True) for s in _ON_SCHEMA.findall(statement)}
    return names


def _alter_table_hazards(statement: str) -> list[str]:
    found = []
    if _DROP_COLUMN.search(statement):
        found.append(DATA_LOSS)
    if _TYPE_CHANGE.search(statement):
        if not _SAFE_TEXT_TYPES.search(statement):
            # a narrower or different type can reject or truncate values, and rewrites
            found += [DATA_LOSS, TABLE_REWRITE, BLOCKING_LOCK]
    if _ADD_STORED_COLUMN.search(statement):
        found += [TABLE_REWRITE, BLOCKING_LOCK]
    if _SET_NOT_NULL.search(statement) or _ADD_VALIDATED_CONSTRAINT.search(statement):
        found.append(BLOCKING_LOCK)
    return found


def unquote(qname: str, *, schema_only: bool = False) -> str:
    parts = re.findall(rf"{_IDENT}", qname)
    names = [p[1:-1].replace('""', '"') if p.startswith('"') else p.lower() for p in parts]
    if len(names) == 1 and not schema_only:
        names.insert(0, "public")
    return ".".join(names)


def parse_allowed(values: list[str]) -> frozenset[str]:
    """`--allow-hazards` values (repeatable, comma-separated too; `all` allows every kind)."""
    allowed: set[str] = set()
    for value in values:
        for item in filter(None, (v.strip() for v in value.split(","))):
            if item == "all":
                allowed.update(KINDS)
            elif item in KINDS:
                allowed.add(item)
            else:
                raise ConfigError(f"unknown hazard {item!r}: choose from {', '.join(KINDS)} or all")
    return frozenset(allowed)
