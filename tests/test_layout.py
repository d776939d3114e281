"""The layout is the pipeline: stage packages that import only what comes before them.

`ls schematool/` reads as the flow (project -> desired -> inspect -> diff -> plan ->
apply, with grammar for reading SQL and cli on top). These tests read every module's
imports (those inside functions too) and hold the layout to what docs/architecture.md
promises: no import circle, no import that runs back up a stage, no module over 800
lines, migra and its kin in one adapter module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "schematool"

# lowest first: a module may import its own package's modules and those of lower layers
LAYERS = (
    ("errors", "names", "secrets", "db", "hazard_kinds"),
    ("grammar",),
    ("project",),
    ("inspect",),
    ("desired",),
    ("diff",),
    ("plan",),
    ("apply",),
    ("fleet",),
    ("cli",),
)
SHARED = LAYERS[0]
ENTRY = ("__init__", "__main__")  # the package's face and `python -m schematool`
MAX_LINES = 800
ADAPTED = ("migra", "schemainspect", "sqlalchemy", "sqlbag")
ADAPTER = "schematool.diff.adapter"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(module: str, path: Path) -> set[str]:
    """Every module of the package `module` imports, and every top-level name of others."""
    names: set[str] = set()
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            names.add(stem)
            names.update(f"{stem}.{alias.name}" for alias in node.names)
    resolved = set()
    for name in names:
        if not name.startswith("schematool"):
            resolved.add(name.split(".")[0])
            continue
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module and not module.startswith(name + "."):
            resolved.add(name)
    return resolved


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _unit(module: str) -> str:
    """The layout's unit of a module: its stage package, or a shared module's name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(unit: str) -> int | None:
    for level, units in enumerate(LAYERS):
        if unit in units:
            return level
    return None


def test_every_module_belongs_to_a_stage_package_or_is_a_shared_module():
    strays = sorted(
        module
        for module in MODULES
        if _unit(module) not in ENTRY and _layer(_unit(module)) is None
    )
    assert not strays, f"modules outside the layout (docs/architecture.md): {strays}"


def test_no_import_runs_back_up_a_stage():
    upward = sorted(
        f"{module} imports {other}"
        for module, imported in GRAPH.items()
        for other in imported
        if other in MODULES
        and _unit(module) not in ENTRY
        and _unit(other) != _unit(module)
        and (_layer(_unit(other)) or 0) > (_layer(_unit(module)) or 0)
    )
    assert not upward, "imports that run back up a stage:\n" + "\n".join(upward)


def test_no_shared_module_imports_a_stage_package():
    shared = sorted(
        f"{module} imports {other}"
        for module, imported in GRAPH.items()
        if _unit(module) in SHARED
        for other in imported
        if other in MODULES and _unit(other) not in SHARED
    )
    assert not shared, "shared modules must stand below every stage:\n" + "\n".join(shared)


def test_no_import_circle():
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for other in sorted(GRAPH[module]):
            if other not in MODULES:
                continue
            if state.get(other) == 1:
                circles.append(trail[trail.index(other) :] + [other])
            elif other not in state:
                visit(other, trail + [other])
        state[module] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_800_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it by what it does"


def test_migra_and_its_kin_are_imported_in_the_adapter_alone():
    elsewhere = sorted(
        f"{module} imports {name}"
        for module, imported in GRAPH.items()
        if module != ADAPTER
        for name in imported
        if name in ADAPTED
    )
    assert not elsewhere, elsewhere
    assert {"migra", "schemainspect", "sqlalchemy"} <= GRAPH[ADAPTER]


def test_the_core_never_imports_typer():
    core = sorted(
        module
        for module, imported in GRAPH.items()
        if _unit(module) != "cli" and module != "schematool.__main__" and "typer" in imported
    )
    assert not core, core


def test_the_checker_sees_an_upward_import(tmp_path):
    """The layout checks read real imports: one planted in a copy is found."""
    path = tmp_path / "planted.py"
    path.write_text("from schematool.apply import runner\nfrom schematool import db\n")
    seen = _imports("schematool.grammar.planted", path)
    assert "schematool.db" in seen
    assert any(name.startswith("schematool.apply") for name in seen)
