"""SQL text as tokens: PostgreSQL's own lexer, and the small hand lexers that need no parse.

`scan`, `lexemes` and `mask_literals` use PostgreSQL's lexer (pglast's `scan`). `split`
splits SQL text into statements, keeping each statement's starting line, by PostgreSQL's
grammar (only the parser knows where a `BEGIN ATOMIC ... END` body ends: its statements
end with `;` too); text the parser does not read is split as psql splits it.
`identifiers`, `skip_comments` and `first_word` find the words a file spells; with that
fallback they understand what PostgreSQL's lexer needs for that: '...' and E'...'
strings, "..." identifiers, $tag$...$tag$ bodies, -- and nested /* */ comments.
`tokens` reads deparsed text (`schematool.grammar.faithful`) as parentheses, words and
the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from schematool.grammar.tree import parse, unreadable

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


@dataclass(frozen=True)
class Statement:
    text: str  # without the final semicolon
    line: int  # 1-based line where the statement's first token stands
    offset: int  # character offset of that token in the source text


def split(source: str) -> list[Statement]:
    """The statements of `source`, each without its semicolon, with the line and offset
    of its first token: as PostgreSQL's grammar reads them, or, for text the parser
    does not read, as psql splits it (`_split_as_psql`)."""
    parsed = parse(source)
    if parsed is None:
        return _split_as_psql(source)
    statements: list[Statement] = []
    for item in parsed.statements:
        start, end = parsed.span(item)
        _emit(statements, source, skip_comments(source, start, end), end)
    return statements


# the words psql reads at the start of a statement to tell a function's or procedure's
# definition, whose SQL-standard body (BEGIN ATOMIC ... END) holds semicolons
_DEFINITION_WORDS = frozenset({"create", "or", "replace", "function", "procedure"})


@dataclass
class _Depth:
    """What psql's scanner tracks to tell whether a `;` ends the statement: parentheses
    open, the first words of the statement, and BEGIN (and CASE within it) not yet
    closed by END in a CREATE [OR REPLACE] FUNCTION | PROCEDURE."""

    parens: int = 0
    words: str = ""  # the initials of the statement's first words, as psql keeps them
    count: int = 0
    blocks: int = 0

    def word(self, word: str) -> None:
        if self.count < 4:
            self.words += word[0] if word in _DEFINITION_WORDS else " "
        self.count += 1
        if self.parens or not self.words.startswith(("cf", "cp", "corf", "corp")):
            return
        if word == "begin" or (word == "case" and self.blocks):
            self.blocks += 1
        elif word == "end" and self.blocks:
            self.blocks -= 1

    def ends(self) -> bool:
        return self.parens == 0 and self.blocks == 0


def _split_as_psql(source: str) -> list[Statement]:
    """Statements as psql's scanner splits them (psqlscan.l): a `;` outside strings,
    comments, dollar-quoted bodies, parentheses and a function's BEGIN ... END ends one."""
    statements: list[Statement] = []
    i, n = 0, len(source)
    start: int | None = None
    depth = _Depth()
    while i < n:
        ch = source[i]
        if ch == "-" and source.startswith("--", i):
            end = source.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch == "/" and source.startswith("/*", i):
            i = _skip_block_comment(source, i)
            continue
        if ch.isspace():
            i += 1
            continue
        if start is None:
            start = i
        if ch == ";" and depth.ends():
            _emit(statements, source, start, i)
            start, depth = None, _Depth()
            i += 1
        elif ch == "'":
            escapes = i > 0 and source[i - 1] in "eE" and not _word_char(source, i - 2)
            i = _skip_quoted(source, i, "'", backslash=escapes)
        elif ch == '"':
            i = _skip_quoted(source, i, '"', backslash=False)
        elif ch == "$" and not _word_char(source, i - 1):
            i = _skip_dollar_quoted(source, i)
        elif (ch.isalpha() or ch == "_") and not _word_char(source, i - 1):
            end = i + 1
            while end < n and (source[end].isalnum() or source[end] in "_$"):
                end += 1
            depth.word(source[i:end].lower())
            i = end
        else:
            if ch == "(":
                depth.parens += 1
            elif ch == ")" and depth.parens:
                depth.parens -= 1
            i += 1
    if start is not None:
        _emit(statements, source, start, n)
    return statements


