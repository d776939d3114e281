"""The databases of a fleet, read from a targets file (`--targets FILE`).

One database per line: a `postgresql://` URL or a libpq `key=value` string, parsed once
here into a `db.Address` (whose printed form masks the password). `${VAR}` is replaced
by the environment variable's value (a password kept out of the file); a line whose
first non-blank character is `#` is a comment, as are blank lines; `-` reads the list
from standard input. A line that cannot be used is one error naming `file:line`, never
the password it may hold.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from schematool import db
from schematool.errors import ConfigError, SchemaToolError
from schematool.project.config import FleetConfig

STDIN = "-"
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Target:
    """One database of the fleet, and where it was listed (`targets.txt:12`)."""

    address: db.Address
    where: str

    def __str__(self) -> str:
        return str(self.address)  # masked


def read_targets(
    source: str | Path,
    environ: Mapping[str, str] | None = None,
    stdin: TextIO | None = None,
) -> list[Target]:
    """The targets listed in `source` (a file, or `-` for standard input), in order.
    Refused in one line: a file that cannot be read, a line that is no address, a
    `${VAR}` that is not set, the same database listed twice, an empty list."""
    name = "<stdin>" if str(source) == STDIN else str(source)
    text = _read(source, stdin)
    environment = os.environ if environ is None else environ
    targets: list[Target] = []
    seen: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{name}:{number}"
        target = Target(_address(_expanded(stripped, environment, where), where), where)
        key = str(target.address)
        if key in seen:
            raise ConfigError(f"{where}: {key} is listed already, at {seen[key]}")
        seen[key] = where
        targets.append(target)
    if not targets:
        raise ConfigError(f"{name}: no targets (one database URL or libpq string per line)")
    return targets


def _read(source: str | Path, stdin: TextIO | None) -> str:
    if str(source) == STDIN:
        return (stdin or sys.stdin).read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"targets file not found: {path}") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a targets file") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None


def _expanded(line: str, environment: Mapping[str, str], where: str) -> str:
    """`${VAR}` replaced by its value; one not set is an error naming it."""

    def value(match: re.Match[str]) -> str:
        variable = match[1]
        if variable not in environment:
            raise ConfigError(f"{where}: ${{{variable}}} is not set")
        return environment[variable]

    return _VARIABLE.sub(value, line)


def _address(text: str, where: str) -> db.Address:
    """The line as an address; libpq's reason for refusing it (never the password)."""
    try:
        return db.address(text)
    except SchemaToolError as error:
        raise ConfigError(f"{where}: {error.message}") from None


def fleet_targets(fleet: FleetConfig, environ: Mapping[str, str] | None = None) -> list[Target]:
    """The targets of `[tool.schematool.fleets.NAME]`: its list, its targets file, or
    every database of the server in `server_url_env` whose name matches `databases` (a
    LIKE pattern; templates and databases that refuse connections left out), by name."""
    environment = os.environ if environ is None else environ
    where = f"pyproject.toml fleets.{fleet.name}"
    if fleet.targets_file is not None:
        return read_targets(fleet.targets_file, environment)
    if fleet.server_url_env is not None:
        return _matching(fleet, environment, where)
    targets = [
        Target(_address(_expanded(text, environment, f"{where}[{n}]"), f"{where}[{n}]"), where)
        for n, text in enumerate(fleet.targets)
    ]
    if not targets:
        raise ConfigError(f"{where}: targets is empty")
    return _unique(targets)


def _matching(fleet: FleetConfig, environment: Mapping[str, str], where: str) -> list[Target]:
    variable = fleet.server_url_env or ""
    text = environment.get(variable, "")
    if not text.strip():
        raise ConfigError(f"{where}: ${variable} (server_url_env) is not set")
    server = _address(text, f"{where} server_url_env ${variable}")
    with db.connect(server, autocommit=True) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s AND datallowconn"
                " AND NOT datistemplate ORDER BY datname",
                (fleet.databases,),
            )
        ]
    if not names:
        raise ConfigError(
            f"{where}: no database on {server} matches databases = {fleet.databases!r}"
        )
    return [Target(server.with_database(name), f"${variable} {name}") for name in names]


def _unique(targets: list[Target]) -> list[Target]:
    seen: dict[str, str] = {}
    for target in targets:
        key = str(target.address)
        if key in seen:
            raise ConfigError(f"{target.where}: {key} is listed already, at {seen[key]}")
        seen[key] = target.where
    return targets


def parse_shard(text: str) -> tuple[int, int]:
    """`K/N` (1 <= K <= N): this job's share of the fleet."""
    k, slash, n = text.partition("/")
    if not slash or not k.strip().isdigit() or not n.strip().isdigit():
        raise ConfigError(f"--shard {text!r}: give K/N, e.g. 2/3")
    shard, shards = int(k), int(n)
    if not 1 <= shard <= shards:
        raise ConfigError(f"--shard {text!r}: K must be from 1 to N")
    return shard, shards


def in_shard(targets: list[Target], shard: int, shards: int) -> list[Target]:
    """The targets of shard K of N: chosen by a hash of each target's identity (its
    address without the password), so that a target stays in its shard when others are
    added or removed, and the N shards cover the fleet exactly once."""
    return [t for t in targets if _bucket(t, shards) == shard - 1]


def _bucket(target: Target, shards: int) -> int:
    digest = hashlib.sha256(server_key(target).encode() + b"\0" + target.address.database.encode())
    return int.from_bytes(digest.digest()[:8], "big") % shards


def server_key(target: Target) -> str:
    """Which server a target is on (host and port as written): two targets of one server
    are never applied at once."""
    address = target.address
    return f"{address.get('host') or 'localhost'}:{address.get('port') or '5432'}"
