"""The district's own walkthroughs in full, as a streamed CSV or XLSX download."""

from __future__ import annotations

from typing import Any

from flask import Response, stream_with_context

from canopy_intake.adapters import download_files
from canopy_intake.adapters.repositories import Filters
from canopy_intake.api.caller import actor, uow
from canopy_intake.api.walkthroughs import READERS
from canopy_intake.schemas.downloads import DownloadIn
from canopy_intake.services import downloads
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint

blp = Blueprint(
    "downloads",
    __name__,
    url_prefix="/v1/walkthroughs",
    description="The walkthroughs you may read, in full (ratings, notes, names you send), as a "
    "file to keep: districts own their records whatever tool they use next.",
)
FILE = {"type": "string", "format": "binary"}
WRITERS = {
    "csv": (download_files.csv_chunks, download_files.CSV_MEDIA_TYPE),
    "xlsx": (download_files.xlsx_chunks, download_files.XLSX_MEDIA_TYPE),
}


@blp.route("/download", methods=["POST"])
@require_roles(*READERS)
@blp.arguments(DownloadIn)
@blp.doc(
    responses={
        "200": {
            "description": "The file as an attachment: one row per rating, oldest visit first; "
            "text cells a spreadsheet would read as a formula are prefixed with '.",
            "content": {
                download_files.CSV_MEDIA_TYPE: {"schema": FILE},
                download_files.XLSX_MEDIA_TYPE: {"schema": FILE},
            },
        }
    }
)
def download(body: dict[str, Any]) -> Any:
    """Your walkthroughs with the list's filters, as CSV or XLSX. A POST because the names
    (teachers' and observers', from tenancy, which alone stores them) travel in the body, never
    in a URL."""
    file_format, names = body.pop("format"), {str(k): v for k, v in body.pop("names").items()}
    filters, caller = Filters(**body), actor()
    downloads.check_may_download(actor=caller, filters=filters)
    rows = downloads.download_rows(uow=uow(), actor=caller, filters=filters, names=names)
    write, media_type = WRITERS[file_format]
    response = Response(stream_with_context(write(downloads.COLUMNS, rows)), mimetype=media_type)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="canopy-walkthroughs.{file_format}"'
    )
    return response
