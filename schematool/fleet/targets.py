"""The databases of a fleet, read from a targets file (`--targets FILE`).

One database per line: a `postgresql://` URL or a libpq `key=value` string, parsed once
here into a `db.Address` (whose printed form masks the password). `${VAR}` is replaced
by the environment variable's value (a password kept out of the file); a line whose
first non-blank character is `#` is a comment, as are blank lines; `-` reads the list
from standard input. A line that cannot be used is one error naming `file:line`, never
the password it may hold.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from schematool import db
from schematool.errors import ConfigError, SchemaToolError

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
