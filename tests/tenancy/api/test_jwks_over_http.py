"""What another service does: fetch tenancy's JWKS over HTTP with the shared JwksKeySource
and verify a token tenancy issued."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from canopy_shared.errors import Unauthenticated
from canopy_shared.web.auth import JwksKeySource, TokenVerifier

from .conftest import email


def test_another_service_verifies_tenancys_token_with_the_fetched_keys(app, net) -> None:
    net.bootstrap("district", "Brazos ISD", email("d.admin"))
    token = net.sign_in(email("d.admin"))["Authorization"].split(" ", 1)[1]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
        verifier = TokenVerifier(JwksKeySource(url))
        assert verifier.verify(token).role == "district_admin"
        with pytest.raises(Unauthenticated):
            verifier.verify(token[:-4] + "AAAA")
    finally:
        server.shutdown()
        thread.join(timeout=5)
