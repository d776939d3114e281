"""Sync rules: connect tokens stored as hashes only, short-lived and consumed once; extension
sessions hashed; at most one running sync per user; runs whose status agrees with their times."""

from __future__ import annotations

import hashlib

import pytest
from psycopg import errors

ALICE, BOB = "alice.moreau@example.com", "bob@example.org"


def issue(platform, email: str = ALICE) -> str:
    return platform.value("SELECT audiobooks.issue_sync_token(%s)", platform.user_id(email))


def consume(platform, token: str) -> int | None:
    return platform.value("SELECT audiobooks.consume_sync_token(%s)", token)


def start_sync(platform, email: str) -> int:
    return platform.value(
        "INSERT INTO audiobooks.sync_run (user_id, marketplace_id) VALUES (%s, %s) RETURNING id",
        platform.user_id(email),
        platform.marketplace_id(),
    )


def test_token_is_consumed_once(platform):
    token = issue(platform)
    assert consume(platform, token) == platform.user_id(ALICE)
    assert consume(platform, token) is None


def test_token_from_the_sample_data_was_used_and_stays_used(platform):
    assert consume(platform, "alice-connect-token-used") is None


def test_expired_token_is_never_consumed(platform):
    assert consume(platform, "bob-connect-token-expired") is None
    assert (
        platform.value(
            "SELECT consumed_at FROM audiobooks.sync_token WHERE token_hash = audiobooks.hash_token(%s)",
            "bob-connect-token-expired",
        )
        is None
    )


def test_token_expiring_now_is_not_consumed(platform):
    token = issue(platform)
    platform.conn.execute(
        "UPDATE audiobooks.sync_token SET created_at = now() - interval '11 minutes',"
        " expires_at = now() - interval '1 minute' WHERE token_hash = audiobooks.hash_token(%s)",
        (token,),
    )
    assert consume(platform, token) is None


def test_unknown_token_returns_nothing(platform):
    assert consume(platform, "never-issued") is None


def test_no_plain_token_is_stored(platform):
    token = issue(platform)
    stored = platform.conn.execute(
        "SELECT token_hash, row_to_json(t)::text FROM audiobooks.sync_token t"
        " WHERE token_hash = audiobooks.hash_token(%s)",
        (token,),
    ).fetchone()
    assert stored is not None
    token_hash, row_text = stored
    assert bytes(token_hash) == hashlib.sha256(token.encode()).digest()
    assert token not in row_text
    assert len(token) >= 40  # 244 random bits, URL-safe base64


def test_token_hash_that_is_not_a_sha256_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.sync_token (user_id, token_hash) VALUES (%s, convert_to('plain-token', 'UTF8'))",
            (platform.user_id(ALICE),),
        )


def test_token_valid_longer_than_15_minutes_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.value(
            "SELECT audiobooks.issue_sync_token(%s, interval '1 day')", platform.user_id(ALICE)
        )


def test_extension_session_stores_only_a_hash(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.extension_session (user_id, token_hash)"
            " VALUES (%s, convert_to('session-secret', 'UTF8'))",
            (platform.user_id(ALICE),),
        )


def test_live_extension_session_authenticates_its_user(platform):
    user = platform.value(
        "SELECT audiobooks.authenticate_extension_session('alice-extension-session-secret')"
    )
    assert user == platform.user_id(ALICE)


def test_revoked_or_expired_extension_session_does_not_authenticate(platform):
    assert (
        platform.value(
            "SELECT audiobooks.authenticate_extension_session('bob-extension-session-secret')"
        )
        is None
    )
    platform.conn.execute(
        "UPDATE audiobooks.extension_session SET expires_at = created_at + interval '1 second'"
        " WHERE token_hash = audiobooks.hash_token('alice-extension-session-secret')"
    )
    assert (
        platform.value(
            "SELECT audiobooks.authenticate_extension_session('alice-extension-session-secret')"
        )
        is None
    )


def test_second_running_sync_for_a_user_is_rejected(platform):
    start_sync(platform, ALICE)
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        start_sync(platform, ALICE)


def test_running_syncs_of_different_users_coexist(platform):
    start_sync(platform, ALICE)
    start_sync(platform, BOB)


def test_new_sync_may_start_once_the_running_one_finished(platform):
    run = start_sync(platform, ALICE)
    platform.conn.execute(
        "UPDATE audiobooks.sync_run SET status = 'succeeded', finished_at = now(), items_seen = 23"
        " WHERE id = %s",
        (run,),
    )
    start_sync(platform, ALICE)


@pytest.mark.parametrize(
    ("status", "finished"),
    [("running", "now()"), ("succeeded", "NULL"), ("partial", "NULL")],
)
def test_sync_status_disagreeing_with_finish_time_is_rejected(platform, status, finished):
    run = start_sync(platform, ALICE)
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            f"UPDATE audiobooks.sync_run SET status = %s, finished_at = {finished} WHERE id = %s",
            (status, run),
        )


def test_failed_sync_without_error_message_is_rejected(platform):
    run = start_sync(platform, ALICE)
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "UPDATE audiobooks.sync_run SET status = 'failed', finished_at = now() WHERE id = %s",
            (run,),
        )


@pytest.mark.parametrize(
    "counter",
    ["items_seen", "items_added", "items_updated", "items_marked_missing", "warning_count"],
)
def test_negative_sync_counter_is_rejected(platform, counter):
    run = start_sync(platform, ALICE)
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            f"UPDATE audiobooks.sync_run SET {counter} = -1 WHERE id = %s", (run,)
        )


def test_sync_issue_records_a_malformed_asin_as_sent(platform):
    run = start_sync(platform, ALICE)
    platform.conn.execute(
        "INSERT INTO audiobooks.sync_run_issue (sync_run_id, severity, code, asin, message)"
        " VALUES (%s, 'warning', 'malformed_asin', 'b0-bad', 'ASIN does not look like one')",
        (run,),
    )


def test_sync_issue_with_unknown_severity_is_rejected(platform):
    run = start_sync(platform, ALICE)
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.sync_run_issue (sync_run_id, severity, code, message)"
            " VALUES (%s, 'fatal', 'boom', 'x')",
            (run,),
        )
