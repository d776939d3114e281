"""Typed hazards: what a planned statement may do to a database that holds data.

Classification reads what a statement does, not whether it contains `drop`:
`ALTER COLUMN ... DROP DEFAULT` loses nothing, `DROP COLUMN` does. What the target
already holds matters (an index built on a new table locks nobody), and so do the column
types on both sides: `varchar(10)` to `varchar(50)` is a catalog change, `varchar(50)` to
`varchar(10)` truncates every longer value and rewrites the table. So does the plan around
a statement: a constraint validated in the same transaction that added it is validated
while the lock taken by the `ADD` is still held.

The kinds (README, "Safety"):
  data-loss             drops a table, column, schema, type, sequence or enum value, or
                        changes a type so that values can be lost, truncated or rejected
  table-rewrite         rewrites every row (and its indexes) under an ACCESS EXCLUSIVE lock
  blocking-lock         holds a lock that blocks writes (or reads) for as long as a scan or
                        an index build of an existing table takes
  index-dropped         drops an index (or the constraint that owns it) of the target
  authz-change          changes who may do what on existing objects
  untracked-dependency  changes or removes something function bodies may use, which
                        PostgreSQL does not track (failures show up at call time)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from schematool.catalog import Snapshot
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

# migra replaces an enum by renaming the old type to this suffix, creating the new one,
# converting the columns, then dropping the renamed old type.
ENUM_SWAP_SUFFIX = "__old_version_to_be_dropped"


@dataclass(frozen=True)
class Existing:
    """What the target holds, and what the plan will leave, as unquoted names
    (`public.t`, `public.t.c`). Hazards concern existing things: a grant on a table the
    plan creates changes nobody's access; on an existing one it does."""

    tables: frozenset[str] = frozenset()  # tables and materialized views (they hold rows)
    materialized: frozenset[str] = frozenset()  # the materialized views among them
    objects: frozenset[str] = frozenset()  # tables, views, sequences, functions, schemas
    columns: Mapping[str, str] = field(default_factory=dict)  # target: column -> type
    new_columns: Mapping[str, str] = field(default_factory=dict)  # desired: column -> type
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # target: labels
    new_enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # desired
    types: frozenset[str] = frozenset()  # enums, composites, domains, ranges
    sequences: frozenset[str] = frozenset()
    schemas: frozenset[str] = frozenset()
    constraint_indexes: frozenset[str] = frozenset()  # `s.t.constraint` owning an index
    index_definitions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by table
    collations: Mapping[str, str] = field(default_factory=dict)  # target: column -> collation
    new_collations: Mapping[str, str] = field(default_factory=dict)  # desired
    function_bodies: tuple[str, ...] = ()  # bodies PostgreSQL does not track, lower case
    virtual_columns: frozenset[str] = frozenset()  # desired: virtual generated columns


# -- statement shapes ------------------------------------------------------------------

