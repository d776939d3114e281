from __future__ import annotations

import re
from pathlib import Path

import pytest

from schematool import db, hazard_kinds
from schematool.errors import ConfigError, DiffError, ExitCode
from schematool.grammar import reader
from schematool.hazard_kinds import DATA_LOSS
from schematool.plan import hazards
from schematool.plan.hazards import Existing, classify
from tests.helpers import make_project, run, write

EXISTING = Existing(
    tables=frozenset({("rel", "public", "t")}),
    objects=frozenset({("rel", "public", "t"), ("fn", "public", "f"), ("schema", "app")}),
    schemas=frozenset({("schema", "app")}),
    virtual_columns=frozenset({("col", "public", "t", "v")}),
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
        # every spelling PostgreSQL accepts is read as PostgreSQL reads it
        ("ALTER TABLE IF EXISTS ONLY public.t DROP COLUMN c;", ("data-loss",)),
        ("ALTER TABLE public . t DROP COLUMN c;", ("data-loss",)),
        ("alter table public.\"t\" drop c;", ("data-loss",)),
        ("ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE;", ("data-loss",)),
        ("ALTER TABLE public.t ADD COLUMN n int, DROP COLUMN c;", ("data-loss",)),
        ("ALTER TABLE ONLY public.t ALTER c TYPE integer;",
         ("data-loss", "table-rewrite", "blocking-lock")),
        ("ALTER TABLE public.t ALTER COLUMN c SET DATA TYPE bigint USING c + 1;",
         ("data-loss", "table-rewrite", "blocking-lock")),
        ("ALTER TABLE IF EXISTS public.t ALTER c SET NOT NULL;", ("blocking-lock",)),
        ("ALTER TABLE public . t ADD CONSTRAINT k CHECK (c > 0);", ("blocking-lock",)),
        ("ALTER TABLE public.t ADD CONSTRAINT k CHECK (c > 0) NOT VALID;", ()),
        ("ALTER TABLE public.t ADD FOREIGN KEY (c) REFERENCES public.u (id);", ("blocking-lock",)),
        ("ALTER TABLE public.t ADD CONSTRAINT k FOREIGN KEY (c) REFERENCES u NOT VALID;", ()),
        ("ALTER TABLE public.t ADD CONSTRAINT k UNIQUE (c);", ("blocking-lock",)),
        ("ALTER TABLE public.t ADD CONSTRAINT k UNIQUE USING INDEX k;", ()),
        ("ALTER TABLE public.t VALIDATE CONSTRAINT k;", ()),
        ("CREATE INDEX CONCURRENTLY t_c ON public.t (c);", ()),
        ("CREATE INDEX ON ONLY t (c);", ("blocking-lock",)),
        ("TRUNCATE public.t;", ("data-loss",)),
        ("DROP TABLE IF EXISTS public . t CASCADE;", ("data-loss",)),
        ("DROP SCHEMA app CASCADE;", ("data-loss",)),
    ],
)
def test_hazards_follow_what_a_statement_does_to_existing_objects(statement, expected):
    assert classify(statement, EXISTING) == expected


def test_a_constraint_validated_after_its_add_in_the_same_transaction_blocks_writes():
    changes = [
        reader.read("ALTER TABLE public.t ADD CONSTRAINT k CHECK (c > 0) NOT VALID;"),
        reader.read("ALTER TABLE public.t VALIDATE CONSTRAINT k;"),
    ]
    judged = hazards.judge(changes, EXISTING)
    assert [c.hazard_kinds for c in judged] == [(), ("blocking-lock",)]


def test_a_statement_that_is_not_understood_carries_every_hazard():
    judged = hazards.judge([reader.read("CREATE TEXT SEARCH TEMPLATE t (LEXIZE = dsimple_lexize);")], EXISTING)
    # every kind a statement's shape can carry; fails-on-data is only found in the rows
    assert judged[0].hazard_kinds == hazard_kinds.JUDGED
    assert hazard_kinds.FAILS_ON_DATA not in judged[0].hazard_kinds
    with pytest.raises(DiffError):
        reader.read("ALTER TABEL public.t DROP COLUMN c;")


def test_objects_the_plan_creates_carry_no_hazard():
    sqls = [
        "CREATE TABLE public.n (id int, owner text);",
        "ALTER TABLE public.n ENABLE ROW LEVEL SECURITY;",
        "CREATE POLICY own ON public.n USING (owner = current_user);",
        "GRANT SELECT ON TABLE public.n TO case_reader;",
        "CREATE INDEX n_owner ON public.n (owner);",
        "ALTER TABLE public.n ADD CONSTRAINT n_pkey PRIMARY KEY (id);",
    ]
    judged = hazards.judge([reader.read(s) for s in sqls], EXISTING)
    assert [c.hazard_kinds for c in judged] == [()] * len(sqls)


