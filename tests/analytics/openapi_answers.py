"""Checking real answers against the OpenAPI document the app serves: the response schema of
an operation, with the document's components, as a JSON Schema (OpenAPI 3.1 is JSON Schema
2020-12)."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

JSON = "application/json"


def success_schemas(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(method, path) -> the schema of its 2xx answer, for every operation under /v1."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for path, operations in document["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in operations.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue
            for status, response in operation["responses"].items():
                content = response.get("content", {})
                if status.startswith("2") and content:
                    (media,) = content.values()
                    found[method, path] = media.get("schema", {})
    return found


def operations(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (method, path)
        for path, ops in document["paths"].items()
        if path.startswith("/v1/")
        for method in ops
        if method in ("get", "put", "post", "patch", "delete")
    ]


class AnswerChecker:
    """Validates answers of the app behind `client` against its own /openapi.json."""

    def __init__(self, client: FlaskClient) -> None:
        self.document: dict[str, Any] = client.get("/openapi.json").json
        self.checked: set[tuple[str, str]] = set()

    def check(self, method: str, path: str, answer: Any) -> None:
        schema = success_schemas(self.document)[method, path]
        validator = Draft202012Validator({**schema, "components": self.document["components"]})
        errors = sorted(validator.iter_errors(answer), key=lambda e: list(e.absolute_path))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
        self.checked.add((method, path))
