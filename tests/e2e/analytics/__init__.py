"""A package, so that conftest.py's `world` (package scope) is set up once for these tests
and torn down after the last of them, before any other end-to-end test starts its system."""
