"""The process list of the whole system: which service runs which processes, on which port,
and the web app's server in front of them (`web`, on CANOPY_WEB_PORT).

The embedded launcher and docker-compose.yml both follow this table (a test keeps them in step).
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from canopy_shared.runtime.local_secrets import signing_key_passphrase
from canopy_shared.settings import env_int, env_str


@dataclass(frozen=True)
class ServiceSpec:
    name: str  # the folder under services/ and the compose service prefix
    package: str
    default_port: int
    workers: int = 2
    workers_commands: tuple[str, ...] = ()  # `python -m <package> <command>` processes
    uses_clickhouse: bool = False
    extra_env: Mapping[str, str] = field(default_factory=dict)

    @property
    def port_variable(self) -> str:
        return f"CANOPY_{self.package.removeprefix('canopy_').upper()}_PORT"

    def replicas_variable(self, command: str) -> str:
        """How many `command` processes the embedded runtime starts (scale-out: README)."""
        return f"CANOPY_{self.package.removeprefix('canopy_').upper()}_{command.upper()}_REPLICAS"

    @property
    def database_variable(self) -> str:
        """Where this service's database is when it is not the SQLite file under var/ (the
        tests' PostgreSQL run, `make test-postgres`)."""
        return f"CANOPY_{self.package.removeprefix('canopy_').upper()}_DATABASE_URL"


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("tenancy", "canopy_tenancy", 8001, workers_commands=("relay",)),
    ServiceSpec(
        "template-distribution", "canopy_templates", 8002, workers_commands=("consume", "relay")
    ),
    ServiceSpec("observation-intake", "canopy_intake", 8003, workers_commands=("consume", "relay")),
    ServiceSpec("anonymizer", "canopy_anonymizer", 8004, workers_commands=("consume",)),
    # chdb allows one process per store path: in the embedded runtime analytics is a single
    # gunicorn worker (threads) that also runs the sink consumer in a thread.
    ServiceSpec(
        "analytics",
        "canopy_analytics",
        8005,
        workers=1,
        uses_clickhouse=True,
        # A month is released to the region as soon as it has ended (no settling delay): the
        # demo's past months are published by the cut made right after seeding (issue #19).
        extra_env={"ANALYTICS_SINK_IN_PROCESS": "1", "ANALYTICS_REGION_RELEASE_SETTLING_S": "0"},
    ),
)


WEB_PROCESS = "web"
WEB_DEFAULT_PORT = 8000
# The name the web app's /config.json gives each service it calls (the anonymizer has no
# browser client), and the variable that holds its URL as a browser sees it.
WEB_CLIENT_NAMES = {
    "tenancy": "tenancy",
    "template-distribution": "templates",
    "observation-intake": "intake",
    "analytics": "analytics",
}
WEB_CLIENT_URL_VARIABLES = {
    "tenancy": "CANOPY_TENANCY_URL",
    "templates": "CANOPY_TEMPLATES_URL",
    "intake": "CANOPY_INTAKE_URL",
    "analytics": "CANOPY_ANALYTICS_URL",
}


