"""Access: the application role has data privileges only, and row-level security (enabled and
forced) shows a user their own rows plus other users' public lists with their items and tiers."""

from __future__ import annotations

import pytest
from psycopg import errors

ALICE, BOB, CAROL = "alice.moreau@example.com", "bob@example.org", "carol.nguyen@example.net"

USER_OWNED = [
    "app_user",
    "user_password",
    "user_identity",
    "library_item",
    "user_list",
    "list_tier",
    "list_item",
    "sync_token",
    "extension_session",
    "sync_run",
    "sync_run_issue",
]


def list_titles(conn) -> set[str]:
    return {title for (title,) in conn.execute("SELECT title FROM audiobooks.user_list")}


def test_row_level_security_is_enabled_and_forced_on_every_user_owned_table(platform):
    rows = platform.conn.execute(
        "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
        " WHERE relnamespace = 'audiobooks'::regnamespace AND relkind = 'r'"
    ).fetchall()
    secured = {name for name, enabled, forced in rows if enabled and forced}
    assert set(USER_OWNED) <= secured


def test_user_cannot_read_another_users_private_list(platform):
    with platform.as_user(CAROL) as conn:
        titles = list_titles(conn)
        hidden_items = conn.execute(
            "SELECT count(*) FROM audiobooks.list_item WHERE list_id = %s",
            (
                platform.value(
                    "SELECT id FROM audiobooks.user_list WHERE title = 'Comfort listens'"
                ),
            ),
        ).fetchone()[0]
        hidden_tiers = conn.execute(
            "SELECT count(*) FROM audiobooks.list_tier WHERE label = 'S'"
        ).fetchone()[0]
    assert "Comfort listens" not in titles and "Best narrations" not in titles
    assert hidden_items == 0
    assert hidden_tiers == 1  # Alice's public Murderbot tier list only, not Bob's private one


def test_user_can_read_others_public_lists_with_their_items_and_tiers(platform):
    with platform.as_user(CAROL) as conn:
        titles = list_titles(conn)
        items = conn.execute(
            "SELECT t.title FROM audiobooks.list_item i JOIN audiobooks.user_list l ON l.id = i.list_id"
            " JOIN audiobooks.title t ON t.id = i.title_id"
            " WHERE l.title = 'Murderbot, ranked' ORDER BY i.position"
        ).fetchall()
        tiers = conn.execute(
            "SELECT lt.label FROM audiobooks.list_tier lt JOIN audiobooks.user_list l ON l.id = lt.list_id"
            " WHERE l.title = 'Murderbot, ranked' ORDER BY lt.position"
        ).fetchall()
    assert titles == {"Start here: the Cosmere", "Murderbot, ranked", "Gym fuel", "For Dad"}
    assert items[0] == ("Network Effect",) and len(items) == 6
    assert [label for (label,) in tiers] == ["S", "A", "B", "C"]


def test_user_sees_their_own_private_lists(platform):
    with platform.as_user(BOB) as conn:
        assert {"Best narrations", "Gym fuel"} <= list_titles(conn)


def test_user_cannot_read_another_users_library_account_or_syncs(platform):
    with platform.as_user(CAROL) as conn:
        visible = {
            table: conn.execute(
                f"SELECT count(*) FROM audiobooks.{table} WHERE {column} <> %s",
                (platform.user_id(CAROL),),
            ).fetchone()[0]
            for table, column in [
                ("app_user", "id"),
                ("user_password", "user_id"),
                ("user_identity", "user_id"),
                ("library_item", "user_id"),
                ("sync_token", "user_id"),
                ("extension_session", "user_id"),
                ("sync_run", "user_id"),
            ]
        }
        issues = conn.execute("SELECT count(*) FROM audiobooks.sync_run_issue").fetchone()[0]
    assert visible == dict.fromkeys(visible, 0)
    assert issues == 0


def test_without_a_current_user_no_user_owned_row_is_visible_except_public_lists(platform):
    with platform.as_user(None) as conn:
        counts = {
            t: conn.execute(f"SELECT count(*) FROM audiobooks.{t}").fetchone()[0]
            for t in USER_OWNED
        }
    public = {"user_list", "list_tier", "list_item"}
    assert all(counts[t] == 0 for t in USER_OWNED if t not in public)
    assert counts["user_list"] == 3


def test_user_cannot_update_or_delete_another_users_rows(platform):
    cosmere = platform.value(
        "SELECT id FROM audiobooks.user_list WHERE title = 'Start here: the Cosmere'"
    )
    with platform.as_user(BOB) as conn:
        renamed = conn.execute(
            "UPDATE audiobooks.user_list SET title = 'Mine now' WHERE id = %s", (cosmere,)
        ).rowcount
        deleted_items = conn.execute(
            "DELETE FROM audiobooks.list_item WHERE list_id = %s", (cosmere,)
        ).rowcount
        progress = conn.execute(
            "UPDATE audiobooks.library_item SET progress_percent = 0 WHERE user_id = %s",
            (platform.user_id(ALICE),),
        ).rowcount
        accounts = conn.execute(
            "DELETE FROM audiobooks.app_user WHERE id = %s", (platform.user_id(ALICE),)
        ).rowcount
    assert (renamed, deleted_items, progress, accounts) == (0, 0, 0, 0)
    assert (
        platform.value("SELECT title FROM audiobooks.user_list WHERE id = %s", cosmere)
        == "Start here: the Cosmere"
    )


