"""Settings: `[tool.schematool]` in pyproject.toml, overridden by flags and environment.

The project root is the nearest folder at or above the working directory holding a
pyproject.toml with a `[tool.schematool]` table; paths in the table are relative to it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from schematool import db
from schematool.errors import ConfigError
from schematool.project.ignore import IgnoreRules, parse_patterns

TOOL_SCHEMA = "schematool"  # the tool's own schema (history); never diffed
STATE_DIR = ".schematool"  # local state: embedded server, caches; git-ignored
DURATION_UNITS = ("ms", "s", "min", "h")
SIZE_UNITS = {"kB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}  # PostgreSQL's spelling
# kept desired schemas on one server, across projects (least recently used go first)
KEPT_MAX_COUNT = 20
KEPT_MAX_SIZE = 2 * 1024**3


@dataclass(frozen=True)
class Settings:
    root: Path
    templates_dir: Path
    schema_dir: Path
    variables: dict[str, Any] = field(default_factory=dict)
    exclude_schemas: tuple[str, ...] = ()
    cluster_sql: tuple[Path, ...] = ()
    database_url: db.Address | None = None  # with the session settings below
    scratch_url: db.Address | None = None
    lock_timeout: str = "5s"
    statement_timeout: str = "0"
    # plan.data_checks: each query's own timeout, and the estimated rows above which a
    # table is sampled (TABLESAMPLE) and its statistics read, rather than read whole
    data_check_timeout: str = "2s"
    data_check_sample_above: int = 1_000_000
    render_schema: bool = True  # False when --schema-dir names a folder of plain .sql
    environment: str | None = None
    base_variables: dict[str, Any] = field(default_factory=dict)  # what schema/ is rendered with
    allow_hazards: tuple[str, ...] = ()  # the environment's standing allowances
    retries: int = 3
    keep_scratch: bool | None = None  # keep the loaded desired schema; None: on a local server
    keep_scratch_max_count: int = KEPT_MAX_COUNT  # kept databases per server, all projects
    keep_scratch_max_size: int = KEPT_MAX_SIZE  # their total size in bytes
    in_project: bool = True  # False: no pyproject.toml with [tool.schematool] was found
    online: bool = False  # plan and apply in online phases (schematool.plan.online)
    ran_cluster_sql: bool = False  # --cluster-sql ran cluster_sql on this run's servers
    ignore: IgnoreRules = IgnoreRules()  # objects of the target left to others (project.ignore)
    # globs (relative to root) of SQL files creating objects the schema uses but others
    # own: loaded before the schema files, never planned (desired.database.desired_files)
    external: tuple[str, ...] = ()
    steps_dir: Path | None = None  # custom steps (project.steps); None: root / "steps"
    max_replica_lag: LagLimit | None = None  # apply waits for standbys under it; None: no check
    # the declared rows' folder (`data`, docs/reference-data.md); None with --schema-dir,
    # whose folder is the whole desired state
    data_dir: Path | None = None

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def project_key(self) -> str:
        """Which project (checkout) and schema folder a kept desired schema belongs to:
        each keeps its own newest few on a shared server, so two projects or branches
        planning against one server do not evict each other's."""
        source = f"{self.root.resolve()}\0{self.schema_dir.resolve()}"
        return hashlib.sha256(source.encode()).hexdigest()[:16]

    def session(self, address: db.Address) -> db.Address:
        """The address with the settings every connection to that server runs under:
        every wait for a lock there, reads included, ends at lock_timeout."""
        return address.with_session(lock_timeout=self.lock_timeout)

    def require_project(self, doing: str) -> None:
        """Refuse, before anything starts, to do what only a project can say how to do
        (its templates and schema folders, its local server under .schematool/)."""
        if not self.in_project:
            raise ConfigError(
                f"no [tool.schematool] table in a pyproject.toml in {self.root} or above:"
                f" {doing} needs a schematool project (run it in the project's folder)"
            )

    @property
    def excluded_schemas(self) -> tuple[str, ...]:
        return (TOOL_SCHEMA, *self.exclude_schemas)

    def rel(self, path: Path) -> str:
        """A path as users should see it: relative to the project root when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path) -> tuple[Path, dict[str, Any] | None]:
    """The project root and its `[tool.schematool]` table; (start, None) when no
    pyproject.toml at or above `start` has one."""
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
    return start, None


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
    connect: bool = True,
    online: bool | None = None,
    max_replica_lag: str | None = None,
) -> Settings:
    """Settings from pyproject.toml, then the chosen environment's table over them, then
    flags over both. The URL: --database-url, else the environment's `url_env` variable,
    else DATABASE_URL, else (None) the local server; a URL given empty is an error, never
    the local server. URLs are parsed here, once (`connect=False`, for commands that use
    no database, reads none)."""
    start = (cwd or Path.cwd()).resolve()
    root, found = find_root(start)
    table = found if found is not None else {}
    _check_keys(table, _KEYS, "[tool.schematool]")
    environment = _environment(table, env)
    base_variables = dict(_table(table, "variables"))
    settings = Settings(
        root=root,
        templates_dir=root / _str(table, "templates", "templates"),
        schema_dir=root / _str(table, "schema", "schema"),
        data_dir=root / _str(table, "data", "data") if found is not None else None,
        variables={**base_variables, **_table(environment, "variables")},
        base_variables=base_variables,
        exclude_schemas=tuple(_str_list(table, "exclude_schemas")),
        cluster_sql=tuple(root / p for p in _str_list(table, "cluster_sql")),
        lock_timeout=_duration(
            lock_timeout,
            "--lock-timeout",
            _str(environment, "lock_timeout", _str(table, "lock_timeout", "5s")),
            "lock_timeout",
        ),
        statement_timeout=_duration(
            statement_timeout,
            "--statement-timeout",
            _str(environment, "statement_timeout", _str(table, "statement_timeout", "0")),
            "statement_timeout",
        ),
        data_check_timeout=_duration(
            None, "", _str(table, "data_check_timeout", "2s"), "data_check_timeout"
        ),
        data_check_sample_above=_int(table, "data_check_sample_above", 1_000_000),
        environment=env,
        allow_hazards=tuple(_str_list(environment, "allow_hazards")),
        retries=retries if retries is not None else _int(environment, "retries", 3),
        keep_scratch=_bool(table, "keep_scratch"),
        keep_scratch_max_count=_int(table, "keep_scratch_max_count", KEPT_MAX_COUNT),
        keep_scratch_max_size=_size(table, "keep_scratch_max_size", KEPT_MAX_SIZE),
        in_project=found is not None,
        online=_online(online, environment, table),
        ignore=parse_patterns(_str_list(table, "ignore")),
        external=tuple(_str_list(table, "external")),
        steps_dir=root / _str(table, "steps", "steps"),
        max_replica_lag=_lag_limit(max_replica_lag, environment, table),
    )
    if connect:
        target = _given_url(database_url, "--database-url", _FOR_THE_TARGET)
        if target is None:
            target = _environment_url(environment, env)
        scratch = _given_url(scratch_url, "--scratch-url", _FOR_THE_SCRATCH)
        settings = replace(
            settings,
            database_url=settings.session(db.address(target)) if target else None,
            scratch_url=settings.session(db.address(scratch)) if scratch else None,
        )
    if schema_dir is not None:
        settings = replace(
            settings, schema_dir=schema_dir.resolve(), render_schema=False, data_dir=None
        )
    return settings


@dataclass(frozen=True)
class LagLimit:
    """How far behind its primary a standby may be for apply to go on (`--max-replica-lag`):
    bytes of WAL not yet replayed (read from the primary's LSNs: exact, even on an idle
    primary), or a duration (the primary's own measure of replay lag, `replay_lag`,
    consulted only while some WAL is not yet replayed)."""

    bytes: int | None = None
    seconds: float | None = None
    text: str = ""  # as the user wrote it, for messages

    def __str__(self) -> str:
        return self.text


def parse_lag_limit(text: str, where: str = "--max-replica-lag") -> LagLimit:
    """'1MB', '512kB' or '5s', '500ms', '2min': a size as PostgreSQL spells it, or a
    duration; '0': every standby must have replayed everything. A number without a unit
    is refused (bytes or seconds?), as are other spellings, in one line naming `where`."""
    value = str(text).strip()
    if value == "0":
        return LagLimit(bytes=0, text="0")
    size = re.fullmatch(r"(\d+(?:\.\d+)?) ?(kB|MB|GB|TB)", value)
    if size is not None:
        return LagLimit(bytes=int(float(size[1]) * SIZE_UNITS[size[2]]), text=value)
    try:
        duration = parse_duration(value, where)
        if duration == "0":
            raise ConfigError(where)
    except ConfigError:
        raise ConfigError(
            f"{where}: bad replica lag {text!r}: give a size ({', '.join(SIZE_UNITS)},"
            f" e.g. 16MB) or a duration ({', '.join(DURATION_UNITS)}, e.g. 5s)"
        ) from None
    return LagLimit(seconds=_seconds(duration), text=duration)


_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0}


def _seconds(duration: str) -> float:
    digits = len(duration) - len(duration.lstrip("0123456789"))
    unit = duration[digits:]
    return int(duration[:digits]) * _UNIT_SECONDS[unit] if unit else 0.0


def _lag_limit(
    flag: str | None, environment: dict[str, Any], table: dict[str, Any]
) -> LagLimit | None:
    """--max-replica-lag, else the environment's `max_replica_lag`, else the project's;
    None: apply does not look at standbys' lag."""
    if flag is not None:
        return parse_lag_limit(flag)
    for source in (environment, table):
        value = source.get("max_replica_lag")
        if value is not None:
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                raise ConfigError(
                    'pyproject.toml max_replica_lag must be a size ("16MB") or a duration ("5s")'
                )
            return parse_lag_limit(str(value), "pyproject.toml max_replica_lag")
    return None


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


