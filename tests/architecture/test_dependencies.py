"""Which way imports may point, checked on the source:

- no import cycle inside any service package, nor inside `canopy_shared` (a cycle means two
  modules that can only be understood, and changed, together);
- a service's `domain` (its rules) imports no web framework, database, broker or ClickHouse
  client, directly or through another module of the service: rules are tested without I/O;
- services are wired one way: dependencies are one typed object (`install_dependencies` /
  `current_dependencies`), never string keys into `app.extensions`.
"""

from __future__ import annotations

import ast

import pytest

from tests.architecture.source import (
    SERVICE_DIRS,
    SHARED_DIR,
    find_cycle,
    import_graph,
    imported_roots,
    modules_of,
)

PACKAGES = {**SERVICE_DIRS, "canopy_shared": SHARED_DIR}
IO_LIBRARIES = frozenset(
    {"flask", "flask_smorest", "sqlalchemy", "kafka", "clickhouse_connect", "chdb"}
)


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_import_cycle_inside_a_package(package: str) -> None:
    cycle = find_cycle(import_graph(PACKAGES[package]))
    assert cycle is None, f"{package} has an import cycle: {' -> '.join(cycle or [])}"


def domain_modules(package: str) -> list[str]:
    prefix = f"{package}.domain"
    return [
        name
        for name in modules_of(SERVICE_DIRS[package])
        if name.split(".")[:2] == prefix.split(".")
    ]


@pytest.mark.parametrize("package", sorted(SERVICE_DIRS))
def test_the_domain_imports_no_io_library(package: str) -> None:
    known = modules_of(SERVICE_DIRS[package])
    graph = import_graph(SERVICE_DIRS[package])
    assert domain_modules(package), f"{package} has no domain layer"
    for name in domain_modules(package):
        for chain in _reachable(graph, name):
            module = known[chain[-1]]
            found = {
                root: line for root, line in imported_roots(module).items() if root in IO_LIBRARIES
            }
            via = " -> ".join(chain)
            assert not found, (
                f"{name} reaches {sorted(found)} ({via}, "
                f"{module.path.relative_to(SERVICE_DIRS[package].parent)} line "
                f"{min(found.values())}): the domain stays free of I/O"
            )


def _reachable(graph: dict[str, set[str]], start: str) -> list[list[str]]:
    """Every module `start` imports within its package, directly or not, each with the chain
    of imports that reaches it (`start` itself first)."""
    chains = {start: [start]}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for target in sorted(graph[node]):
            if target not in chains:
                chains[target] = [*chains[node], target]
                frontier.append(target)
    return list(chains.values())


@pytest.mark.parametrize("package", sorted(SERVICE_DIRS))
def test_dependencies_are_not_string_keys_into_app_extensions(package: str) -> None:
    for module in modules_of(SERVICE_DIRS[package]).values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Attribute) and node.attr == "extensions":
                raise AssertionError(
                    f"{module.path.relative_to(SERVICE_DIRS[package].parent)} line "
                    f"{node.lineno} reaches into app.extensions: build one Dependencies in "
                    "bootstrap.py and read it with canopy_shared.web.dependencies"
                )


def test_the_cycle_finder_names_every_module_of_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
