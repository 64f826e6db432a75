"""Building the export feature for one analytics process: repositories, runner, the worker and
scheduler threads (after gunicorn forks: `create_app` runs in the worker process)."""

from __future__ import annotations

from flask import Flask

from canopy_analytics.clickhouse import ClickHouseStore
from canopy_analytics.decisions import CubeCache
from canopy_analytics.exports.files import ExportFiles
from canopy_analytics.exports.jobs import JobRepository
from canopy_analytics.exports.partners import PartnerPublisher
from canopy_analytics.exports.runner import ExportRunner
from canopy_analytics.exports.schedules import Scheduler, ScheduleRepository
from canopy_analytics.exports.service import ExportService
from canopy_analytics.exports.settings import ExportSettings
from canopy_analytics.exports.worker import ExportWorker
from canopy_analytics.settings import Settings
from canopy_shared.runtime.infrastructure import Infrastructure


def register_exports(
    app: Flask,
    settings: Settings,
    infra: Infrastructure,
    store: ClickHouseStore,
    exports: ExportSettings | None = None,
) -> ExportService:
    exports = exports or ExportSettings.from_env()
    cache: CubeCache = app.extensions["canopy_cube_cache"]
    jobs = JobRepository(infra.sessions)
    partners = PartnerPublisher(infra.sessions, settings.common.kafka)
    files = ExportFiles(exports.directory)
    runner = ExportRunner(store, settings.privacy_rule, cache, jobs, files, partners.publish)
    worker = ExportWorker(runner, jobs).start()
    schedules = ScheduleRepository(infra.sessions)
    scheduler = Scheduler(
        schedules, jobs, worker.submit, partners.send_pending, exports.scheduler_interval_s
    ).start()
    service = ExportService(runner, jobs, schedules, files, worker)
    app.extensions["canopy_exports"] = service
    app.extensions["canopy_export_scheduler"] = scheduler
    app.extensions["canopy_export_partners"] = partners
    return service
