"""Gunicorn settings shared by every service:
`gunicorn -c python:canopy_shared.runtime.gunicorn_conf 'canopy_x.app:create_app()'`.
No preload: each worker builds its app, Kafka clients and span processors after the fork."""

import logging
import os

from canopy_shared.runtime.processes import SERVICES

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
preload_app = False


def _log_canopy_info() -> None:
    """Canopy's own INFO lines (a region release cut, a release decided ahead of its answers,
    the sink started) reach the process log beside gunicorn's; libraries (kafka-python) keep
    Python's default, WARNING and up. Set here, in the master, so every forked worker has it."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter(
            "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "%Y-%m-%d %H:%M:%S %z",
        )
    )
    for package in ("canopy_shared", *(spec.package for spec in SERVICES)):
        logger = logging.getLogger(package)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)


_log_canopy_info()
