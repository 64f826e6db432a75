"""The demo network `make run` seeds, built only through the services' public HTTP APIs.

End-to-end tests and the benchmark build their networks with the same code, so the demo is
exercised by CI and never drifts from the APIs it calls.
"""
