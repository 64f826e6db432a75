"""Export use cases for the HTTP API: request (checked now, run in the background), read,
list, download, and set a region's partner schedule. Every call checks role and tenant."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from canopy_analytics.adapters.clickhouse.dimensions import DimensionReader
from canopy_analytics.domain.scope import Scope, scope_of
from canopy_analytics.exports.datasets import plan
from canopy_analytics.exports.files import ExportFiles
from canopy_analytics.exports.jobs import REQUEST, SUCCEEDED, JobRepository, files_of
from canopy_analytics.exports.parameters import ExportParameters
from canopy_analytics.exports.renderers import RENDERERS
from canopy_analytics.exports.runner import ExportRunner
from canopy_analytics.exports.schedules import ScheduleRepository
from canopy_analytics.exports.worker import ExportWorker
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.web.auth import Principal
from canopy_shared.web.errors import Conflict, Forbidden, NotFound, Unprocessable


@dataclass
class ExportService:
    runner: ExportRunner
    jobs: JobRepository
    schedules: ScheduleRepository
    files: ExportFiles
    worker: ExportWorker

    def _scope(self, principal: Principal) -> Scope:
        return scope_of(principal, DimensionReader(self.runner.store).connected_districts)

    def request(self, principal: Principal, params: ExportParameters) -> dict[str, Any]:
        if params.publish_to_partners:
            _require_region_admin(principal, "publish_to_partners")
        plan(
            self.runner.reader_as(principal), params
        )  # the API's own 4xx for anything out of scope, before queueing
        export_id = str(uuid.uuid4())
        row = self.jobs.create(export_id, principal, params, REQUEST)
        self.worker.submit(export_id)
        return row

    def get(self, principal: Principal, export_id: str) -> dict[str, Any]:
        scope = self._scope(principal)
        row = self.jobs.get(export_id) if _is_uuid(export_id) else None
        if row is None or (row["org_tier"], row["org_id"]) != (scope.tier, scope.org_id):
            # Another organisation's export is indistinguishable from none.
            raise NotFound(f"no export {export_id} of yours", field="export_id")
        return row

    def list(self, principal: Principal) -> list[dict[str, Any]]:
        scope = self._scope(principal)
        return self.jobs.for_org(scope.tier, scope.org_id)

    def download(self, principal: Principal, export_id: str, fmt: str | None) -> tuple[Path, str]:
        row = self.get(principal, export_id)
        if row["status"] != SUCCEEDED:
            raise Conflict(f"export {export_id} is {row['status']}", rule="wait for succeeded")
        files = {f["format"]: f for f in files_of(row)}
        if fmt is None and len(files) == 1:
            fmt = next(iter(files))
        if fmt is None or fmt not in files:
            raise Unprocessable(
                f"export {export_id} has no {fmt} file",
                field="format",
                rule=f"one of {sorted(files)}",
            )
        return self.files.path(export_id, files[fmt]["filename"]), RENDERERS[fmt].media_type

    def set_schedule(
        self, principal: Principal, cadence: str, params: ExportParameters
    ) -> dict[str, Any]:
        _require_region_admin(principal, "cadence")
        plan(self.runner.reader_as(principal), params)
        return self.schedules.put(principal, cadence, params)

    def schedule(self, principal: Principal) -> dict[str, Any] | None:
        scope = self._scope(principal)
        if not scope.suppressed:
            raise Forbidden("partner schedules belong to regions", rule="region roles")
        return self.schedules.get(scope.org_id)


def _require_region_admin(principal: Principal, field: str) -> None:
    if principal.role != Role.REGION_ADMIN or principal.org_tier != "region":
        raise Forbidden(
            "only a region admin publishes to partners", field=field, rule="region_admin"
        )


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False
