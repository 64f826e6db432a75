"""Rule refusals as values a user can act on: what went wrong, which field, which rule.

The HTTP layer maps each kind to its status (422, 403, 404, 409); consumers never see them.
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule


class Invalid(DomainError):
    """The request breaks a content or push rule (HTTP 422)."""


class NotAllowed(DomainError):
    """The caller may see the template but not do this to it (HTTP 403)."""


class Missing(DomainError):
    """No such thing, or nothing the caller may see (HTTP 404)."""


class Conflicting(DomainError):
    """The template's state forbids this now, e.g. a published version is immutable (HTTP 409)."""
