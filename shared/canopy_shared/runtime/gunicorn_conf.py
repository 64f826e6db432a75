"""Gunicorn settings shared by every service:
`gunicorn -c python:canopy_shared.runtime.gunicorn_conf 'canopy_x.app:create_app()'`.
No preload: each worker builds its app, Kafka clients and span processors after the fork."""

import os

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
