"""Schema-driven fuzzing of one service app, in-process: schemathesis generates requests from
the app's own OpenAPI document (valid and invalid ones), sends them through the WSGI interface
with each role's token, and checks each answer: never a 5xx, always a documented status,
content type and body shape. Derandomized: the same code gives the same requests."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# `make test` runs a bounded round, sized for its ~30 minutes on 2 cores; `make fuzz` sets a
# deeper one.
EXAMPLES_PER_OPERATION = int(os.environ.get("CANOPY_FUZZ_EXAMPLES", "6"))


@dataclass
class Findings:
    requests: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def summary(self, service: str) -> str:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.by_status.items()))
        return f"fuzz {service}: {self.requests} requests ({statuses}), {len(self.failures)} failed"


def fuzz_app(app: Flask, roles: Mapping[str, Mapping[str, str]]) -> Findings:
    """Every operation, for every role's headers (plus none), positive and negative data."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    findings = Findings()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            for role, headers in {"anonymous": {}, **roles}.items():
                _fuzz_operation(strategy, dict(headers), role, findings)
    return findings


def _fuzz_operation(
    strategy: st.SearchStrategy[schemathesis.Case],
    headers: dict[str, str],
    role: str,
    findings: Findings,
) -> None:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(case: schemathesis.Case) -> None:
        response = case.call(headers={**(case.headers or {}), **headers})
        findings.requests += 1
        findings.by_status[response.status_code] = (
            findings.by_status.get(response.status_code, 0) + 1
        )
        try:
            case.validate_response(response, checks=CHECKS)
        except (AssertionError, FailureGroup) as failure:
            findings.failures.append(f"[{role}] {failure}")

    # Unsatisfiable: nothing to send in this mode (e.g. no parameter can be made invalid).
    with contextlib.suppress(Unsatisfiable):
        run()
