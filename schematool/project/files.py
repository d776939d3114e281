"""The project's schema files, read as text: no database is needed for any of it.

`schema_files` reads a schema folder in load order (files sorted by their path below
it; an empty folder is the empty schema); a rendered file knows its template's lines
(`Origin`), so errors at its lines name the template's too; `read_utf8` and `not_utf8`
name the line of a file that is not UTF-8; `long_identifiers` finds names PostgreSQL
would cut; `without_meta_commands` leaves psql's restore guards out. Loading them into
a database: `desired.load`.

Dumps hold psql's meta-commands, which are not SQL: `\\restrict KEY` and `\\unrestrict KEY`
(pg_dump 17.6+ and the minor releases of August 2025 write them around every plain dump, to
stop a restore running meta-commands smuggled into it) are blanked; any other (`\\connect`,
`\\set`, `\\i`, ...) is refused with its file and line, since no psql runs the files.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from schematool.errors import ConfigError, LoadError, SchemaToolError, SchemaToolWarning
from schematool.grammar import lexer

NAMEDATALEN = 64  # PostgreSQL keeps names to NAMEDATALEN - 1 bytes and cuts the rest


@dataclass(frozen=True)
class Origin:
    """Where a rendered schema file's lines come from: its template, and for each line
    of the file (from line 1) the template's lines it was rendered from, first and last
    (one line for a literal line or a macro call; None where not known: the header)."""

    template: str  # as shown to users, e.g. 'templates/catalog/title.sql.j2'
    lines: tuple[tuple[int, int] | None, ...]

    def of(self, line: int) -> str | None:
        """`templates/x.sql.j2:28` (or `:28-30`) for a line of the rendered file."""
        span = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        if span is None:
            return None
        first, last = span
        return f"{self.template}:{first}" + (f"-{last}" if last != first else "")


@dataclass(frozen=True)
class SchemaFile:
    name: str  # as shown to users, e.g. 'schema/catalog/title.sql'
    text: str
    origin: Origin | None = None  # for a file rendered from a template
    external: bool = False  # creates objects others own (`external`): loaded, never planned

    def where(self, line: int) -> str:
        """`schema/x.sql:31`, and for a rendered file the template's line it came from:
        `schema/x.sql:31 (from templates/x.sql.j2:28)`: the file says to edit that."""
        source = self.source(line)
        return f"{self.name}:{line}" + (f" (from {source})" if source else "")

    def source(self, line: int | None) -> str | None:
        return self.origin.of(line) if self.origin is not None and line else None

    def error(self, line: int | None, message: str, sqlstate: str | None = None) -> LoadError:
        """A LoadError at `line` of this file (and of its template)."""
        return LoadError(self.name, line, message, sqlstate, self.source(line))


def schema_files(schema_dir: Path, label: str) -> list[SchemaFile]:
    """The .sql files of schema_dir in load order; none for an empty folder (what `dump`
    writes for an empty database), which is the empty schema."""
    if not schema_dir.is_dir():
        raise SchemaToolError(f"schema folder not found: {label}")
    paths = sorted(
        (p for p in schema_dir.rglob("*.sql") if p.is_file()),
        key=lambda p: p.relative_to(schema_dir).as_posix(),
    )
    if not paths:
        others = sorted(
            p.relative_to(schema_dir).as_posix()
            for p in schema_dir.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )
        if others:  # most likely not the schema folder meant
            raise SchemaToolError(
                f"schema folder {label} holds no .sql files (but {others[0]}"
                f"{f' and {len(others) - 1} more' if len(others) > 1 else ''});"
                " an empty folder is the empty schema"
            )
        return []  # empty (or only dotfiles, as git keeps an empty folder): the empty schema
    files = []
    for path in paths:
        name = f"{label}/{path.relative_to(schema_dir).as_posix()}"
        try:
            files.append(SchemaFile(name, read_utf8(path)))
        except UnicodeDecodeError as error:
            raise LoadError(name, *not_utf8(error)) from None
    return files


def external_files(root: Path, globs: tuple[str, ...]) -> list[SchemaFile]:
    """The files `external` names (globs relative to the project root), in the order the
    globs are given and, within one, by path; a glob matching no file is an error: the
    schema would then fail to load, or load without what it references."""
    files: list[SchemaFile] = []
    seen: set[Path] = set()
    for glob in globs:
        paths = sorted(p for p in root.glob(glob) if p.is_file())
        if not paths:
            raise ConfigError(
                f"pyproject.toml [tool.schematool] external: {glob!r} matches no file"
            )
        for path in paths:
            if path in seen:
                continue
            seen.add(path)
            name = path.relative_to(root).as_posix()
            try:
                files.append(SchemaFile(name, read_utf8(path), external=True))
            except UnicodeDecodeError as error:
                raise LoadError(name, *not_utf8(error)) from None
    return files


def read_utf8(path: Path) -> str:
    """A file's text, decoded whole: a UnicodeDecodeError's offsets then count from the
    file's start, so `not_utf8` can name the line."""
    return path.read_bytes().decode("utf-8")


