"""A plan written as the next numbered migration of a folder, in a migration tool's naming.

For deploy and compliance processes that want versioned files: `plan --write-migration
DIR --migration-format FORMAT` writes the plan's statements (the same `Step`s `apply`
would run) as the folder's next migration, and a checksum file (`schematool.sum`) over
the folder, so a hand-edited file is found before the next one is written.

What runs in one transaction stays one file: a plan made without --online is one file;
an online plan is a file per step of its before and after phases and one for its core.
A step that cannot run in a transaction (`CREATE INDEX CONCURRENTLY`) is a file of its
own, marked the way its format marks one (dbmate's `transaction:false`, sqlx's
`-- no-transaction`, Flyway's `executeInTransaction=false` script configuration); plain
and golang-migrate files of transactional steps hold their own BEGIN and COMMIT.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from schematool.errors import SchemaToolError
from schematool.plan import online
from schematool.plan.model import Plan, Step

FORMATS = ("plain", "golang-migrate", "flyway", "dbmate", "sqlx")
SUM_FILE = "schematool.sum"
_TIMESTAMP = "%Y%m%d%H%M%S"

# a migration file's version, by format (the files of other tools in the folder are not
# counted)
_VERSION = {
    "plain": re.compile(r"^(\d+)_.*\.sql$"),
    "golang-migrate": re.compile(r"^(\d+)_.*\.(?:up|down)\.sql$"),
    "flyway": re.compile(r"^V(\d+)__.*\.sql$"),
    "dbmate": re.compile(r"^(\d+)_.*\.sql$"),
    "sqlx": re.compile(r"^(\d+)_.*\.sql$"),
}


@dataclass(frozen=True)
class Unit:
    """Statements that run together: in one transaction, or (`transactional` False) one
    statement outside any."""

    name: str
    statements: tuple[str, ...]
    transactional: bool


@dataclass(frozen=True)
class MigrationFile:
    name: str
    text: str


def units(plan: Plan) -> list[Unit]:
    """The plan's steps grouped as they run: the core (or a plan made without --online)
    in one transaction; every online step on its own; a step that cannot run in a
    transaction alone."""
    found: list[Unit] = []
    group: list[Step] = []
    for step in plan.steps:
        alone = step.phase != online.CORE or not step.change.transactional
        if alone or (group and group[-1].phase != step.phase):
            found += _unit(group, len(found))
            group = []
        group.append(step)
        if alone:
            found += _unit(group, len(found))
            group = []
    return found + _unit(group, len(found))


def _unit(steps: list[Step], position: int) -> list[Unit]:
    if not steps:
        return []
    phase = steps[0].phase
    name = "schematool" if phase == online.CORE else f"schematool_{phase.replace('-', '_')}"
    return [
        Unit(
            f"{name}_{position + 1}",
            tuple(_statement(step) for step in steps),
            all(step.change.transactional for step in steps),
        )
    ]


def _statement(step: Step) -> str:
    """The statement as `plan --format sql` writes it: its hazards in a comment above."""
    hazards = f"-- hazards: {', '.join(step.hazards)}\n" if step.hazards else ""
    return hazards + step.sql


def migration_files(
    plan: Plan, migration_format: str, existing: Sequence[str], now: datetime | None = None
) -> list[MigrationFile]:
    """The plan as the files that follow `existing` (the folder's file names)."""
    if plan.masked:
        raise SchemaToolError(
            "the plan holds a secret (a user mapping's password) that schematool never"
            " writes to a file: apply it with `schematool apply`, or write that statement"
            " yourself"
        )
    found = units(plan)
    versions = _versions(migration_format, existing, len(found), now or datetime.now(UTC))
    files: list[MigrationFile] = []
    for version, unit in zip(versions, found, strict=True):
        files += _files(migration_format, version, unit)
    return files


def _versions(
    migration_format: str, existing: Sequence[str], count: int, now: datetime
) -> list[str]:
    """The next `count` versions: numbered after the folder's highest (plain, golang-migrate,
    flyway), or timestamps after it and not before now (dbmate, sqlx)."""
    pattern = _VERSION[migration_format]
    taken = [m.group(1) for name in existing if (m := pattern.match(name))]
    highest = max(taken, key=int, default=None)
    if migration_format in ("dbmate", "sqlx"):
        start = now.replace(microsecond=0, tzinfo=None)
        if highest is not None:
            try:
                start = max(start, datetime.strptime(highest, _TIMESTAMP) + timedelta(seconds=1))
            except ValueError:  # numbered, not a timestamp: go on numbering
                return [str(int(highest) + 1 + i) for i in range(count)]
        return [(start + timedelta(seconds=i)).strftime(_TIMESTAMP) for i in range(count)]
    first = int(highest) + 1 if highest is not None else 1
    width = {"plain": 4, "golang-migrate": 6, "flyway": 0}[migration_format]
    return [str(first + i).zfill(width) for i in range(count)]


def _files(migration_format: str, version: str, unit: Unit) -> list[MigrationFile]:
    body = "\n\n".join(unit.statements) + "\n"
    header = "-- written by schematool plan --write-migration\n"
    if migration_format in ("plain", "golang-migrate"):
        suffix = ".up.sql" if migration_format == "golang-migrate" else ".sql"
        if unit.transactional:
            text = f"{header}BEGIN;\n\n{body}\nCOMMIT;\n"
        else:
            text = f"{header}-- runs outside a transaction\n{body}"
        return [MigrationFile(f"{version}_{unit.name}{suffix}", text)]
    if migration_format == "flyway":
        name = f"V{version}__{unit.name}.sql"
        files = [MigrationFile(name, header + body)]
        if not unit.transactional:  # Flyway's script configuration file
            files.append(MigrationFile(f"{name}.conf", "executeInTransaction=false\n"))
        return files
    if migration_format == "dbmate":
        up = "-- migrate:up" if unit.transactional else "-- migrate:up transaction:false"
        text = f"{up}\n{header}{body}\n-- migrate:down\n"
        return [MigrationFile(f"{version}_{unit.name}.sql", text)]
    marker = "" if unit.transactional else "-- no-transaction\n"  # sqlx: the first line
    return [MigrationFile(f"{version}_{unit.name}.sql", f"{marker}{header}{body}")]


# -- the folder and its checksum file ----------------------------------------------------------


def file_hash(data: bytes) -> str:
    return "h1:" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def checksums(folder: Path) -> str:
    """The checksum file's text: a hash over every file's name and hash, then a line per
    file (sorted by name; the checksum file itself and hidden files left out)."""
    lines = [
        f"{path.name} {file_hash(path.read_bytes())}"
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name != SUM_FILE and not path.name.startswith(".")
    ]
    total = file_hash("\n".join(lines).encode("utf-8"))
    return "\n".join([total, *lines]) + "\n"


def edited_files(folder: Path) -> list[str]:
    """The files that differ from what the checksum file records (added, removed or
    changed); none when the folder has no checksum file yet."""
    recorded_path = folder / SUM_FILE
    if not recorded_path.is_file():
        return []
    recorded = dict(_sum_lines(recorded_path.read_text(encoding="utf-8")))
    now = dict(_sum_lines(checksums(folder)))
    names = recorded.keys() | now.keys()
    return sorted(name for name in names if recorded.get(name) != now.get(name))


def _sum_lines(text: str) -> list[tuple[str, str]]:
    return [tuple(line.rsplit(" ", 1)) for line in text.splitlines()[1:] if " " in line]  # type: ignore[misc]


def write_migration(
    plan: Plan, folder: Path, migration_format: str, now: datetime | None = None
) -> list[Path]:
    """Write the plan as the folder's next migration and renew the checksum file; the
    paths written (none for an empty plan). A folder whose files differ from its
    checksum file is refused: a hand-edited migration is found before another follows."""
    if migration_format not in FORMATS:
        raise SchemaToolError(
            f"unknown migration format {migration_format!r}: choose from {', '.join(FORMATS)}"
        )
    if folder.exists() and not folder.is_dir():
        raise SchemaToolError(f"cannot write migrations into {folder}: it is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    edited = edited_files(folder)
    if edited:
        raise SchemaToolError(
            f"{folder}: {', '.join(edited)} differ(s) from {SUM_FILE}: a migration was edited,"
            " added or removed by hand; nothing was written"
        )
    if plan.is_empty:
        return []
    existing = [path.name for path in folder.iterdir()]
    files = migration_files(plan, migration_format, existing, now)
    clash = [f.name for f in files if (folder / f.name).exists()]
    if clash:
        raise SchemaToolError(f"{folder}: {', '.join(clash)} exists already; nothing was written")
    written = []
    for file in files:
        path = folder / file.name
        path.write_text(file.text, encoding="utf-8")
        written.append(path)
    (folder / SUM_FILE).write_text(checksums(folder), encoding="utf-8")
    return written


# -- reading a folder back, as its tool runs it ------------------------------------------------

# the file names each format runs, with their version (a Flyway version may be dotted:
# V1.2__x.sql); `.down.sql` files are never run forward
_RUN = {
    "plain": re.compile(r"^(\d+)_.*\.sql$"),
    "golang-migrate": re.compile(r"^(\d+)_.*\.up\.sql$"),
    "flyway": re.compile(r"^V(\d+(?:[._]\d+)*)__.*\.sql$"),
    "dbmate": re.compile(r"^(\d+)_.*\.sql$"),
    "sqlx": re.compile(r"^(\d+)_.*?(?:\.up)?\.sql$"),
}
_DOWN = re.compile(r"\.down\.sql$")
_DBMATE_UP = re.compile(r"^--\s*migrate:up\b(.*)$", re.MULTILINE)
_DBMATE_DOWN = re.compile(r"^--\s*migrate:down\b", re.MULTILINE)


@dataclass(frozen=True)
class Migration:
    """One file as its tool runs it: `text` the part run forward (lines where they are
    in the file), in one transaction (`transactional`), or statement by statement, the
    file's own BEGIN and COMMIT deciding (plain and golang-migrate files, as psql runs
    them; a file marked to run outside a transaction)."""

    name: str
    text: str
    transactional: bool


def read_folder(folder: Path, migration_format: str) -> list[Migration]:
    """The folder's migrations in the order its tool runs them (by version); a .sql file
    the format does not name as a migration, or two of one version, are refused: a file
    that would silently not run is what a check is for."""
    if migration_format not in FORMATS:
        raise SchemaToolError(
            f"unknown migration format {migration_format!r}: choose from {', '.join(FORMATS)}"
        )
    if not folder.is_dir():
        raise SchemaToolError(f"migrations folder not found: {folder}")
    pattern = _RUN[migration_format]
    found: dict[tuple[int, ...], str] = {}
    for path in sorted(folder.iterdir()):
        name = path.name
        if not path.is_file() or not name.endswith(".sql") or _DOWN.search(name):
            continue
        if name == "schema.sql" and migration_format == "dbmate":
            continue  # dbmate's dump of the schema, not a migration
        match = pattern.match(name)
        if match is None:
            raise SchemaToolError(
                f"{folder / name}: not a {migration_format} migration file name (see"
                " docs/migration-files.md); move it out of the folder or rename it"
            )
        version = tuple(int(part) for part in re.split(r"[._]", match.group(1)))
        if version in found:
            raise SchemaToolError(f"{folder}: {found[version]} and {name} have the same version")
        found[version] = name
    return [_migration(folder, migration_format, found[v]) for v in sorted(found)]


def _migration(folder: Path, migration_format: str, name: str) -> Migration:
    text = (folder / name).read_text(encoding="utf-8")
    if migration_format in ("plain", "golang-migrate"):
        return Migration(name, text, transactional=False)
    if migration_format == "flyway":
        conf = folder / f"{name}.conf"
        settings = conf.read_text(encoding="utf-8") if conf.is_file() else ""
        outside = re.search(r"^\s*executeInTransaction\s*=\s*false\s*$", settings, re.MULTILINE)
        return Migration(name, text, transactional=outside is None)
    if migration_format == "dbmate":
        up = _DBMATE_UP.search(text)
        if up is None:
            raise SchemaToolError(f"{folder / name}: no `-- migrate:up` line (dbmate's marker)")
        down = _DBMATE_DOWN.search(text, up.end())
        end = down.start() if down else len(text)
        # what is not run forward is blanked, lines kept, so errors name the file's lines
        kept = _blank_lines(text[: up.end()]) + text[up.end() : end] + _blank_lines(text[end:])
        return Migration(name, kept, transactional="transaction:false" not in up.group(1))
    first = text.split("\n", 1)[0].strip()  # sqlx: the marker is the first line
    return Migration(name, text, transactional=first != "-- no-transaction")


def _blank_lines(text: str) -> str:
    return "\n" * text.count("\n")
