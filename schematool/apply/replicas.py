"""Stage 5: waiting for the standbys before each transaction of an apply
(`--max-replica-lag`, `schematool.inspect.replication`).

A standby replays what the primary wrote in order: an apply that starts while a standby
is far behind adds its own WAL (an index build, a table rewrite, locks the standby's
readers wait for) to a queue that is already long. So before the one transaction of an
apply, and before the core and each online step of an online apply, the primary's
`pg_stat_replication` is read on the apply's own session, and the apply waits until
every standby is within the limit: as it waits for a lock, with the same retries and
backoff (a note per retry naming the standby and its lag), then giving up with the
lock timeout's exit code (7), naming the standby.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from schematool import db
from schematool.apply import runner
from schematool.apply.runner import ApplyOptions
from schematool.inspect import replication
from schematool.project.config import Settings

WAITED = "found a standby behind"  # what a retry's note says of the attempt


def wait(
    settings: Settings,
    options: ApplyOptions,
    conn: psycopg.Connection,
    target_url: db.Url,
    give_up: Callable[[str], None],
) -> None:
    """Return once every standby of the target is within settings.max_replica_lag (at
    once when no limit is set); after the retries, `give_up(message)` (which may raise
    its own error; else LockTimeout, "nothing was changed")."""
    limit = settings.max_replica_lag
    if limit is None:
        return
    role = conn.info.user
    check = runner.retrier(settings, options)  # a budget of its own, as an online step's
    check.run(lambda: replication.check_lag(conn, limit, role), target_url, give_up, WAITED)
