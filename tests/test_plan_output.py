"""What people read: summary counts, colour only on a terminal, markdown and JSON."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import jsonschema
import pytest

from schematool.cli.output import describe_summary
from schematool.grammar import reader
from schematool.plan.model import summarize
from tests.conftest import ROOT
from tests.helpers import make_project, run

TEMPLATES = {
    "t.sql": """
        CREATE TABLE t (id int PRIMARY KEY, name text);
        CREATE INDEX t_name_idx ON t (name);
        CREATE TABLE u (id int);
        COMMENT ON TABLE t IS 'tee';
    """
}


def test_summary_counts_objects_by_action_and_kind():
    sqls = [
        "set check_function_bodies = off;",
        'create table "public"."t" (id int);',
        'create table "public"."u" (id int);',
        "CREATE INDEX t_idx ON public.t USING btree (id);",
        'alter table "public"."t" add column "x" int;',
        'alter table "public"."t" add constraint "t_x_check" CHECK ((x > 0));',
        'alter table "public"."u" alter column "id" set not null;',
        'drop view if exists "public"."v";',
        "GRANT SELECT ON TABLE public.t TO case_reader;",
        "COMMENT ON TABLE public.t IS 'x';",
    ]
    summary = summarize([reader.read(s) for s in sqls])
    assert summary == {
        "alter": {"column": 1},
        "comment": {"table": 1},
        "create": {"column": 1, "constraint": 1, "index": 1, "table": 2},
        "drop": {"view": 1},
        "grant": {"table": 1},
    }
    assert describe_summary(summary) == (
        "5 to create (1 column, 1 constraint, 1 index, 2 table); 1 to alter (1 column);"
        " 1 to drop (1 view); 1 grant (1 table); 1 comment (1 table)"
    )


@pytest.fixture
def project(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, TEMPLATES)
    monkeypatch.setenv("DATABASE_URL", new_db())
    run("render")
    return tmp_path


def _on_a_terminal(args: list[str], cwd, **env: str) -> str:
    """Run the CLI with stdout on a pseudo-terminal; return what it printed there."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "schematool", *args], cwd=cwd, stdout=follower,
        stderr=subprocess.DEVNULL, env={**os.environ, "TERM": "xterm", **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_plan_is_coloured_on_a_terminal_only_and_never_with_no_color(project):
    env = {"DATABASE_URL": os.environ["DATABASE_URL"]}
    coloured = _on_a_terminal(["plan"], project, **env)
    assert "\x1b[" in coloured and "create" in coloured.lower()
    plain = _on_a_terminal(["plan"], project, NO_COLOR="1", **env)
    assert "\x1b[" not in plain and "create table" in plain.lower()
    piped = run("plan")
    assert "\x1b[" not in piped.stdout
    assert piped.stdout.splitlines()[1].strip() == (
        "5 to create (1 constraint, 2 index, 2 table); 1 comment (1 table)"
    )


def test_markdown_plan_for_pull_requests(project):
    result = run("plan", "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("### schematool plan for `postgresql://")
    assert "```sql\n" in text and 'create table "public"."t"' in text
    assert text.rstrip().endswith("`apply needs: no hazard allowances`")


def _schema(name: str) -> dict:
    return json.loads((ROOT / "docs" / name).read_text())


def test_json_plan_carries_its_format_version_and_summary(project):
    data = json.loads(run("plan", "--format", "json").stdout)
    jsonschema.validate(data, _schema("plan.schema.json"))
    assert data["format"] == "schematool-plan" and data["format_version"] == 4
    assert data["summary"]["create"]["table"] == 2
    index = next(step for step in data["steps"] if step["kind"] == "index")
    assert index["action"] == "create" and index["object"] == ["rel", "public", "t_name_idx"]
    assert index["locks"] == [{"table": ["rel", "public", "t"], "mode": "SHARE"}]
    assert index["transactional"] is True and index["source"] == "migra"
    # a gap plug-in's step names it as plans always have, wherever the plug-ins live
    comment = next(step for step in data["steps"] if step["action"] == "comment")
    assert comment["source"] == "gaps.comments"


def test_history_json_matches_its_schema(project):
    assert run("apply", "--yes").exit_code == 0
    data = json.loads(run("history", "--json").stdout)
    jsonschema.validate(data, _schema("history.schema.json"))
    assert [e["outcome"] for e in data["entries"]] == ["applied"]


def test_the_plan_schema_rejects_an_unknown_field():
    plan = {"format": "schematool-plan", "format_version": 4, "surprise": True}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan, _schema("plan.schema.json"))


def test_markdown_plan_lists_the_sizes_of_the_tables_it_touches(project):
    """As the text plan does: rows and size of every existing table a statement touches."""
    assert run("apply", "--yes").exit_code == 0
    text = (project / "templates/t.sql").read_text()
    (project / "templates/t.sql").write_text(text.replace("CREATE TABLE u (id int);", "CREATE TABLE u (id bigint);"))
    run("render")
    result = run("plan", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "| table | rows | size | statements |" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("| `public.u`"))
    assert "| ~0 | 0 bytes |" in row and "table-rewrite" in row


def test_error_messages_quote_a_statement_without_a_doubled_semicolon(project):
    assert run("apply", "--yes").exit_code == 0
    from schematool import db

    with db.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("INSERT INTO u VALUES (NULL)")
    text = (project / "templates/t.sql").read_text()
    (project / "templates/t.sql").write_text(text.replace("CREATE TABLE u (id int);", "CREATE TABLE u (id int NOT NULL);"))
    run("render")
    result = run("apply", "--yes", "--allow-hazards", "all")
    assert result.exit_code == 1
    assert "statement 1 failed" in result.stderr, result.stderr
    assert ";;" not in result.stderr and ";)" not in result.stderr, result.stderr


def test_erd_check_names_the_document_by_its_path_in_the_project(tmp_path, monkeypatch, new_db):
    from schematool.errors import StaleRenderError

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int PRIMARY KEY);\n"})
    assert run("render").exit_code == 0
    result = run("erd", "--check", "--schema-dir", "schema")
    assert result.exit_code == StaleRenderError.exit_code
    assert result.stderr.strip() == (
        "error: docs/schema.md does not hold the current diagram; run `schematool erd`"
    )