def identifiers(source: str) -> Iterator[tuple[str, int]]:
    """Every identifier-shaped word outside strings, comments and $$ bodies, as PostgreSQL
    reads it (unquoted folded to lower case, quoted with "" undoubled), with its offset.
    Keywords come out too: they are words like any other to a lexer."""
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "-" and source.startswith("--", i):
            end = source.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch == "/" and source.startswith("/*", i):
            i = _skip_block_comment(source, i)
        elif ch == "'":
            escapes = i > 0 and source[i - 1] in "eE" and not _word_char(source, i - 2)
            i = _skip_quoted(source, i, "'", backslash=escapes)
        elif ch == '"':
            end = _skip_quoted(source, i, '"', backslash=False)
            yield source[i + 1 : end - 1].replace('""', '"'), i
            i = end
        elif ch == "$" and not _word_char(source, i - 1):
            i = _skip_dollar_quoted(source, i)
        elif ch.isalpha() or ch == "_":
            end = i + 1
            while end < n and (source[end].isalnum() or source[end] in "_$"):
                end += 1
            yield source[i:end].lower(), i
            i = end
        elif ch.isdigit():
            while i < n and (source[i].isalnum() or source[i] in "._"):
                i += 1  # a number (1e10, 0x1F, 1_000) is no identifier
        else:
            i += 1


def _emit(statements: list[Statement], source: str, start: int, end: int) -> None:
    text = source[start:end].rstrip()
    if text:
        statements.append(Statement(text, source.count("\n", 0, start) + 1, start))


def _skip_dollar_quoted(source: str, i: int) -> int:
    """Past the dollar-quoted string starting at `i` (to the end when it is not closed),
    or one character on when no tag starts there (`$1`)."""
    match = _DOLLAR_TAG.match(source, i)
    if not match:
        return i + 1
    close = source.find(match.group(0), match.end())
    return len(source) if close < 0 else close + len(match.group(0))


def _word_char(source: str, i: int) -> bool:
    return i >= 0 and (source[i].isalnum() or source[i] == "_")


