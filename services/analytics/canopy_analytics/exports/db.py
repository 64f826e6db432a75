"""Export job and partner schedule rows, and the outbox partner snapshots leave through.

Defined on the service's one `metadata` so migrations and models are compared as a whole.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text

from canopy_analytics.adapters.db import metadata
from canopy_shared.messaging.outbox import define_outbox_table

export_jobs = Table(
    "export_jobs",
    metadata,
    Column("export_id", String(36), primary_key=True),
    Column("org_tier", String(16), nullable=False),  # region | district: whose export it is
    Column("org_id", String(36), nullable=False, index=True),
    Column("requested_by", String(200), nullable=False),  # the user's id (token subject)
    Column("requested_role", String(32), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("trigger", String(16), nullable=False),  # request | schedule
    Column("parameters", Text, nullable=False),  # JSON: period, templates, districts, formats
    Column("principal", Text, nullable=False),  # JSON claims the job runs with (scope re-checked)
    Column("status", String(16), nullable=False),  # queued | running | succeeded | failed
    Column("progress", Integer, nullable=False),  # 0..100
    Column("step", String(200), nullable=False),
    # JSON list, one per format: {format, filename, bytes, sha256}, or {format, error}
    Column("files", Text, nullable=False),
    Column("error", Text, nullable=True),
    Column("started_at", DateTime(timezone=True), nullable=True),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("published_at", DateTime(timezone=True), nullable=True),  # snapshot to partners
    Column("snapshot_id", String(36), nullable=True),
)

export_schedules = Table(
    "export_schedules",
    metadata,
    Column("region_id", String(36), primary_key=True),
    Column("cadence", String(16), nullable=False),  # daily | weekly | monthly | off
    Column("parameters", Text, nullable=False),  # JSON, as an export job's
    Column("principal", Text, nullable=False),  # JSON claims of the admin who set it
    Column("set_by", String(200), nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False),
    Column("next_run_at", DateTime(timezone=True), nullable=True),
    Column("last_run_at", DateTime(timezone=True), nullable=True),
    Column("last_export_id", String(36), nullable=True),
)

outbox = define_outbox_table(metadata)
