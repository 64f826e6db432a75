"""The anonymizer's shape, checked on its source: one module publishes the anonymized topic, and
the rule itself (domain, pseudonyms) does no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import canopy_anonymizer
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED

PACKAGE = Path(canopy_anonymizer.__file__).parent
SOURCES = {
    path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text())
    for path in PACKAGE.rglob("*.py")
}


def names_anonymized_topic(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Name | ast.alias):
            name = node.id if isinstance(node, ast.Name) else node.name
            if name == "OBSERVATIONS_ANONYMIZED":
                return True
        if isinstance(node, ast.Constant) and node.value == OBSERVATIONS_ANONYMIZED.name:
            return True
    return False


def imported_roots(tree: ast.Module) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_the_publishing_module_names_the_anonymized_topic() -> None:
    naming = sorted(name for name, tree in SOURCES.items() if names_anonymized_topic(tree))
    assert naming == ["adapters/publishing.py"]


def test_the_anonymization_rule_does_no_io() -> None:
    io = {"flask", "flask_smorest", "sqlalchemy", "kafka", "alembic", "opentelemetry", "os"}
    rule = [name for name in SOURCES if name.startswith("domain/")]
    assert "domain/anonymization.py" in rule and "domain/pseudonyms.py" in rule
    for module in rule:
        assert not imported_roots(SOURCES[module]) & io, module
