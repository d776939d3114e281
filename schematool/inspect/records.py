"""Typed records for the snapshot kinds most code reads: table, column, constraint,
index, the user-defined types (enum, domain, composite, range) and function.

The snapshot (`catalog.Snapshot`) stays plain JSON: it is serialized into kept
databases, fingerprinted and compared (`differences`) as it is. The records are a view
of it: `Catalog(snapshot).columns["public.t.a"].type` instead of
`snapshot["column"]["public.t.a"]["type"]`, so a misspelled attribute is an error where
it is written, not a silent None.

A field per attribute of the kind's query (queries/snapshot_<kind>.sql), named as the
attribute is (but for a column's `identity`, the identity column's generation, which is
`generated_identity`: `identity` is the record's snapshot identity). An attribute the
snapshot leaves out is NULL (`jsonb_strip_nulls`): its field is None, or the value the
code always read it with where the query never leaves it out (`validated` True, `acl`
empty, ...). Values are the JSON's own (lists stay lists), so that comparing records'
fields compares what comparing the attributes compared.

`raw` keeps the attributes themselves, for the paths that read attributes of any kind
alike (comments, owners, ACLs, sequence options).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Generic, Self, TypeVar

from schematool.inspect.catalog import Snapshot

Attrs = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class _Record:
    """A snapshot object: its identity, its attributes as fields, and the attributes."""

    # the attribute a field reads where the two names differ
    _ATTRIBUTES: ClassVar[Mapping[str, str]] = {}

    identity: str
    raw: Attrs = field(repr=False, compare=False)

    @classmethod
    def of(cls, identity: str, attrs: Attrs) -> Self:
        """The record of one snapshot row (attributes it has no field for are left out)."""
        values: dict[str, Any] = {}
        for name, key in _fields_of(cls):
            value = attrs.get(key)
            if value is not None:
                values[name] = cls._convert(name, value)
        return cls(identity, attrs, **values)

    @classmethod
    def _convert(cls, name: str, value: Any) -> Any:
        return value

    @classmethod
    def snapshot_attributes(cls) -> frozenset[str]:
        """The snapshot attributes the record has a field for."""
        return frozenset(
            cls._ATTRIBUTES.get(f.name, f.name)
            for f in dataclasses.fields(cls)
            if f.name not in ("identity", "raw")
        )


@dataclass(frozen=True, slots=True)
class Table(_Record):
    """A table, partitioned table or foreign table (snapshot kind `table`)."""

    kind: str | None = None  # 'table', 'partitioned table', 'foreign table'
    persistence: str | None = None  # 'logged', 'unlogged'
    options: list[str] = field(default_factory=list)
    rls: bool = False
    rls_forced: bool = False
    replica_identity: str = "default"  # 'default', 'nothing', 'full', 'index'
    partition_key: str | None = None
    partition_of: str | None = None
    partition_bound: str | None = None
    inherits: list[str] | None = None  # None for a partition
    toast_options: list[str] | None = None
    access_method: str | None = None
    tablespace: str | None = None
    owner: str | None = None
    acl: list[str] = field(default_factory=list)
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated column's generation."""

    kind: str | None  # 'stored', 'virtual'
    expression: str | None = None


@dataclass(frozen=True, slots=True)
class IdentitySpec:
    """An identity column's generation and its sequence's options (as a `sequence`'s)."""

    kind: str | None  # 'always', 'by default'
    sequence: Attrs = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Column(_Record):
    """A column of a table, view, materialized view or foreign table (`table.column`)."""

    _ATTRIBUTES: ClassVar[Mapping[str, str]] = {"generated_identity": "identity"}

    table: str | None = None
    name: str | None = None
    type: str | None = None
    not_null: bool = False
    not_null_not_valid: bool = False
    not_null_name: str | None = None
    not_null_no_inherit: bool = False
    not_null_local: bool = False
    default: str | None = None
    generated: Generated | None = None
    generated_identity: IdentitySpec | None = None
    collation: str | None = None
    storage: str | None = None
    compression: str | None = None
    statistics: int | None = None
    options: list[str] | None = None
    fdw_options: list[list[str]] | None = None
    inherited: bool = False
    local: bool = True
    acl: list[str] = field(default_factory=list)
    comment: str | None = None

    @classmethod
    def _convert(cls, name: str, value: Any) -> Any:
        if name == "generated":
            return Generated(value.get("kind"), value.get("expression"))
        if name == "generated_identity":
            return IdentitySpec(value.get("kind"), value.get("sequence", {}))
        return value


@dataclass(frozen=True, slots=True)
class Constraint(_Record):
    """A table constraint but NOT NULL (`table.name`)."""

    table: str | None = None
    name: str | None = None
    # 'check', 'foreign key', 'primary key', 'unique', 'exclusion', 'trigger'
    type: str | None = None
    definition: str | None = None
    deferrable: bool = False
    deferred: bool = False
    validated: bool = True
    inherited: bool = False
    local: bool = True
    no_inherit: bool = False
    period: bool = False
    index: str | None = None
    columns: list[str] | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Index(_Record):
    """An index, one a constraint owns included (`constraint` names it)."""

    table: str | None = None
    definition: str | None = None
    constraint: str | None = None
    partition_of: str | None = None
    clustered: bool = False
    replica_identity: bool = False
    valid: bool = True
    tablespace: str | None = None
    statistics: Mapping[str, int] | None = None  # attnum (as text) -> target
    columns: list[str] | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Enum(_Record):
    labels: list[str] | None = None
    owner: str | None = None
    acl: list[str] = field(default_factory=list)
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class DomainCheck:
    definition: str | None
    validated: bool = True
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Domain(_Record):
    type: str | None = None
    collation: str | None = None
    default: str | None = None
    not_null: bool = False
    checks: Mapping[str, DomainCheck] = field(default_factory=dict)
    owner: str | None = None
    acl: list[str] = field(default_factory=list)
    comment: str | None = None

    @classmethod
    def _convert(cls, name: str, value: Any) -> Any:
        if name == "checks":
            return {
                check: DomainCheck(c.get("definition"), c.get("validated", True), c.get("comment"))
                for check, c in value.items()
            }
        return value