_FOR_THE_TARGET = "give the database's URL, or leave it out for $DATABASE_URL or the local server"
_FOR_THE_SCRATCH = "give a server's URL, or leave it out to use the target's server"


def _given_url(value: str | None, where: str, advice: str) -> str | None:
    """A URL given on the command line, or None when none was given. One given empty (or
    blank) is refused: it is what `--database-url "$PROD_URL"` passes when the variable is
    not set, and reading it as "none given" would plan and apply on another database."""
    if value is not None and not value.strip():
        raise ConfigError(f"{where} is empty (a variable that is not set?): {advice}")
    return value


def _environment_url(environment: dict[str, Any], name: str | None) -> str | None:
    """The URL in $DATABASE_URL (or the environment's `url_env` variable); None only when
    that variable is not set at all: set but empty is refused, as an empty flag is."""
    variable = environment.get("url_env")
    if variable is None:
        value = os.environ.get("DATABASE_URL")
        if value is not None and not value.strip():
            raise ConfigError(
                "$DATABASE_URL is set but empty: give it the database's URL, or unset it to"
                " use the local server"
            )
        return value
    if not isinstance(variable, str):
        raise ConfigError(f"environment {name!r}: url_env must be the name of a variable")
    value = os.environ.get(variable)
    if value is None or not value.strip():
        state = "not set" if value is None else "set but empty"
        raise ConfigError(
            f"environment {name!r} reads its database URL from ${variable}, which is {state}"
        )
    return value


