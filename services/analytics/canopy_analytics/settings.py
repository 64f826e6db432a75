"""Analytics settings, read once from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from canopy_analytics import SERVICE_NAME
from canopy_shared.runtime.service_settings import CommonSettings
from canopy_shared.settings import env_str


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    # chdb:///path (embedded engine, one process per path) or http(s)://user:pw@host:8123/db
    clickhouse_dsn: str
    # Embedded runtime: run the sink consumer inside the single web worker (chdb's lock allows
    # one process per store). Production runs the sink as its own process (`consume`).
    sink_in_process: bool

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
        )
