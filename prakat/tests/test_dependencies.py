"""Which way the project's modules depend on each other, read from their import statements.

The design says dependencies point one way, ``publishing ─▶ compliance ─▶ content ─▶ agency
─▶ thai``: an app may use those to its right, never those to its left. Inside the project no
two modules import each other, directly or round a circle; an import written inside a function
(to dodge such a circle, or because Wagtail is still defining its models) says why on the line
above it. Nothing here touches the database: the source is read, not imported.

Run as a script to see who imports whom::

    .venv/bin/python prakat/tests/test_dependencies.py prakat.publishing
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

# Left may use right, never the reverse (DESIGN, "Architecture at a glance").
LAYERS = ("publishing", "compliance", "content", "agency", "thai")
# Small parts every app may use: scheduled jobs, spreadsheets, the client's address.
SHARED = {"schedule", "spreadsheet", "client"}


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_code(path: Path) -> bool:
    """The project's own code: not its tests, test fixtures or migrations."""
    parts = path.relative_to(PROJECT).parts
    return not ({"tests", "migrations"} & set(parts)) and path.name != "conftest.py"


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PROJECT.rglob("*.py")) if _is_code(p)}


def _resolve(name: str) -> str:
    """The module ``name`` lives in: ``prakat.publishing.models.Decision`` is in
    ``prakat.publishing.models``."""
    while name and name not in modules():
        name = name.rpartition(".")[0]
    return name


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, path: Path) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    return [f"{base}.{alias.name}" for alias in node.names]


def _statements(tree: ast.AST):
    """Each statement with the list of statements it stands in, and whether it runs inside a
    function (at call time) or when its module is imported."""

    def walk(node: ast.AST, in_function: bool):
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for child in block:
                if isinstance(child, ast.stmt):
                    yield child, block, in_function
                inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                yield from walk(child, inside)

    yield from walk(tree, False)


@cache
def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def imports() -> tuple[Import, ...]:
    """Every import of one project module by another. Importing ``a.b.c`` runs ``a/b``'s
    ``__init__`` first, so it counts as importing that package too (unless one is inside it)."""
    found = []
    for module, path in modules().items():
        for statement, _block, in_function in _statements(_parsed(path)):
            if not isinstance(statement, ast.Import | ast.ImportFrom):
                continue
            for name in _imported_names(statement, module, path):
                target = _resolve(name) if name.startswith("prakat.") else ""
                while target and target != module and not module.startswith(target + "."):
                    found.append(Import(module, target, statement.lineno, in_function))
                    target = target.rpartition(".")[0]
                    target = target if target in modules() else ""
    return tuple(found)


def app_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def circles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Each circle of the graph once, as the path round it (strongly connected parts)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def _edges(chosen) -> set[tuple[str, str]]:
    return {(i.source, i.target) for i in chosen}


def test_the_reader_sees_imports_at_both_levels_and_packages():
    # Known facts of the tree, written by hand: the reader must see them or it proves nothing.
    seen = {(i.source, i.target, i.in_function) for i in imports()}
    assert ("prakat.publishing.views", "prakat.publishing.models", False) in seen
    assert ("prakat.publishing.finish", "prakat.content.going_live", True) in seen
    assert ("prakat.publishing.apps", "prakat.publishing.notifications", True) in seen
    found = circles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")})
    assert found == [["a", "b", "c"]]


def test_no_module_imports_itself_round_a_circle_at_module_level():
    assert circles(_edges(i for i in imports() if not i.in_function)) == []


def test_publishing_has_no_circle_even_through_imports_inside_functions():
    """The request, its tasks, its decisions and its reports once imported each other in a
    circle, joined by imports hidden inside functions."""
    inside = [i for i in imports() if app_of(i.source) == app_of(i.target) == "publishing"]
    assert circles(_edges(inside)) == []


def test_apps_depend_one_way():
    wrong = []
    for i in imports():
        source, target = app_of(i.source), app_of(i.target)
        if source not in LAYERS or source == target or target in SHARED:
            continue
        if target not in LAYERS or LAYERS.index(target) < LAYERS.index(source):
            wrong.append(f"{i.source}:{i.line} imports {i.target}")
    assert wrong == []


def _says_why(path: Path, statement: ast.stmt, block: list[ast.stmt]) -> bool:
    """A comment above the import, or above the run of imports it belongs to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = block.index(statement)
    while at > 0 and isinstance(block[at - 1], ast.Import | ast.ImportFrom):
        at -= 1
    first = block[at].lineno - 1  # the run's first import, counted from 0
    return first > 0 and lines[first - 1].strip().startswith("#")


def test_an_import_inside_a_function_says_why():
    unexplained = []
    for module, path in modules().items():
        for statement, block, in_function in _statements(_parsed(path)):
            if not in_function or not isinstance(statement, ast.Import | ast.ImportFrom):
                continue
            names = _imported_names(statement, module, path)
            if any(n.startswith("prakat.") for n in names) and not _says_why(
                path, statement, block
            ):
                unexplained.append(f"{module}:{statement.lineno}")
    assert unexplained == []


if __name__ == "__main__":
    prefix = sys.argv[1] if len(sys.argv) > 1 else "prakat"
    for i in imports():
        if i.source.startswith(prefix):
            where = "inside a function" if i.in_function else "module"
            print(f"{i.source}:{i.line} -> {i.target} ({where})")
    print("circles:", circles(_edges(i for i in imports() if i.source.startswith(prefix))))
