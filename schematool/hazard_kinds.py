"""The hazard kinds a planned statement can carry (`grammar.change.Hazard.kind`).

Shared, below every stage: the gap modules and `diff.renames` attach hazards where a
statement is made, `plan.hazards` judges the rest, `apply` and the CLI refuse or allow
them by kind. The judging stays in `schematool.plan.hazards`.
"""

from __future__ import annotations

DATA_LOSS = "data-loss"
TABLE_REWRITE = "table-rewrite"
BLOCKING_LOCK = "blocking-lock"
INDEX_DROPPED = "index-dropped"
AUTHZ_CHANGE = "authz-change"
UNTRACKED_DEPENDENCY = "untracked-dependency"
RENAME = "rename"
REPLICATION_BREAK = "replication-break"
FAILS_ON_DATA = "fails-on-data"

KINDS = (
    DATA_LOSS,
    TABLE_REWRITE,
    BLOCKING_LOCK,
    INDEX_DROPPED,
    AUTHZ_CHANGE,
    UNTRACKED_DEPENDENCY,
    RENAME,
    REPLICATION_BREAK,
    FAILS_ON_DATA,
)

# what a statement's shape can carry (judged by `plan.hazards`); fails-on-data is found
# by reading the target's rows (`plan.data_checks`), never claimed of a statement unread
JUDGED = tuple(kind for kind in KINDS if kind != FAILS_ON_DATA)