@dataclass(frozen=True, slots=True)
class CompositeAttribute:
    name: str | None
    type: str | None
    collation: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class CompositeType(_Record):
    attributes: list[CompositeAttribute] = field(default_factory=list)
    owner: str | None = None
    acl: list[str] = field(default_factory=list)
    comment: str | None = None

    @classmethod
    def _convert(cls, name: str, value: Any) -> Any:
        if name == "attributes":
            return [
                CompositeAttribute(
                    a.get("name"), a.get("type"), a.get("collation"), a.get("comment")
                )
                for a in value
            ]
        return value


@dataclass(frozen=True, slots=True)
class RangeType(_Record):
    subtype: str | None = None
    collation: str | None = None
    opclass: str | None = None
    canonical: str | None = None
    subdiff: str | None = None
    multirange: str | None = None
    owner: str | None = None
    acl: list[str] = field(default_factory=list)
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Function(_Record):
    """A function, procedure, aggregate or window function (`name(identity args)`)."""

    kind: str | None = None  # 'function', 'procedure', 'aggregate', 'window function'
    signature: str | None = None
    definition: str | None = None  # None for an aggregate
    aggregate: Attrs | None = None  # pg_aggregate's columns, for an aggregate
    owner: str | None = None
    acl: list[str] = field(default_factory=list)
    comment: str | None = None


_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields_of(record: type[_Record]) -> tuple[tuple[str, str], ...]:
    """(field, snapshot attribute) of each field a record class reads, worked out once
    per class: a plan builds thousands of records, and `dataclasses.fields` each time
    cost more than the rest of building them."""
    found = _FIELDS.get(record)
    if found is None:
        found = _FIELDS[record] = tuple(
            (f.name, record._ATTRIBUTES.get(f.name, f.name))
            for f in dataclasses.fields(record)
            if f.name not in ("identity", "raw")
        )
    return found


R = TypeVar("R", bound=_Record)


class Records(Mapping[str, R], Generic[R]):
    """One kind's objects by identity, each record built the first time it is read."""

    __slots__ = ("_rows", "_record", "_built")

    def __init__(self, rows: Mapping[str, Attrs], record: type[R]) -> None:
        self._rows = rows
        self._record = record
        self._built: dict[str, R] = {}

    def __getitem__(self, identity: str) -> R:
        found = self._built.get(identity)
        if found is None:
            found = self._built[identity] = self._record.of(identity, self._rows[identity])
        return found

    def __contains__(self, identity: object) -> bool:
        return identity in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


# snapshot kind -> its record
RECORDS: Mapping[str, type[_Record]] = {
    "table": Table,
    "column": Column,
    "constraint": Constraint,
    "index": Index,
    "enum": Enum,
    "domain": Domain,
    "composite_type": CompositeType,
    "range_type": RangeType,
    "function": Function,
}


class Catalog:
    """A snapshot read through typed records; each kind's mapping made when first read.

    The snapshot must not change while the view is in use (none does: the stages make
    new snapshots, e.g. `comparable`, rather than edit one)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot

    def _records(self, kind: str, record: type[R]) -> Records[R]:
        return Records(self.snapshot.get(kind, {}), record)

    @cached_property
    def tables(self) -> Records[Table]:
        return self._records("table", Table)

    @cached_property
    def columns(self) -> Records[Column]:
        return self._records("column", Column)

    @cached_property
    def constraints(self) -> Records[Constraint]:
        return self._records("constraint", Constraint)

    @cached_property
    def indexes(self) -> Records[Index]:
        return self._records("index", Index)

    @cached_property
    def enums(self) -> Records[Enum]:
        return self._records("enum", Enum)

    @cached_property
    def domains(self) -> Records[Domain]:
        return self._records("domain", Domain)

    @cached_property
    def composite_types(self) -> Records[CompositeType]:
        return self._records("composite_type", CompositeType)

    @cached_property
    def range_types(self) -> Records[RangeType]:
        return self._records("range_type", RangeType)

    @cached_property
    def functions(self) -> Records[Function]:
        return self._records("function", Function)


# the views of the snapshots read last: stages build views of the same snapshot many
# times over (each plug-in, hazards, the adapter), and each view builds its records anew
_VIEWS: list[Catalog] = []
_VIEWS_KEPT = 8
_VIEWS_LOCK = threading.Lock()


def catalog(snapshot: Snapshot) -> Catalog:
    """The view of `snapshot`, shared with every other reader of the same snapshot object
    (its records are built once). A bounded number are kept, each holding its snapshot,
    so an object's id is never taken for another's while its view is kept."""
    with _VIEWS_LOCK:  # plans may run in threads (a fleet's groups)
        for i, view in enumerate(_VIEWS):
            if view.snapshot is snapshot:
                if i:
                    _VIEWS.insert(0, _VIEWS.pop(i))
                return view
        view = Catalog(snapshot)
        _VIEWS.insert(0, view)
        del _VIEWS[_VIEWS_KEPT:]
        return view

