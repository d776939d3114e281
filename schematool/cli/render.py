"""schematool render [--check]"""

from __future__ import annotations

import typer


def render(
    check: bool = typer.Option(
        False,
        "--check",
        help="Write nothing; fail listing the stale files if schema/ is not current.",
    ),
) -> None:
    """Render templates/ into schema/ (one .sql per template)."""
    from schematool.project import render as core
    from schematool.project.config import load_settings

    settings = load_settings(connect=False)
    settings.require_project("render")
    templates = settings.rel(settings.templates_dir)
    schema = settings.rel(settings.schema_dir)
    rendered = core.render_tree(settings.templates_dir, settings.base_variables, templates)
    for message in core.warnings_for(settings.templates_dir, rendered, (templates, schema)):
        typer.echo(f"warning: {message}", err=True)
    if check:
        core.check(rendered, settings.schema_dir, schema)
        typer.echo(f"{schema}/ is current ({len(rendered)} files)")
        return
    result = core.write_tree(rendered, settings.schema_dir)
    for rel in result.written:
        typer.echo(f"wrote {schema}/{rel}")
    for rel in result.removed:
        typer.echo(f"removed {schema}/{rel}")
    typer.echo(
        f"{len(result.written)} written, {len(result.removed)} removed,"
        f" {len(result.unchanged)} unchanged"
    )
