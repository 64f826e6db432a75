"""Building the export feature for one analytics process: repositories, runner, the worker and
scheduler threads (after gunicorn forks: `create_app` runs in the worker process)."""

from __future__ import annotations

from dataclasses import dataclass

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.goals import GoalRepository
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.exports.files import ExportFiles
from canopy_analytics.exports.jobs import JobRepository
from canopy_analytics.exports.partners import PartnerPublisher
from canopy_analytics.exports.runner import ExportRunner
from canopy_analytics.exports.schedules import Scheduler, ScheduleRepository
from canopy_analytics.exports.service import ExportService
from canopy_analytics.exports.settings import ExportSettings
from canopy_analytics.exports.worker import ExportWorker
from canopy_analytics.services.releases import Releases
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.runtime.infrastructure import Infrastructure


@dataclass(frozen=True)
class Exports:
    """The export feature's running parts: the use cases, and the threads to stop."""

    service: ExportService
    scheduler: Scheduler
    partners: PartnerPublisher

    def stop(self) -> None:
        self.scheduler.stop()
        self.service.worker.stop()


def build_exports(
    settings: ExportSettings,
    *,
    infra: Infrastructure,
    kafka: KafkaSettings,
    store: ClickHouseStore,
    rule: PrivacyRule,
    memo: LruMemo,
    releases: Releases,
) -> Exports:
    jobs = JobRepository(infra.sessions)
    partners = PartnerPublisher(infra.sessions, kafka)
    files = ExportFiles(settings.directory)
    goals = GoalRepository(infra.sessions)
    runner = ExportRunner(store, rule, memo, releases, jobs, files, partners.publish, goals)
    worker = ExportWorker(runner, jobs).start()
    schedules = ScheduleRepository(infra.sessions)
    scheduler = Scheduler(
        schedules, jobs, worker.submit, partners.send_pending, settings.scheduler_interval_s
    ).start()
    service = ExportService(runner, jobs, schedules, files, worker)
    return Exports(service=service, scheduler=scheduler, partners=partners)