_DROP = re.compile(
    r"^\s*drop\s+(table|schema|type|domain|sequence|index|materialized\s+view|view"
    rf"|function|procedure)\s+(?:concurrently\s+)?(?:if\s+exists\s+)?{_QNAME}",
    _FLAGS,
)
_TRUNCATE = re.compile(rf"^\s*truncate\s+(?:table\s+)?(?:only\s+)?{_QNAME}", _FLAGS)
_ALTER_TABLE = re.compile(rf"^\s*alter\s+table\s+(?:only\s+)?(?:if\s+exists\s+)?{_QNAME}", _FLAGS)
_DROP_COLUMN = re.compile(rf"\bdrop\s+column\s+(?:if\s+exists\s+)?({_IDENT})", _FLAGS)
_TYPE_CHANGE = re.compile(
    rf"\balter\s+column\s+({_IDENT})\s+(?:set\s+data\s+)?type\s+(.+?)"
    r"(?:\s+collate\s+\S+)?(?:\s+using\s+(.+?))?\s*;?\s*$",
    _FLAGS,
)
_SET_NOT_NULL = re.compile(r"\bset\s+not\s+null\b", _FLAGS)
_ADD_CONSTRAINT = re.compile(
    r"\badd\s+(?:constraint\s+\S+\s+)?(foreign\s+key|check|primary\s+key|unique|exclude)\b(.*)",
    _FLAGS,
)
_VALIDATE = re.compile(r"\bvalidate\s+constraint\b", _FLAGS)
_DROP_CONSTRAINT = re.compile(rf"\bdrop\s+constraint\s+(?:if\s+exists\s+)?({_IDENT})", _FLAGS)
_ADD_COLUMN = re.compile(r"\badd\s+column\b(.*)", _FLAGS)
_STORED_OR_IDENTITY = re.compile(
    r"\bgenerated\s+(?:always|by\s+default)\s+as\s+(?:identity\b|\(.*\)\s*stored\b)", _FLAGS
)
# Defaults evaluated per row (volatile): adding such a column writes every row.
_VOLATILE_DEFAULT = re.compile(
    r"\bdefault\b.*\b(nextval|random|gen_random_uuid|uuid_generate_v[14]\w*|uuidv[47]"
    r"|clock_timestamp|timeofday|statement_timestamp)\s*\(",
    _FLAGS,
)
_SET_EXPRESSION = re.compile(rf"\balter\s+column\s+({_IDENT})\s+set\s+expression\b", _FLAGS)
_ATTACH_PARTITION = re.compile(rf"\battach\s+partition\s+{_QNAME}", _FLAGS)
_REWRITING_ALTER = re.compile(
    r"\bset\s+(logged|unlogged|tablespace|access\s+method)\b|\bset\s+without\s+oids\b", _FLAGS
)
_CREATE_INDEX = re.compile(
    rf"^\s*create\s+(?:unique\s+)?index\s+(?!concurrently)(?:if\s+not\s+exists\s+)?(?:{_IDENT}\s+)?"
    rf"on\s+(?:only\s+)?{_QNAME}",
    _FLAGS,
)
_AUTHZ = re.compile(
    r"^\s*(grant|revoke|alter\s+default\s+privileges|create\s+policy|drop\s+policy|alter\s+policy)\b"
    r"|^\s*alter\s+table\b.*\b(enable|disable|force|no\s+force)\s+row\s+level\s+security\b"
    r"|^\s*alter\s+\w+(?:\s+\w+)?\s+\S+.*\bowner\s+to\b",
    _FLAGS,
)
_DEFAULT_PRIVILEGES = re.compile(r"^\s*alter\s+default\s+privileges\b", _FLAGS)
_QUALIFIED = re.compile(rf"({_IDENT}\.{_IDENT})")
_ON_SCHEMA = re.compile(rf"\bon\s+schema\s+({_IDENT})", _FLAGS)
_SCHEMA_NAMED = re.compile(rf"^\s*alter\s+schema\s+({_IDENT})", _FLAGS)
_REFERENCES = re.compile(rf"\breferences\s+{_QNAME}", _FLAGS)
_FUNCTION_BODY = re.compile(
    r"^\s*create\s+(or\s+replace\s+)?(function|procedure)\b(?!.*\bbegin\s+atomic\b)", _FLAGS
)
_ALTER_TYPE = re.compile(rf"^\s*alter\s+type\s+{_QNAME}\s+(drop|alter)\s+attribute\b", _FLAGS)
_ALTER_DOMAIN_CHECK = re.compile(
    rf"^\s*alter\s+domain\s+{_QNAME}\s+(?:add\s+constraint\b(?!.*\bnot\s+valid\b)|set\s+not\s+null)",
    _FLAGS,
)
# Without the target's column types (unit tests of single statements): to text is safe.
_SAFE_TEXT_TYPES = re.compile(
    r"\btype\s+(text|character\s+varying|varchar)\s*(;|$|\s+using)", _FLAGS
)


# -- classification ----------------------------------------------------------------------


def classify(statement: str, existing: Existing) -> tuple[str, ...]:
    """The hazards of one statement against a target holding `existing`."""
    return classify_plan([statement], existing)[0]


