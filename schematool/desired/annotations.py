"""Annotations: what the schema files say about changes that must keep data.

A declarative schema states the end, not the way there: a column that reads `personal_note`
where the target has `note` could be a new column or the old one renamed, and only the
author knows. They say it with a comment, so the files stay plain SQL:

    personal_note text, -- schematool: renamed from note
    amount integer,     -- schematool: using nullif(amount, '')::integer

A comment ending a line of a column (or table constraint) inside `CREATE TABLE`, or of a
label inside `CREATE TYPE ... AS ENUM`, annotates that; a comment on a line of its own
directly above a statement annotates what the statement creates (a schema, table, view,
materialized view, index, sequence, type, domain, function or procedure, or the
constraint of an `ALTER TABLE ... ADD CONSTRAINT`). `annotated.remarks` finds them with
PostgreSQL's lexer and parser; this module reads what they say and refuses, naming the
file and line, any that stands nowhere, is misspelt or cannot mean anything: an
annotation is never ignored. `renames` and `conversions` act on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from schematool.desired import stated_renames
from schematool.errors import AnnotationError
from schematool.grammar import annotated, definitions, lexer, tree
from schematool.names import ident, literal, qualified
from schematool.project.files import SchemaFile

MARKER = "schematool:"
RENAMED_FROM = "renamed from"
USING = "using"

# what can be renamed, as the reader names the sites (annotated.Site.kind)
RENAMABLE = (
    "schema",
    "table",
    "column",
    "constraint",
    "view",
    "materialized view",
    "index",
    "sequence",
    "type",
    "domain",
    "enum value",
    "function",
    "procedure",
)
_IN_A_SCHEMA = frozenset(RENAMABLE) - {"schema", "column", "constraint", "enum value"}
_PLACES = (
    "a schematool annotation ends the line of a column or table constraint inside"
    " CREATE TABLE (or of a label inside CREATE TYPE ... AS ENUM), or stands on a line of"
    " its own directly above the statement that creates what it annotates"
)


@dataclass(frozen=True)
class Annotation:
    """One `-- schematool: <directive> <argument>` and the object it annotates."""

    directive: str  # RENAMED_FROM or USING
    kind: str  # the annotated object's kind (RENAMABLE)
    names: tuple[str, ...]  # its raw names as the file spells them; "" schema: unqualified
    argument: str  # the text after the directive, as written
    where: str  # file:line
    old: str = ""  # RENAMED_FROM: the old name (an enum label's value)
    old_schema: str = ""  # RENAMED_FROM: the schema the old name was qualified with
    # RENAMED_FROM stated as statements in the files (`schematool.desired.stated_renames`):
    # their text; such a rename plans nothing where it does not apply
    statement: str = ""

    @property
    def text(self) -> str:
        if self.statement:
            return " ".join(self.statement.split())
        return f"-- {MARKER} {self.directive} {self.argument}"


@dataclass(frozen=True)
class Annotations:
    """Every annotation of the desired schema's files, in file and line order."""

    items: tuple[Annotation, ...] = ()

    @property
    def renames(self) -> tuple[Annotation, ...]:
        return tuple(a for a in self.items if a.directive == RENAMED_FROM)

    @property
    def usings(self) -> tuple[Annotation, ...]:
        return tuple(a for a in self.items if a.directive == USING)

    def __bool__(self) -> bool:
        return bool(self.items)


def read(files: Iterable[SchemaFile]) -> Annotations:
    """The annotations of the schema files; AnnotationError names the first that cannot
    be used. A file without the marker is not parsed (most hold none)."""
    files = list(files)
    found: list[Annotation] = []
    for file in files:
        if MARKER in file.text:
            found += _read_file(file)
    _refuse_duplicates(found)
    return Annotations(tuple(found + _stated(stated_renames.read(files), found)))


def _stated(stated: list[stated_renames.Stated], annotated: list[Annotation]) -> list[Annotation]:
    """The renames the files state as statements, as annotations; one an annotation
    also makes is the annotation's, one it contradicts an error naming both."""
    result = []
    for rename in stated:
        same = [a for a in annotated if a.directive == RENAMED_FROM and _one_object(a, rename)]
        if same and same[0].old != rename.old:
            raise stated_renames.conflict(rename, same[0].where, same[0].argument)
        if not same:
            result.append(
                Annotation(
                    RENAMED_FROM,
                    rename.kind,
                    rename.names,
                    rename.old,
                    rename.where,
                    rename.old,
                    statement=rename.text,
                )
            )
    return result


def _one_object(annotation: Annotation, rename: stated_renames.Stated) -> bool:
    """An annotation and a stated rename name one object (its kind's namespace, its
    names; an unqualified schema matches any)."""
    if _namespace(annotation.kind) != _namespace(rename.kind):
        return False
    if len(annotation.names) != len(rename.names):
        return False
    if annotation.kind == "schema":
        return annotation.names == rename.names
    schemas = annotation.names[0], rename.names[0]
    return annotation.names[1:] == rename.names[1:] and (
        "" in schemas or schemas[0] == schemas[1]
    )


def _namespace(kind: str) -> str:
    if kind in ("table", "view", "materialized view", "index", "sequence", "type", "domain"):
        return "relation"
    return "routine" if kind in ("function", "procedure") else kind


def _read_file(file: SchemaFile) -> list[Annotation]:
    try:
        remarks = annotated.remarks(file.text, MARKER)
    except tree.Unreadable as error:
        line = lexer.line_of(file.text, error.offset)
        raise AnnotationError(
            file.where(line),
            f"cannot read the file's schematool annotations, PostgreSQL's parser stops"
            f" here ({error})",
        ) from None
    found = []
    for remark in remarks:
        where = file.where(lexer.line_of(file.text, remark.start))
        found += _annotations(remark, where)
    return found


