"""The package is laid out as the pipeline: a module imports only from its own stage or
lower ones (imports inside functions too), and no import circle exists anywhere."""

from __future__ import annotations

import ast
from pathlib import Path

import schematool

ROOT = Path(schematool.__file__).parent
# lowest first; a top-level module is shared (below every stage)
STAGES = ("shared", "grammar", "project", "inspect", "desired", "diff", "plan", "apply", "cli")
ENTRY = "schematool.__main__"  # `python -m schematool`: above everything


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else 0


def _owner(name: str) -> str:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_owner(a.name) for a in node.names if a.name.startswith("schematool.")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "schematool" or base.startswith("schematool."):
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in MODULES else _owner(base))
    return found - {module, "schematool"}


GRAPH = {module: _imports(module) for module in MODULES}


def test_no_import_runs_up_a_stage():
    upward = [
        f"{module} -> {imported}"
        for module, imported_all in GRAPH.items()
        if module != ENTRY
        for imported in imported_all
        if _stage(imported) > _stage(module)
    ]
    assert sorted(upward) == []


def test_no_import_circle():
    circles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == 1:
                circles.append(" -> ".join([*path[path.index(imported) :], imported]))
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert circles == []