def _drop_the_index(project) -> None:
    """The project at TEMPLATES applied, then wanting `t_name_idx` gone."""
    assert run("apply", "--yes").exit_code == 0
    text = (project / "templates/t.sql").read_text()
    (project / "templates/t.sql").write_text(text.replace("CREATE INDEX t_name_idx ON t (name);", ""))
    run("render")


def test_a_dropped_index_names_its_table_in_the_plans_locks_and_sizes(project):
    """DROP INDEX takes ACCESS EXCLUSIVE on the index's table (the statement does not
    name it): the plan says so, as it does for every lock on a table."""
    _drop_the_index(project)
    data = json.loads(run("plan", "--format", "json").stdout)
    jsonschema.validate(data, _schema("plan.schema.json"))
    (step,) = data["steps"]
    assert step["action"] == "drop" and step["object"] == ["rel", "public", "t_name_idx"]
    assert {"table": ["rel", "public", "t"], "mode": "ACCESS EXCLUSIVE"} in step["locks"]
    assert [table["name"] for table in step["tables"]] == ["public.t"]
    text = run("plan").stdout
    assert "tables touched" in text
    assert any(line.strip().startswith("public.t ~") for line in text.splitlines()), text
    markdown = run("plan", "--format", "markdown").stdout
    assert any(line.startswith("| `public.t` |") for line in markdown.splitlines()), markdown


def test_an_online_helper_the_plan_adds_and_drops_again_is_not_counted_as_a_change(project):
    """`plan --online` adds a helper CHECK for SET NOT NULL and drops it after: the schema
    gains a NOT NULL and nothing else, in every format."""
    assert run("apply", "--yes").exit_code == 0
    text = (project / "templates/t.sql").read_text()
    (project / "templates/t.sql").write_text(text.replace("name text", "name text NOT NULL"))
    run("render")
    data = json.loads(run("plan", "--online", "--format", "json").stdout)
    assert any("schematool_nn_" in step["sql"] for step in data["steps"])  # the helper is there
    assert data["summary"] == {"alter": {"column": 1}}
    assert run("plan", "--online").stdout.splitlines()[1].strip() == "1 to alter (1 column)"
    markdown = run("plan", "--online", "--format", "markdown").stdout
    assert "**1 to alter (1 column)**" in markdown


def test_apply_given_the_allowance_does_not_print_that_it_still_needs_it(project):
    assert run("apply", "--yes").exit_code == 0
    text = (project / "templates/t.sql").read_text()
    (project / "templates/t.sql").write_text(text + "CREATE INDEX u_id_idx ON u (id);\n")
    run("render")
    assert "apply needs: --allow-hazards blocking-lock" in run("plan").stdout
    result = run("apply", "--yes", "--allow-hazards", "blocking-lock")
    assert result.exit_code == 0, result.stderr
    assert "needs" not in result.stdout, result.stdout
    assert "allowed: --allow-hazards blocking-lock" in result.stdout
