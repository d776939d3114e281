from __future__ import annotations

import pytest

from schematool.errors import StaleRenderError
from schematool.inspect import catalog, erd
from schematool.names import split_name
from schematool.project.files import schema_files
from tests.conftest import ROOT


def test_platform_diagram_names_every_table_and_foreign_key(platform_db):
    snap = catalog.snapshot(platform_db, ["schematool"])
    files = schema_files(ROOT / "schema", "schema")
    text = erd.diagram(snap, erd.table_areas(files, "schema"))
    for table in snap["table"]:
        assert f"    {split_name(table)[1]} {{" in text
    foreign_keys = [c for c in snap["constraint"].values() if c["type"] == "foreign key"]
    assert foreign_keys
    edges = [line for line in text.splitlines() if "}o--" in line]
    for fk in foreign_keys:
        child = split_name(fk["table"])[1]
        assert any(line.strip().startswith(f"{child} }}o--") for line in edges), fk["name"]
    for area in ("accounts", "catalog", "library", "lists", "sync"):
        assert f"### {area}" in text


def test_committed_diagram_is_current(platform_db):
    snap = catalog.snapshot(platform_db, ["schematool"])
    files = schema_files(ROOT / "schema", "schema")
    block = erd.diagram(snap, erd.table_areas(files, "schema"))
    assert erd.update_doc(ROOT / "docs" / "schema.md", block, check=True) is False


def test_check_refuses_a_stale_document(tmp_path):
    doc = tmp_path / "schema.md"
    doc.write_text("# Schema\n")
    with pytest.raises(StaleRenderError, match="run `schematool erd`"):
        erd.update_doc(doc, "### x\n", check=True)
    assert erd.update_doc(doc, "### x\n", check=False) is True
    assert erd.BEGIN in doc.read_text() and erd.update_doc(doc, "### x\n", check=True) is False
