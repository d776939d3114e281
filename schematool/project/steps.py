"""Custom steps: one-time SQL no diff can derive (a data backfill), in `steps/*.sql`.

Each file starts with a header comment that says when it runs:

    -- schematool:step before   in the apply's transaction, before the schema changes
    -- schematool:step after    in the apply's transaction, after the schema changes
                                (a NOT NULL the plan adds is set after it: a backfill)
    -- schematool:step alone    on its own, in autocommit, after the transaction commits
                                (what cannot run in a transaction: CREATE INDEX
                                CONCURRENTLY, VACUUM; a batched backfill)

A step runs once per database: apply records its name and the hash of its text
(`schematool.custom_steps`); a file that ran and was edited since is an error, never a
rerun. Read here, when a plan is made; which have run is `plan.steps`' to ask.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from schematool.errors import LoadError
from schematool.project.files import not_utf8, read_utf8

BEFORE, AFTER, ALONE = "before", "after", "alone"
_HEADER = re.compile(r"--\s*schematool:step\s+(\S+)\s*$")


@dataclass(frozen=True)
class CustomStep:
    name: str  # its path under the steps folder: `2026-12-backfill-slugs.sql`
    label: str  # as users see it: `steps/2026-12-backfill-slugs.sql`
    text: str
    when: str  # BEFORE, AFTER or ALONE

    @property
    def digest(self) -> str:
        """What history records of its text: an edit after it ran is refused."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_steps(folder: Path, label: str) -> list[CustomStep]:
    """The folder's steps in name order (the order they run in); none without the folder."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(p for p in folder.rglob("*.sql") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        shown = f"{label}/{name}"
        try:
            text = read_utf8(path)
        except UnicodeDecodeError as error:
            raise LoadError(shown, *not_utf8(error)) from None
        found.append(CustomStep(name, shown, text, _when(text, shown)))
    return found


def _when(text: str, shown: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    match = _HEADER.fullmatch(first)
    if match is None:
        raise LoadError(
            shown,
            1,
            "a custom step starts with its header: -- schematool:step before (after, alone)",
        )
    when = match[1]
    if when not in (BEFORE, AFTER, ALONE):
        raise LoadError(shown, 1, f"unknown step time {when!r}: write before, after or alone")
    return when
