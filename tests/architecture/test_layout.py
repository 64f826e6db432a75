"""Every service has the same shape, so a reader who knows one knows all five (README, "Code
layout"):

    canopy_<service>/
      __init__.py       SERVICE_NAME, nothing else
      __main__.py       CLI: operator commands, consumer, relay entrypoints
      app.py            create_app(): the Flask factory; installs the dependencies
      bootstrap.py      the composition root: a frozen `Dependencies` + `bootstrap(settings, ...)`
      settings.py       frozen dataclass read from the environment once
      domain/           rules, entities, value objects, domain errors (no I/O)
      services/         use cases
      api/              flask-smorest blueprints: load -> use case -> dump
      schemas/          marshmallow HTTP schemas
      handlers/         bus handlers (only services that consume)
      adapters/         db, unit of work, repositories, ClickHouse, publishing, key storage...
      migrations/       alembic (services with a SQL database)

Analytics adds `clickhouse_migrations/` (its ClickHouse store) and one feature folder,
`exports/`, a vertical slice with its own API, schemas, jobs and tables.

A layer is one module (`domain.py`) until it outgrows ~250 lines, then a package of feature
modules (`domain/<feature>.py`) whose `__init__.py` re-exports nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from canopy_shared.contracts.topics import ALL_TOPICS, TOPIC_FAMILIES
from canopy_shared.runtime.processes import SERVICES
from tests.architecture.source import SERVICE_DIRS, imported_roots, modules_of, parse_source

ENTRYPOINTS = ("__init__.py", "__main__.py", "app.py", "bootstrap.py", "settings.py")
LAYERS = ("domain", "services", "api", "schemas", "adapters")  # a module or a package each
PACKAGE_ONLY = ("adapters",)  # several kinds of I/O from the start
CONSUMER_LAYER = "handlers"
MIGRATIONS = "migrations"
# Analytics also owns a ClickHouse store, migrated by its own numbered SQL files.
EXTRA_MIGRATIONS = {"canopy_analytics": ("clickhouse_migrations",)}
# A feature large enough to be a vertical slice (its own API, schemas, jobs, tables, renderers)
# lives in one folder beside the layers; analytics' exports is the one such feature.
FEATURE_FOLDERS = {"canopy_analytics": ("exports",)}
SERVICE_NAMES = {spec.package: spec.name for spec in SERVICES}


def consumes(package: str) -> bool:
    consumer_lists = [t.consumers for t in ALL_TOPICS] + [f.consumers for f in TOPIC_FAMILIES]
    return any(SERVICE_NAMES[package] in consumers for consumers in consumer_lists)


def has_sql_database(package: str) -> bool:
    return any(
        "sqlalchemy" in imported_roots(m) for m in modules_of(SERVICE_DIRS[package]).values()
    )


def expected_layers(package: str) -> tuple[str, ...]:
    return LAYERS + ((CONSUMER_LAYER,) if consumes(package) else ())


def top_level(package_dir: Path) -> set[str]:
    return {p.name for p in package_dir.iterdir() if p.name != "__pycache__"}


def layer_entry(package_dir: Path, layer: str) -> Path | None:
    """The layer's module or package, if the service has it (as exactly one of the two)."""
    found = [p for p in (package_dir / f"{layer}.py", package_dir / layer) if p.exists()]
    assert len(found) <= 1, f"{package_dir.name} has both {layer}.py and {layer}/"
    return found[0] if found else None


@pytest.mark.parametrize("package", sorted(SERVICE_DIRS))
def test_every_service_has_the_entrypoints_and_every_layer(package: str) -> None:
    package_dir = SERVICE_DIRS[package]
    missing = [name for name in ENTRYPOINTS if not (package_dir / name).is_file()]
    for layer in expected_layers(package):
        if layer in PACKAGE_ONLY and not (package_dir / layer).is_dir():
            missing.append(f"{layer}/")
        elif not layer_entry(package_dir, layer):
            missing.append(layer)
    if has_sql_database(package) and not (package_dir / MIGRATIONS).is_dir():
        missing.append(f"{MIGRATIONS}/")
    assert not missing, f"{package} lacks {missing} of the one service layout"


@pytest.mark.parametrize("package", sorted(SERVICE_DIRS))
def test_nothing_else_at_the_top_of_a_service(package: str) -> None:
    """Features live inside the layers, never beside them (`api_users.py`, `keyring.py`)."""
    layers = expected_layers(package)
    allowed = {*ENTRYPOINTS, *layers, *(f"{layer}.py" for layer in layers), MIGRATIONS}
    allowed |= {*EXTRA_MIGRATIONS.get(package, ()), *FEATURE_FOLDERS.get(package, ())}
    extra = sorted(top_level(SERVICE_DIRS[package]) - allowed)
    assert not extra, f"{package} has {extra} outside the layers of the one service layout"


@pytest.mark.parametrize("package", sorted(SERVICE_DIRS))
def test_layer_packages_re_export_nothing(package: str) -> None:
    package_dir = SERVICE_DIRS[package]
    for layer in expected_layers(package):
        init = package_dir / layer / "__init__.py"
        if not init.is_file():
            continue
        body = parse_source(init).body
        code = [node for node in body if not _is_docstring(node)]
        assert not code, f"{init.relative_to(package_dir.parent)}: a docstring at most"


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


@pytest.mark.parametrize("package", sorted(SERVICE_DIRS))
def test_bootstrap_builds_one_frozen_dependencies(package: str) -> None:
    path = SERVICE_DIRS[package] / "bootstrap.py"
    tree = parse_source(path) if path.is_file() else ast.Module(body=[], type_ignores=[])
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert "Dependencies" in classes, f"{package}/bootstrap.py defines no Dependencies"
    assert _is_frozen_dataclass(classes["Dependencies"]), f"{package}: Dependencies not frozen"
    assert "bootstrap" in functions, f"{package}/bootstrap.py defines no bootstrap()"


def _is_frozen_dataclass(node: ast.ClassDef) -> bool:
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "dataclass":
            frozen = [k for k in decorator.keywords if k.arg == "frozen"]
            return bool(frozen) and getattr(frozen[0].value, "value", False) is True
    return False