def classify_plan(statements: Sequence[str], existing: Existing) -> list[tuple[str, ...]]:
    """The hazards of each statement, each judged after the ones before it in the same
    transaction (locks they hold, constraints they dropped)."""
    earlier = _Earlier()
    result = []
    for statement in statements:
        found = _hazards(statement, existing, earlier)
        result.append(tuple(dict.fromkeys(found)))
        earlier.note(statement)
    return result


@dataclass
class _Earlier:
    """What the statements before this one did, inside the same transaction."""

    write_locked: set[str] = field(default_factory=set)  # tables whose writes are blocked
    dropped_constraints: set[str] = field(default_factory=set)  # `s.t.constraint`
    dropped_relations: set[str] = field(default_factory=set)  # a later one is a new one

    def note(self, statement: str) -> None:
        drop = _DROP.match(statement)
        if drop and drop.group(1).lower().split()[0] in ("table", "materialized", "view"):
            self.dropped_relations.add(unquote(drop.group(2)))
        alter = _ALTER_TABLE.match(statement)
        if alter:
            table = unquote(alter.group(1))
            if not _VALIDATE.search(statement):
                self.write_locked.add(table)
            self.write_locked.update(unquote(r) for r in _REFERENCES.findall(statement))
            dropped = _DROP_CONSTRAINT.search(statement)
            if dropped:
                self.dropped_constraints.add(f"{table}.{unquote_one(dropped.group(1))}")
        index = _CREATE_INDEX.match(statement)
        if index:
            self.write_locked.add(unquote(index.group(1)))


def _hazards(statement: str, existing: Existing, earlier: _Earlier) -> list[str]:
    if earlier.dropped_relations & existing.tables:
        existing = replace(existing, tables=existing.tables - earlier.dropped_relations)
    found: list[str] = []
    drop = _DROP.match(statement)
    if drop:
        found += _drop_hazards(drop.group(1).lower().split()[0], drop.group(2), existing, earlier)
    truncate = _TRUNCATE.match(statement)
    if truncate and unquote(truncate.group(1)) in existing.tables:
        found.append(DATA_LOSS)
    named = _names_in(statement)
    if _AUTHZ.match(statement) and (
        _DEFAULT_PRIVILEGES.match(statement) or named & (existing.objects | existing.types)
    ):
        found.append(AUTHZ_CHANGE)
    if _FUNCTION_BODY.match(statement) and named & existing.objects:
        found.append(UNTRACKED_DEPENDENCY)
    alter = _ALTER_TABLE.match(statement)
    if alter and unquote(alter.group(1)) in existing.tables:
        found += _alter_table_hazards(statement, unquote(alter.group(1)), existing, earlier)
    attached = _ATTACH_PARTITION.search(statement) if alter else None
    if attached and unquote(attached.group(1)) in existing.tables:
        found.append(BLOCKING_LOCK)  # the table is scanned for its bound under ACCESS EXCLUSIVE
    index = _CREATE_INDEX.match(statement)
    if index and unquote(index.group(1)) in existing.tables - existing.materialized:
        found.append(BLOCKING_LOCK)  # SHARE lock: no writes until the index is built
    altered_type = _ALTER_TYPE.match(statement)
    if altered_type and unquote(altered_type.group(1)) in existing.types:
        found.append(DATA_LOSS)  # a dropped or retyped attribute of values already stored
    domain = _ALTER_DOMAIN_CHECK.match(statement)
    if domain and unquote(domain.group(1)) in existing.types:
        found.append(BLOCKING_LOCK)  # every column of the domain is checked under lock
    return found


