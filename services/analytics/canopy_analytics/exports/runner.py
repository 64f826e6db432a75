"""Running one export job: build the report as the requester, render each format, store the
files, publish the partner snapshot when asked, and record progress all along."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.goals import GoalRepository
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.exports.cover import Provenance
from canopy_analytics.exports.datasets import Report, build_report, plan, steps
from canopy_analytics.exports.files import ExportFiles
from canopy_analytics.exports.jobs import JobRepository, now, parameters_of, principal_of
from canopy_analytics.exports.renderers import RENDERERS
from canopy_analytics.services.goal_callers import goal_caller
from canopy_analytics.services.goals import list_goals
from canopy_analytics.services.reading import ScopedReader, read_as
from canopy_analytics.services.releases import Releases
from canopy_shared.web.auth import Principal
from canopy_shared.web.errors import ApiError

log = logging.getLogger(__name__)


@dataclass
class ExportRunner:
    store: ClickHouseStore
    rule: PrivacyRule
    memo: LruMemo
    releases: Releases
    jobs: JobRepository
    files: ExportFiles
    publish: Callable[..., str] | None = None  # partners.PartnerPublisher.publish
    goals: GoalRepository | None = None  # the requester's goals ride along (issue 18)

    def reader_as(self, principal: Principal) -> ScopedReader:
        """A fresh reader of the requester's answers, as the API builds one per request."""
        return read_as(principal, self.store, self.rule, self.memo, self.releases.current())

    def run(self, export_id: str) -> None:
        row = self.jobs.get(export_id)
        if row is None:
            return
        self.jobs.start(export_id)
        try:
            self._run(row)
        except ApiError as err:  # scope changed since the request (e.g. a disconnection)
            self.jobs.fail(export_id, f"{err.message} ({err.field or 'parameters'})")
        except Exception as err:
            log.exception("export %s failed", export_id)
            self.jobs.fail(export_id, f"internal error: {type(err).__name__}")

    def _run(self, row: dict[str, Any]) -> None:
        export_id, params = row["export_id"], parameters_of(row)
        principal = principal_of(row)

        def readers() -> ScopedReader:
            return self.reader_as(principal)

        total = steps(plan(readers(), params)) + len(params.formats) + params.publish_to_partners
        done = [0]

        def progress(step: str) -> None:
            done[0] += 1
            self.jobs.update(export_id, progress=min(99, 100 * done[0] // total), step=step)

        report = build_report(readers, params, progress)
        report.goals = self._goals_of(principal)
        who = Provenance(
            export_id=export_id,
            requested_by=row["requested_by"],
            requested_role=row["requested_role"],
            requested_at=_iso(row["requested_at"]),
            generated_at=now().isoformat(),
            trigger=row["trigger"],
            parameters=params.public(),
        )
        files, failures = self._render_each(export_id, params.formats, report, who, progress)
        if params.publish_to_partners and self.publish is not None:
            self.publish(report, export_id=export_id, trigger=row["trigger"])
            progress("published to partners")
        self.jobs.finish(export_id, files, failures)

    def _goals_of(self, principal: Principal) -> list[dict[str, Any]]:
        """The requester's goals with progress, as GET /v1/goals answers them."""
        if self.goals is None:
            return []
        caller = goal_caller(principal, self.store, self.rule, self.memo, self.releases.current())
        return list_goals(self.goals, caller, date.today())

    def _render_each(
        self,
        export_id: str,
        formats: tuple[str, ...],
        report: Report,
        who: Provenance,
        progress: Callable[[str], None],
    ) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        """Every format built and recorded on its own: one failing never loses the others."""
        files, failures = [], []
        for fmt in formats:
            try:
                files.append(self._render(export_id, fmt, report, who))
            except Exception as err:
                log.exception("export %s: rendering %s failed", export_id, fmt)
                failures.append({"format": fmt, "error": _reason(err)})
                progress(f"{fmt} failed")
            else:
                progress(f"rendered {fmt}")
        return files, failures

    def _render(self, export_id: str, fmt: str, report: Report, who: Provenance) -> dict[str, Any]:
        renderer = RENDERERS[fmt]
        content = renderer.render(report, who)
        return self.files.write(export_id, fmt, renderer.filename(export_id), content)


def _reason(err: Exception) -> str:
    """Why a format failed, as the job shows it (the report it rendered is the requester's
    own answers, so its message holds nothing they may not see)."""
    return f"{type(err).__name__}: {err}"[:300]


def _iso(moment: datetime) -> str:
    # SQLite returns naive datetimes for timezone-aware columns; they were written in UTC.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()
