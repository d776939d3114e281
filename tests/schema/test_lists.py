"""List rules: items come from the owner's library (never the wishlist), tiers are rows of
their own tier list, and positions are unique per list yet reorderable in one statement."""

from __future__ import annotations

import pytest
from psycopg import errors

ALICE, BOB = "alice.moreau@example.com", "bob@example.org"
COSMERE, MURDERBOT, NARRATIONS = "Start here: the Cosmere", "Murderbot, ranked", "Best narrations"


def add_item(
    platform,
    list_title: str,
    title: str,
    position: int,
    tier: str | None = None,
    owner: str | None = None,
    tier_list: str | None = None,
) -> None:
    list_id = platform.list_id(list_title)
    owner_id = (
        platform.user_id(owner)
        if owner
        else platform.value("SELECT owner_id FROM audiobooks.user_list WHERE id = %s", list_id)
    )
    tier_id = platform.tier_id(tier_list or list_title, tier) if tier else None
    platform.conn.execute(
        "INSERT INTO audiobooks.list_item (list_id, owner_id, title_id, tier_id, position)"
        " VALUES (%s, %s, %s, %s, %s)",
        (list_id, owner_id, platform.title_id(title), tier_id, position),
    )


def positions(platform, list_title: str) -> list[tuple[str, int]]:
    return platform.conn.execute(
        "SELECT t.title, i.position FROM audiobooks.list_item i JOIN audiobooks.title t ON t.id = i.title_id"
        " WHERE i.list_id = %s ORDER BY i.position",
        (platform.list_id(list_title),),
    ).fetchall()


def test_library_title_can_be_listed(platform):
    add_item(platform, COSMERE, "Oathbringer", 5)


def test_list_item_for_title_outside_owners_library_is_rejected(platform):
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        add_item(platform, COSMERE, "Dune", 5)


def test_list_item_for_wishlist_title_is_rejected(platform):
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        add_item(platform, COSMERE, "Wind and Truth", 5)


def test_list_item_for_a_title_in_another_users_library_is_rejected(platform):
    # Bob owns Golden Son; claiming the item is Bob's does not fit Alice's list.
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        add_item(platform, COSMERE, "Golden Son", 5, owner=BOB)


def test_same_title_twice_in_a_list_is_rejected(platform):
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        add_item(platform, COSMERE, "The Way of Kings", 9)


def test_duplicate_position_in_a_list_is_rejected(platform):
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        add_item(platform, COSMERE, "Oathbringer", 1)


def test_whole_list_reorders_in_one_update(platform):
    platform.conn.execute(
        "UPDATE audiobooks.list_item SET position = 5 - position WHERE list_id = %s",
        (platform.list_id(COSMERE),),
    )
    assert positions(platform, COSMERE) == [
        ("Edgedancer", 1),
        ("Words of Radiance", 2),
        ("The Way of Kings", 3),
        ("The Final Empire", 4),
    ]


def test_item_moves_to_the_top_in_one_update(platform):
    platform.conn.execute(
        "UPDATE audiobooks.list_item i SET position = CASE WHEN t.title = 'Edgedancer' THEN 1"
        " ELSE i.position + 1 END FROM audiobooks.title t"
        " WHERE t.id = i.title_id AND i.list_id = %s",
        (platform.list_id(COSMERE),),
    )
    assert [title for title, _ in positions(platform, COSMERE)][:2] == [
        "Edgedancer",
        "The Final Empire",
    ]


def test_tier_from_another_list_is_rejected(platform):
    # Bob's tier list has an 'S' tier too; Alice's Murderbot items cannot use it.
    platform.add_to_library(ALICE, "Dune")
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        add_item(platform, MURDERBOT, "Dune", 7, tier="S", tier_list=NARRATIONS)
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        platform.conn.execute(
            "UPDATE audiobooks.list_item SET tier_id = %s WHERE list_id = %s AND position = 1",
            (platform.tier_id(NARRATIONS, "S"), platform.list_id(MURDERBOT)),
        )


