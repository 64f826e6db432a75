"""Partner snapshot schedules (one per region, set by its admin) and the scheduler thread that
turns due schedules into export jobs and retries unsent partner snapshots."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from canopy_analytics.exports.db import export_schedules
from canopy_analytics.exports.jobs import SCHEDULE, JobRepository, now
from canopy_analytics.exports.parameters import (
    ExportParameters,
    principal_from_json,
    principal_to_json,
)
from canopy_shared.web.auth import Principal

log = logging.getLogger(__name__)
OFF = "off"
CADENCES = {"daily": timedelta(days=1), "weekly": timedelta(days=7), "monthly": timedelta(days=30)}


class ScheduleRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def put(self, principal: Principal, cadence: str, params: ExportParameters) -> dict[str, Any]:
        moment = now()
        values = {
            "cadence": cadence,
            "parameters": params.to_json(),
            "principal": principal_to_json(principal),
            "set_by": principal.subject,
            "set_at": moment,
            "next_run_at": None if cadence == OFF else moment + CADENCES[cadence],
        }
        region_id = principal.org_id
        with self._sessions.begin() as session:
            table = export_schedules
            exists = session.scalar(select(table.c.region_id).where(table.c.region_id == region_id))
            if exists:
                session.execute(
                    update(table).where(table.c.region_id == region_id).values(**values)
                )
            else:
                session.execute(table.insert().values(region_id=region_id, **values))
        return self.get(region_id) or values

    def get(self, region_id: str) -> dict[str, Any] | None:
        with self._sessions() as session:
            row = session.execute(
                select(export_schedules).where(export_schedules.c.region_id == region_id)
            ).first()
        return dict(row._mapping) if row else None

    def due(self, moment: datetime) -> list[dict[str, Any]]:
        with self._sessions() as session:
            rows = session.execute(
                select(export_schedules).where(
                    export_schedules.c.cadence != OFF, export_schedules.c.next_run_at <= moment
                )
            )
            return [dict(r._mapping) for r in rows]

    def ran(self, region_id: str, export_id: str, next_run_at: datetime) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(export_schedules)
                .where(export_schedules.c.region_id == region_id)
                .values(last_run_at=now(), last_export_id=export_id, next_run_at=next_run_at)
            )


class Scheduler:
    def __init__(
        self,
        schedules: ScheduleRepository,
        jobs: JobRepository,
        submit: Callable[[str], None],
        send_pending: Callable[[], int],
        interval_s: float,
    ) -> None:
        self._schedules = schedules
        self._jobs = jobs
        self._submit = submit
        self._send_pending = send_pending
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="analytics-export-schedules")
        self._thread.daemon = True

    def start(self) -> Scheduler:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)

    def tick(self, moment: datetime | None = None) -> list[str]:
        """Start a snapshot job for every due schedule; returns the export ids started."""
        moment = moment or now()
        started = []
        for schedule in self._schedules.due(moment):
            export_id = str(uuid.uuid4())
            params = replace(
                ExportParameters.from_json(schedule["parameters"]),
                formats=(),
                publish_to_partners=True,
            )
            principal = principal_from_json(schedule["principal"])
            self._jobs.create(export_id, principal, params, SCHEDULE)
            step = CADENCES[schedule["cadence"]]
            self._schedules.ran(schedule["region_id"], export_id, _aware(moment) + step)
            self._submit(export_id)
            started.append(export_id)
        self._send_pending()
        return started

    def _loop(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self.tick()
            except Exception:  # a bad tick must not stop later ones
                log.exception("export scheduler tick failed")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
