"""names: the one unquote, the one aclitem reader, the one table of object kinds."""

from __future__ import annotations

import pytest

from schematool import names
from schematool.diff.gapkit import acl
from schematool.inspect import ownership


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ('"My ""T"""', 0, ('My "T"', 10)),
        ('app."a.b".c', 4, ("a.b", 9)),
        ('"open', 0, ("open", 5)),  # not closed: to the end
        ('""', 0, ("", 2)),
    ],
)
def test_unquote(text, start, expected):
    assert names.unquote(text, start) == expected


def test_split_name_unquotes_with_it():
    assert names.split_name('app."My.T"."c""d"') == ("app", "My.T", 'c"d')
    assert names.split_name('public."f"(integer)') == ("public", "f")


@pytest.mark.parametrize(
    ("item", "read"),
    [
        ("case_reader=U*/postgres", ("case_reader", [("U", True)], "postgres")),
        ("=U/postgres", ("", [("U", False)], "postgres")),
        ('"we ird"=U*C/postgres', ("we ird", [("U", True), ("C", False)], "postgres")),
        ('x=arw*/"a""b"', ("x", [("a", False), ("r", False), ("w", True)], 'a"b')),
    ],
)
def test_aclitem(item, read):
    assert names.aclitem(item) == read


def test_acl_name_quotes_as_aclitem_prints_a_role():
    assert names.acl_name("reader_1") == "reader_1"
    assert names.acl_name("Odd One") == '"Odd One"'
    assert names.acl_name('a"b') == '"a""b"'
    assert names.acl_name("é") == "é"  # alphanumeric to the server too


def test_both_acl_readers_read_with_it():
    items = ['"we ird"=U*C/postgres', "=U/postgres", 'x=U/"we ird"']
    assert acl.parse(items) == {
        "we ird": {"USAGE": True, "CREATE": False},
        "": {"USAGE": False},
        "x": {"USAGE": False},
    }
    assert ownership.renamed_acl(items, "we ird", "Bob") == [
        "=U/postgres",
        "Bob=U*C/postgres",
        "x=U/Bob",
    ]


def test_every_kind_is_listed_under_its_name_and_the_snapshot_kinds_are_each_once():
    for name, kind in names.KINDS.items():
        assert kind.name == name
        assert kind.keyword == kind.keyword.upper()
    assert names.SNAPSHOT_KINDS["materialized_view"].keyword == "MATERIALIZED VIEW"
    assert names.SNAPSHOT_KINDS["identity_sequence"].keyword == "SEQUENCE"
    assert names.SNAPSHOT_KINDS["function"].name == "function"  # not procedure's
    assert names.SNAPSHOT_KINDS["enum"] is names.KINDS["type"]


def test_object_types_and_keywords_derive_from_the_table():
    assert names.object_types("materialized view", "server") == {
        "OBJECT_MATVIEW": ("materialized view", "rel"),
        "OBJECT_FOREIGN_SERVER": ("server", "server"),
    }
    assert names.keywords("view", "range_type", "text_search_dictionary") == {
        "view": "VIEW",
        "range_type": "TYPE",
        "text_search_dictionary": "TEXT SEARCH DICTIONARY",
    }


@pytest.mark.parametrize(
    ("kind", "identity", "node"),
    [
        ("materialized_view", 'app."My MV"', ("rel", "app", "My MV")),
        ("column", "app.t.c", ("col", "app", "t", "c")),
        ("function", "app.f(integer)", ("fn", "app", "f")),
        ("text_search_configuration", "app.cfg", ("tsconfig", "app", "cfg")),
        ("default_privilege", "for role x on tables", None),
    ],
)
def test_node_of(kind, identity, node):
    assert names.node_of(kind, identity) == node
