from __future__ import annotations

import pytest

from schematool.errors import ExitCode
from schematool.project import render
from tests.helpers import make_project, run, write

TEMPLATES = {
    "_macros.sql.j2": """
        {% macro stamps() %}created_at timestamptz NOT NULL DEFAULT now(){% endmacro %}
    """,
    "catalog/title.sql.j2": """
        {% import "_macros.sql.j2" as m %}
        CREATE TABLE title (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            {{ m.stamps() }}
        );
        GRANT SELECT ON title TO {{ app_role }};
    """,
    "base/extensions.sql": "CREATE EXTENSION IF NOT EXISTS citext;\n",
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path, TEMPLATES)


def test_render_writes_one_sql_file_per_template_with_a_header(project):
    result = run("render")
    assert result.exit_code == 0, result.output
    title = (project / "schema/catalog/title.sql").read_text()
    assert title.startswith("-- Rendered from templates/catalog/title.sql.j2 ")
    assert "created_at timestamptz NOT NULL DEFAULT now()" in title
    assert "GRANT SELECT ON title TO case_writer;" in title
    assert (project / "schema/base/extensions.sql").read_text().endswith(
        "CREATE EXTENSION IF NOT EXISTS citext;\n"
    )
    assert not (project / "schema/_macros.sql").exists()


def test_render_is_byte_for_byte_deterministic(project):
    run("render")
    first = {p: p.read_bytes() for p in (project / "schema").rglob("*.sql")}
    result = run("render")
    assert "0 written, 0 removed, 2 unchanged" in result.output
    assert {p: p.read_bytes() for p in (project / "schema").rglob("*.sql")} == first


def test_render_check_passes_when_current_and_writes_nothing(project):
    run("render")
    before = {p: p.stat().st_mtime_ns for p in (project / "schema").rglob("*.sql")}
    result = run("render", "--check")
    assert result.exit_code == ExitCode.OK, result.output
    assert {p: p.stat().st_mtime_ns for p in (project / "schema").rglob("*.sql")} == before


def test_render_check_catches_a_stale_file(project):
    run("render")
    write(project / "templates/catalog/title.sql.j2", "CREATE TABLE title (id int);\n")
    result = run("render", "--check")
    assert result.exit_code == ExitCode.ERROR
    assert "schema/catalog/title.sql" in result.stderr
    assert "run `schematool render`" in result.stderr
    assert "id int" not in (project / "schema/catalog/title.sql").read_text()


def test_render_check_catches_a_hand_edited_file(project):
    run("render")
    path = project / "schema/base/extensions.sql"
    path.write_text(path.read_text() + "-- edited\n")
    result = run("render", "--check")
    assert result.exit_code == ExitCode.ERROR
    assert "schema/base/extensions.sql" in result.stderr


def test_render_removes_files_whose_template_is_gone(project):
    run("render")
    (project / "templates/base/extensions.sql").unlink()
    result = run("render", "--check")
    assert "schema/base/extensions.sql" in result.stderr
    result = run("render")
    assert "removed schema/base/extensions.sql" in result.output
    assert not (project / "schema/base").exists()


def test_template_syntax_error_names_template_and_line(project):
    write(project / "templates/lists/list.sql.j2", "CREATE TABLE l (\n  id int\n{% if %}\n);\n")
    result = run("render")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.startswith("error: templates/lists/list.sql.j2:3: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_undefined_variable_names_template_and_line(project):
    write(project / "templates/lists/list.sql.j2", "-- one\n-- two\nGRANT ALL ON l TO {{ missing_role }};\n")
    result = run("render")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.strip() == (
        "error: templates/lists/list.sql.j2:3: 'missing_role' is undefined"
    )


def test_error_inside_a_macro_names_the_macro_file(project):
    write(project / "templates/_bad.sql.j2", "{% macro boom() %}\n{{ nope.x }}\n{% endmacro %}\n")
    write(project / "templates/a.sql.j2", '{% import "_bad.sql.j2" as b %}\n{{ b.boom() }}\n')
    result = run("render")
    assert result.stderr.startswith("error: templates/_bad.sql.j2:2: ")


def test_missing_templates_folder_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {})
    result = run("render")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.strip() == f"error: templates folder not found: {tmp_path / 'templates'}"


def test_template_files_render_skips_are_named_in_a_warning(project):
    write(project / "templates/catalog/series.sql.jinja", "CREATE TABLE series (id int);\n")
    write(project / "templates/catalog/title.sql.j2.bak", "old\n")
    write(project / "templates/_more_macros.sql.j2", "{% macro x() %}{% endmacro %}\n")  # partial
    result = run("render")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        "warning: templates/catalog/series.sql.jinja is not rendered (only *.sql.j2 and *.sql"
        " files are); rename it to render it, or start its name with _ for a partial",
        "warning: templates/catalog/title.sql.j2.bak is not rendered (only *.sql.j2 and *.sql"
        " files are); rename it to render it, or start its name with _ for a partial",
    ]
    assert not (project / "schema/catalog/series.sql").exists()


LONG = "title_narrator_performance_credit_with_a_name_long_enough_to_be_cut"  # 67 bytes


def test_render_warns_of_a_name_postgresql_would_cut_naming_file_and_line(project):
    write(project / "templates/catalog/credit.sql.j2", f"-- credits\nCREATE TABLE {LONG} (id int);\n")
    result = run("render")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: schema/catalog/credit.sql:3 (from templates/catalog/credit.sql.j2:2):"
        f' identifier "{LONG}" is 67 bytes; PostgreSQL silently cuts names to 63 bytes'
        f' ("{LONG[:63]}")'
    ]  # line 3: the rendered file's header is line 1