def _drop_hazards(kind: str, qname: str, existing: Existing, earlier: _Earlier) -> list[str]:
    schema_only = kind == "schema"
    name = unquote(qname, schema_only=schema_only)
    found: list[str] = []
    if kind in ("table", "materialized", "view"):
        if kind == "table" and name in existing.tables:
            found.append(DATA_LOSS)
        if name in existing.objects and _mentioned(existing, _last(name)):
            found.append(UNTRACKED_DEPENDENCY)
    elif kind == "schema":
        if name in existing.schemas or name in existing.objects:
            found.append(DATA_LOSS)
    elif kind in ("type", "domain"):
        found += _drop_type_hazards(name, existing)
    elif kind == "sequence":
        if name in existing.sequences or name in existing.objects:
            found.append(DATA_LOSS)
    elif kind == "index":
        if not _dropped_with_constraint(name, existing, earlier):
            found.append(INDEX_DROPPED)
    elif kind in ("function", "procedure"):
        if name in existing.objects and _mentioned(existing, _last(name)):
            found.append(UNTRACKED_DEPENDENCY)
    return found


def _drop_type_hazards(name: str, existing: Existing) -> list[str]:
    if name.endswith(ENUM_SWAP_SUFFIX):
        # the second half of migra's enum replacement: values are lost when labels are
        original = name.removesuffix(ENUM_SWAP_SUFFIX)
        old, new = existing.enums.get(original), existing.new_enums.get(original)
        if old is None or new is None or set(old) - set(new):
            return [DATA_LOSS]
        return []
    return [DATA_LOSS] if name in existing.types else []


def _dropped_with_constraint(index: str, existing: Existing, earlier: _Earlier) -> bool:
    """migra drops a primary key or unique constraint, then `drop index if exists` its
    index, which the first statement already removed: the hazard belongs to the first."""
    schema, _, bare = index.partition(".")
    return any(
        key.startswith(schema + ".") and key.endswith("." + bare)
        for key in earlier.dropped_constraints & existing.constraint_indexes
    )


def _alter_table_hazards(
    statement: str, table: str, existing: Existing, earlier: _Earlier
) -> list[str]:
    found: list[str] = []
    dropped = _DROP_COLUMN.search(statement)
    if dropped:
        column = unquote_one(dropped.group(1))
        found.append(DATA_LOSS)
        if _mentioned(existing, _last(table), column):
            found.append(UNTRACKED_DEPENDENCY)
    retyped = _TYPE_CHANGE.search(statement)
    if retyped:
        found += _type_change_hazards(statement, table, retyped, existing)
    added = _ADD_COLUMN.search(statement)
    if added and (
        _STORED_OR_IDENTITY.search(added.group(1)) or _VOLATILE_DEFAULT.search(added.group(1))
    ):
        found += [TABLE_REWRITE, BLOCKING_LOCK]  # every row gets its own value written
    if _REWRITING_ALTER.search(statement):
        found += [TABLE_REWRITE, BLOCKING_LOCK]
    expression = _SET_EXPRESSION.search(statement)
    if expression and (
        f"{table}.{unquote_one(expression.group(1))}" not in existing.virtual_columns
    ):
        found += [TABLE_REWRITE, BLOCKING_LOCK]  # a stored column computed again for every row
    if _SET_NOT_NULL.search(statement):
        found.append(BLOCKING_LOCK)  # scans the table under ACCESS EXCLUSIVE
    constraint = _ADD_CONSTRAINT.search(statement)
    if constraint and _adds_under_lock(constraint.group(1), constraint.group(2)):
        found.append(BLOCKING_LOCK)
    if _VALIDATE.search(statement) and table in earlier.write_locked:
        found.append(BLOCKING_LOCK)  # the ADD's lock is held until commit
    removed = _DROP_CONSTRAINT.search(statement)
    if removed and f"{table}.{unquote_one(removed.group(1))}" in existing.constraint_indexes:
        found.append(INDEX_DROPPED)
    return found


def _adds_under_lock(kind: str, rest: str) -> bool:
    """A constraint whose ADD scans the table or builds an index while holding its lock."""
    kind = " ".join(kind.lower().split())
    if kind in ("foreign key", "check"):
        return not re.search(r"\bnot\s+valid\b", rest, _FLAGS)
    return not re.search(r"\busing\s+index\b", rest, _FLAGS)  # builds the index under lock


