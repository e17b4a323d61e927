"""The floor plan holds: no import cycle, each module imports only its own floor or floors below,
no import of the package hidden inside a function (outside the CLI, which defers heavy imports to
keep `screening --help` quick), and every module says in its docstring what it owns."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Import name → folder (web/ is installed as screening_web, see pyproject's package-dir).
PACKAGES = {"screening": ROOT / "screening", "screening_web": ROOT / "web"}

# Lowest first. A module's floor is the first prefix that matches its dotted name.
FLOORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("bottom", ("screening.report", "screening.document")),
    ("text", ("screening.text",)),
    ("knowledge", ("screening.knowledge",)),
    ("checks", ("screening.checks",)),
    ("model", ("screening.model", "screening.similar")),
    ("pipeline", ("screening.pipeline",)),
    ("training", ("screening.training",)),
    ("front ends", ("screening.batch", "screening.cli", "screening.render", "screening.records",
                    "screening.petition_writer", "screening_web", "screening")),
)


def floor_of(module: str) -> int:
    for rank, (_, prefixes) in enumerate(FLOORS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} is on no floor: add it to FLOORS")


def modules() -> dict[str, Path]:
    found = {}
    for name, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            if "static" in path.parts:
                continue
            parts = [name, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    return (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING") or (
        isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")


def imports_of(path: Path, known: set[str]) -> tuple[set[str], list[tuple[int, str]]]:
    """(modules imported at run time at module level, [(line, module)] imported inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    nested: list[tuple[int, str]] = []

    def targets(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Import):
            return [a.name for a in node.names]
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from pkg import mod` imports pkg.mod when that is a module.
            return [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module for a in node.names]
        return []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue  # annotations only: never imported at run time
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for t in targets(child):
                    if t.split(".")[0] in PACKAGES:
                        (nested.append((child.lineno, t)) if in_function else top.add(t))
            walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    walk(tree, False)
    return top, nested


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {m: {t for t in imports_of(p, known)[0] if t in known and t != m} for m, p in mods.items()}


def test_no_import_cycle(graph):
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(t):] + [t]))
            if t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_each_module_imports_only_its_floor_or_below(graph):
    upward = [
        f"{m} ({FLOORS[floor_of(m)][0]}) imports {t} ({FLOORS[floor_of(t)][0]})"
        for m, targets in graph.items() for t in targets
        if floor_of(t) > floor_of(m) and m not in PACKAGES  # a package's face re-exports from above
    ]
    assert not upward, "\n".join(upward)


def test_no_package_import_hidden_in_a_function():
    mods = modules()
    hidden = [
        f"{path.relative_to(ROOT)}:{line} imports {t}"
        for m, path in mods.items() if not m.startswith("screening.cli")
        for line, t in imports_of(path, set(mods))[1]
    ]
    assert not hidden, "\n".join(hidden)


def test_every_module_says_what_it_owns():
    missing = []
    for m, path in modules().items():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not doc or not doc.strip().splitlines()[0].strip():
            missing.append(str(path.relative_to(ROOT)))
    assert not missing, "modules without a docstring: " + ", ".join(missing)
