"""schematool report merge"""

from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(help="Work with the JSON reports of fleet rollouts.", no_args_is_help=True)


@app.command("merge")
def merge(
    reports: list[str] = typer.Argument(
        ...,
        metavar="REPORT",
        help="JSON reports of `apply --targets/--fleet --format json` (one per shard).",
        show_default=False,
    ),
) -> int:
    """Merge the fleet reports of several shards (--shard K/N) into one, printed as JSON;
    exit with the whole fleet's exit code (0, 10 some failed, 11 some drifted)."""
    from schematool.errors import ConfigError
    from schematool.fleet import rollout

    parsed = []
    for path in map(Path, reports):
        try:
            parsed.append((str(path), json.loads(path.read_text(encoding="utf-8"))))
        except FileNotFoundError:
            raise ConfigError(f"report not found: {path}") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ConfigError(f"{path}: not a JSON report ({error})") from None
    merged = rollout.merge_reports(parsed)
    typer.echo(json.dumps(merged, indent=2))
    return int(merged["exit_code"])
