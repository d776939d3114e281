"""schematool erd"""

from __future__ import annotations

from pathlib import Path

import typer

from schematool.cli import common


def erd(
    database_url: str | None = common.DatabaseUrl,
    schema_dir: Path | None = common.SchemaDir,
    scratch_url: str | None = common.ScratchUrl,
    out: Path = typer.Option(
        Path("docs/schema.md"),
        "--out",
        metavar="FILE",
        help="Markdown file holding the diagram block.",
    ),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; fail if the diagram is stale."
    ),
) -> None:
    """Draw the desired schema as a Mermaid ER diagram (tables, keys, foreign keys) by area."""
    from schematool.desired.database import desired_database, desired_files
    from schematool.inspect import erd as core

    settings = common.settings(database_url, schema_dir, scratch_url)
    common.desired_schema(settings)
    files = desired_files(settings)
    with desired_database(settings, common.target_url(settings), files) as desired:
        snap = desired.snapshot()
    areas = core.table_areas(files, settings.rel(settings.schema_dir))
    path = out if out.is_absolute() else settings.root / out
    changed = core.update_doc(path, core.diagram(snap, areas), check, settings.rel(path))
    typer.echo(f"{settings.rel(path)}: {'updated' if changed else 'current'}")