def _skip_quoted(source: str, i: int, quote: str, *, backslash: bool) -> int:
    i += 1
    n = len(source)
    while i < n:
        ch = source[i]
        if backslash and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if i + 1 < n and source[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return n


def _skip_block_comment(source: str, i: int) -> int:
    depth, i, n = 0, i, len(source)
    while i < n:
        if source.startswith("/*", i):
            depth += 1
            i += 2
        elif source.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    return n


def skip_comments(source: str, start: int, end: int) -> int:
    """The offset of the first character of source[start:end] that is neither space
    nor inside a -- or /* */ comment (`end` when there is none)."""
    i = start
    while i < end:
        if source[i].isspace():
            i += 1
        elif source.startswith("--", i):
            newline = source.find("\n", i)
            i = end if newline < 0 else newline + 1
        elif source.startswith("/*", i):
            i = _skip_block_comment(source, i)
        else:
            return i
    return end


def first_word(source: str, start: int) -> str:
    """The keyword-shaped word starting at `start` ('' when none does)."""
    end = start
    while end < len(source) and (source[end].isalpha() or source[end] == "_"):
        end += 1
    return source[start:end]


def line_of(source: str, offset: int) -> int:
    """The 1-based line of a character offset."""
    return source.count("\n", 0, offset) + 1


# -- PostgreSQL's lexer -------------------------------------------------------------------


def scan(text: str) -> list[Any]:
    """PostgreSQL's tokens of `text` (pglast's: `name`, `kind`, `start`, `end`, both
    character offsets, `end` the token's last). Raises Unreadable."""
    from pglast import parser  # imported when SQL is first read: a no-op plan reads none

    try:
        return parser.scan(text)
    except parser.ParseError as error:
        raise unreadable(error) from None


_LITERALS = frozenset({"SCONST", "USCONST", "BCONST", "XCONST"})
_COMMENTS = frozenset({"C_COMMENT", "SQL_COMMENT"})


def _scanned(sql: str) -> tuple[list[Any], int]:
    """The tokens of `sql` by PostgreSQL's own lexer (comments among them), and how far
    the text could be read: a text cut short, as pg_stat_activity cuts queries, or
    holding an unterminated string or comment, is read up to where that starts."""
    from pglast import parser

    try:
        return parser.scan(sql), len(sql)
    except parser.ParseError as error:
        where = error.args[1] if len(error.args) > 1 and isinstance(error.args[1], int) else 0
        readable = max(0, min(where, len(sql)))
    try:
        return parser.scan(sql[:readable]), readable
    except parser.ParseError:
        return [], 0


def lexemes(sql: str) -> tuple[list[tuple[int, int, str]], int]:
    """The keywords and string literals of `sql`, by PostgreSQL's own lexer, as
    (start, end, "keyword" | "literal") character spans (end exclusive), and how far the
    text could be read (`_scanned`)."""
    tokens, readable = _scanned(sql)
    spans = []
    for token in tokens:  # pglast's offsets are characters; `end` is the token's last one
        if token.name in _LITERALS:
            spans.append((token.start, token.end + 1, "literal"))
        elif token.kind != "NO_KEYWORD":
            spans.append((token.start, token.end + 1, "keyword"))
    return spans, readable


def mask_literals(query: str) -> str:
    """A query on one line with every string literal replaced by '***' and every comment
    left out (another session's query in the blocker report may carry secrets in
    either), by PostgreSQL's own lexer: dollar-quoted, E'' and U&'' strings, nested
    block comments and `--` comments alike. Between two tokens there is only white
    space; what cannot be read (from an unterminated string or comment on) is masked."""
    tokens, readable = _scanned(query)
    out, last = [], 0
    for token in tokens:  # pglast's offsets are characters; `end` is the token's last one
        if token.name in _LITERALS or token.name in _COMMENTS:
            out += [query[last : token.start], "'***'" if token.name in _LITERALS else " "]
            last = token.end + 1
    out.append(query[last:readable])
    if readable < len(query):
        out.append(" '***'")
    return " ".join("".join(out).split())


# -- deparsed text ------------------------------------------------------------------------


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end): parentheses, words (keywords and plain identifiers), and
    everything else one character or one quoted literal or identifier at a time."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"":
            end = _closing_quote(text, i)
            yield "quoted", i, end
            i = end
        elif ch == "$" and (end := _dollar_quoted_end(text, i)) > i:
            yield "quoted", i, end
            i = end
        elif ch in "()":
            yield ch, i, i + 1
            i += 1
        elif ch.isalnum() or ch in "_$":
            end = i
            while end < n and (text[end].isalnum() or text[end] in "_$"):
                end += 1
            yield "word", i, end
            i = end
        else:
            if not ch.isspace():
                yield "other", i, i + 1
            i += 1


def _dollar_quoted_end(text: str, i: int) -> int:
    """The offset after a dollar-quoted string starting at `i` (`$$...$$`,
    `$tag$...$tag$`), or `i` when none starts there (`$1` is a parameter)."""
    end = i + 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    if end >= len(text) or text[end] != "$" or text[i + 1 : i + 2].isdigit():
        return i
    tag = text[i : end + 1]
    close = text.find(tag, end + 1)
    return len(text) if close < 0 else close + len(tag)


def _closing_quote(text: str, i: int) -> int:
    """The offset after the literal or identifier starting at `i` (its quote doubled
    inside it, as the server writes both)."""
    quote, i = text[i], i + 1
    while i < len(text):
        if text[i] == quote:
            if text.startswith(quote * 2, i):
                i += 2
                continue
            return i + 1
        i += 1
    return i
