from __future__ import annotations

import pytest

from schematool import hazards
from schematool.errors import ConfigError, ExitCode
from schematool.hazards import Existing, classify
from tests.helpers import make_project, run, write

EXISTING = Existing(
    tables=frozenset({"public.t"}),
    objects=frozenset({"public.t", "public.f", "app"}),
    virtual_columns=frozenset({"public.t.v"}),
)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ('alter table "public"."t" drop column "c";', ("data-loss",)),
        ('drop table "public"."t";', ("data-loss",)),
        ('alter table "public"."t" alter column "c" drop default;', ()),
        ('alter table "public"."t" alter column "c" drop not null;', ()),
        ('alter table "public"."t" add column "n" text;', ()),
        ('alter table "public"."t" alter column "c" set not null;', ("blocking-lock",)),
        ('alter table "public"."t" alter column "c" set data type integer using "c"::integer;',
         ("data-loss", "table-rewrite", "blocking-lock")),
        ('alter table "public"."t" alter column "c" set data type text using "c"::text;', ()),
        ("CREATE INDEX t_c_idx ON public.t USING btree (c);", ("blocking-lock",)),
        ("CREATE INDEX n_c_idx ON public.new_table USING btree (c);", ()),
        ('drop index if exists "public"."t_c_idx";', ("index-dropped",)),
        ('grant select on table "public"."t" to "case_reader";', ("authz-change",)),
        ('grant select on table "public"."new_table" to "case_reader";', ()),
        ("GRANT USAGE ON SCHEMA app TO case_reader;", ("authz-change",)),
        ("CREATE OR REPLACE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ select 1 $$;",
         ("untracked-dependency",)),
        ("CREATE OR REPLACE FUNCTION public.g() RETURNS int LANGUAGE sql AS $$ select 1 $$;", ()),
        ("ALTER TABLE public.t ALTER COLUMN g SET EXPRESSION AS ((c * 2));",
         ("table-rewrite", "blocking-lock")),
        ("ALTER TABLE public.t ALTER COLUMN v SET EXPRESSION AS ((c * 2));", ()),
        ("ALTER TABLE public.p ATTACH PARTITION public.t FOR VALUES IN (1);", ("blocking-lock",)),
        ("ALTER TABLE public.t ATTACH PARTITION public.new_table FOR VALUES IN (1);", ()),
    ],
)
def test_hazards_follow_what_a_statement_does_to_existing_objects(statement, expected):
    assert classify(statement, EXISTING) == expected


def test_allowed_hazards_accept_kinds_lists_and_all():
    assert hazards.parse_allowed(["data-loss", "table-rewrite,index-dropped"]) == {
        "data-loss", "table-rewrite", "index-dropped"
    }
    assert hazards.parse_allowed(["all"]) == set(hazards.KINDS)
    with pytest.raises(ConfigError, match="unknown hazard 'drop-everything'"):
        hazards.parse_allowed(["drop-everything"])


def test_apply_refuses_unallowed_data_loss_and_runs_it_when_allowed(tmp_path, monkeypatch, new_db):
    monkeypatch.chdir(tmp_path)
    url = new_db()
    monkeypatch.setenv("DATABASE_URL", url)
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int, gone text);\n"})
    run("render")
    assert run("apply", "--yes").exit_code == 0
    write(tmp_path / "templates/t.sql", "CREATE TABLE t (id int);\n")
    run("render")
    refused = run("apply", "--yes")
    assert refused.exit_code == ExitCode.REFUSED
    assert "statement 1 (data-loss)" in refused.stderr
    assert "--allow-hazards data-loss" in refused.stderr
    assert run("plan", "--exit-code").exit_code == ExitCode.CHANGES_PENDING  # unchanged
    allowed = run("apply", "--yes", "--allow-hazards", "data-loss")
    assert allowed.exit_code == 0, allowed.output
    assert run("plan", "--exit-code").exit_code == ExitCode.OK


def test_unknown_hazard_name_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int);\n"})
    result = run("apply", "--allow-hazards", "nope")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("error: unknown hazard 'nope'")
