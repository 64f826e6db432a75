"""CPU time the system's processes have spent, from /proc (no dependency): what sizing by cores
needs ("one replica per N walkthroughs/s"), where a rate alone hides that the stages of the
embedded runtime share the machine's cores. Take it before and after a phase and subtract."""

from __future__ import annotations

import os
from pathlib import Path

from rss import _label, descendants

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(root: int) -> dict[str, float]:
    """User + system CPU seconds of every process under `root`, summed per label."""
    spent: dict[str, float] = {}
    for pid in descendants(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        label = _label(pid)
        spent[label] = spent.get(label, 0.0) + (int(fields[11]) + int(fields[12])) / TICKS
    return spent