def not_utf8(error: UnicodeDecodeError) -> tuple[int, str]:
    """The line of the first byte of a whole file that is not UTF-8, and what to say
    about it: for an error that names the file (a schema file, a template)."""
    data = bytes(error.object)
    line = data[: error.start].count(b"\n") + 1
    return line, (
        f"not UTF-8 text (byte 0x{data[error.start]:02x}: {error.reason}); save the file as UTF-8"
    )


class LongIdentifier(SchemaToolWarning):
    """A name PostgreSQL will silently cut to 63 bytes: two such names that share their
    first 63 bytes become one, and the catalog never shows the name the file wrote."""


# what any identifier of NAMEDATALEN bytes or more spells in ASCII text: a word of that
# many identifier characters, or a quoted name of that many characters ("" is one)
_MAYBE_LONG = re.compile(rf'[A-Za-z0-9_$]{{{NAMEDATALEN}}}|"(?:[^"]|""){{{NAMEDATALEN}}}')


def long_identifiers(file: SchemaFile) -> list[str]:
    """One message per identifier of `file` longer than PostgreSQL keeps, at its line.
    ASCII text in which nothing of that length could be one is not lexed: the lexer is
    character by character, and most files name nothing that long (a 300-table schema:
    0.1 s of every plan)."""
    if file.text.isascii() and _MAYBE_LONG.search(file.text) is None:
        return []
    found: dict[str, int] = {}
    for name, offset in lexer.identifiers(file.text):
        if len(name.encode("utf-8")) >= NAMEDATALEN and name not in found:
            found[name] = lexer.line_of(file.text, offset)
    return [
        f'{file.where(line)}: identifier "{name}" is {len(name.encode("utf-8"))} bytes;'
        f' PostgreSQL silently cuts names to {NAMEDATALEN - 1} bytes ("{_truncated(name)}")'
        for name, line in found.items()
    ]


def _truncated(name: str) -> str:
    cut = name.encode("utf-8")[: NAMEDATALEN - 1]
    return cut.decode("utf-8", errors="ignore")  # as PostgreSQL does: whole characters


def warn_long_identifiers(files: list[SchemaFile]) -> None:
    for file in files:
        for message in long_identifiers(file):
            warnings.warn(LongIdentifier(message), stacklevel=2)


# psql meta-commands that only guard a restore: nothing to run where psql runs none
_RESTORE_GUARDS = frozenset(("restrict", "unrestrict"))


def without_meta_commands(file: SchemaFile) -> SchemaFile:
    """The file with pg_dump's `\\restrict` / `\\unrestrict` lines blanked (lines stay
    where they were); LoadError at the line of any other psql meta-command. A backslash
    counts where it starts a line outside strings, quoted names and comments (PostgreSQL's
    own scanner tells which), as psql reads it. Text the scanner cannot read is returned
    as it is: the server reports it at its line."""
    text = file.text
    if "\\" not in text:
        return file
    from pglast import parser  # noqa: TID251 (psql's reading: a backslash outside strings)

    try:
        tokens = parser.scan(_keys_hidden(text))
    except parser.ParseError:
        return file
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if token.name != "ASCII_92":  # a backslash outside any string or comment
            continue
        line_start = text.rfind("\n", 0, token.start) + 1
        if text[line_start : token.start].strip():
            continue  # mid-line: not psql's reading; the server reports it
        line_end = text.find("\n", token.start)
        line_end = len(text) if line_end < 0 else line_end
        command = text[token.start + 1 : line_end].split(maxsplit=1)
        word = command[0] if command else ""
        if word.lower() not in _RESTORE_GUARDS:
            raise file.error(
                lexer.line_of(text, token.start),
                f"psql meta-command \\{word} is not SQL: schema files are run by the server,"
                " not by psql (only pg_dump's \\restrict and \\unrestrict are left out)",
            )
        spans.append((token.start, line_end))
    return replace(file, text=blank(text, spans)) if spans else file


# a restore guard's key is random: one starting with a digit (`\restrict 3Bal...`) is
# "trailing junk after numeric literal" to PostgreSQL's scanner (15+), which then reads
# nothing of the file
_GUARD_KEY = re.compile(r"(?m)^(\\(?:un)?restrict[ \t]+)([A-Za-z0-9]+)")


def _keys_hidden(text: str) -> str:
    """`text` with every restore guard's key written as letters of the same length, for
    the scanner alone: offsets do not move, and a guard inside a string stays a string."""
    return _GUARD_KEY.sub(lambda m: m.group(1) + "x" * len(m.group(2)), text)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Spaces over each [start, end) span, newlines kept: offsets and lines do not move."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
