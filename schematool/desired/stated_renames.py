"""Renames the schema files state as statements, read as the annotations' rename requests.

A project whose schema files are its migration history (or that keeps a one-off
`ALTER TABLE accounts RENAME COLUMN display_name TO nickname;` in them) says a rename
outright: the files create the old name and rename it. Each such statement
(`schema_files.renamings`) is read, in file order, into the `renamed from` request an
annotation would make (`schematool.desired.annotations.Annotation`, with `statement` set), so
planning them is `schematool.diff.renames`' work, shared with the annotations: the `rename`
hazard, the history's `renames`, the derived names that follow a renamed table.

Statements compose, as PostgreSQL ran them: `a -> b` then `b -> c` is one request
`a -> c` (one renamed back to its first name is none); a table renamed after (or
before) one of its columns gives the column's request the table's final name; a schema
renamed, its objects' requests that schema. Each request names the object by its names
at the end of the files, as an annotation beside its definition would.

A file states what happened once, not what the target holds now: a stated rename
applies only where the target holds the old object and not the new name, and the
desired schema holds the new object and no longer the old name (`renames` checks this;
otherwise the statement plans nothing, so a history's old renames stay harmless). An
annotation that disagrees with a statement about one object is an error naming both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from schematool.errors import AnnotationError
from schematool.grammar import lexer, schema_files, tree
from schematool.project.files import SchemaFile

# kinds sharing one namespace per schema: a relation's rename may be written with
# ALTER TABLE whatever the relation is, and a type's with ALTER TYPE for a domain
_RELATIONS = frozenset({"table", "view", "materialized view", "index", "sequence"})
_TYPES = frozenset({"type", "domain"})
_ROUTINES = frozenset({"function", "procedure"})
_CHILDREN = frozenset({"column", "constraint", "enum value"})


@dataclass
class _Request:
    """One object's renames so far: its kind, its names now and its first name."""

    kind: str
    schema: str  # as spelled ("" unqualified), now
    parent: str  # a column's, constraint's or label's table or type, now ("" for others)
    name: str  # now
    old: str  # before the first rename
    where: str  # file:line of the first rename
    text: str  # the statements, as written


@dataclass(frozen=True)
class Stated:
    """One object's renames, composed: its kind, its names at the end of the files (as
    an annotation's: schema "" when unqualified), its name before them, where the first
    rename is and the statements' text."""

    kind: str
    names: tuple[str, ...]
    old: str
    where: str
    text: str


def read(files: Iterable[SchemaFile]) -> list[Stated]:
    """Every object the files rename, composed, in the order the renames first appear.
    A file that does not parse is left to the loader (it reports it, with its line)."""
    requests: list[_Request] = []
    for file in files:
        if "rename" not in file.text.lower():
            continue
        try:
            found = schema_files.renamings(file.text)
        except tree.Unreadable:
            continue
        for stated in found:
            where = file.where(lexer.line_of(file.text, stated.start))
            _apply(requests, stated, where)
    return [Stated(r.kind, _names(r), r.old, r.where, r.text) for r in requests if r.name != r.old]


def _names(request: _Request) -> tuple[str, ...]:
    if request.kind == "schema":
        return (request.name,)
    if request.kind in _CHILDREN:
        return (request.schema, request.parent, request.name)
    return (request.schema, request.name)


def _apply(requests: list[_Request], stated: schema_files.Renaming, where: str) -> None:
    kind, names, new = stated.kind, stated.names, stated.new
    if kind == "schema":
        _rename(requests, kind, "", "", names[0], new, where, stated.text)
        for request in requests:
            if request.kind != "schema" and request.schema == names[0]:
                request.schema = new
        return
    schema = names[0]
    if kind in _CHILDREN:
        _rename(requests, kind, schema, names[1], names[2], new, where, stated.text)
        return
    _rename(requests, kind, schema, "", names[1], new, where, stated.text)
    if kind in _ROUTINES:
        return
    for request in requests:  # what the renamed table (or enum) holds follows it
        if request.kind in _CHILDREN and request.parent == names[1] and _in(request, schema):
            request.parent = new
            request.schema = request.schema or schema


def _rename(
    requests: list[_Request],
    kind: str,
    schema: str,
    parent: str,
    name: str,
    new: str,
    where: str,
    text: str,
) -> None:
    """Continue the request of the object named `name` now, or start one."""
    for request in requests:
        same = _namespace(request.kind) == _namespace(kind) and request.parent == parent
        if same and request.name == name and _in(request, schema):
            request.name, request.schema = new, request.schema or schema
            request.text += f"; {text}"
            if request.kind != kind:
                request.kind = _precise(request.kind, kind)
            return
    requests.append(_Request(kind, schema, parent, new, name, where, text))


def _namespace(kind: str) -> str:
    if kind in _RELATIONS or kind in _TYPES:
        return "relation"
    if kind in _ROUTINES:
        return "routine"
    return kind


def _precise(first: str, then: str) -> str:
    """Of two keywords one object was renamed with, the one that says more (ALTER
    TABLE renames any relation, ALTER TYPE a domain too)."""
    return first if then in ("table", "type") else then


def _in(request: _Request, schema: str) -> bool:
    """The request's object is in `schema` (either side unqualified matches: the files
    name one schema's objects both ways)."""
    return not schema or not request.schema or schema == request.schema


def conflict(stated: Stated, annotation_where: str, annotated_old: str) -> AnnotationError:
    """A statement and an annotation that rename one object from different names."""
    return AnnotationError(
        stated.where,
        f"`{_head(stated.text)}` renames {stated.kind} {stated.old} to"
        f" {stated.names[-1]}, but the annotation at {annotation_where} says it was"
        f" renamed from {annotated_old}: keep one of them",
    )


def _head(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 120 else flat[:117] + "..."
