"""Sign-in and the published keys: `POST /v1/auth/token`, `GET /.well-known/jwks.json`,
`GET /v1/me`."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from canopy_shared.contracts.vocabulary import ALL_ROLES
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_tenancy.api.http import dependencies, principal, uow
from canopy_tenancy.schemas.auth import JwksOut, TokenIn, TokenOut
from canopy_tenancy.schemas.users import UserOut
from canopy_tenancy.services import auth as services_auth
from canopy_tenancy.services import users as services_users

blp = Blueprint(
    "auth",
    __name__,
    url_prefix="/",
    description="Sign-in (RS256 JWTs every service verifies) and tenancy's public keys.",
)
PUBLIC: list[dict[str, list[str]]] = []  # OpenAPI: no bearer token needed


@blp.route("/v1/auth/token")
class Token(MethodView):
    @blp.doc(security=PUBLIC)
    @blp.arguments(TokenIn)
    @blp.response(200, TokenOut)
    def post(self, body: dict[str, Any]) -> Any:
        """Sign in with email and password. A wrong email and a wrong password get the same
        401; repeated failures from one address are locked out for growing periods (429 with
        Retry-After)."""
        return services_auth.sign_in(
            uow=uow(),
            auth=dependencies().auth,
            email=body["email"],
            password=body["password"],
            # Behind a proxy, configure it to set REMOTE_ADDR (e.g. gunicorn forwarded_allow_ips).
            client_address=request.remote_addr or "unknown",
        )


@blp.route("/.well-known/jwks.json")
class Jwks(MethodView):
    @blp.doc(security=PUBLIC)
    @blp.response(200, JwksOut)
    def get(self) -> Any:
        """The public keys that verify tenancy's tokens (key id in each token's header)."""
        return (
            services_auth.public_keys(uow=uow(), auth=dependencies().auth),
            200,
            {"Cache-Control": "public, max-age=300"},
        )


@blp.route("/v1/me")
class Me(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, UserOut)
    def get(self) -> Any:
        """The signed-in account."""
        return services_users.me(uow=uow(), principal=principal())