def _type_change_hazards(
    statement: str, table: str, match: re.Match[str], existing: Existing
) -> list[str]:
    column = f"{table}.{unquote_one(match.group(1))}"
    old = existing.columns.get(column)
    if old is None:  # nothing known about the target's column: judge by the text
        if _SAFE_TEXT_TYPES.search(statement):
            return []
        return [DATA_LOSS, TABLE_REWRITE, BLOCKING_LOCK]
    new = existing.new_columns.get(column) or match.group(2).strip()
    using = match.group(3)
    if using is not None and not _plain_cast(using, match.group(1)):
        loses, rewrites = True, True  # an expression of the user's: assume the worst
    else:
        loses, rewrites = type_change(old, new, existing)
    found = ([DATA_LOSS] if loses else []) + ([TABLE_REWRITE, BLOCKING_LOCK] if rewrites else [])
    if not rewrites and _rebuilds_indexes(column, existing):
        found.append(BLOCKING_LOCK)
    return found


_PLAIN_INDEX = re.compile(
    rf"using\s+\w+\s+\(\s*{_IDENT}(?:\s+\w+)*(?:\s*,\s*{_IDENT}(?:\s+\w+)*)*\s*\)"
    rf"(?:\s+include\s+\([^)]*\))?\s*$",
    _FLAGS,
)


def _rebuilds_indexes(column: str, existing: Existing) -> bool:
    """A type change that keeps the rows still rebuilds, under ACCESS EXCLUSIVE, the
    column's indexes when its collation changes, and its expression and partial indexes
    always (PostgreSQL reuses only plain indexes of an unchanged collation)."""
    table, _, name = column.rpartition(".")
    word = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])", re.IGNORECASE)
    using = [d for d in existing.index_definitions.get(table, ()) if word.search(d)]
    if existing.collations.get(column) != existing.new_collations.get(column):
        return bool(using)
    return any(not _PLAIN_INDEX.search(d) for d in using)


def _plain_cast(using: str, column: str) -> bool:
    """`"c"::type` or `c::text::type` (migra's USING): the column's own values converted."""
    head = re.match(rf"^\s*({_IDENT})\s*::", using, _FLAGS)
    return bool(head) and unquote_one(head.group(1)) == unquote_one(column)


# -- type changes ------------------------------------------------------------------------

_TYPE_TEXT = re.compile(
    r"^(?P<base>.+?)(?:\((?P<mods>\s*\d+\s*(?:,\s*-?\d+\s*)?)\))?"
    r"(?P<zone>\s+with(?:out)?\s+time\s+zone)?(?P<array>(?:\[\])*)$",
    re.IGNORECASE,
)
_STRINGS = {"text", "character varying"}
_INTEGER_DIGITS = {"smallint": 5, "integer": 10, "bigint": 19}
_EXACT_IN_FLOAT = {  # integer types whose every value a float type holds exactly
    "real": {"smallint"},
    "double precision": {"smallint", "integer"},
}
# Types whose modifier is a precision or length that only a narrower value loses from;
# PostgreSQL changes them without a rewrite when the new one is wider or absent.
_WIDENABLE = {
    "timestamp without time zone",
    "timestamp with time zone",
    "time without time zone",
    "time with time zone",
    "interval",
    "bit varying",
}


@dataclass(frozen=True)
class ColumnType:
    name: str  # e.g. 'character varying', 'timestamp with time zone', 'public.mood'
    mods: tuple[int, ...] = ()
    array: bool = False

    @classmethod
    def parse(cls, text: str) -> ColumnType:
        match = _TYPE_TEXT.match(" ".join(text.strip().split()))
        if not match:
            return cls(text.strip().lower())
        name = (match["base"] + (match["zone"] or "")).strip()
        name = name if name.startswith('"') or "." in name else name.lower()
        mods = tuple(int(m) for m in (match["mods"] or "").split(",") if m.strip())
        return cls(name, mods, bool(match["array"]))

    @property
    def element(self) -> ColumnType:
        return ColumnType(self.name, self.mods)


