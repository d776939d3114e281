"""Catalog rules: titles keyed by (marketplace, ASIN), open Audible vocabularies, series order,
category ladders, and titles that a library holds cannot be deleted."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

INSERT_TITLE = (
    "INSERT INTO audiobooks.title (marketplace_id, asin, title) VALUES (%s, %s, %s) RETURNING id"
)


def insert_title(conn: psycopg.Connection, marketplace_id: int, asin: str, title: str = "T") -> int:
    return conn.execute(INSERT_TITLE, (marketplace_id, asin, title)).fetchone()[0]


@pytest.mark.parametrize(
    "asin", ["b08g9prs1k", "B08G9PRS1", "B08G9PRS1KX", "B08G-PRS1K", " B08G9PRS1K"]
)
def test_malformed_asin_is_rejected(platform, asin):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        insert_title(platform.conn, platform.marketplace_id(), asin)


def test_well_formed_asin_is_accepted(platform):
    assert insert_title(platform.conn, platform.marketplace_id(), "1250237408")


def test_same_asin_twice_in_one_marketplace_is_rejected(platform):
    insert_title(platform.conn, platform.marketplace_id("ca"), "B0TESTASIN")
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        insert_title(platform.conn, platform.marketplace_id("ca"), "B0TESTASIN")


def test_same_asin_in_two_marketplaces_is_two_titles(platform):
    first = insert_title(platform.conn, platform.marketplace_id("us"), "B0TESTASIN")
    second = insert_title(platform.conn, platform.marketplace_id("ca"), "B0TESTASIN")
    assert first != second


def test_same_book_has_different_asins_in_different_marketplaces(platform):
    assert platform.title_id("Project Hail Mary", "us") != platform.title_id(
        "Project Hail Mary", "uk"
    )
    asins = platform.value(
        "SELECT count(DISTINCT asin) FROM audiobooks.title WHERE title = 'Project Hail Mary'"
    )
    assert asins == 2


@pytest.mark.parametrize("column", ["rating_overall", "rating_performance", "rating_story"])
@pytest.mark.parametrize("rating", [-0.01, 5.01])
def test_aggregate_rating_outside_zero_to_five_is_rejected(platform, column, rating):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            f"UPDATE audiobooks.title SET {column} = %s WHERE id = %s",
            (rating, platform.title_id("Dune")),
        )


def test_negative_rating_count_is_rejected(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "UPDATE audiobooks.title SET rating_count = -1 WHERE id = %s",
            (platform.title_id("Dune"),),
        )


def test_empty_optional_text_is_rejected_so_syncs_store_null(platform):
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "UPDATE audiobooks.title SET subtitle = '' WHERE id = %s", (platform.title_id("Dune"),)
        )


def test_new_audible_vocabulary_values_are_accepted(platform):
    platform.conn.execute(
        "UPDATE audiobooks.title SET format_type = 'dramatized_adaptation', language = 'esperanto',"
        " content_type = 'Immersive' WHERE id = %s",
        (platform.title_id("Dune"),),
    )


def test_contributor_role_outside_author_and_narrator_is_rejected(platform):
    contributor = platform.value("SELECT id FROM audiobooks.contributor WHERE name = 'Ray Porter'")
    with pytest.raises(errors.CheckViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.title_contributor (title_id, contributor_id, role, position)"
            " VALUES (%s, %s, 'translator', 1)",
            (platform.title_id("Dune"), contributor),
        )


def test_contributor_order_is_unique_per_title_and_role(platform):
    contributor = platform.value("SELECT id FROM audiobooks.contributor WHERE name = 'Ray Porter'")
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        # Dune's narrator 1 is Scott Brick already.
        platform.conn.execute(
            "INSERT INTO audiobooks.title_contributor (title_id, contributor_id, role, position)"
            " VALUES (%s, %s, 'narrator', 1)",
            (platform.title_id("Dune"), contributor),
        )


def test_contributor_audible_id_is_unique(platform):
    with pytest.raises(errors.UniqueViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.contributor (asin, name) VALUES ('B001IGFHW6', 'B. Sanderson')"
        )


def test_contributors_without_audible_id_may_share_a_name(platform):
    platform.conn.execute(
        "INSERT INTO audiobooks.contributor (name) VALUES ('Ray Porter'), ('Ray Porter')"
    )


def test_series_sequence_keeps_audible_text_and_sorts_numerically(platform):
    series = platform.value("SELECT id FROM audiobooks.series WHERE name = 'Discworld'")
    mk = platform.marketplace_id()
    for asin, sequence in [("B0SEQTEST1", "10"), ("B0SEQTEST2", "9.5"), ("B0SEQTEST3", "1-3")]:
        title = insert_title(platform.conn, mk, asin, f"Discworld {sequence}")
        platform.conn.execute(
            "INSERT INTO audiobooks.title_series (title_id, series_id, sequence) VALUES (%s, %s, %s)",
            (title, series, sequence),
        )
    ordered = platform.conn.execute(
        "SELECT sequence FROM audiobooks.title_series WHERE series_id = %s ORDER BY sort_key, sequence",
        (series,),
    ).fetchall()
    assert [s for (s,) in ordered] == ["1-3", "4", "8", "9.5", "10", "13"]


def test_series_sort_key_is_generated_not_written(platform):
    with pytest.raises(errors.GeneratedAlways), platform.conn.transaction():
        platform.conn.execute("UPDATE audiobooks.title_series SET sort_key = 1")


def test_series_sequence_without_a_number_has_no_sort_key(platform):
    series = platform.value("SELECT id FROM audiobooks.series WHERE name = 'Discworld'")
    title = insert_title(platform.conn, platform.marketplace_id(), "B0SEQTEST4", "Discworld extra")
    key = platform.value(
        "INSERT INTO audiobooks.title_series (title_id, series_id, sequence)"
        " VALUES (%s, %s, 'Book Two-ish') RETURNING sort_key",
        title,
        series,
    )
    assert key is None


def test_category_ladders_run_from_root_to_leaf(platform):
    ladder = platform.conn.execute(
        "SELECT tc.depth, c.name, p.name FROM audiobooks.title_category tc"
        " JOIN audiobooks.category c ON c.id = tc.category_id"
        " LEFT JOIN audiobooks.category p ON p.id = c.parent_id"
        " WHERE tc.title_id = %s AND tc.ladder = 1 ORDER BY tc.depth",
        (platform.title_id("The Way of Kings"),),
    ).fetchall()
    assert ladder == [
        (0, "Science Fiction & Fantasy", None),
        (1, "Fantasy", "Science Fiction & Fantasy"),
        (2, "Epic", "Fantasy"),
    ]


def test_category_ladder_with_a_missing_rung_is_rejected(platform):
    title = insert_title(platform.conn, platform.marketplace_id(), "B0LADDER01")
    epic = platform.value("SELECT id FROM audiobooks.category WHERE name = 'Epic'")
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        platform.conn.execute(
            "INSERT INTO audiobooks.title_category (title_id, ladder, depth, category_id)"
            " VALUES (%s, 1, 2, %s)",
            (title, epic),
        )


def test_deleting_a_catalog_title_that_a_library_holds_is_refused(platform):
    with pytest.raises(errors.ForeignKeyViolation), platform.conn.transaction():
        platform.conn.execute(
            "DELETE FROM audiobooks.title WHERE id = %s", (platform.title_id("Project Hail Mary"),)
        )


def test_deleting_a_title_no_library_holds_removes_its_credits_series_and_ladders(platform):
    title = platform.title_id("Der Weg der Könige", "de")
    platform.conn.execute("DELETE FROM audiobooks.title WHERE id = %s", (title,))
    for table in ("title_contributor", "title_series", "title_category"):
        left = platform.value(f"SELECT count(*) FROM audiobooks.{table} WHERE title_id = %s", title)
        assert left == 0, table
