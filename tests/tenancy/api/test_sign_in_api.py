"""Sign-in: real RS256 tokens with the claims every service reads, failures that do not say
whether the email exists, throttling after repeated failures, and accounts whose change ends
the tokens issued before."""

from __future__ import annotations

from datetime import timedelta

import jwt

from canopy_shared.web.auth import AUDIENCE, ISSUER, StaticKeySource, TokenVerifier

from .conftest import email

PASSWORD = "correct horse battery staple"


def _token(client, who: str, password: str = PASSWORD, address: str = "10.0.0.1"):
    return client.post(
        "/v1/auth/token",
        json={"email": who, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_the_token_carries_the_shared_claims_and_verifies_with_the_published_keys(
    net, client
) -> None:
    region = net.bootstrap("region", "Gulf ESC", email("r.admin"))
    district = net.bootstrap("district", "Brazos ISD", email("d.admin"))
    net.connect(email("r.admin"), email("d.admin"), district)
    response = _token(client, email("d.admin").upper())  # emails are case-insensitive
    assert response.status_code == 200 and response.json["token_type"] == "Bearer"

    jwks = client.get("/.well-known/jwks.json")
    assert jwks.headers["Cache-Control"].startswith("public")
    principal = TokenVerifier(StaticKeySource(jwks.json)).verify(response.json["access_token"])
    assert (principal.role, principal.org_id, principal.org_tier) == (
        "district_admin",
        district,
        "district",
    )
    assert (principal.district_id, principal.region_id) == (district, region)
    header = jwt.get_unverified_header(response.json["access_token"])
    assert header["alg"] == "RS256" and header["kid"] == jwks.json["keys"][0]["kid"]
    claims = jwt.decode(response.json["access_token"], options={"verify_signature": False})
    assert (claims["aud"], claims["iss"]) == (AUDIENCE, ISSUER)
    assert claims["exp"] - claims["iat"] == response.json["expires_in"]


def test_wrong_password_and_unknown_email_get_the_same_answer(net, client) -> None:
    net.bootstrap("district", "Brazos ISD", email("d.admin"))
    wrong = _token(client, email("d.admin"), "not the password at all")
    unknown = _token(client, email("nobody"), "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json


def test_repeated_failures_are_throttled_even_for_the_right_password(net, client) -> None:
    net.bootstrap("district", "Brazos ISD", email("d.admin"))
    for _ in range(3):  # TENANCY_SIGNIN_FREE_FAILURES=3 in the test settings
        assert _token(client, email("d.admin"), "guess guess guess").status_code == 401
    locked = _token(client, email("d.admin"))
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) >= 1
    assert locked.json["error"]["rule"] == "sign-in throttle"
    assert _token(client, email("d.admin"), address="10.0.0.2").status_code == 200


def test_the_lockout_ends_and_a_success_resets_the_count(net, client, clock) -> None:
    net.bootstrap("district", "Brazos ISD", email("d.admin"))
    for _ in range(3):
        _token(client, email("d.admin"), "guess guess guess")
    clock.offset = timedelta(seconds=3)  # the first lockout is TENANCY_SIGNIN_BASE_LOCK_S=2
    assert _token(client, email("d.admin")).status_code == 200
    assert _token(client, email("d.admin"), "guess guess guess").status_code == 401
    assert _token(client, email("d.admin")).status_code == 200


def test_a_deactivated_account_cannot_sign_in_and_its_tokens_stop_working(net, client) -> None:
    district = net.bootstrap("district", "Brazos ISD", email("d.admin"))
    leader_id = net.user(email("d.admin"), email("d.leader"), "district_leader", district)
    assert net.call(email("d.leader"), "GET", "/v1/me").status_code == 200
    net.ok(email("d.admin"), "PATCH", f"/v1/users/{leader_id}", json={"active": False})

    assert net.call(email("d.leader"), "GET", "/v1/me").status_code == 401
    assert _token(client, email("d.leader")).status_code == 401


def test_a_generated_password_is_shown_once_and_works(net, client) -> None:
    district = net.bootstrap("district", "Brazos ISD", email("d.admin"))
    body = {
        "email": email("d.leader"),
        "display_name": "Lee",
        "role": "district_leader",
        "org_id": district,
    }
    created = net.ok(email("d.admin"), "POST", "/v1/users", 201, json=body)
    password = created["generated_password"]
    assert len(password) >= 16 and "password" not in created["user"]
    assert _token(client, email("d.leader"), password).status_code == 200
    again = net.ok(email("d.admin"), "GET", f"/v1/users/{created['user']['id']}")
    assert "generated_password" not in again and "password_hash" not in again


def test_weak_passwords_and_duplicate_emails_are_refused_naming_the_field(net) -> None:
    district = net.bootstrap("district", "Brazos ISD", email("d.admin"))
    body = {
        "email": email("d.admin"),
        "display_name": "X",
        "role": "district_leader",
        "org_id": district,
    }
    weak = net.call(email("d.admin"), "POST", "/v1/users", json={**body, "password": "short"})
    assert weak.status_code == 422 and "password" in weak.json["error"]["fields"]["json"]
    taken = net.call(email("d.admin"), "POST", "/v1/users", json=body)
    assert taken.status_code == 409 and taken.json["error"]["field"] == "email"
    wrong_tier = net.call(
        email("d.admin"),
        "POST",
        "/v1/users",
        json={**body, "email": email("x"), "role": "observer"},
    )
    assert wrong_tier.status_code == 422 and wrong_tier.json["error"]["field"] == "role"


def test_requests_without_a_valid_token_are_refused(client) -> None:
    assert client.get("/v1/me").status_code == 401
    forged = client.get("/v1/me", headers={"Authorization": "Bearer not.a.token"})
    assert forged.status_code == 401 and forged.json["error"]["field"] == "Authorization"
