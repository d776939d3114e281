"""Settings: `[tool.schematool]` in pyproject.toml, overridden by flags and environment.

The project root is the nearest folder at or above the working directory holding a
pyproject.toml with a `[tool.schematool]` table; paths in the table are relative to it.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from schematool.errors import ConfigError

TOOL_SCHEMA = "schematool"  # the tool's own schema (history); never diffed
STATE_DIR = ".schematool"  # local state: embedded server, caches; git-ignored

_DURATION = re.compile(r"^\s*(\d+)\s*(ms|s|min|h)?\s*$")


@dataclass(frozen=True)
class Settings:
    root: Path
    templates_dir: Path
    schema_dir: Path
    variables: dict[str, Any] = field(default_factory=dict)
    exclude_schemas: tuple[str, ...] = ()
    cluster_sql: tuple[Path, ...] = ()
    database_url: str | None = None
    scratch_url: str | None = None
    lock_timeout: str = "5s"
    statement_timeout: str = "0"
    render_schema: bool = True  # False when --schema-dir names a folder of plain .sql
    environment: str | None = None
    base_variables: dict[str, Any] = field(default_factory=dict)  # what schema/ is rendered with
    allow_hazards: tuple[str, ...] = ()  # the environment's standing allowances
    retries: int = 3
    keep_scratch: bool | None = None  # keep the loaded desired schema; None: on a local server
    online: bool = False  # plan and apply in online phases (schematool.online)

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def excluded_schemas(self) -> tuple[str, ...]:
        return (TOOL_SCHEMA, *self.exclude_schemas)

    def rel(self, path: Path) -> str:
        """A path as users should see it: relative to the project root when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path) -> tuple[Path, dict[str, Any]]:
    """The project root and its `[tool.schematool]` table (empty when there is none)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                raise ConfigError(f"{candidate}: {error}") from None
            table = data.get("tool", {}).get("schematool")
            if table is not None:
                return folder, table
    return start, {}


def load_settings(
    cwd: Path | None = None,
    *,
    env: str | None = None,
    database_url: str | None = None,
    schema_dir: Path | None = None,
    scratch_url: str | None = None,
    lock_timeout: str | None = None,
    statement_timeout: str | None = None,
    retries: int | None = None,
    online: bool | None = None,
) -> Settings:
    """Settings from pyproject.toml, then the chosen environment's table over them, then
    flags over both. The URL: --database-url, else the environment's `url_env` variable,
    else DATABASE_URL, else (None) the local server."""
    root, table = find_root(cwd or Path.cwd())
    _check_keys(table, _KEYS, "[tool.schematool]")
    environment = _environment(table, env)
    base_variables = dict(_table(table, "variables"))
    settings = Settings(
        root=root,
        templates_dir=root / _str(table, "templates", "templates"),
        schema_dir=root / _str(table, "schema", "schema"),
        variables={**base_variables, **_table(environment, "variables")},
        base_variables=base_variables,
        exclude_schemas=tuple(_str_list(table, "exclude_schemas")),
        cluster_sql=tuple(root / p for p in _str_list(table, "cluster_sql")),
        database_url=database_url or _environment_url(environment, env) or None,
        scratch_url=scratch_url,
        lock_timeout=parse_duration(
            lock_timeout or _str(environment, "lock_timeout", _str(table, "lock_timeout", "5s"))
        ),
        statement_timeout=parse_duration(
            statement_timeout
            or _str(environment, "statement_timeout", _str(table, "statement_timeout", "0"))
        ),
        environment=env,
        allow_hazards=tuple(_str_list(environment, "allow_hazards")),
        retries=retries if retries is not None else _int(environment, "retries", 3),
        keep_scratch=_bool(table, "keep_scratch"),
        online=_online(online, environment, table),
    )
    if schema_dir is not None:
        settings = replace(settings, schema_dir=schema_dir.resolve(), render_schema=False)
    return settings


def _online(flag: bool | None, environment: dict[str, Any], table: dict[str, Any]) -> bool:
    """--online / --no-online, else the environment's `online`, else the project's."""
    if flag is not None:
        return flag
    for source in (environment, table):
        value = _bool(source, "online")
        if value is not None:
            return value
    return False


def _environment(table: dict[str, Any], name: str | None) -> dict[str, Any]:
    if name is None:
        return {}
    environments = _table(table, "environments")
    if name not in environments:
        known = ", ".join(sorted(environments)) or "none"
        raise ConfigError(f"unknown environment {name!r} (pyproject.toml defines: {known})")
    chosen = environments[name]
    if not isinstance(chosen, dict):
        raise ConfigError(f"pyproject.toml [tool.schematool.environments.{name}] must be a table")
    _check_keys(chosen, _ENV_KEYS, f"[tool.schematool.environments.{name}]")
    return chosen


def _environment_url(environment: dict[str, Any], name: str | None) -> str | None:
    variable = environment.get("url_env")
    if variable is None:
        return os.environ.get("DATABASE_URL")
    if not isinstance(variable, str):
        raise ConfigError(f"environment {name!r}: url_env must be the name of a variable")
    value = os.environ.get(variable)
    if not value:
        raise ConfigError(
            f"environment {name!r} reads its database URL from ${variable}, which is not set"
        )
    return value


def parse_duration(text: str) -> str:
    """'500ms', '5s', '2min', '1h' or a bare number of milliseconds, as PostgreSQL spells it."""
    match = _DURATION.match(str(text))
    if not match:
        raise ConfigError(f"bad duration {text!r}: use a number with ms, s, min or h, e.g. 5s")
    number, unit = match.groups()
    return f"{number}{unit or 'ms'}"


_KEYS = {
    "templates",
    "schema",
    "variables",
    "exclude_schemas",
    "cluster_sql",
    "lock_timeout",
    "statement_timeout",
    "environments",
    "keep_scratch",
    "online",
}


_ENV_KEYS = {
    "url_env",
    "allow_hazards",
    "lock_timeout",
    "statement_timeout",
    "retries",
    "variables",
    "online",
}


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(f"pyproject.toml {where}: unknown key(s) {', '.join(unknown)}")


def _bool(table: dict[str, Any], key: str) -> bool | None:
    value = table.get(key)
    if value is not None and not isinstance(value, bool):
        raise ConfigError(f"pyproject.toml [tool.schematool] {key} must be true or false")
    return value


def _int(table: dict[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or value < 0:
        raise ConfigError(f"pyproject.toml [tool.schematool] {key} must be a whole number >= 0")
    return value


def _str(table: dict[str, Any], key: str, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"pyproject.toml [tool.schematool] {key} must be a string")
    return value


def _str_list(table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"pyproject.toml [tool.schematool] {key} must be a list of strings")
    return value


def _table(table: dict[str, Any], key: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"pyproject.toml [tool.schematool] {key} must be a table")
    return value