def test_untracked_dependency_matches_names_exactly_and_names_the_function():
    body = 'CREATE FUNCTION shop.total() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM shop."Order" $$'
    existing = Existing(
        tables=frozenset({("rel", "shop", "order"), ("rel", "shop", "Order")}),
        objects=frozenset({("rel", "shop", "order"), ("rel", "shop", "Order")}),
        function_definitions=(("shop.total()", body),),
    )
    lower = hazards.judge([reader.read('DROP TABLE shop."order";')], existing)[0]
    upper = hazards.judge([reader.read('DROP TABLE shop."Order";')], existing)[0]
    assert lower.hazard_kinds == ("data-loss",)
    assert upper.hazard_kinds == ("data-loss", "untracked-dependency")
    assert "shop.total()" in upper.hazards[1].reason


def test_allowed_hazards_accept_kinds_lists_and_all():
    assert hazards.parse_allowed(["data-loss", "table-rewrite,index-dropped"]) == {
        "data-loss", "table-rewrite", "index-dropped"
    }
    assert hazards.parse_allowed(["all"]) == set(hazard_kinds.KINDS)
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


def test_comments_carry_no_hazard_whatever_they_describe():
    existing = Existing(tables=frozenset({("rel", "public", "t")}), objects=frozenset({("rel", "public", "t")}))
    for sql in (
        "COMMENT ON POLICY p ON public.t IS 'x';",
        "COMMENT ON TABLE public.t IS NULL;",
        "COMMENT ON COLUMN public.t.c IS 'x';",
    ):
        assert classify(sql, existing) == (), sql


def test_a_restart_of_an_existing_sequence_or_identity_loses_its_position():
    seq, table = ("rel", "public", "s"), ("rel", "public", "t")
    existing = Existing(
        tables=frozenset({table}), sequences=frozenset({seq}), objects=frozenset({seq, table})
    )
    assert classify("ALTER SEQUENCE public.s MINVALUE 10 START WITH 10 RESTART;", existing) == (
        DATA_LOSS,
    )
    restart = "ALTER TABLE public.t ALTER COLUMN id SET MAXVALUE -1 SET START WITH -1 RESTART;"
    assert classify(restart, existing) == (DATA_LOSS,)
    assert classify("ALTER SEQUENCE public.s MINVALUE 10;", existing) == ()
    assert classify("ALTER SEQUENCE public.other RESTART;", existing) == ()


def test_a_sequence_given_another_ones_position_loses_its_own_only_if_it_existed():
    seq = ("rel", "public", "s")
    existing = Existing(sequences=frozenset({seq}), objects=frozenset({seq}))
    copy = "SELECT pg_catalog.setval('public.s', last_value, is_called) FROM public.s_old;"
    assert classify(copy, existing) == (DATA_LOSS,)
    new = "SELECT pg_catalog.setval('public.n', last_value, is_called) FROM public.s;"
    assert classify(new, existing) == ()
    # the existing s put aside first: the s whose position is set is the plan's own
    aside = reader.read("ALTER SEQUENCE public.s RENAME TO s_old;")
    judged = hazards.judge([aside, reader.read(copy)], existing)
    assert [c.hazard_kinds for c in judged] == [(), ()]


def test_a_statements_string_constants_are_read_from_its_parse_tree():
    """`Change.constants` (what gaps.enums checks a new label's use against): every
    string constant, however it is quoted, escaped or dollar-quoted, and nothing else
    (names, numbers, a constant that spells JSON)."""
    from schematool.grammar import reader

    cases = {
        "ALTER TABLE t ALTER COLUMN c SET DEFAULT 'pen''ding'::s": {"pen'ding"},
        "CREATE TABLE t (a text DEFAULT $$x$$ CHECK (a <> E'r\\n'),"
        ' "sval" text CHECK ("sval" IN (\'u\', \'"sval":{"sval":\')), n numeric DEFAULT 1.5)': {
            "x",
            "r\n",
            "u",
            '"sval":{"sval":',
        },
        "CREATE INDEX i ON t (a) WHERE a = 'q'": {"q"},
        "ALTER TABLE t ADD COLUMN n integer DEFAULT 0": set(),
    }
    for sql, constants in cases.items():
        assert reader.read(sql).constants == constants, sql


