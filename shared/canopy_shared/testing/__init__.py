"""Helpers for the test suites of every service: a real broker per test, token minting,
collecting messages from a topic."""
