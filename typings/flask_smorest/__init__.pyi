# Type stubs for the part of flask-smorest Canopy uses (the package ships no type hints).
# Its decorators register documentation and wrap the view; to the view's callers (Flask) the
# view keeps its type, so each is typed as returning what it decorates. That lets
# `mypy --strict` check view bodies instead of reporting every view as untyped.
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import flask

_F = TypeVar("_F", bound=Callable[..., Any])
_T = TypeVar("_T")

class Blueprint(flask.Blueprint):
    description: str
    def __init__(
        self, name: str, import_name: str, *args: Any, description: str = ..., **kwargs: Any
    ) -> None: ...
    def route(
        self,
        rule: str,
        *,
        parameters: list[Any] | None = ...,
        tags: list[str] | None = ...,
        **options: Any,
    ) -> Callable[[_T], _T]: ...
    def arguments(
        self,
        schema: Any,
        *,
        location: str = ...,
        content_type: str | None = ...,
        required: bool = ...,
        description: str | None = ...,
        example: Any = ...,
        examples: Mapping[str, Any] | None = ...,
        **kwargs: Any,
    ) -> Callable[[_F], _F]: ...
    def response(
        self,
        status_code: int | str,
        schema: Any = ...,
        *,
        content_type: str | None = ...,
        description: str | None = ...,
        example: Any = ...,
        examples: Mapping[str, Any] | None = ...,
        headers: Mapping[str, Any] | None = ...,
    ) -> Callable[[_F], _F]: ...
    def alt_response(
        self,
        status_code: int | str,
        response: Any = ...,
        *,
        schema: Any = ...,
        content_type: str | None = ...,
        description: str | None = ...,
        example: Any = ...,
        examples: Mapping[str, Any] | None = ...,
        headers: Mapping[str, Any] | None = ...,
        success: bool = ...,
    ) -> Callable[[_F], _F]: ...
    @staticmethod
    def doc(**kwargs: Any) -> Callable[[_F], _F]: ...
    def __getattr__(self, name: str) -> Any: ...

class Api:
    spec: Any
    def __init__(
        self,
        app: flask.Flask | None = ...,
        *,
        spec_kwargs: Mapping[str, Any] | None = ...,
        config_prefix: str = ...,
    ) -> None: ...
    def init_app(
        self, app: flask.Flask, *, spec_kwargs: Mapping[str, Any] | None = ...
    ) -> None: ...
    def register_blueprint(
        self, blp: Blueprint, *, parameters: list[Any] | None = ..., **options: Any
    ) -> None: ...
    def __getattr__(self, name: str) -> Any: ...

def __getattr__(name: str) -> Any: ...
