"""The system's structural promises, checked on the source itself:

- services share only `canopy_shared` and topics: no service imports another service's package;
- the anonymizer is the only path from raw observations into ClickHouse: only it may name the
  anonymized topic as something to publish to; analytics (the only ClickHouse writer) never
  reads the raw topic; nothing but analytics talks to ClickHouse.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW
from canopy_shared.runtime.processes import SERVICES
from tests.architecture.source import parse_source

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {spec.package: ROOT / "services" / spec.name / spec.package for spec in SERVICES}


def modules(package_dir: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(package_dir.rglob("*.py")):
        yield path, parse_source(path)


def imported_roots(tree: ast.Module) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def mentions(tree: ast.Module, constant: str, topic_name: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == constant:
            return True
        if isinstance(node, ast.alias) and node.name == constant:
            return True
        if isinstance(node, ast.Constant) and node.value == topic_name:
            return True
    return False


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_services_import_no_other_service(package: str) -> None:
    others = set(PACKAGES) - {package}
    for path, tree in modules(PACKAGES[package]):
        assert not imported_roots(tree) & others, f"{path} imports another service"


@pytest.mark.parametrize("package", sorted(set(PACKAGES) - {"canopy_anonymizer"}))
def test_only_the_anonymizer_may_publish_anonymized_observations(package: str) -> None:
    for path, tree in modules(PACKAGES[package]):
        if not mentions(tree, "OBSERVATIONS_ANONYMIZED", OBSERVATIONS_ANONYMIZED.name):
            continue
        # The one allowed mention outside the anonymizer: analytics' bus handlers subscribing
        # to it (its `handlers` layer, a module or a package).
        layer = path.relative_to(PACKAGES[package]).parts[0].removesuffix(".py")
        assert (package, layer) == ("canopy_analytics", "handlers"), (
            f"{path} names the anonymized topic; only the anonymizer produces to it"
        )


def test_registry_names_the_anonymizer_as_sole_producer() -> None:
    assert OBSERVATIONS_ANONYMIZED.producers == ("anonymizer",)
    assert OBSERVATIONS_RAW.consumers == ("anonymizer",)


def test_analytics_never_reads_raw_observations() -> None:
    for path, tree in modules(PACKAGES["canopy_analytics"]):
        assert not mentions(tree, "OBSERVATIONS_RAW", OBSERVATIONS_RAW.name), path


@pytest.mark.parametrize("package", sorted(set(PACKAGES) - {"canopy_analytics"}))
def test_only_analytics_talks_to_clickhouse(package: str) -> None:
    for path, tree in modules(PACKAGES[package]):
        assert not imported_roots(tree) & {"clickhouse_connect", "chdb"}, path


def test_shared_library_imports_no_service() -> None:
    for path, tree in modules(ROOT / "shared" / "canopy_shared"):
        assert not imported_roots(tree) & set(PACKAGES), path
