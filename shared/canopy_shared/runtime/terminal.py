"""What `make run` shows in the terminal: what a person needs (the banner, warnings, errors with
their tracebacks, a process that died), never library chatter. Every line every process prints
goes to its own log file, var/logs/<process>.log, where the rest can be read.

A honcho printer: honcho hands it each process's output lines and its own system lines.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

# A warning or worse in the formats our processes log in (Python logging, gunicorn).
NOTABLE = re.compile(r"\b(WARNING|WARN|ERROR|CRITICAL|FATAL|Exception)\b|^Traceback ")
# kafka-python's warnings are about its own internals (a slow poll, a rebalance, a peer still
# starting) and retried by it: nothing a person can act on. Its errors are still shown.
HARMLESS = re.compile(r"\bkafka\.[\w.]+ WARNING\b")
STOPPED = re.compile(r"^(?P<name>\S+) stopped \(rc=(?P<rc>-?\d+)\)")
STOP_REQUESTED = re.compile(r"^(SIGINT|SIGTERM) received")
REQUESTED_STOP_CODES = {0, -2, -15, 130, 143}


@dataclass
class _Traceback:
    """While a traceback is being printed, its indented lines and final line belong to it."""

    open: bool = False

    def continues(self, line: str) -> bool:
        if not self.open:
            return False
        if not line[:1].isspace():
            self.open = False  # the exception line closes it
        return True


@dataclass
class TerminalPrinter:
    log_dir: Path
    output: IO[str] = field(default_factory=lambda: sys.stdout)
    width: int = 0  # honcho sets it
    stopping: bool = False
    _files: dict[str, IO[str]] = field(default_factory=dict)
    _tracebacks: dict[str, _Traceback] = field(default_factory=dict)

    def write(self, message: Any) -> None:
        name = message.name or "system"
        data = (
            message.data.decode("utf-8", "replace")
            if isinstance(message.data, bytes)
            else message.data
        )
        for line in data.splitlines():
            self._log(name, message.time, line)
            if self._shows(name, line):
                self.show(f"{message.time:%H:%M:%S} {name} | {line}")

    def show(self, text: str) -> None:
        print(text, file=self.output, flush=True)

    def _shows(self, name: str, line: str) -> bool:
        if name == "system":
            return self._shows_system(line)
        if self.stopping:
            return False  # peers and the broker going away make every client complain
        traceback = self._tracebacks.setdefault(name, _Traceback())
        if traceback.continues(line):
            return True
        if line.startswith("Traceback "):
            traceback.open = True
            return True
        return bool(NOTABLE.search(line)) and not HARMLESS.search(line)

    def _shows_system(self, line: str) -> bool:
        if STOP_REQUESTED.match(line):
            if not self.stopping:
                self.show("Stopping Canopy ...")
            self.stopping = True
            return False
        stopped = STOPPED.match(line)
        if stopped is None or self.stopping:
            return False
        # A process that dies on its own takes the whole system down: say which one.
        return int(stopped["rc"]) not in REQUESTED_STOP_CODES

    def _log(self, name: str, time: datetime, line: str) -> None:
        if name not in self._files:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            self._files[name] = (self.log_dir / f"{_file_name(name)}.log").open("a", buffering=1)
        self._files[name].write(f"{time:%Y-%m-%d %H:%M:%S} {line}\n")

    def close(self) -> None:
        for file in self._files.values():
            file.close()
        self._files.clear()


def _file_name(process: str) -> str:
    return "launcher" if process == "system" else re.sub(r"[^\w.-]", "_", process)
