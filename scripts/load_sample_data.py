"""Load the sample data (tests/data/sample_data.sql) into the platform database.

The database is the one `schematool plan` would use: --database-url, else $DATABASE_URL,
else the embedded local server (started on demand). The platform schema must be applied
first (`schematool apply`). The rows go in one transaction, as a superuser should load
them (row-level security does not apply to superusers), so a load is all or nothing;
a database that already holds them is left as it is, so the script can run again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from schematool import db  # noqa: E402
from schematool.cli import common  # noqa: E402
from schematool.errors import ExitCode, SchemaToolError  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "sample_data.sql"
# A row only the sample data holds: if it is there, the sample data is (it loads in one
# transaction). Its e-mail is unique regardless of case in the platform schema.
MARKER = "SELECT EXISTS (SELECT FROM audiobooks.app_user WHERE lower(email) = 'bob@example.org')"
# Two loads at once would both find no marker; the second waits for the first instead.
LOCK = "SELECT pg_advisory_xact_lock(hashtext('schematool sample data'))"

EXIT_CODES = f"""\
exit codes:
  {ExitCode.OK:<3} loaded, or the sample data was already there (nothing changed)
  {ExitCode.ERROR:<3} cannot connect, the schema is not applied, or the load failed
      (nothing changed)
  {ExitCode.USAGE:<3} bad arguments
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one `error:` line, as schematool prints them."""

    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.USAGE, f"error: {message} (see --help)\n")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(
        prog="python scripts/load_sample_data.py",
        description=__doc__,
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="target database (default: $DATABASE_URL, else the local server)",
    )
    return parser.parse_args(argv)


def load(target: db.Address) -> bool:
    """Load the sample data in one transaction; False when it was already there."""
    sample = SAMPLE.relative_to(ROOT)
    with db.connect(target) as conn, conn.transaction():
        if conn.execute("SELECT to_regclass('audiobooks.app_user')").fetchone()[0] is None:
            raise SchemaToolError(
                f"{target} has no platform schema: run `schematool apply` first"
            )
        conn.execute(LOCK)
        if conn.execute(MARKER).fetchone()[0]:
            return False
        try:
            conn.execute(SAMPLE.read_text(encoding="utf-8"))
        except psycopg.Error as error:
            reason = error.diag.message_primary or str(error).strip().splitlines()[0]
            raise SchemaToolError(f"loading {sample} failed: {reason}") from None
    return True


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        target = common.target_url(common.settings(args.database_url))
        loaded = load(target)
    except SchemaToolError as error:  # its message never holds a password
        return _fail(str(error), error.exit_code)
    except psycopg.Error as error:  # the connection lost mid-way: a server shut down
        lines = str(error).strip().splitlines() or [type(error).__name__]
        return _fail(target.redact(lines[0]), ExitCode.ERROR)
    sample = SAMPLE.relative_to(ROOT)
    print(f"loaded {sample} into {target}" if loaded else f"sample data already loaded in {target}")
    return ExitCode.OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
