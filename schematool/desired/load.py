"""Stage 2a: loading the schema files (`project.files`) into a database, in one transaction.

Order (documented in docs/concepts.md): files sorted by their path below the schema folder.
A file that fails only because something it references does not exist yet (a table,
type, function, schema or column defined in a later file) is rolled back to its
savepoint and retried after the others, until a pass makes no progress; then the first
remaining error is reported. Each file is sent as one query; only on failure is it split
into statements to find the failing one, so errors name `file:line`.

Statements that cannot run inside a transaction only because of CONCURRENTLY (`CREATE
INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `ALTER TABLE ... DETACH PARTITION ...
CONCURRENTLY`) load as their plain forms: the schema they leave is the same, and the
scratch database has no readers to spare. `REINDEX ... CONCURRENTLY` changes no schema
and is not run. PostgreSQL's own parser (pglast) recognises them; the keyword (or the
REINDEX) is blanked in place, so every error still names the line of the file.

Files written as migrations hold what a migration tool sends around them: `BEGIN` /
`START TRANSACTION` and `COMMIT` / `END` (the load is one transaction already) and
`VACUUM` (changes no schema, and cannot run inside a transaction) are blanked the same
way. What would undo or split the load's transaction (`ROLLBACK`, `SAVEPOINT`, `RELEASE`,
`PREPARE TRANSACTION`, ...) is refused with its file and line: its meaning depends on a
transaction the load does not have. psql's meta-commands are left out or refused as
`project.files.without_meta_commands` says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import psycopg
from pglast import ast, parser  # noqa: TID251 (its own ast-style reading, not yet in grammar)
from pglast.enums import TransactionStmtKind  # noqa: TID251
from psycopg import sql

from schematool.errors import LoadError
from schematool.grammar import lexer
from schematool.project.files import SchemaFile, blank, without_meta_commands

# undefined_table, undefined_function, undefined_object, invalid_schema_name, undefined_column
_MISSING_DEPENDENCY = {"42P01", "42883", "42704", "3F000", "42703"}
_NEW_LABEL_USED = "55P04"  # unsafe_new_enum_value_usage


def load(
    conn: psycopg.Connection,
    files: list[SchemaFile],
    before_commit: Callable[[], None] = lambda: None,
) -> None:
    """Run every file in one transaction (conn must be in autocommit mode), with one
    exception: a statement using an enum label that an earlier statement added (`ALTER
    TYPE ... ADD VALUE`, as migrations do), which PostgreSQL allows only once the label is
    committed, has what loaded before it committed first, and the load goes on in a new
    transaction. The database loaded into is a scratch build, dropped whole when its load
    fails, so a load that fails after such a commit leaves nothing anyone uses.
    `before_commit` runs inside each transaction before it commits: what it raises rolls
    that transaction back (the desired schema's coverage check: a refused subscription
    must never commit, or its database could not be dropped)."""
    # a file of comments only is an empty query to the server: no need to split
    # thousands of statements to find that out
    pending = [_transactional(f) for f in files if f.text.strip()]
    restore = _settings_restorer(conn)
    while pending:
        with conn.transaction():
            pending = _load_some(conn, pending, restore)
            before_commit()


def _settings_restorer(conn: psycopg.Connection) -> sql.Composed:
    """What puts the session's settings back as they were before the first file: a
    file's `SET search_path = ''` (pg_dump's header), `SET check_function_bodies`, ...
    holds for that file only, as where each file runs in a session of its own (psql -f),
    and a file retried after the others runs under the settings it first ran under."""
    rows = conn.execute("SELECT name, setting FROM pg_settings WHERE source = 'session'").fetchall()
    kept = [
        sql.SQL("SELECT set_config({}, {}, false);").format(sql.Literal(name), sql.Literal(value))
        for name, value in rows
    ]
    return sql.SQL(" ").join([sql.SQL("RESET ALL;"), *kept])


def _load_some(
    conn: psycopg.Connection, pending: list[SchemaFile], restore: sql.Composed
) -> list[SchemaFile]:
    """Load `pending` in the current transaction, a file that needs what a later one
    makes retried after the others; return what is left when a statement needs a label
    this transaction added (the rest of its file first), for the next transaction."""
    progressed = False
    while pending:
        deferred: list[tuple[SchemaFile, psycopg.Error]] = []
        for index, file in enumerate(pending):
            error = _try_file(conn, file)
            if error is None:
                conn.execute(restore)
                progressed = True
                continue
            if error.sqlstate == _NEW_LABEL_USED:
                rest = _run_until_a_new_label_is_used(conn, file)
                conn.execute(restore)
                if rest is None:  # statement by statement, it all ran
                    progressed = True
                    continue
                if rest is file and not progressed:
                    raise _load_error(conn, file, error)  # no commit can help it
                return [rest, *pending[index + 1 :], *(f for f, _ in deferred)]
            if error.sqlstate not in _MISSING_DEPENDENCY:
                raise _load_error(conn, file, error)
            deferred.append((file, error))
        if len(deferred) == len(pending):
            file, error = deferred[0]
            raise _load_error(conn, file, error)
        pending = [file for file, _ in deferred]
    return []


def _run_until_a_new_label_is_used(
    conn: psycopg.Connection, file: SchemaFile
) -> SchemaFile | None:
    """Run the file's statements before the first one that uses a label added in this
    transaction; return the file with those blanked (lines stay where they were), the
    file itself when it is the first statement, None when none is (all of it ran)."""
    statements = lexer.split(file.text)
    ran = 0
    with conn.transaction():
        for statement in statements:
            try:
                with conn.transaction():
                    conn.execute(statement.text.encode("utf-8"), prepare=False)
            except psycopg.Error as error:
                if error.sqlstate != _NEW_LABEL_USED:
                    raise _load_error(conn, file, error) from None
                break
            ran += 1
    if ran == len(statements):
        return None
    if ran == 0:
        return file
    return replace(file, text=blank(file.text, [(0, statements[ran].offset)]))


def _transactional(file: SchemaFile) -> SchemaFile:
    """The file as it can run inside the load's transaction (see the module docstring)."""
    text = without_concurrently(without_meta_commands(file).text)
    try:
        text = without_transaction_control(file.name, text)
    except LoadError as error:
        raise file.error(error.line, error.reason) from None
    return file if text == file.text else replace(file, text=text)


