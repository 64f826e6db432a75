"""Export job rows: who asked, when, with which parameters; status, progress and files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from canopy_analytics.exports.db import export_jobs
from canopy_analytics.exports.parameters import (
    ExportParameters,
    principal_from_json,
    principal_to_json,
)
from canopy_shared.web.auth import Principal

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
REQUEST, SCHEDULE = "request", "schedule"


def now() -> datetime:
    return datetime.now(UTC)


class JobRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(
        self, export_id: str, principal: Principal, params: ExportParameters, trigger: str
    ) -> dict[str, Any]:
        row = {
            "export_id": export_id,
            "org_tier": principal.org_tier,
            "org_id": principal.org_id,
            "requested_by": principal.subject,
            "requested_role": principal.role,
            "requested_at": now(),
            "trigger": trigger,
            "parameters": params.to_json(),
            "principal": principal_to_json(principal),
            "status": QUEUED,
            "progress": 0,
            "step": "queued",
            "files": "[]",
        }
        with self._sessions.begin() as session:
            session.execute(export_jobs.insert().values(**row))
        return self.get(export_id) or row

    def get(self, export_id: str) -> dict[str, Any] | None:
        with self._sessions() as session:
            found = session.execute(
                select(export_jobs).where(export_jobs.c.export_id == export_id)
            ).first()
        return dict(found._mapping) if found else None

    def for_org(self, org_tier: str, org_id: str, limit: int = 100) -> list[dict[str, Any]]:
        with self._sessions() as session:
            rows = session.execute(
                select(export_jobs)
                .where(export_jobs.c.org_tier == org_tier, export_jobs.c.org_id == org_id)
                .order_by(export_jobs.c.requested_at.desc())
                .limit(limit)
            )
            return [dict(r._mapping) for r in rows]

    def unfinished(self) -> list[str]:
        """Jobs a stopped process left queued or running: the worker runs them again."""
        with self._sessions() as session:
            rows = session.execute(
                select(export_jobs.c.export_id)
                .where(export_jobs.c.status.in_((QUEUED, RUNNING)))
                .order_by(export_jobs.c.requested_at)
            )
            return [r[0] for r in rows]

    def update(self, export_id: str, **values: Any) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(export_jobs).where(export_jobs.c.export_id == export_id).values(**values)
            )

    def start(self, export_id: str) -> None:
        self.update(
            export_id, status=RUNNING, progress=0, step="starting", started_at=now(), error=None
        )

    def finish(
        self, export_id: str, files: list[dict[str, Any]], failures: list[dict[str, str]]
    ) -> None:
        """Done, with every file written; `failures` (format, error) of the formats that were
        not: the job fails only when it has no file at all to give."""
        status = FAILED if failures and not files else SUCCEEDED
        self.update(
            export_id,
            status=status,
            progress=100,
            step="done" if status == SUCCEEDED else "failed",
            files=json.dumps([*files, *failures]),
            error=failure_message(failures) if failures else None,
            finished_at=now(),
        )

    def fail(self, export_id: str, error: str) -> None:
        self.update(export_id, status=FAILED, step="failed", error=error, finished_at=now())


def failure_message(failures: list[dict[str, str]]) -> str:
    return "; ".join(f"{f['format']} failed: {f['error']}" for f in failures)


def files_of(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The files a job wrote (its `files` column also records the formats that failed)."""
    return [f for f in json.loads(row["files"]) if "filename" in f]


def failures_of(row: dict[str, Any]) -> list[dict[str, str]]:
    return [f for f in json.loads(row["files"]) if "error" in f]


def principal_of(row: dict[str, Any]) -> Principal:
    return principal_from_json(row["principal"])


def parameters_of(row: dict[str, Any]) -> ExportParameters:
    return ExportParameters.from_json(row["parameters"])
