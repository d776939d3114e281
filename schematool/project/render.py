"""Stage 1: templates/ -> rendered SQL tree.

`templates/**/*.sql.j2` render to `schema/**/*.sql` one to one (plain `.sql` files are
copied); names starting with `_` are partials (macros) and are not rendered. The output
is a pure function of the templates and variables, so `render --check` can compare it
byte for byte with what is committed.
"""

from __future__ import annotations

import difflib
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from schematool.errors import RenderError, SchemaToolError, StaleRenderError
from schematool.project.files import (
    Origin,
    SchemaFile,
    long_identifiers,
    not_utf8,
    read_utf8,
)

HEADER = "-- Rendered from {source} by `schematool render`. Edit the template, not this file.\n"


@dataclass(frozen=True)
class RenderResult:
    written: list[str]
    removed: list[str]
    unchanged: list[str]


RENDERED = (".sql.j2", ".sql")  # what render turns into schema files


def template_sources(templates_dir: Path) -> list[Path]:
    """Every renderable file below templates_dir, sorted; partials and dotfiles excluded."""
    return [path for path in _candidates(templates_dir) if path.name.endswith(RENDERED)]


def skipped_sources(templates_dir: Path) -> list[Path]:
    """Files below templates_dir that render passes over although they are neither
    partials nor dotfiles (`x.sql.jinja`, `x.sql.j2.bak`, notes): most likely a template
    that was meant to be rendered, so render names them."""
    return [path for path in _candidates(templates_dir) if not path.name.endswith(RENDERED)]


def _candidates(templates_dir: Path) -> list[Path]:
    if not templates_dir.is_dir():
        raise SchemaToolError(f"templates folder not found: {templates_dir}")
    found = []
    for path in templates_dir.rglob("*"):
        rel = path.relative_to(templates_dir)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(templates_dir).as_posix())


def warnings_for(
    templates_dir: Path, rendered: dict[str, str], labels: tuple[str, str]
) -> list[str]:
    """What a user should hear about a rendering: skipped template files, and names
    PostgreSQL would cut (at the rendered file's line and the template's). `labels`: how
    the templates and schema folders are named."""
    templates, schema = labels
    messages = [
        f"{templates}/{path.relative_to(templates_dir).as_posix()} is not rendered (only"
        f" {' and '.join('*' + suffix for suffix in RENDERED)} files are); rename it to"
        " render it, or start its name with _ for a partial"
        for path in skipped_sources(templates_dir)
    ]
    traced = origins(templates_dir, rendered, templates)
    for rel, text in sorted(rendered.items()):
        file = SchemaFile(f"{schema}/{rel}", text, traced.get(rel))
        messages += long_identifiers(file)
    return messages


