"""Rule refusals as values a user can act on: what went wrong, which field, which rule.

The HTTP layer maps each kind to its status (422, 403, 404, 409); consumers never see them.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
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


class Invalid(DomainError):
    """The walkthrough breaks a rule of its template, roster or time (HTTP 422)."""


class NotAllowed(DomainError):
    """The caller may not do this here (HTTP 403)."""


class Missing(DomainError):
    """No such walkthrough, or none the caller may see (HTTP 404)."""


class Conflicting(DomainError):
    """The observation id is already taken by different content (HTTP 409)."""
