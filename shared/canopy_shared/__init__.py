"""Code every Canopy service shares: bus contracts, messaging, web, telemetry, runtime helpers.

Services import from here and never from one another.
"""
