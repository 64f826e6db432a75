"""A small JSON client for one Canopy service, signed in as one user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests


class ApiError(RuntimeError):
    """A non-2xx answer, with the service's JSON error body (which names the field and rule)."""

    def __init__(self, method: str, url: str, status: int, body: Any) -> None:
        super().__init__(f"{method} {url} -> {status}: {body}")
        self.status = status
        self.body = body


@dataclass
class Api:
    base_url: str
    token: str | None = None
    session: requests.Session = field(default_factory=requests.Session)
    timeout_s: float = 30.0

    def as_user(self, token: str) -> Api:
        """The same service, called as another user (sharing the connection pool)."""
        return Api(self.base_url, token, self.session, self.timeout_s)

    def get(self, path: str, **params: Any) -> Any:
        return self.call("GET", path, params=params or None)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("POST", path, json=body, **kwargs)

    def put(self, path: str, body: Any = None) -> Any:
        return self.call("PUT", path, json=body)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.raw(method, path, **kwargs)
        body = response.json() if response.content else None
        if response.status_code >= 400:
            raise ApiError(method, response.url, response.status_code, body)
        return body

    def raw(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return self.session.request(
            method, f"{self.base_url}{path}", headers=headers, timeout=self.timeout_s, **kwargs
        )
