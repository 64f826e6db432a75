"""Refusals as values a user can act on: what went wrong, which field, which rule.

Every service's domain raises these kinds (no flask, no sqlalchemy here), and the web layer
answers each kind with its status and the platform's JSON error body (`web/errors.py`), so a
refusal reads the same whichever service made it.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        rule: str | None = None,
        problems: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule
        self.problems = problems  # every broken rule, when there was more than one

    def headers(self) -> dict[str, str]:
        """Extra response headers a client needs to act (e.g. Retry-After)."""
        return {}


class Invalid(DomainError):
    """The request breaks a rule of the domain."""

    status, code = 422, "validation_failed"


class Unauthenticated(DomainError):
    """No valid sign-in."""

    status, code = 401, "unauthorized"


class NotAllowed(DomainError):
    """The caller's role or organisation may not do this."""

    status, code = 403, "forbidden"


class Missing(DomainError):
    """No such thing, or none the caller may see: the two are indistinguishable on purpose, so
    nobody learns that another tenant's resource exists."""

    status, code = 404, "not_found"


class Conflicting(DomainError):
    """The current state forbids this now (a taken id, an immutable version)."""

    status, code = 409, "conflict"


class Throttled(DomainError):
    status, code = 429, "too_many_requests"

    def __init__(self, message: str, *, retry_after_s: int, rule: str | None = None) -> None:
        super().__init__(message, rule=rule)
        self.retry_after_s = retry_after_s

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_s)}