def test_project_variables_reach_macros_of_an_imported_partial(project):
    """`{% import "_macros.sql.j2" as m %}` passes no context: the variables still reach
    the macros (they are the environment's globals), for the project's and an
    environment's own variables alike."""
    write(
        project / "templates/_grants.sql.j2",
        "{% macro read_grant(table) %}GRANT SELECT ON {{ table }} TO {{ app_role }};{% endmacro %}\n",
    )
    write(
        project / "templates/catalog/series.sql.j2",
        '{% import "_grants.sql.j2" as g %}\nCREATE TABLE series (id bigint);\n{{ g.read_grant("series") }}\n',
    )
    result = run("render")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "GRANT SELECT ON series TO case_writer;" in (project / "schema/catalog/series.sql").read_text()
    from schematool.project import render

    other = render.render_tree(project / "templates", {"app_role": "staging_app"}, "templates")
    assert "GRANT SELECT ON series TO staging_app;" in other["catalog/series.sql"]


# -- rendered lines traced back to their template's ---------------------------------------


def test_literal_lines_trace_to_themselves_and_the_header_to_nothing():
    template = "-- one\nCREATE TABLE t (\n    id int\n);\n"
    rendered = render.HEADER.format(source="templates/t.sql.j2") + template
    assert render.line_origins(template, rendered) == (
        None, (1, 1), (2, 2), (3, 3), (4, 4), (5, 5),
    )


def test_a_macro_calls_lines_trace_to_the_call_and_substitutions_to_their_line():
    template = (
        '{% import "_m.sql.j2" as m %}\n'  # 1: renders to nothing (stripped)
        "CREATE TABLE t (\n"  # 2
        "    id int,\n"  # 3
        "{{ m.stamps() }},\n"  # 4: three lines
        "    {{ name }} text,\n"  # 5
        "    {{ other }} int\n"  # 6
        ");\n"  # 7
        "GRANT SELECT ON t TO {{ role }};\n"  # 8
    )
    body = (
        "CREATE TABLE t (\n    id int,\n\n    created_at timestamptz,\n"
        "    updated_at timestamptz,\n    note text,\n    size int\n);\n"
        "GRANT SELECT ON t TO reader;\n"
    )
    rendered = render.HEADER.format(source="templates/t.sql.j2") + body
    found = render.line_origins(template, rendered)
    lines = rendered.split("\n")
    assert {lines[i]: found[i] for i in range(1, len(lines)) if lines[i]} == {
        "CREATE TABLE t (": (2, 2),
        "    id int,": (3, 3),
        "    created_at timestamptz,": (4, 4),
        "    updated_at timestamptz,": (4, 4),
        "    note text,": (5, 5),
        "    size int": (6, 6),
        ");": (7, 7),
        "GRANT SELECT ON t TO reader;": (8, 8),
    }


def test_lines_a_loop_renders_trace_to_the_loop():
    template = "CREATE TABLE t (id int);\n{% for r in roles %}\nGRANT SELECT ON t TO {{ r }};\n{% endfor %}\n-- end\n"
    body = "CREATE TABLE t (id int);\n\nGRANT SELECT ON t TO a;\n\nGRANT SELECT ON t TO b;\n\n-- end\n"
    rendered = render.HEADER.format(source="templates/t.sql.j2") + body
    found = render.line_origins(template, rendered)
    lines = rendered.split("\n")
    grants = [found[i] for i, line in enumerate(lines) if line.startswith("GRANT")]
    assert grants == [(3, 3), (3, 3)]
    assert found[lines.index("-- end")] == (5, 5)


STAMPED = {
    "_macros.sql.j2": """
        {% macro stamps() %}
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(){% endmacro %}
    """,
    "item.sql.j2": """
        {% import "_macros.sql.j2" as m %}
        -- items
        CREATE TABLE item (
            id bigint PRIMARY KEY,
        {{ m.stamps() }},
            note text
        );
        GRANT SELECT ON item TO {{ app_role }};
    """,
}


def test_a_load_error_in_a_rendered_file_names_the_templates_line(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {**STAMPED, "item.sql.j2": STAMPED["item.sql.j2"].replace("note text", "note text,")})
    assert run("render").exit_code == 0
    result = run("plan", "--database-url", new_db())
    assert result.exit_code == ExitCode.ERROR, result.output
    # line 9 of schema/item.sql: header, the macro's three lines (the first blank)
    assert result.stderr.strip() == (
        'error: schema/item.sql:9 (from templates/item.sql.j2:7): syntax error at or near ")"'
    )


def test_a_rename_hint_in_a_rendered_file_names_the_templates_line(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, STAMPED)
    url = new_db()
    assert run("render").exit_code == 0
    assert run("apply", "--yes", "--database-url", url).exit_code == 0
    write(tmp_path / "templates/item.sql.j2", STAMPED["item.sql.j2"].replace("note text", "personal_note text"))
    assert run("render").exit_code == 0
    shown = run("plan", "--database-url", url)
    assert shown.exit_code == 0, shown.output
    (hint,) = [line for line in shown.stdout.splitlines() if "likely a rename" in line]
    assert hint.endswith(
        "at the end of the line of column personal_note in CREATE TABLE public.item"
        " (schema/item.sql:8 (from templates/item.sql.j2:6))"
    ), hint