PUBLISHING = Existing(
    tables=frozenset({("rel", "public", "t")}),
    objects=frozenset({("rel", "public", "t")}),
    publications=frozenset({("pub", "feed")}),
)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("DROP PUBLICATION feed;", ("replication-break",)),
        ("DROP PUBLICATION made_by_the_plan;", ()),
        ("ALTER PUBLICATION feed DROP TABLE public.t;", ("replication-break",)),
        ("ALTER PUBLICATION feed DROP TABLES IN SCHEMA app;", ("replication-break",)),
        ("ALTER PUBLICATION feed SET TABLE public.t (a);", ("replication-break",)),
        ("ALTER PUBLICATION feed SET (publish = 'insert');", ("replication-break",)),
        ("ALTER PUBLICATION feed ADD TABLE public.t WHERE (a > 0);", ()),
        ("ALTER PUBLICATION feed ADD TABLES IN SCHEMA app;", ()),
        ("CREATE PUBLICATION other FOR TABLE public.t;", ()),
        ("ALTER PUBLICATION feed OWNER TO case_writer;", ("authz-change",)),
        ("COMMENT ON PUBLICATION feed IS 'cdc';", ()),
    ],
)
def test_taking_something_out_of_an_existing_publication_breaks_replication(statement, expected):
    """Subscribers of a publication fail when it goes, and stop receiving what it no
    longer sends; what the plan adds to it, or a publication it creates, breaks nobody."""
    assert classify(statement, PUBLISHING) == expected


def _hazards_to_allow(url: str, schema: Path) -> list[str]:
    """A target whose plan needs two hazards allowed: data-loss and index-dropped."""
    with db.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id int, gone text); CREATE INDEX t_gone ON t (gone)")
    schema.mkdir(exist_ok=True)
    (schema / "t.sql").write_text("CREATE TABLE t (id int);\n")
    return ["apply", "--database-url", url, "--schema-dir", str(schema), "--yes"]


def _columns_of_t(url: str) -> list[str]:
    with db.connect(url) as conn:
        rows = conn.execute(
            "SELECT attname FROM pg_attribute"
            " WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
        ).fetchall()
    return [name for (name,) in rows]


def _bracketed(text: str, start: int) -> str:
    """The text inside the bracket opening at text[start], nested brackets and all."""
    depth = 0
    for end in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[end], 0)
        if depth == 0:
            return text[start + 1:end]
    raise AssertionError(f"unbalanced brackets in {text[start:]!r}")


def _documented_form(source: str) -> str:
    """`--allow-hazards` and its value as the commands table (docs/commands.md) or
    `apply --help` writes it."""
    from tests.conftest import ROOT

    if source == "commands table":
        page = (ROOT / "docs" / "commands.md").read_text()
        row = next(line for line in page.splitlines() if line.startswith("| `schematool apply "))
        return _bracketed(row, row.index("[--allow-hazards "))
    usage = run("apply", "--help").stdout
    return re.search(r"^\s+(--allow-hazards \S+)", usage, re.MULTILINE).group(1)


def _as_typed(form: str) -> list[str]:
    """A documented form as a user types it for two kinds: `KIND[,KIND...]` becomes
    `data-loss,index-dropped`, `KIND ...` becomes `data-loss index-dropped`; of
    alternatives (`a|b`), the first."""
    form = form.replace("\\|", "|").split("|")[0]
    form = form.replace("[,KIND...]", ",index-dropped").replace("KIND ...", "KIND index-dropped")
    return form.replace("KIND", "data-loss").split()


@pytest.mark.parametrize("source", ["commands table", "apply --help"])
def test_allow_hazards_as_the_readme_and_help_write_it_is_accepted(source, new_db, tmp_path):
    """The README once wrote `--allow-hazards KIND ...|all`, which the parser refused
    (`Got unexpected extra argument`); what it and --help write must run."""
    url = new_db()
    apply = _hazards_to_allow(url, tmp_path / "schema")
    typed = _as_typed(_documented_form(source))
    result = run(*apply, *typed)
    assert result.exit_code == ExitCode.OK, (typed, result.stderr)
    assert _columns_of_t(url) == ["id"]


@pytest.mark.parametrize(
    "allow",
    [
        ["--allow-hazards", "data-loss", "--allow-hazards", "index-dropped"],
        ["--allow-hazards", "data-loss,index-dropped"],
        ["--allow-hazards", "all"],
    ],
    ids=["repeated", "comma-separated", "all"],
)
def test_allow_hazards_takes_a_repeated_option_a_comma_separated_list_or_all(allow, new_db, tmp_path):
    url = new_db()
    apply = _hazards_to_allow(url, tmp_path / "schema")
    result = run(*apply, *allow)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert _columns_of_t(url) == ["id"]
