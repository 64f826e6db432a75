"""Where export files are kept: `<export dir>/<export id>/<file>`, written atomically."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

_ID = re.compile(r"^[0-9a-f-]{36}$")


class ExportFiles:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def _folder(self, export_id: str) -> Path:
        if not _ID.match(export_id):  # never a path from a request into the file system
            raise ValueError(f"not an export id: {export_id!r}")
        return self._directory / export_id

    def write(self, export_id: str, fmt: str, filename: str, content: bytes) -> dict[str, Any]:
        folder = self._folder(export_id)
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{filename}.partial"
        partial.write_bytes(content)
        os.replace(partial, folder / filename)
        return {
            "format": fmt,
            "filename": filename,
            "bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }

    def path(self, export_id: str, filename: str) -> Path:
        return self._folder(export_id) / Path(filename).name