def _annotations(remark: annotated.Remark, where: str) -> list[Annotation]:
    if remark.block:
        raise AnnotationError(where, "write schematool annotations as -- comments, not /* */")
    site = remark.site
    if site is None:
        raise AnnotationError(where, f"this annotation stands beside nothing: {_PLACES}")
    if site.kind not in RENAMABLE:
        raise AnnotationError(
            where,
            "this statement creates nothing schematool renames or converts: annotations"
            f" go beside {', '.join(RENAMABLE)} definitions",
        )
    return [_annotation(site, directive, where) for directive in _directives(remark.text, where)]


def _directives(text: str, where: str) -> list[str]:
    """The directives of one comment: `schematool: a -- schematool: b` holds two."""
    pieces = text[len(MARKER) :].split(MARKER)
    directives = []
    for number, piece in enumerate(pieces):
        piece = piece.strip()
        if number < len(pieces) - 1:
            if not piece.endswith("--"):
                raise AnnotationError(
                    where, f"a second {MARKER} in one comment starts its own `-- {MARKER}`"
                )
            piece = piece.removesuffix("--").strip()
        directives.append(piece)
    return directives


def _annotation(site: annotated.Site, directive: str, where: str) -> Annotation:
    words = directive.split(None, 2)
    if words[:2] == RENAMED_FROM.split() and len(words) == 3:
        return _rename(site, words[2].strip(), where)
    words = directive.split(None, 1)
    if words[:1] == [USING] and len(words) == 2:
        return _using(site, words[1].strip(), where)
    raise AnnotationError(
        where,
        f"unknown schematool annotation `-- {MARKER} {directive}`: write"
        f" `-- {MARKER} {RENAMED_FROM} <old name>` or `-- {MARKER} {USING} <expression>`",
    )


def _rename(site: annotated.Site, argument: str, where: str) -> Annotation:
    if not site.names[-1]:
        raise AnnotationError(
            where,
            f"this {site.kind} has no name of its own (PostgreSQL derives one): name it to"
            " annotate it",
        )
    old, old_schema = _old_name(site, argument, where)
    if old == site.names[-1] and old_schema in ("", site.names[0]):
        raise AnnotationError(where, f"`{argument}` is the {site.kind}'s own name")
    return Annotation(RENAMED_FROM, site.kind, site.names, argument, where, old, old_schema)


def _old_name(site: annotated.Site, argument: str, where: str) -> tuple[str, str]:
    """(old name, the schema it is qualified with or "")."""
    if site.kind == "enum value":
        value = definitions.string_constant(argument)
        if value is None:
            raise AnnotationError(
                where,
                f"an enum label's old name is a string literal: `-- {MARKER} {RENAMED_FROM}"
                f" {literal(argument.strip(chr(39)))}`",
            )
        return value, ""
    parts = definitions.name_parts(argument)
    if parts is None:
        raise AnnotationError(
            where,
            f"cannot read the old name `{argument}`: give one name as SQL spells it"
            f" (quoted where it must be: {ident('Old Name')}); a function's without its"
            " arguments",
        )
    if len(parts) == 1:
        return parts[0], ""
    if len(parts) == 2 and site.kind in _IN_A_SCHEMA:
        if site.names[0] and parts[0] != site.names[0]:
            raise AnnotationError(
                where,
                f"a rename stays in its schema: {qualified(*parts)} is not in"
                f" {ident(site.names[0])} (leave the schema out of the old name; a schema's"
                " own annotation renames the schema)",
            )
        return parts[1], parts[0]
    raise AnnotationError(
        where, f"`{argument}` names more than the old name of this {site.kind}: give its name only"
    )


def _using(site: annotated.Site, argument: str, where: str) -> Annotation:
    if site.kind != "column":
        raise AnnotationError(
            where, f"`{USING}` gives a column's type conversion: it ends a column's line"
        )
    if not definitions.is_expression(argument):
        raise AnnotationError(
            where, f"`{argument}` is not one SQL expression (what ALTER COLUMN ... USING takes)"
        )
    return Annotation(USING, site.kind, site.names, argument, where)


def _refuse_duplicates(found: list[Annotation]) -> None:
    seen: dict[tuple[str, str, tuple[str, ...]], Annotation] = {}
    for annotation in found:
        key = (annotation.directive, annotation.kind, annotation.names)
        first = seen.setdefault(key, annotation)
        if first is not annotation:
            raise AnnotationError(
                annotation.where,
                f"a second `{annotation.directive}` for this {annotation.kind} (the first is"
                f" at {first.where})",
            )


def locate(files: Iterable[SchemaFile], kind: str, names: tuple[str, ...]) -> str | None:
    """Where the files define an object (`file:line` of its definition's first line),
    for telling the user where an annotation would go; None when not found (or the
    file holding it is not readable here)."""
    for file in files:
        if names[-1] not in file.text:
            continue
        try:
            found = annotated.sites(file.text)
        except tree.Unreadable:
            continue
        for site in found:
            if site.kind == kind and _same_names(site.names, names):
                return file.where(lexer.line_of(file.text, site.start))
    return None


def _same_names(spelled: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """A site's names (schema "" when unqualified) name the object `names`."""
    if len(spelled) != len(names):
        return False
    if spelled[0] == "" and len(names) > 1:
        return spelled[1:] == names[1:]
    return spelled == names
