"""Observation intake: walkthroughs submitted by observers, stored with names for their district
and school, announced on observations.raw.v1 through the outbox. Never talks to ClickHouse."""

SERVICE_NAME = "observation-intake"