def type_change(old: str, new: str, existing: Existing | None = None) -> tuple[bool, bool]:
    """(can lose or reject values, rewrites the table) for `ALTER COLUMN ... TYPE new USING
    col::new` on a column of type `old`, both as format_type() spells them. Matches what
    PostgreSQL does: length and precision widenings are catalog-only, narrowings truncate,
    round or reject values and rewrite."""
    enums_old = existing.enums if existing else {}
    enums_new = existing.new_enums if existing else {}
    old_key, new_key = unquote(old, schema_only=True), unquote(new, schema_only=True)
    if old_key in enums_old and new_key in enums_new:  # migra's enum swap, or another enum
        return bool(set(enums_old[old_key]) - set(enums_new[new_key])), True
    if old == new:
        return False, False
    return _judge(ColumnType.parse(old), ColumnType.parse(new))


def _judge(old: ColumnType, new: ColumnType) -> tuple[bool, bool]:
    if old == new:
        return False, False
    if old.array or new.array:
        if old.array and new.array:  # element by element, always a new array value
            return _judge(old.element, new.element)[0], True
        return True, True
    o, n = old.name, new.name
    if o in _STRINGS and n in _STRINGS:
        new_length = new.mods[0] if new.mods else None
        old_length = old.mods[0] if old.mods else None
        if new_length is None or (old_length is not None and new_length >= old_length):
            return False, False  # binary coercible, no length check needed
        return True, True  # an explicit cast to varchar(n) truncates silently
    if o == "character":
        width = old.mods[0] if old.mods else 1
        if n == "character":
            return (new.mods[0] if new.mods else 1) < width, True
        if n in _STRINGS:
            return bool(new.mods) and new.mods[0] < width, True  # trailing blanks go
    if o == "numeric" and n == "numeric":
        return _judge_numeric(old.mods, new.mods)
    if o == n and o in _WIDENABLE:
        if not new.mods or (old.mods and new.mods[0] >= old.mods[0]):
            return False, False
        return True, True
    if o in _INTEGER_DIGITS:
        if n in _INTEGER_DIGITS:
            return _INTEGER_DIGITS[n] < _INTEGER_DIGITS[o], True
        if n == "numeric":
            if not new.mods:
                return False, True
            precision, scale = (*new.mods, 0)[:2]
            return precision - scale < _INTEGER_DIGITS[o], True
        if n in _EXACT_IN_FLOAT:
            return o not in _EXACT_IN_FLOAT[n], True
    if o == "real" and n == "double precision":
        return False, True
    if o == "timestamp without time zone" and n == "timestamp with time zone":
        # read in the session's time zone; a rewrite unless that is UTC
        return bool(old.mods) and (bool(new.mods) and new.mods[0] < old.mods[0]), True
    if n in _STRINGS and not new.mods:
        return False, True  # every value has a text form
    if o == "jsonb" and n == "json":
        return False, True
    return True, True  # anything else: assume values can be lost or rejected


def _judge_numeric(old: tuple[int, ...], new: tuple[int, ...]) -> tuple[bool, bool]:
    if not new:
        return False, False  # unconstrained numeric holds every value
    if not old:
        return True, True
    old_precision, old_scale = (*old, 0)[:2]
    new_precision, new_scale = (*new, 0)[:2]
    if new_scale == old_scale and new_precision >= old_precision:
        return False, False
    loses = new_scale < old_scale or new_precision - new_scale < old_precision - old_scale
    return loses, True


# -- what the target holds ------------------------------------------------------------

_NAMED_KINDS = ("table", "view", "materialized_view", "sequence", "function", "schema")


_TYPE_KINDS = ("enum", "composite_type", "domain", "range_type")