def _duration(flag_value: str | None, flag: str, configured: str, key: str) -> str:
    """A flag's duration, else the configured one; the error names where it came from."""
    if flag_value is not None:
        return parse_duration(flag_value, flag)
    return parse_duration(configured, f"pyproject.toml {key}")


def parse_duration(text: str, where: str = "duration") -> str:
    """'500ms', '5s', '2min', '1h' (or '0': none), as PostgreSQL spells it. A number
    without a unit is refused: PostgreSQL would read `5` as 5 ms, a user means 5 s."""
    value = str(text).strip()
    digits = len(value) - len(value.lstrip("0123456789"))
    number, unit = value[:digits], value[digits:].strip()
    units = ", ".join(DURATION_UNITS[:-1]) + f" or {DURATION_UNITS[-1]}"
    if not number or (unit and unit not in DURATION_UNITS):
        raise ConfigError(f"{where}: bad duration {text!r}: use a number with {units}, e.g. 5s")
    if not unit and int(number) != 0:
        raise ConfigError(
            f"{where}: duration {text!r} has no unit: write {number}ms, {number}s,"
            f" {number}min or {number}h"
        )
    return f"{int(number)}{unit}" if unit else "0"


_KEYS = {
    "fleets",
    "max_replica_lag",
    "templates",
    "schema",
    "variables",
    "exclude_schemas",
    "cluster_sql",
    "lock_timeout",
    "statement_timeout",
    "data_check_timeout",
    "data_check_sample_above",
    "environments",
    "keep_scratch",
    "keep_scratch_max_count",
    "keep_scratch_max_size",
    "online",
    "ignore",
    "external",
    "steps",
    "data",
}


