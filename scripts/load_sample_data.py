"""Load the sample data (tests/data/sample_data.sql) into the platform database.

    python scripts/load_sample_data.py [--database-url URL]

The database is the one `schematool plan` would use: --database-url, else $DATABASE_URL,
else the embedded local server (started on demand). The platform schema must be applied
first (`schematool apply`); the rows go in one transaction, as a superuser should load
them (row-level security does not apply to superusers), and a database that already
holds them is refused by its unique keys, changing nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from schematool import db  # noqa: E402
from schematool.cli import common  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "sample_data.sql"


def main(argv: list[str]) -> int:
    url = argv[argv.index("--database-url") + 1] if "--database-url" in argv else None
    target = common.target_url(common.settings(url))
    try:
        with db.connect(target) as conn, conn.transaction():
            conn.execute(SAMPLE.read_text(encoding="utf-8"))
    except psycopg.Error as error:
        print(f"error: loading {SAMPLE.relative_to(ROOT)} failed: {error.diag.message_primary}")
        return 1
    print(f"loaded {SAMPLE.relative_to(ROOT)} into {db.mask_url(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