@dataclass(frozen=True)
class RuntimeConfig:
    host: str
    broker_port: int
    var_dir: Path
    ports: Mapping[str, int]
    web_port: int = WEB_DEFAULT_PORT
    # Service name -> database URL, for services not on their SQLite file under var/.
    database_urls: Mapping[str, str] = field(default_factory=dict)
    # (service name, command) -> processes, where more than one (e.g. anonymizer consumers in
    # one group: up to the partitions of the topic they read).
    replicas: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RuntimeConfig:
        return cls(
            host=env_str("CANOPY_HOST", "127.0.0.1", environ=environ),
            broker_port=env_int("CANOPY_BROKER_PORT", 9092, environ=environ),
            var_dir=Path(env_str("CANOPY_VAR_DIR", "var", environ=environ)).resolve(),
            ports={
                s.name: env_int(s.port_variable, s.default_port, environ=environ) for s in SERVICES
            },
            web_port=env_int("CANOPY_WEB_PORT", WEB_DEFAULT_PORT, environ=environ),
            database_urls={
                s.name: url
                for s in SERVICES
                if (
                    url := (environ if environ is not None else os.environ).get(s.database_variable)
                )
            },
            replicas={
                (s.name, command): count
                for s in SERVICES
                for command in s.workers_commands
                if (count := env_int(s.replicas_variable(command), 1, environ=environ)) > 1
            },
        )

    def process_names(self, spec: ServiceSpec, command: str) -> list[str]:
        """`<service>-<command>`, then `-2`, `-3` ... for each further replica."""
        first = f"{spec.name}-{command}"
        more = range(2, self.replicas.get((spec.name, command), 1) + 1)
        return [first, *(f"{first}-{n}" for n in more)]

    def database_url(self, spec: ServiceSpec) -> str:
        return self.database_urls.get(spec.name) or f"sqlite:///{self.var_dir / spec.name}.db"

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.broker_port}"

    def url(self, service: str) -> str:
        return f"http://{self.host}:{self.ports[service]}"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def log_dir(self) -> Path:
        return self.var_dir / "logs"

    def web_origins(self) -> list[str]:
        """Where a person's browser may load the app from: the web URL, and its `localhost`
        spelling too, since that is what people type."""
        origins = [self.web_url]
        if self.host in ("127.0.0.1", "localhost"):
            other = "localhost" if self.host == "127.0.0.1" else "127.0.0.1"
            origins.append(f"http://{other}:{self.web_port}")
        return origins

    def web_env(self, dist: Path) -> dict[str, str]:
        """The web app server's environment: where the built app is, where each service is."""
        env = {
            "CANOPY_WEB_DIST": str(dist),
            "BIND": f"{self.host}:{self.web_port}",
            "WEB_CONCURRENCY": "1",  # static files and one small JSON: threads are plenty
            "GUNICORN_THREADS": "8",
            "PYTHONUNBUFFERED": "1",
        }
        for service, name in WEB_CLIENT_NAMES.items():
            env[WEB_CLIENT_URL_VARIABLES[name]] = self.url(service)
        return env

    def service_env(self, spec: ServiceSpec) -> dict[str, str]:
        """The environment one service's processes read (the names docker-compose.yml sets)."""
        env = {
            "DATABASE_URL": self.database_url(spec),
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            "KAFKA_MAX_POLL_INTERVAL_MS": "10000",
            # The embedded broker's log is memory-only: relays watch its epoch (broker_epoch.py).
            "KAFKA_BROKER_EPOCHS": "1",
            "TENANCY_JWKS_URL": f"{self.url('tenancy')}/.well-known/jwks.json",
            "BIND": f"{self.host}:{self.ports[spec.name]}",
            "WEB_CONCURRENCY": str(spec.workers),
            "PYTHONUNBUFFERED": "1",
            "CANOPY_ALLOWED_ORIGINS": ",".join(self.web_origins()),
        }
        if spec.uses_clickhouse:
            env["CLICKHOUSE_DSN"] = f"chdb:///{self.var_dir / 'analytics.chdb'}"
        if spec.name == "tenancy" and (passphrase := signing_key_passphrase(self.var_dir)):
            env["TENANCY_SIGNING_KEY_PASSPHRASE"] = passphrase  # its signing keys, encrypted
        env.update(spec.extra_env)
        return env


def web_command(spec: ServiceSpec) -> str:
    app = shlex.quote(f"{spec.package}.app:create_app()")
    config = "python:canopy_shared.runtime.gunicorn_conf"
    return f"{shlex.quote(sys.executable)} -m gunicorn -c {config} {app}"


def worker_command(spec: ServiceSpec, command: str) -> str:
    # Run directly (no shell): the process itself receives the supervisor's SIGTERM.
    return f"{shlex.quote(sys.executable)} -m {spec.package} {command}"


def web_app_command() -> str:
    app = shlex.quote("canopy_shared.runtime.webserver:create_app()")
    config = "python:canopy_shared.runtime.gunicorn_conf"
    return f"{shlex.quote(sys.executable)} -m gunicorn -c {config} {app}"


def process_table(
    config: RuntimeConfig, *, web_dist: Path | None = None
) -> list[tuple[str, str, dict[str, str]]]:
    """(process name, command line, its environment on top of the launcher's) for every
    long-running process but the broker; the web app's server when its build (`web_dist`) is
    there."""
    table = []
    if web_dist is not None:
        table.append((WEB_PROCESS, web_app_command(), config.web_env(web_dist)))
    for spec in SERVICES:
        env = config.service_env(spec)
        table.append((f"{spec.name}-web", web_command(spec), env))
        for command in spec.workers_commands:
            for name in config.process_names(spec, command):
                table.append((name, worker_command(spec, command), env))
    return table