def test_tier_of_the_items_own_list_is_accepted(platform):
    platform.add_to_library(ALICE, "Dune")
    add_item(platform, MURDERBOT, "Dune", 7, tier="C")


def test_tiers_only_on_tier_lists(platform):
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.list_tier (list_id, label, position) VALUES (%s, 'S', 1)",
            (platform.list_id(COSMERE),),
        )


def test_recommendation_list_items_have_no_tier(platform):
    # The only tiers are other lists' tiers, and a tier must belong to the item's own list.
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        add_item(platform, COSMERE, "Oathbringer", 5, tier="S", tier_list=MURDERBOT)


def test_tier_list_with_tiers_cannot_become_a_recommendation_list(platform):
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        platform.conn.execute(
            "UPDATE audiobooks.user_list SET kind = 'recommendation' WHERE id = %s",
            (platform.list_id(MURDERBOT),),
        )


def test_tier_lists_edit_their_own_tiers(platform):
    murderbot = platform.list_id(MURDERBOT)
    platform.conn.execute(
        "INSERT INTO audiobooks.list_tier (list_id, label, position) VALUES (%s, 'D', 5)",
        (murderbot,),
    )
    platform.conn.execute(
        "UPDATE audiobooks.list_tier SET label = 'Perfect' WHERE list_id = %s AND label = 'S'",
        (murderbot,),
    )
    labels = platform.conn.execute(
        "SELECT label FROM audiobooks.list_tier WHERE list_id = %s ORDER BY position", (murderbot,)
    ).fetchall()
    assert [label for (label,) in labels] == ["Perfect", "A", "B", "C", "D"]
    assert (
        platform.value(
            "SELECT count(*) FROM audiobooks.list_tier WHERE list_id = %s",
            platform.list_id(NARRATIONS),
        )
        == 3
    )


def test_duplicate_tier_label_in_a_list_is_rejected(platform):
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.list_tier (list_id, label, position) VALUES (%s, 'A', 9)",
            (platform.list_id(MURDERBOT),),
        )


def test_tiers_reorder_in_one_update(platform):
    murderbot = platform.list_id(MURDERBOT)
    platform.conn.execute(
        "UPDATE audiobooks.list_tier SET position = 5 - position WHERE list_id = %s", (murderbot,)
    )
    labels = platform.conn.execute(
        "SELECT label FROM audiobooks.list_tier WHERE list_id = %s ORDER BY position", (murderbot,)
    ).fetchall()
    assert [label for (label,) in labels] == ["C", "B", "A", "S"]


def test_deleting_a_tier_leaves_its_items_unranked_in_the_list(platform):
    murderbot = platform.list_id(MURDERBOT)
    platform.conn.execute(
        "DELETE FROM audiobooks.list_tier WHERE id = %s", (platform.tier_id(MURDERBOT, "S"),)
    )
    unranked = platform.conn.execute(
        "SELECT list_id, position FROM audiobooks.list_item WHERE list_id = %s AND tier_id IS NULL"
        " ORDER BY position",
        (murderbot,),
    ).fetchall()
    assert unranked == [(murderbot, 1), (murderbot, 2)]


def test_deleting_a_list_removes_its_items_and_tiers(platform):
    murderbot = platform.list_id(MURDERBOT)
    platform.conn.execute("DELETE FROM audiobooks.user_list WHERE id = %s", (murderbot,))
    for table in ("list_item", "list_tier"):
        assert (
            platform.value(f"SELECT count(*) FROM audiobooks.{table} WHERE list_id = %s", murderbot)
            == 0
        )


@pytest.mark.parametrize(
    ("column", "value"), [("kind", "ranking"), ("visibility", "friends"), ("title", "")]
)
def test_list_fields_outside_their_sets_are_rejected(platform, column, value):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            f"UPDATE audiobooks.user_list SET {column} = %s WHERE id = %s",
            (value, platform.list_id(COSMERE)),
        )