def render_tree(templates_dir: Path, variables: dict[str, Any], label: str) -> dict[str, str]:
    """Rendered files keyed by their path relative to the schema folder.

    `label` is how the templates folder is named in headers and errors (e.g. 'templates').
    """
    env = jinja2.Environment(
        loader=_Loader(templates_dir, label),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    # The variables are globals, so they also reach macros of a partial imported the
    # usual way (`{% import "_macros.sql.j2" as m %}`, which passes no context).
    env.globals.update(variables)
    rendered: dict[str, str] = {}
    for path, rel, out in _outputs(templates_dir):
        source = f"{label}/{rel}"
        if rel.endswith(".j2"):
            body = _render_one(env, rel, variables, label)
        else:
            body = _read_plain(path, source)
        rendered[out] = HEADER.format(source=source) + _normalize(body)
    return rendered


def _outputs(templates_dir: Path) -> list[tuple[Path, str, str]]:
    """Each template: its path, its path below templates_dir, and the rendered file's."""
    found = []
    for path in template_sources(templates_dir):
        rel = path.relative_to(templates_dir).as_posix()
        found.append((path, rel, rel.removesuffix(".j2")))
    return found


def origins(templates_dir: Path, rendered: dict[str, str], label: str) -> dict[str, Origin]:
    """For each rendered file (by its path below the schema folder), where its lines come
    from in its template: so that an error, a warning or a hint at a line of a file
    whose header says "edit the template" names the template's line too."""
    found = {}
    for path, rel, out in _outputs(templates_dir):
        if out in rendered:
            lines = line_origins(read_utf8(path), rendered[out])
            found[out] = Origin(f"{label}/{rel}", lines)
    return found


_HEADER_LINES = HEADER.count("\n")
_EXPRESSION = re.compile(r"\{\{.*?\}\}")


def line_origins(template: str, rendered: str) -> tuple[tuple[int, int] | None, ...]:
    """For each line of `rendered` (a template's rendering, header first), the template
    lines it came from (first, last), or None. Jinja maps compiled code to template
    lines only coarsely, so the rendering is aligned with the template's text instead
    (difflib, on whole lines): a literal line matches itself exactly; within what
    differs, a line with `{{ ... }}` matches the rendered lines its literal parts fit,
    a line a macro call or an include expands to maps to the call's line, and what
    cannot be told apart maps to the template lines it lies between (first-last)."""
    source = [line.rstrip() for line in template.replace("\r\n", "\n").split("\n")]
    output = rendered.split("\n")[_HEADER_LINES:]
    found: list[tuple[int, int] | None] = [None] * len(output)
    matcher = difflib.SequenceMatcher(None, source, output, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(j2 - j1):
                found[j1 + k] = (i1 + k + 1, i1 + k + 1)
        elif tag == "replace":
            found[j1:j2] = _replaced(source[i1:i2], output[j1:j2], i1 + 1)
    return (None,) * _HEADER_LINES + tuple(found)


def _replaced(
    source: list[str], output: list[str], first: int
) -> list[tuple[int, int] | None]:
    """Lines `output` rendered from template lines `source` (the first being line
    `first`), where they differ: each output line goes to the next template line whose
    pattern (literal parts, `{{ ... }}` as anything) it fits, else to the template line
    last fitted (a macro's or an include's further lines), else to all of `source`."""
    whole = (first, first + len(source) - 1)
    if len(source) == 1:
        return [whole] * len(output)
    patterns = [_pattern(line) for line in source]
    found: list[tuple[int, int] | None] = []
    at, last = 0, None
    for line in output:
        fits = next(
            (k for k in range(at, len(source)) if patterns[k] and patterns[k].fullmatch(line)),
            None,
        )
        if fits is not None:
            at, last = fits + 1, first + fits
        found.append((last, last) if last is not None else whole)
    return found


def _pattern(line: str) -> re.Pattern[str] | None:
    """A template line as a pattern of the lines it renders to; None for a line with
    Jinja statements or comments (or an expression it does not close), which render
    to nothing of their own."""
    if "{%" in line or "{#" in line or line.count("{{") != len(_EXPRESSION.findall(line)):
        return None
    parts = _EXPRESSION.split(line)  # a literal line: one part, itself
    return re.compile(".*".join(re.escape(part) for part in parts))


class _Loader(jinja2.FileSystemLoader):
    """Jinja's file loader, except that a template (or a partial it imports) that is not
    UTF-8 is a RenderError naming it and the line of its first bad byte: Jinja's own
    UnicodeDecodeError names neither."""

    def __init__(self, templates_dir: Path, label: str) -> None:
        super().__init__(str(templates_dir))
        self.label = label

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            _read_plain(Path(self.searchpath[0]) / template, f"{self.label}/{template}")
            raise  # decoded whole it is UTF-8 after all: Jinja's reason stands


def _read_plain(path: Path, source: str) -> str:
    try:
        return read_utf8(path)
    except UnicodeDecodeError as error:
        raise RenderError(source, *not_utf8(error)) from None


def _render_one(env: jinja2.Environment, rel: str, variables: dict[str, Any], label: str) -> str:
    try:
        return env.get_template(rel).render(**variables)
    except jinja2.TemplateSyntaxError as error:
        name = error.name or rel
        raise RenderError(
            f"{label}/{name}", error.lineno, error.message or "syntax error"
        ) from None
    except jinja2.TemplateError as error:
        name, line = _template_frame(error, env, rel)
        raise RenderError(f"{label}/{name}", line, _one_line(error)) from None


def _template_frame(
    error: BaseException, env: jinja2.Environment, default: str
) -> tuple[str, int | None]:
    """The innermost template and line of a runtime error. Jinja rewrites tracebacks so
    that compiled frames carry the template's file name and line."""
    assert isinstance(env.loader, jinja2.FileSystemLoader)
    root = Path(env.loader.searchpath[0]).resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix(), frame.lineno
    return default, None


def _one_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _normalize(text: str) -> str:
    """LF line ends, no trailing spaces, exactly one final newline: stable bytes for review."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def existing_files(schema_dir: Path) -> dict[str, bytes]:
    if not schema_dir.is_dir():
        return {}
    return {
        p.relative_to(schema_dir).as_posix(): p.read_bytes()
        for p in schema_dir.rglob("*.sql")
        if p.is_file()
    }


def stale_files(rendered: dict[str, str], schema_dir: Path) -> list[str]:
    """Files of schema_dir that differ from the rendering, are missing, or have no template."""
    existing = existing_files(schema_dir)
    stale = [rel for rel, text in rendered.items() if existing.get(rel) != text.encode("utf-8")]
    stale += [rel for rel in existing if rel not in rendered]
    return sorted(stale)


def write_tree(rendered: dict[str, str], schema_dir: Path) -> RenderResult:
    """Write the rendering into schema_dir, removing .sql files no template renders any more."""
    existing = existing_files(schema_dir)
    written, unchanged = [], []
    for rel, text in sorted(rendered.items()):
        data = text.encode("utf-8")
        if existing.get(rel) == data:
            unchanged.append(rel)
            continue
        target = schema_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(rel)
    removed = sorted(rel for rel in existing if rel not in rendered)
    for rel in removed:
        (schema_dir / rel).unlink()
        _remove_empty_parents((schema_dir / rel).parent, schema_dir)
    return RenderResult(written=written, removed=removed, unchanged=unchanged)


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def check(rendered: dict[str, str], schema_dir: Path, schema_label: str) -> None:
    """Raise StaleRenderError listing the stale files, if any."""
    stale = stale_files(rendered, schema_dir)
    if stale:
        names = ", ".join(f"{schema_label}/{rel}" for rel in stale)
        raise StaleRenderError(
            f"{schema_label}/ is not what the templates render ({names}); run `schematool render`"
        )
