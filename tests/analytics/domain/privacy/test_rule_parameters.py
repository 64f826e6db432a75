"""The rule's parameters and coding: k configurable but never below 5, shares coded <5%/>=95%."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.domain.privacy.publication import code_share
from canopy_analytics.settings import Settings
from canopy_shared.settings import SettingsError

BASE = {"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9", "TENANCY_JWKS_URL": "http://127.0.0.1:9/j"}


def test_k_is_configurable_and_refused_below_five() -> None:
    assert Settings.from_env({**BASE, "ANALYTICS_PRIVACY_K": "12"}).privacy_rule.k == 12
    assert Settings.from_env(BASE).privacy_rule.k == 10
    with pytest.raises(SettingsError, match="at least 5"):
        Settings.from_env({**BASE, "ANALYTICS_PRIVACY_K": "4"})
    with pytest.raises(ValueError):
        PrivacyRule(k=3)


@pytest.mark.parametrize(
    ("share", "display"),
    [(Fraction(0), "<5%"), (Fraction(1, 21), "<5%"), (Fraction(1, 20), "5%"),
     (Fraction(18, 19), "94%"), (Fraction(19, 20), "≥95%"), (Fraction(1), "≥95%")],
)  # fmt: skip
def test_shares_are_top_and_bottom_coded(share: Fraction, display: str) -> None:
    assert code_share(share, PrivacyRule())["display"] == display


@given(st.fractions(min_value=0, max_value=1))
def test_a_shown_share_never_contradicts_its_coding(share: Fraction) -> None:
    coded = code_share(share, PrivacyRule())
    if coded["value"] is None:
        assert (share < Fraction(1, 20)) == (coded["coded"] == "bottom")
    else:
        assert Fraction(1, 20) <= share < Fraction(19, 20)
        assert 0.05 <= coded["value"] <= 0.94


def test_dominance_is_configurable_and_must_be_a_share() -> None:
    assert Settings.from_env(BASE).privacy_rule.dominance == 0.5
    assert (
        Settings.from_env({**BASE, "ANALYTICS_PRIVACY_DOMINANCE": "0.3"}).privacy_rule.dominance
        == 0.3
    )
    for bad in ("0", "1", "1.5"):
        with pytest.raises(SettingsError, match="ANALYTICS_PRIVACY_DOMINANCE"):
            Settings.from_env({**BASE, "ANALYTICS_PRIVACY_DOMINANCE": bad})
