"""Key admin over HTTP: a district_admin sees their own district's key metadata, nobody sees a
key; operators read counters at /v1/metrics."""

from __future__ import annotations

import base64
import uuid

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.adapters.key_wrapping import KeyWrapping
from canopy_anonymizer.adapters.repositories import SqlCounters, SqlKeyStore
from canopy_anonymizer.app import create_app
from canopy_anonymizer.domain.keys import DistrictYearKey
from canopy_anonymizer.services.keys import Keyring
from canopy_anonymizer.settings import Settings
from canopy_shared.contracts.vocabulary import ALL_ROLES, DISTRICT_ROLES, REGION_ROLES, Role
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.tokens import TestSigner

signer = TestSigner()
DISTRICT, OTHER_DISTRICT, REGION = (str(uuid.uuid4()) for _ in range(3))


@pytest.fixture
def client(database_url: str) -> FlaskClient:
    settings = Settings.from_env({"DATABASE_URL": database_url})
    infra = build_infrastructure(settings.common, verifier=signer.verifier())
    return create_app(settings, infra).test_client()


@pytest.fixture
def keys(sessions: sessionmaker[Session]) -> list[DistrictYearKey]:
    ring = Keyring(store=SqlKeyStore(sessions), wrapping=KeyWrapping(None))
    return [ring.key_for(DISTRICT, year) for year in ("2025-2026", "2026-2027")] + [
        ring.key_for(OTHER_DISTRICT, "2026-2027")
    ]


def token(role: str, district_id: str | None) -> dict[str, str]:
    tier = "region" if role in REGION_ROLES else "district" if role in DISTRICT_ROLES else "school"
    org_id = REGION if tier == "region" else district_id if tier == "district" else None
    minted = signer.mint(
        role=role, org_tier=tier, org_id=org_id, district_id=district_id, region_id=REGION
    )
    return {"Authorization": f"Bearer {minted}"}


def url(district_id: str) -> str:
    return f"/v1/districts/{district_id}/keys"


def test_district_admin_lists_own_keys_by_school_year(
    client: FlaskClient, keys: list[DistrictYearKey]
) -> None:
    response = client.get(url(DISTRICT), headers=token(Role.DISTRICT_ADMIN, DISTRICT))
    assert response.status_code == 200
    body = response.json
    assert body["district_id"] == DISTRICT
    assert [k["school_year"] for k in body["keys"]] == ["2025-2026", "2026-2027"]
    assert set(body["keys"][0]) == {"school_year", "fingerprint", "encrypted_at_rest", "created_at"}


def test_no_response_ever_contains_key_material(
    client: FlaskClient, keys: list[DistrictYearKey]
) -> None:
    response = client.get(url(DISTRICT), headers=token(Role.DISTRICT_ADMIN, DISTRICT))
    body = response.get_data()
    for key in keys:
        encodings = (bytes, bytes.hex, base64.b64encode, base64.urlsafe_b64encode)
        for encode in encodings:
            spelling = encode(key.secret)
            assert (spelling.encode() if isinstance(spelling, str) else spelling) not in body
    assert b"secret" not in body and b"material" not in body


ALLOWED = {(Role.DISTRICT_ADMIN, "own")}
MATRIX = [
    pytest.param(role, scope, id=f"{role}-{scope}")
    for role in sorted(ALL_ROLES)
    for scope in ("own", "other")
]


@pytest.mark.parametrize(("role", "scope"), MATRIX)
def test_authorization_matrix(
    client: FlaskClient, keys: list[DistrictYearKey], role: str, scope: str
) -> None:
    home = DISTRICT if scope == "own" else OTHER_DISTRICT
    district_claim = None if role in REGION_ROLES else home
    response = client.get(url(DISTRICT), headers=token(role, district_claim))
    expected = 200 if (role, scope) in ALLOWED else 403
    assert response.status_code == expected, response.json
    if expected == 403:
        assert response.json["error"]["code"] == "forbidden"
        assert "keys" not in response.json


def test_a_region_admin_is_refused_even_for_a_district_in_the_region(
    client: FlaskClient, keys: list[DistrictYearKey]
) -> None:
    response = client.get(url(DISTRICT), headers=token("region_admin", None))
    assert response.status_code == 403


def test_a_district_admin_of_another_district_is_told_which_rule(client: FlaskClient) -> None:
    response = client.get(url(DISTRICT), headers=token(Role.DISTRICT_ADMIN, OTHER_DISTRICT))
    assert response.status_code == 403
    assert response.json["error"]["field"] == "district_id"
    assert response.json["error"]["rule"] == "own district only"


def test_without_a_token_it_is_401(client: FlaskClient) -> None:
    response = client.get(url(DISTRICT))
    assert response.status_code == 401
    assert response.json["error"]["field"] == "Authorization"


def test_a_district_with_no_walkthroughs_yet_has_no_keys(client: FlaskClient) -> None:
    response = client.get(url(DISTRICT), headers=token(Role.DISTRICT_ADMIN, DISTRICT))
    assert response.status_code == 200
    assert response.json["keys"] == []


def test_metrics_show_totals_and_nothing_per_district(
    client: FlaskClient, keys: list[DistrictYearKey], sessions: sessionmaker[Session]
) -> None:
    SqlCounters(sessions).add({"anonymized": 7, "dead_lettered": 2})
    response = client.get("/v1/metrics")
    assert response.status_code == 200
    assert response.json == {"anonymized": 7, "dead_lettered": 2, "pseudonym_keys": 3}


def test_the_api_documents_no_way_to_read_or_change_a_key(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").json["paths"]
    assert {path: set(ops) - {"parameters"} for path, ops in paths.items()} == {
        "/v1/districts/{district_id}/keys": {"get"},
        "/v1/metrics": {"get"},
    }
