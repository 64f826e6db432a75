"""The source tree as the architecture tests read it: each package's modules, parsed, and the
import graph between the modules of one package."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from canopy_shared.runtime.processes import SERVICES

ROOT = Path(__file__).resolve().parents[2]
SERVICE_DIRS = {spec.package: ROOT / "services" / spec.name / spec.package for spec in SERVICES}
SHARED_DIR = ROOT / "shared" / "canopy_shared"


def parse_source(path: Path) -> ast.Module:
    """`ast.parse` of a source file. CPython 3.11 keeps the AST constructor's recursion depth in
    state shared between threads (gh-106905), and 3.11's traceback formatting parses source too:
    a background thread left by an earlier test that logs a traceback at the wrong moment makes
    one parse raise "AST constructor recursion depth mismatch". A second parse is exact."""
    source = path.read_text()
    try:
        return ast.parse(source, filename=str(path))
    except SystemError:
        return ast.parse(source, filename=str(path))


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. "canopy_anonymizer.domain.keys"
    path: Path
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


@cache
def modules_of(package_dir: Path) -> Mapping[str, Module]:
    """Every module of the package at `package_dir`, by dotted name (alembic's `migrations/`
    included: an env.py that imports the app is still an import)."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = Module(name, path, parse_source(path))
    return found


def imported_names(module: Module) -> Iterator[tuple[str, int]]:
    """(absolute dotted name, line) of everything `module` imports, anywhere in it (also
    inside functions and `if TYPE_CHECKING:`: a cycle hidden there is still a cycle).
    `from a import b` yields "a.b"; the caller decides whether that is a module."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(package, node.module, node.level)
            yield base, node.lineno
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def _absolute(package: str, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    anchor = package.split(".")
    anchor = anchor[: len(anchor) - (level - 1)]
    return ".".join([*anchor, module] if module else anchor)


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """module -> the modules of the same package it imports (`from pkg.layer import name`
    counts as importing `pkg.layer.name` when that is a module, else `pkg.layer`)."""
    known = modules_of(package_dir)
    graph: dict[str, set[str]] = {}
    for name, module in known.items():
        targets = set()
        for imported, _line in imported_names(module):
            if imported in known:
                targets.add(imported)
        graph[name] = targets - {name}
    return graph


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle as the modules along it (first == last), or None."""
    state: dict[str, str] = {}  # "open" while on the DFS path, "done" after
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def imported_roots(module: Module) -> dict[str, int]:
    """Top-level package -> first line importing it (absolute imports only)."""
    roots: dict[str, int] = {}
    for imported, line in imported_names(module):
        roots.setdefault(imported.split(".")[0], line)
    return roots
