"""Library rules: one row per user and title, library or wishlist, listening state that agrees
with itself, personal ratings, and titles that vanish from a sync are marked, not deleted."""

from __future__ import annotations

import pytest
from psycopg import errors

ALICE = "alice.moreau@example.com"


def update_item(platform, title: str, assignments: str, *params) -> None:
    platform.conn.execute(
        f"UPDATE audiobooks.library_item SET {assignments} WHERE user_id = %s AND title_id = %s",
        (*params, platform.user_id(ALICE), platform.title_id(title)),
    )


def test_user_holds_a_title_only_once(platform):
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        platform.add_to_library(ALICE, "The Way of Kings", "wishlist")


def test_unknown_shelf_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.add_to_library(ALICE, "Dune", "borrowed")


@pytest.mark.parametrize("progress", [-0.01, 100.01, 250])
def test_progress_outside_0_to_100_is_rejected(platform, progress):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        update_item(platform, "Rhythm of War", "progress_percent = %s", progress)


@pytest.mark.parametrize("progress", [0, 42.5, 100])
def test_progress_within_0_to_100_is_accepted(platform, progress):
    update_item(platform, "Rhythm of War", "progress_percent = %s", progress)


def test_negative_listening_position_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        update_item(platform, "Rhythm of War", "position_ms = -1")


def test_finished_time_without_finished_state_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        update_item(platform, "Rhythm of War", "finished_at = now()")


def test_finished_state_without_finished_time_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        update_item(platform, "Rhythm of War", "is_finished = true")


def test_finishing_sets_state_and_time_together(platform):
    update_item(
        platform, "Rhythm of War", "is_finished = true, finished_at = now(), progress_percent = 100"
    )
    update_item(platform, "The Way of Kings", "is_finished = false, finished_at = NULL")


@pytest.mark.parametrize("column", ["rating_overall", "rating_performance", "rating_story"])
@pytest.mark.parametrize("rating", [0, 6])
def test_personal_rating_outside_1_to_5_is_rejected(platform, column, rating):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        update_item(platform, "Rhythm of War", f"{column} = %s", rating)


@pytest.mark.parametrize(
    "tags",
    [["cosmere", "cosmere"], [""], [" padded"], ["x" * 51], [None], [f"t{i}" for i in range(51)]],
    ids=["duplicate", "empty", "untrimmed", "too-long", "null", "too-many"],
)
def test_invalid_tags_are_rejected(platform, tags):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        update_item(platform, "Rhythm of War", "tags = %s", tags)


def test_wishlist_title_stays_apart_from_library(platform):
    shelves = dict(
        platform.conn.execute(
            "SELECT shelf, count(*) FROM audiobooks.library_item WHERE user_id = %s GROUP BY shelf",
            (platform.user_id(ALICE),),
        ).fetchall()
    )
    assert shelves == {"library": 20, "wishlist": 3}


def test_title_gone_from_a_sync_is_marked_and_stays_on_lists(platform):
    items_before = platform.value("SELECT count(*) FROM audiobooks.list_item")
    update_item(platform, "Edgedancer", "missing_since = now()")
    assert platform.value("SELECT count(*) FROM audiobooks.list_item") == items_before
    assert (
        platform.value(
            "SELECT count(*) FROM audiobooks.list_item WHERE title_id = %s",
            platform.title_id("Edgedancer"),
        )
        == 1
    )


def test_moving_a_listed_title_to_the_wishlist_is_refused(platform):
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        update_item(platform, "The Final Empire", "shelf = 'wishlist'")


def test_removing_a_title_from_a_library_takes_it_off_that_users_lists(platform):
    alice, title = platform.user_id(ALICE), platform.title_id("The Final Empire")
    platform.conn.execute(
        "DELETE FROM audiobooks.library_item WHERE user_id = %s AND title_id = %s", (alice, title)
    )
    assert (
        platform.value("SELECT count(*) FROM audiobooks.list_item WHERE title_id = %s", title) == 0
    )
