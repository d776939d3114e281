"""Type changes with a stated conversion: `-- schematool: using <expression>`.

A column's type change is planned as `ALTER COLUMN ... TYPE ... USING col::new_type`,
which fails on a value the cast does not take (`text` holding `'12 kg'` to `integer`) and
reads a `timestamp` in the session's time zone when it becomes a `timestamptz`. The
author knows what the values mean and says how to convert them, at the end of the
column's line:

    weight_kg integer, -- schematool: using nullif(btrim(weight_kg), '')::integer
    shipped_at timestamptz, -- schematool: using shipped_at AT TIME ZONE 'Europe/Berlin'

The plan's type change of that column (whoever planned it: migra, or a gap module that
moves views out of the way) is replaced by the same change with that USING; a column
whose type does not change plans nothing, so the annotation may stay once applied. The
expression names the column by its new name (a rename runs first). Its hazards are
judged as for any expression: data-loss, table-rewrite and blocking-lock.
"""

from __future__ import annotations

from schematool.desired.annotations import Annotation, Annotations
from schematool.diff.gapkit.context import Context
from schematool.errors import AnnotationError, DiffError
from schematool.grammar import reader
from schematool.grammar.change import Change
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import catalog as catalog_of
from schematool.names import Node, ident, qualified, split_name

SOURCE = "conversions"


def converted(changes: list[Change], found: Annotations, desired: Snapshot) -> list[Change]:
    """`changes` with the type change of each column a `using` annotation names
    replaced by one with that expression (found by meaning: an op `type` on the column)."""
    if not found.usings:
        return changes
    context = Context(desired, desired, tuple(changes), frozenset())
    replacements: dict[Change, Change] = {}
    for annotation in found.usings:
        column = _column(annotation, desired)
        if column is None:
            continue
        planned = context.find(column, "type", kind="column")
        if not planned:
            continue  # its type does not change (any more): nothing to convert
        if len(planned) > 1 or len(planned[0].ops) > 1:
            raise AnnotationError(
                annotation.where,
                f"the plan changes the type of {qualified(*column[1:])} in a way a USING"
                " cannot be given to (more than one statement, or one doing more)",
            )
        replacements[planned[0]] = _with_using(planned[0], column, annotation, desired)
    return [replacements.get(change, change) for change in changes]


def _column(annotation: Annotation, desired: Snapshot) -> Node | None:
    """The annotated column's Node (its table's schema resolved in the desired schema
    when the file leaves it out); None when the desired schema holds no such column."""
    schema, table, name = annotation.names
    columns = catalog_of(desired).columns
    if schema:
        return ("col", schema, table, name) if qualified(schema, table, name) in columns else None
    found = [
        split_name(identity) for identity in columns if split_name(identity)[1:] == (table, name)
    ]
    if len(found) != 1:
        raise AnnotationError(
            annotation.where,
            f"{ident(table)} is in {len(found) or 'no'} schemas of the desired database:"
            " qualify its name where it is created",
        )
    return ("col", *found[0])


def _with_using(change: Change, column: Node, annotation: Annotation, desired: Snapshot) -> Change:
    attrs = catalog_of(desired).columns[qualified(*column[1:])]
    collation = f" COLLATE {attrs.collation}" if change.op.collate and attrs.collation else ""
    text = (
        f"ALTER TABLE {qualified(*column[1:3])} ALTER COLUMN {ident(column[3])}"
        f" TYPE {attrs.type}{collation} USING {annotation.argument};"
    )
    try:
        converted = reader.read(text, SOURCE, change.phase)
    except DiffError as error:  # the expression's fault: said with its place
        raise AnnotationError(
            annotation.where, f"cannot plan `{annotation.text}`: {error}"
        ) from None
    return converted
