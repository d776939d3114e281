"""Account rules: one account per address whatever its case, credentials out of the profile
and never in the clear, status history, and deleting a user removes what they own."""

from __future__ import annotations

import pytest
from psycopg import errors

ARGON2 = "$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$J3n2Q0rA6m0a4h7vTq5dC1bE2fG3hI4jK5lM6nO7pQ8"


def insert_user(conn, email: str, display_name: str = "Someone") -> int:
    return conn.execute(
        "INSERT INTO audiobooks.app_user (email, display_name) VALUES (%s, %s) RETURNING id",
        (email, display_name),
    ).fetchone()[0]


def test_duplicate_email_differing_only_in_case_is_rejected(platform):
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        insert_user(platform.conn, "alice.moreau@EXAMPLE.com")


def test_email_keeps_the_case_it_was_typed_in(platform):
    assert (
        platform.value(
            "SELECT email FROM audiobooks.app_user WHERE id = %s",
            platform.user_id("alice.moreau@example.com"),
        )
        == "Alice.Moreau@example.com"
    )


@pytest.mark.parametrize("email", ["alice", "alice@", "@example.com", "a b@example.com", ""])
def test_malformed_email_is_rejected(platform, email):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        insert_user(platform.conn, email)


@pytest.mark.parametrize("name", ["", " Dave", "Dave ", "x" * 81])
def test_blank_untrimmed_or_overlong_display_name_is_rejected(platform, name):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        insert_user(platform.conn, "dave@example.com", name)


def test_unknown_account_status_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "UPDATE audiobooks.app_user SET status = 'banned' WHERE id = %s",
            (platform.user_id("bob@example.org"),),
        )


def test_suspension_without_a_reason_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "UPDATE audiobooks.app_user SET status = 'suspended' WHERE id = %s",
            (platform.user_id("bob@example.org"),),
        )


def test_status_change_is_stamped_by_the_database(platform):
    bob = platform.user_id("bob@example.org")
    before = platform.value("SELECT status_changed_at FROM audiobooks.app_user WHERE id = %s", bob)
    platform.conn.execute(
        "UPDATE audiobooks.app_user SET status = 'suspended', status_reason = 'Spam lists'"
        " WHERE id = %s",
        (bob,),
    )
    after = platform.value("SELECT status_changed_at FROM audiobooks.app_user WHERE id = %s", bob)
    assert after > before


def test_updated_at_is_stamped_by_the_database_on_update(platform):
    carol = platform.user_id("carol.nguyen@example.net")
    platform.conn.execute(
        "UPDATE audiobooks.app_user SET display_name = 'Carol N.', updated_at = '2000-01-01'"
        " WHERE id = %s",
        (carol,),
    )
    stamped = platform.value(
        "SELECT updated_at > now() - interval '1 minute' FROM audiobooks.app_user WHERE id = %s",
        carol,
    )
    assert stamped


def test_profile_row_holds_no_credentials(platform):
    columns = {
        name
        for (name,) in platform.conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = 'audiobooks' AND table_name = 'app_user'"
        )
    }
    assert not {c for c in columns if "password" in c or "token" in c or "secret" in c}


@pytest.mark.parametrize(
    "password_hash", ["hunter2", "$argon2id$", "5f4dcc3b5aa765d61d8327deb882cf99"]
)
def test_password_that_is_not_a_hash_is_rejected(platform, password_hash):
    bob = platform.user_id("bob@example.org")
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.user_password (user_id, password_hash) VALUES (%s, %s)",
            (bob, password_hash),
        )


def test_argon2id_and_bcrypt_hashes_are_accepted(platform):
    bob = platform.user_id("bob@example.org")
    platform.conn.execute(
        "INSERT INTO audiobooks.user_password (user_id, password_hash) VALUES (%s, %s)",
        (bob, ARGON2),
    )
    platform.conn.execute(
        "UPDATE audiobooks.user_password SET password_hash = %s WHERE user_id = %s",
        ("$2b$12$" + "a" * 53, bob),
    )


def test_user_has_at_most_one_password(platform):
    alice = platform.user_id("alice.moreau@example.com")
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.user_password (user_id, password_hash) VALUES (%s, %s)",
            (alice, ARGON2),
        )


def test_external_identity_belongs_to_one_user(platform):
    alice = platform.user_id("alice.moreau@example.com")
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.user_identity (user_id, provider, subject)"
            " VALUES (%s, 'google', '108234567890123456789')",
            (alice,),
        )


def test_deleting_a_user_removes_everything_they_own_but_no_catalog_title(platform):
    alice = platform.user_id("alice.moreau@example.com")
    titles_before = platform.value("SELECT count(*) FROM audiobooks.title")
    others_before = platform.value(
        "SELECT count(*) FROM audiobooks.library_item WHERE user_id <> %s", alice
    )
    platform.conn.execute("DELETE FROM audiobooks.app_user WHERE id = %s", (alice,))
    owned = {
        "user_password": "user_id",
        "user_identity": "user_id",
        "library_item": "user_id",
        "user_list": "owner_id",
        "list_item": "owner_id",
        "sync_token": "user_id",
        "extension_session": "user_id",
        "sync_run": "user_id",
    }
    for table, column in owned.items():
        left = platform.value(f"SELECT count(*) FROM audiobooks.{table} WHERE {column} = %s", alice)
        assert left == 0, table
    assert platform.value("SELECT count(*) FROM audiobooks.list_tier") == 3  # Bob's tiers only
    assert platform.value("SELECT count(*) FROM audiobooks.sync_run_issue") == 0  # all were Alice's
    assert platform.value("SELECT count(*) FROM audiobooks.title") == titles_before
    assert (
        platform.value("SELECT count(*) FROM audiobooks.library_item WHERE user_id <> %s", alice)
        == others_before
    )
