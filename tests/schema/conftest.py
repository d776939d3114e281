"""Helpers for the schema tests. The database itself comes from `platform_db` (tests/conftest.py):
a fresh copy of the rendered schema with tests/data/sample_data.sql, as a superuser.

Sample data the tests lean on (see the file): users alice.moreau@example.com, bob@example.org and
carol.nguyen@example.net; Alice's public lists 'Start here: the Cosmere' and 'Murderbot, ranked'
(a tier list), her private 'Comfort listens'; Bob's private tier list 'Best narrations' and public
'Gym fuel'; Alice's wishlist holds 'Wind and Truth'.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

APP_ROLE = "audiobooks_app"


class Platform:
    """Small, explicit lookups by natural keys, so tests read as the rule they prove."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def value(self, query: str, *params: Any) -> Any:
        row = self.conn.execute(query, params).fetchone()
        return None if row is None else row[0]

    def user_id(self, email: str) -> int:
        return self.value(
            "SELECT id FROM audiobooks.app_user WHERE lower(email) = lower(%s)", email
        )

    def title_id(self, title: str, marketplace: str = "us") -> int:
        return self.value(
            "SELECT t.id FROM audiobooks.title t JOIN audiobooks.marketplace m ON m.id = t.marketplace_id"
            " WHERE t.title = %s AND m.code = %s",
            title,
            marketplace,
        )

    def marketplace_id(self, code: str = "us") -> int:
        return self.value("SELECT id FROM audiobooks.marketplace WHERE code = %s", code)

    def list_id(self, title: str) -> int:
        return self.value("SELECT id FROM audiobooks.user_list WHERE title = %s", title)

    def tier_id(self, list_title: str, label: str) -> int:
        return self.value(
            "SELECT t.id FROM audiobooks.list_tier t JOIN audiobooks.user_list l ON l.id = t.list_id"
            " WHERE l.title = %s AND t.label = %s",
            list_title,
            label,
        )

    def add_to_library(self, email: str, title: str, shelf: str = "library") -> None:
        self.conn.execute(
            "INSERT INTO audiobooks.library_item (user_id, title_id, shelf) VALUES (%s, %s, %s)",
            (self.user_id(email), self.title_id(title), shelf),
        )

    @contextmanager
    def as_user(self, email: str | None) -> Iterator[psycopg.Connection]:
        """Run as the application role with app.user_id set to the given user (or none)."""
        user = "" if email is None else str(self.user_id(email))
        self.conn.execute(f"SET ROLE {APP_ROLE}")
        self.conn.execute("SELECT set_config('app.user_id', %s, false)", (user,))
        try:
            yield self.conn
        finally:
            self.conn.execute("RESET ROLE")
            self.conn.execute("SELECT set_config('app.user_id', '', false)")


@pytest.fixture
def platform(platform_db: psycopg.Connection) -> Platform:
    return Platform(platform_db)