# first words of the statements that control transactions, or cannot run inside one
# without changing any schema (parsed to tell which: PREPARE can prepare a query)
_CONTROL_WORDS = frozenset(
    "begin start commit end abort rollback savepoint release prepare vacuum".split()
)
_Kind = TransactionStmtKind
_BLANKED_TRANSACTION_KINDS = frozenset(
    (_Kind.TRANS_STMT_BEGIN, _Kind.TRANS_STMT_START, _Kind.TRANS_STMT_COMMIT)
)
_REFUSED_TRANSACTION_KINDS = {
    _Kind.TRANS_STMT_ROLLBACK: "ROLLBACK",
    _Kind.TRANS_STMT_SAVEPOINT: "SAVEPOINT",
    _Kind.TRANS_STMT_RELEASE: "RELEASE SAVEPOINT",
    _Kind.TRANS_STMT_ROLLBACK_TO: "ROLLBACK TO SAVEPOINT",
    _Kind.TRANS_STMT_PREPARE: "PREPARE TRANSACTION",
    _Kind.TRANS_STMT_COMMIT_PREPARED: "COMMIT PREPARED",
    _Kind.TRANS_STMT_ROLLBACK_PREPARED: "ROLLBACK PREPARED",
}


def without_transaction_control(name: str, text: str) -> str:
    """`text` with BEGIN/START TRANSACTION/COMMIT/END and VACUUM blanked (every other
    character where it was); LoadError naming the line for a statement that would undo
    or split the load's transaction. Text the parser cannot read is split as psql
    splits it (`lexer.split`); a statement of it that does not parse is left as it is."""
    spans: list[tuple[int, int]] = []
    # split by the grammar: the END closing a function's BEGIN ATOMIC body is no COMMIT
    for piece in lexer.split(text):
        start, stop = piece.offset, piece.offset + len(piece.text)
        if lexer.first_word(text, start).lower() not in _CONTROL_WORDS:
            continue
        try:
            (raw,) = parser.parse_sql(piece.text)
        except (parser.ParseError, ValueError):
            continue  # the server reports it at its line
        statement = raw.stmt
        if isinstance(statement, ast.VacuumStmt) and statement.is_vacuumcmd:
            spans.append((start, stop))
        elif isinstance(statement, ast.TransactionStmt):
            if statement.kind not in _BLANKED_TRANSACTION_KINDS:
                what = _REFUSED_TRANSACTION_KINDS[statement.kind]
                raise LoadError(
                    name,
                    piece.line,
                    f"{what} cannot be part of schema files: they are loaded in one"
                    " transaction (BEGIN and COMMIT are left out)",
                )
            spans.append((start, stop))
    return blank(text, spans) if spans else text


