"""Analytics settings, read once from the environment and validated at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from canopy_analytics import SERVICE_NAME
from canopy_analytics.domain.privacy.model import DEFAULT_DOMINANCE, DEFAULT_K, MIN_K, PrivacyRule
from canopy_analytics.domain.releases import ReleasePolicy
from canopy_shared.runtime.service_settings import CommonSettings
from canopy_shared.settings import SettingsError, env_float, env_int, env_str

DEFAULT_SINK_BATCH_MESSAGES = 2000


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    # chdb:///path (embedded engine, one process per path) or http(s)://user:pw@host:8123/db
    clickhouse_dsn: str
    # Embedded runtime: run the sink consumer inside the single web worker (chdb's lock allows
    # one process per store). Production runs the sink as its own process (`consume`).
    sink_in_process: bool
    privacy_rule: PrivacyRule
    # A batch is flushed when it holds this many messages. ClickHouse wants few, large inserts:
    # from a raw backlog 2,000 moved ~3,900 walkthroughs/s against ~3,300/s at 500 (issue #17,
    # tests/benchmark/README.md); a trickle is flushed by time long before a batch fills.
    sink_batch_messages: int = DEFAULT_SINK_BATCH_MESSAGES
    # ... or when its oldest message waited this long: the floor of region-API freshness
    # (target p95 <= 2 s from submit), traded against more, smaller inserts.
    sink_batch_seconds: float = 0.5
    # Region releases (issue #19): a cut every interval (hourly), and a month is released at
    # the first cut two days after its last week ended (walkthroughs filed late over a weekend
    # still make it in).
    region_release: ReleasePolicy = field(
        default_factory=lambda: ReleasePolicy(timedelta(seconds=3600), timedelta(days=2))
    )

    # How often the web process checks for a new region release cut to decide it ahead of its
    # answers (services.release_warmer); 0 leaves every release to its first answer.
    release_warm_seconds: float = 0.0

    @property
    def release_grace(self) -> timedelta:
        """How long a cut waits before it is recorded: a fact's ingestion time is stamped when
        its insert starts, so a cut waits for inserts in flight (a few batches)."""
        return timedelta(seconds=max(2.0, 4 * self.sink_batch_seconds))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        common = CommonSettings.from_env(SERVICE_NAME, environ)
        var_dir = env_str("CANOPY_VAR_DIR", "var", environ=environ)
        return cls(
            common=common,
            clickhouse_dsn=env_str(
                "CLICKHOUSE_DSN", f"chdb:///{var_dir}/analytics.chdb", environ=environ
            ),
            sink_in_process=env_str("ANALYTICS_SINK_IN_PROCESS", "0", environ=environ) == "1",
            privacy_rule=_privacy_rule(
                env_int("ANALYTICS_PRIVACY_K", DEFAULT_K, environ=environ),
                env_float("ANALYTICS_PRIVACY_DOMINANCE", DEFAULT_DOMINANCE, environ=environ),
            ),
            sink_batch_messages=int(
                _positive("ANALYTICS_SINK_BATCH_MESSAGES", DEFAULT_SINK_BATCH_MESSAGES, environ)
            ),
            sink_batch_seconds=_positive("ANALYTICS_SINK_BATCH_SECONDS", 0.5, environ),
            release_warm_seconds=_not_negative("ANALYTICS_RELEASE_WARM_S", 2, environ),
            region_release=ReleasePolicy(
                interval=timedelta(
                    seconds=_positive("ANALYTICS_REGION_RELEASE_INTERVAL_S", 3600, environ)
                ),
                settling=timedelta(
                    seconds=_not_negative("ANALYTICS_REGION_RELEASE_SETTLING_S", 172800, environ)
                ),
            ),
        )


def _privacy_rule(k: int, dominance: float) -> PrivacyRule:
    if k < MIN_K:
        raise SettingsError(
            f"environment variable ANALYTICS_PRIVACY_K must be at least {MIN_K} "
            f"(the smallest minimum cell size any state uses), got {k}"
        )
    if not 0 < dominance < 1:
        raise SettingsError(
            "environment variable ANALYTICS_PRIVACY_DOMINANCE (the largest share of a cell one "
            f"teacher may contribute) must lie strictly between 0 and 1, got {dominance}"
        )
    return PrivacyRule(k=k, dominance=dominance)


def _positive(name: str, default: float, environ: Mapping[str, str] | None) -> float:
    value = env_float(name, default, environ=environ)
    if value <= 0:
        raise SettingsError(f"environment variable {name} must be positive, got {value}")
    return value


def _not_negative(name: str, default: float, environ: Mapping[str, str] | None) -> float:
    value = env_float(name, default, environ=environ)
    if value < 0:
        raise SettingsError(f"environment variable {name} must not be negative, got {value}")
    return value