def hazard_context(current: Snapshot, desired: Snapshot) -> Existing:
    """What hazards are judged against: the target's objects by unquoted name (functions
    without their arguments), column types and enum labels on both sides, and the bodies
    of the functions the plan leaves, which PostgreSQL does not track."""

    def names(kind: str) -> set[str]:
        keys = (key.split("(", 1)[0] for key in current.get(kind, {}))
        return {unquote(key, schema_only=kind == "schema") for key in keys}

    def column_types(snap: Snapshot) -> dict[str, str]:
        return {unquote(k): v["type"] for k, v in snap.get("column", {}).items()}

    def labels(snap: Snapshot) -> dict[str, tuple[str, ...]]:
        return {unquote(k): tuple(v.get("labels") or ()) for k, v in snap["enum"].items()}

    def collations(snap: Snapshot) -> dict[str, str]:
        columns = snap.get("column", {}).items()
        return {unquote(k): v["collation"] for k, v in columns if v.get("collation")}

    index_definitions: dict[str, tuple[str, ...]] = {}
    for index in current.get("index", {}).values():
        table = unquote(index["table"])
        index_definitions[table] = (*index_definitions.get(table, ()), index["definition"])
    bodies = tuple(
        body
        for f in desired.get("function", {}).values()
        if (body := _untracked_body(f.get("definition") or ""))
    )
    virtual = {
        unquote(k)
        for k, v in desired.get("column", {}).items()
        if (v.get("generated") or {}).get("kind") == "virtual"
    }
    return Existing(
        virtual_columns=frozenset(virtual),
        tables=frozenset(names("table") | names("materialized_view")),
        materialized=frozenset(names("materialized_view")),
        objects=frozenset(set().union(*(names(kind) for kind in _NAMED_KINDS))),
        columns=column_types(current),
        new_columns=column_types(desired),
        enums=labels(current) if "enum" in current else {},
        new_enums=labels(desired) if "enum" in desired else {},
        types=frozenset(set().union(*(names(kind) for kind in _TYPE_KINDS))),
        sequences=frozenset(names("sequence")),
        schemas=frozenset(names("schema")),
        constraint_indexes=frozenset(
            unquote(k) for k, v in current.get("constraint", {}).items() if v.get("index")
        ),
        function_bodies=bodies,
        index_definitions=index_definitions,
        collations=collations(current),
        new_collations=collations(desired),
    )


_DOLLAR_BODY = re.compile(r"\bAS\s+(\$\w*\$)(.*)\1", re.DOTALL)


def _untracked_body(definition: str) -> str:
    """A function's body as pg_get_functiondef() quotes it, lower case; empty for a
    `BEGIN ATOMIC` body, whose references PostgreSQL tracks."""
    match = _DOLLAR_BODY.search(definition)
    return match.group(2).lower() if match else ""


# -- names -------------------------------------------------------------------------------


def _names_in(statement: str) -> set[str]:
    """Every schema-qualified name, and the schema named by `ON SCHEMA x` / `ALTER SCHEMA x`."""
    names = {unquote(q) for q in _QUALIFIED.findall(statement)}
    names |= {unquote(s, schema_only=True) for s in _ON_SCHEMA.findall(statement)}
    names |= {unquote(s, schema_only=True) for s in _SCHEMA_NAMED.findall(statement)}
    return names


def tables_touched(statement: str, existing: Existing) -> tuple[str, ...]:
    """The target's tables a statement names (locks, rewrites, scans), in order."""
    names = [unquote(q) for q in _QUALIFIED.findall(statement)]
    names += [unquote(r) for r in _REFERENCES.findall(statement)]
    return tuple(n for n in dict.fromkeys(names) if n in existing.tables)


def _mentioned(existing: Existing, *names: str) -> bool:
    """Some function body the plan leaves in place names all of `names` (as words)."""
    patterns = [re.compile(rf"(?<![\w$]){re.escape(n.lower())}(?![\w$])") for n in names]
    return any(all(p.search(body) for p in patterns) for body in existing.function_bodies)


def _last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def unquote(qname: str, *, schema_only: bool = False) -> str:
    parts = re.findall(rf"{_IDENT}", qname)
    names = [p[1:-1].replace('""', '"') if p.startswith('"') else p.lower() for p in parts]
    if len(names) == 1 and not schema_only:
        names.insert(0, "public")
    return ".".join(names)


def unquote_one(ident: str) -> str:
    return ident[1:-1].replace('""', '"') if ident.startswith('"') else ident.lower()


def parse_allowed(values: Iterable[str]) -> frozenset[str]:
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