def test_user_cannot_insert_rows_for_another_user(platform):
    alice = platform.user_id(ALICE)
    with platform.as_user(BOB) as conn:
        with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "INSERT INTO audiobooks.user_list (owner_id, kind, title) VALUES (%s, 'recommendation', 'Spam')",
                (alice,),
            )
        with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "INSERT INTO audiobooks.library_item (user_id, title_id) VALUES (%s, %s)",
                (alice, platform.title_id("Dune")),
            )
        with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
            conn.execute(
                "INSERT INTO audiobooks.list_tier (list_id, label, position) VALUES (%s, 'Z', 9)",
                (platform.list_id("Murderbot, ranked"),),
            )


def test_user_cannot_hand_their_row_to_another_user(platform):
    with platform.as_user(BOB) as conn:
        with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
            conn.execute("UPDATE audiobooks.sync_run SET user_id = %s", (platform.user_id(ALICE),))


def test_user_writes_their_own_rows(platform):
    with platform.as_user(BOB) as conn:
        list_id = conn.execute(
            "INSERT INTO audiobooks.user_list (owner_id, kind, visibility, title)"
            " VALUES (audiobooks.current_user_id(), 'tier', 'public', 'Expanse ranked') RETURNING id"
        ).fetchone()[0]
        tier = conn.execute(
            "INSERT INTO audiobooks.list_tier (list_id, label, position) VALUES (%s, 'S', 1) RETURNING id",
            (list_id,),
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO audiobooks.list_item (list_id, owner_id, title_id, tier_id, position)"
            " VALUES (%s, audiobooks.current_user_id(), %s, %s, 1)",
            (list_id, platform.title_id("Leviathan Wakes"), tier),
        )
        conn.execute(
            "UPDATE audiobooks.library_item SET progress_percent = 80 WHERE title_id = %s",
            (platform.title_id("Caliban's War"),),
        )


def test_extension_consumes_a_token_without_a_current_user(platform):
    token = platform.value("SELECT audiobooks.issue_sync_token(%s)", platform.user_id(BOB))
    with platform.as_user(None) as conn:
        first = conn.execute("SELECT audiobooks.consume_sync_token(%s)", (token,)).fetchone()[0]
        second = conn.execute("SELECT audiobooks.consume_sync_token(%s)", (token,)).fetchone()[0]
        session = conn.execute(
            "SELECT audiobooks.authenticate_extension_session('alice-extension-session-secret')"
        ).fetchone()[0]
        tokens_visible = conn.execute("SELECT count(*) FROM audiobooks.sync_token").fetchone()[0]
    assert (first, second) == (platform.user_id(BOB), None)
    assert session == platform.user_id(ALICE)
    assert tokens_visible == 0


def test_password_login_sees_the_named_account_only(platform):
    with platform.as_user(None) as conn:
        conn.execute("SELECT set_config('app.login_email', 'ALICE.MOREAU@example.com', false)")
        try:
            rows = conn.execute(
                "SELECT u.id, p.password_hash FROM audiobooks.app_user u"
                " JOIN audiobooks.user_password p ON p.user_id = u.id"
            ).fetchall()
            users = conn.execute("SELECT count(*) FROM audiobooks.app_user").fetchone()[0]
        finally:
            conn.execute("SELECT set_config('app.login_email', '', false)")
    assert [user for user, _ in rows] == [platform.user_id(ALICE)]
    assert users == 1


def test_signup_creates_only_the_named_account(platform):
    with platform.as_user(None) as conn:
        conn.execute("SELECT set_config('app.login_email', 'dave@example.com', false)")
        try:
            created = conn.execute(
                "INSERT INTO audiobooks.app_user (email, display_name) VALUES ('Dave@example.com', 'Dave')"
                " RETURNING id"
            ).fetchone()[0]
            with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
                conn.execute(
                    "INSERT INTO audiobooks.app_user (email, display_name) VALUES ('eve@example.com', 'Eve')"
                )
        finally:
            conn.execute("SELECT set_config('app.login_email', '', false)")
    assert created


def test_application_role_cannot_create_or_drop_tables(platform):
    with platform.as_user(ALICE) as conn:
        for statement in (
            "CREATE TABLE audiobooks.scratch (id int)",
            "CREATE TABLE public.scratch (id int)",
            "DROP TABLE audiobooks.list_item",
            "ALTER TABLE audiobooks.title ADD COLUMN x int",
            "CREATE SCHEMA scratch",
            "TRUNCATE audiobooks.title CASCADE",
        ):
            with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)


def test_application_role_cannot_delete_catalog_titles_or_marketplaces(platform):
    with platform.as_user(ALICE) as conn:
        for statement in (
            "DELETE FROM audiobooks.title",
            "INSERT INTO audiobooks.marketplace (code, name, site_domain) VALUES ('fr', 'Audible FR', 'audible.fr')",
        ):
            with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
                conn.execute(statement)


def test_application_role_cannot_rewrite_token_hashes(platform):
    with platform.as_user(ALICE) as conn:
        with pytest.raises(errors.InsufficientPrivilege), conn.transaction():
            conn.execute("UPDATE audiobooks.sync_token SET token_hash = audiobooks.hash_token('x')")


def test_application_role_owns_nothing_and_bypasses_nothing(platform):
    owned = platform.value(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
        " WHERE r.rolname = 'audiobooks_app'"
    )
    role = platform.conn.execute(
        "SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = 'audiobooks_app'"
    ).fetchone()
    assert owned == 0
    assert role == (False, False, False, False)


def test_application_role_uses_the_schema_by_explicit_grant(platform):
    assert platform.value("SELECT has_schema_privilege('audiobooks_app', 'audiobooks', 'USAGE')")
    assert not platform.value(
        "SELECT has_schema_privilege('audiobooks_app', 'audiobooks', 'CREATE')"
    )