@dataclass(frozen=True)
class FleetConfig:
    """`[tool.schematool.fleets.NAME]`: where a fleet's targets come from (exactly one
    of a list of targets, a targets file, or the databases of one server whose names
    match a LIKE pattern), the environment whose settings hold for every target, and
    the rollout's defaults (canaries, parallelism, what a failure does)."""

    name: str
    targets: tuple[str, ...] = ()
    targets_file: Path | None = None
    server_url_env: str | None = None
    databases: str | None = None  # a LIKE pattern: "tenant_%"
    environment: str | None = None
    canary: int | None = None
    parallel: int | None = None
    on_error: str | None = None


_FLEET_KEYS = {
    "targets",
    "targets_file",
    "server_url_env",
    "databases",
    "environment",
    "canary",
    "parallel",
    "on_error",
}


def load_fleet(name: str, cwd: Path | None = None) -> FleetConfig:
    """The fleet `name` of the project's pyproject.toml; an unknown name, or a fleet
    that does not say where its targets are (or says it twice), is one line (exit 2)."""
    root, found = find_root((cwd or Path.cwd()).resolve())
    fleets = _table(found or {}, "fleets")
    if name not in fleets:
        known = ", ".join(sorted(fleets)) or "none"
        raise ConfigError(f"unknown fleet {name!r} (pyproject.toml defines: {known})")
    table = fleets[name]
    where = f"[tool.schematool.fleets.{name}]"
    if not isinstance(table, dict):
        raise ConfigError(f"pyproject.toml {where} must be a table")
    _check_keys(table, _FLEET_KEYS, where)
    sources = [key for key in ("targets", "targets_file", "server_url_env") if key in table]
    if len(sources) != 1:
        raise ConfigError(
            f"pyproject.toml {where}: give one of targets (a list), targets_file, or"
            f" server_url_env with databases (found: {', '.join(sources) or 'none'})"
        )
    if ("databases" in table) != ("server_url_env" in table):
        raise ConfigError(f"pyproject.toml {where}: server_url_env and databases go together")
    on_error = table.get("on_error")
    if on_error is not None and on_error not in ("stop", "continue"):
        raise ConfigError(f'pyproject.toml {where} on_error must be "stop" or "continue"')
    file = table.get("targets_file")
    return FleetConfig(
        name=name,
        targets=tuple(_str_list(table, "targets")),
        targets_file=root / _str(table, "targets_file", "") if file is not None else None,
        server_url_env=table.get("server_url_env") and _str(table, "server_url_env", ""),
        databases=table.get("databases") and _str(table, "databases", ""),
        environment=table.get("environment") and _str(table, "environment", ""),
        canary=_int(table, "canary", 1) if "canary" in table else None,
        parallel=_int(table, "parallel", 1) if "parallel" in table else None,
        on_error=on_error,
    )


_ENV_KEYS = {
    "fleets",
    "max_replica_lag",
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


def _size(table: dict[str, Any], key: str, default: int) -> int:
    """A size in bytes: a whole number, or a string with a unit as PostgreSQL spells it
    ('500MB', '2GB'; 1 kB = 1024 bytes)."""
    value = table.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    found = (
        re.fullmatch(r"(\d+(?:\.\d+)?) ?(kB|MB|GB|TB)", value.strip())
        if isinstance(value, str)
        else None
    )
    if found is None:
        raise ConfigError(
            f'pyproject.toml [tool.schematool] {key} must be a size such as "500MB" or'
            f' "2GB" (units: {", ".join(SIZE_UNITS)}), or a number of bytes'
        )
    return int(float(found[1]) * SIZE_UNITS[found[2]])


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
