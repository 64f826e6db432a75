"""issue #15: a schema-driven fuzz round against every service's OpenAPI document with a token
of each role — 0 server errors, every answer matching its documented status, content type and
schema. Bounded here (`make test`); `make fuzz` runs a deeper round (CANOPY_FUZZ_EXAMPLES)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from canopy_shared.testing.tokens import TestSigner
from tests.fuzz.runner import fuzz_app
from tests.fuzz.targets import SERVICES, service_app


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("service", SERVICES)
def test_no_input_makes_a_server_error_or_an_undocumented_answer(
    service: str, tmp_path: Path, signer: TestSigner, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.CRITICAL)  # refusals log warnings by the thousand
    with service_app(service, tmp_path, signer) as (app, roles):
        findings = fuzz_app(app, roles)
    print(findings.summary(service))
    assert findings.requests > 0
    assert not findings.failures, "\n\n".join(_distinct(findings.failures)[:20])


def _distinct(failures: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for failure in failures:
        seen.setdefault("\n".join(failure.splitlines()[:3]), failure)
    return list(seen.values())
