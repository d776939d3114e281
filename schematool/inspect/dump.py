"""Onboarding an existing database: its schema as a tree of .sql files.

One folder per schema; a file per table holding everything about it (columns, defaults,
constraints, indexes, triggers, policies, row security, comments, grants); views,
materialized views, functions, types and sequences in files of their own. Built from
`pg_dump --schema-only`, whose table of contents names each entry's kind and object;
the tree loads back (with schematool's deferred retries for forward references) into a
schema that plans as empty against the database it came from.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from schematool import db
from schematool.errors import SchemaToolError
from schematool.grammar import faithful, schema_files

_ENTRY = re.compile(r"^-- Name: (.*); Type: (.*); Schema: (.*); Owner: (.*)$")
_NOISE = re.compile(r"^(SET |SELECT pg_catalog\.set_config\(|\\restrict |\\unrestrict |--)")
_PLAIN_NAME = re.compile(r"[a-z0-9_]+")

_OWN_FILES = {
    "TABLE": "tables",
    "VIEW": "views",
    "MATERIALIZED VIEW": "views",
    "FUNCTION": "functions",
    "PROCEDURE": "functions",
    "AGGREGATE": "functions",
    "TYPE": "types",
    "DOMAIN": "types",
    "SEQUENCE": "sequences",
}
# entries whose Name starts with the relation they belong to: "title title_pkey"
_BY_LEADING_RELATION = {
    "CONSTRAINT",
    "FK CONSTRAINT",
    "TRIGGER",
    "POLICY",
    "ROW SECURITY",
    "DEFAULT",
    "RULE",
}


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    schema: str
    sql: str


def pg_dump(url: str, program: str) -> str:
    done = subprocess.run(
        [
            program,
            "--schema-only",
            "--no-tablespaces",
            "--exclude-schema=schematool",
            "--dbname",
            db.normalize_url(url),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        message = db.redact(done.stderr.strip().splitlines()[-1] if done.stderr else "failed", url)
        raise SchemaToolError(f"pg_dump failed: {message}")
    return done.stdout


def entries(dump: str) -> list[Entry]:
    """pg_dump's output as its table-of-contents entries, session settings removed."""
    found: list[Entry] = []
    current: tuple[str, str, str] | None = None
    lines: list[str] = []
    for line in dump.splitlines():
        match = _ENTRY.match(line)
        if match:
            if current:
                found.append(Entry(*current, _tidy(lines)))
            current, lines = (match.group(1), match.group(2), match.group(3)), []
        elif current and not _NOISE.match(line):
            lines.append(line)
    if current:
        found.append(Entry(*current, _tidy(lines)))
    return [e for e in found if e.sql]


def _tidy(lines: list[str]) -> str:
    """The entry's SQL, its expressions written so they load back as the same trees
    (pg_dump's text of `a BETWEEN 1 AND 9 AND b` would load back flattened)."""
    return faithful.faithful_statements(["\n".join(lines).strip()])[0]


def layout(items: list[Entry]) -> dict[str, list[str]]:
    """Relative file path -> statements, in pg_dump's (dependency-respecting) order."""
    files: dict[str, list[str]] = defaultdict(list)
    homes: dict[tuple[str, str], str] = {}  # (schema, object name) -> file
    for entry in items:
        path = _home(entry, homes)
        files[path].append(entry.sql)
    return dict(files)


def _home(entry: Entry, homes: dict[tuple[str, str], str]) -> str:
    schema = entry.schema if entry.schema != "-" else ""
    if entry.kind in ("EXTENSION",) or (
        entry.kind == "COMMENT" and entry.name.startswith("EXTENSION ")
    ):
        return "00_extensions.sql"
    if entry.kind == "SCHEMA" or entry.name.startswith("SCHEMA "):
        return f"{_safe(entry.name.removeprefix('SCHEMA '))}/00_schema.sql"
    if entry.kind in _OWN_FILES:
        name = entry.name.split("(", 1)[0]
        path = f"{_safe(schema)}/{_OWN_FILES[entry.kind]}/{_safe(name)}.sql"
        homes.setdefault((schema, name), path)
        if entry.kind == "SEQUENCE" and "ALTER TABLE" in entry.sql:
            # an identity column's sequence belongs with its table
            return _relation_home(entry, homes) or path
        return path
    if entry.kind == "INDEX":
        home = _relation_home(entry, homes)
        if home:
            homes[(schema, entry.name)] = home
        return home or f"{_safe(schema)}/other.sql"
    if entry.kind in _BY_LEADING_RELATION:
        return homes.get((schema, entry.name.split(" ", 1)[0])) or f"{_safe(schema)}/other.sql"
    if entry.kind in ("COMMENT", "ACL", "SEQUENCE OWNED BY"):
        return _object_home(entry, schema, homes)
    if entry.kind == "DEFAULT ACL":
        return f"{_safe(schema) or '00_cluster'}/default_privileges.sql"
    return f"{_safe(schema) or '00_cluster'}/other.sql"


def _relation_home(entry: Entry, homes: dict[tuple[str, str], str]) -> str | None:
    table = schema_files.first_relation(entry.sql)
    return homes.get((table[1], table[2])) if table else None


def _object_home(entry: Entry, schema: str, homes: dict[tuple[str, str], str]) -> str:
    """'TABLE t', 'COLUMN t.c', 'INDEX i', 'CONSTRAINT c ON t', 'FUNCTION f(int)', ..."""
    words = entry.name.split(" ")
    kind_words = 2 if words[0] in ("MATERIALIZED",) else 1
    rest = " ".join(words[kind_words:])
    if " ON " in rest:  # CONSTRAINT c ON t, TRIGGER x ON t, POLICY p ON t, RULE r ON t
        rest = rest.rsplit(" ON ", 1)[1]
    elif words[0] == "COLUMN":
        rest = rest.rsplit(".", 1)[0]
    name = rest.split("(", 1)[0]
    return homes.get((schema, name)) or f"{_safe(schema) or '00_cluster'}/other.sql"


def _safe(name: str) -> str:
    """A file or folder name for an object name: unique per name and the same every
    time. A name of lower-case ASCII letters, digits and underscores is its own file
    name; any other is made readable (accents dropped, lower-cased, other characters
    as `_`) and given the start of a hash of the exact name, so that `ábc` and `ébc`, or
    `Order` and `order` (one file on a case-insensitive file system), never share one."""
    if _PLAIN_NAME.fullmatch(name):
        return name
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9_]", "_", ascii_name.lower()) or "_"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}"


def write(files: dict[str, list[str]], out: Path, header: str) -> list[str]:
    """Write the tree into `out` (which must be empty or absent); return the paths. The
    folder is made even for no files: an empty database dumps to the empty schema,
    which `plan --schema-dir` reads as such."""
    if out.exists() and any(out.iterdir()):
        raise SchemaToolError(f"{out} is not empty; dump writes into a new or empty folder")
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for rel, texts in sorted(files.items()):
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                header + "\n\n".join(s.rstrip() for s in texts) + "\n", encoding="utf-8"
            )
            written.append(rel)
    except OSError as error:
        raise SchemaToolError(f"cannot write into {out}: {error.strerror or error}") from None
    return written


def find_pg_dump(bindir: Path | None) -> str:
    """The embedded server's pg_dump (PostgreSQL 18 dumps servers up to 18), else PATH's."""
    if bindir is not None and (bindir / "pg_dump").exists():
        return str(bindir / "pg_dump")
    found = shutil.which("pg_dump")
    if not found:
        raise SchemaToolError("pg_dump not found")
    return found
