"""HTTP schema of the download of the district's own walkthroughs."""

from __future__ import annotations

from marshmallow import fields, validate

from canopy_intake.schemas.walkthroughs import FilterArgs
from canopy_shared.contracts.fields import UuidString

FORMATS = ("csv", "xlsx")
# A large district's whole roster and staff, each name once.
MAX_NAMES = 50_000


class DownloadIn(FilterArgs):
    format = fields.String(required=True, validate=validate.OneOf(FORMATS))
    names = fields.Dict(
        keys=UuidString(),
        values=fields.String(validate=validate.Length(max=200)),
        load_default=dict,
        validate=validate.Length(max=MAX_NAMES),
        metadata={
            "description": "Teacher and observer names by id, from tenancy's roster and users "
            "(names live only there): written beside each id. Unknown ids stay blank."
        },
    )
