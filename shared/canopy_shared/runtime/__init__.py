"""Running services: entrypoint helpers, gunicorn config, and the embedded one-machine runtime
(broker, launcher) behind `make run` and the tests."""