def without_concurrently(text: str) -> str:
    """`text` with CONCURRENTLY blanked from the statements PostgreSQL would otherwise
    refuse inside a transaction block, and REINDEX ... CONCURRENTLY blanked whole; every
    other character stays where it was. Text the parser cannot read is returned as it
    is: the server then reports its syntax error at its line."""
    if "concurrently" not in text.lower():
        return text  # the usual case, without tokenizing the whole file in Python
    try:
        keywords = [t for t in parser.scan(text) if t.name == "CONCURRENTLY"]
        if not keywords:
            return text
        statements = parser.parse_sql(text)
    except parser.ParseError:
        return text
    spans: list[tuple[int, int]] = []
    for raw in statements:
        start = raw.stmt_location
        end = start + raw.stmt_len if raw.stmt_len else len(text)
        inside = [(t.start, t.end + 1) for t in keywords if start <= t.start < end]
        if isinstance(raw.stmt, ast.ReindexStmt) and _reindex_concurrently(raw.stmt):
            spans.append((start, end))
        elif inside and _concurrent_ddl(raw.stmt):
            spans.append(inside[-1] if isinstance(raw.stmt, ast.AlterTableStmt) else inside[0])
    return blank(text, spans) if spans else text


def _concurrent_ddl(statement: ast.Node) -> bool:
    """CREATE INDEX / DROP INDEX / DETACH PARTITION with CONCURRENTLY."""
    if isinstance(statement, ast.IndexStmt | ast.DropStmt):
        return bool(statement.concurrent)
    if isinstance(statement, ast.AlterTableStmt):
        return any(
            isinstance(cmd.def_, ast.PartitionCmd) and bool(cmd.def_.concurrent)
            for cmd in statement.cmds or ()
        )
    return False


def _reindex_concurrently(statement: ast.ReindexStmt) -> bool:
    return any(
        isinstance(p, ast.DefElem) and p.defname == "concurrently" and _option_on(p)
        for p in statement.params or ()
    )


def _option_on(option: ast.DefElem) -> bool:
    """A boolean option as PostgreSQL's defGetBoolean reads it: no value means on."""
    value = option.arg
    if value is None:
        return True
    if isinstance(value, ast.Integer):
        return value.ival != 0
    word = value.sval.lower() if isinstance(value, ast.String) else ""
    return word not in ("false", "off", "0")


def _try_file(conn: psycopg.Connection, file: SchemaFile) -> psycopg.Error | None:
    try:
        with conn.transaction():
            conn.execute(file.text.encode("utf-8"), prepare=False)
    except psycopg.Error as error:
        return error
    return None


def _load_error(conn: psycopg.Connection, file: SchemaFile, error: psycopg.Error) -> LoadError:
    """Name the file and the line of the failing statement, with PostgreSQL's message."""
    message = error.diag.message_primary or str(error).strip().splitlines()[0]
    if error.diag.message_hint and isinstance(error, psycopg.errors.OutOfMemory):
        # "out of shared memory" alone does not say which setting to raise
        message += f" ({error.diag.message_hint})"
    position = error.diag.statement_position
    if position:
        # The server counts characters of the whole query text sent, from 1.
        line = lexer.line_of(file.text, int(position) - 1)
    else:
        line = _failing_line(conn, file)
    return file.error(line, message, error.sqlstate)


def _failing_line(conn: psycopg.Connection, file: SchemaFile) -> int | None:
    """Replay the file statement by statement (then roll back) to find the one that fails."""
    found: int | None = None
    try:
        with conn.transaction():
            for statement in lexer.split(file.text):
                try:
                    conn.execute(statement.text.encode("utf-8"), prepare=False)
                except psycopg.Error as error:
                    found = statement.line
                    position = error.diag.statement_position
                    if position:
                        found = lexer.line_of(file.text, statement.offset + int(position) - 1)
                    break
            raise _Rollback
    except _Rollback:
        pass
    return found


class _Rollback(Exception):
    pass
