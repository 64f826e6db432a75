"""What `make run` shows in the terminal: what a person needs (the banner, warnings, errors with
their tracebacks, a process that died and is being restarted), never library chatter. Every line
every process prints goes to its own log file, var/logs/<process>.log, where the rest can be read.

supervisord writes those files; `LogFollower` reads what they gain and hands each line to the
printer (`consider`), whose `system` lines are supervisord's own (var/logs/supervisord.log).
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any, NamedTuple

# A warning or worse in the formats our processes log in (Python logging, gunicorn).
NOTABLE = re.compile(r"\b(WARNING|WARN|ERROR|CRITICAL|FATAL|Exception)\b|^Traceback ")
# kafka-python's warnings are about its own internals (a slow poll, a rebalance, a peer still
# starting) and retried by it: nothing a person can act on. Its errors are still shown.
# Nor are its errors about a broker it cannot reach: the broker is restarting (supervisord
# says so) and our own clients say once that they are waiting for it.
HARMLESS = re.compile(
    r"\bkafka\.[\w.]+ WARNING\b"
    r"|\bkafka\.[\w.]+ ERROR\b.*(ECONNREFUSED|Connection (lost|failed)|KafkaConnectionError)"
)
STOPPED = re.compile(r"^(?P<name>\S+) stopped \(rc=(?P<rc>-?\d+)\)")
STOP_REQUESTED = re.compile(r"^(SIGINT|SIGTERM) received|\breceived SIG\w+ indicating exit")
# supervisord: a process that died on its own (it is restarted), or one it gave up on.
DIED = re.compile(r"\bexited: \S+ \(.*not expected\)|\bgave up: |\bspawnerr: ")
REQUESTED_STOP_CODES = {0, -2, -15, 130, 143}


class Message(NamedTuple):
    """One chunk of a process's output."""

    type: str
    data: str | bytes
    time: datetime
    name: str | None
    colour: str | None = None


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
    width: int = 0
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
            self.consider(name, message.time, line)

    def consider(self, name: str, time: datetime, line: str) -> None:
        """Show `line` of process `name` if a person needs it (without logging it again)."""
        if self._shows(name, line):
            self.show(f"{time:%H:%M:%S} {name} | {line}")

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
        if STOP_REQUESTED.search(line):
            if not self.stopping:
                self.show("Stopping Canopy ...")
            self.stopping = True
            return False
        if self.stopping:
            return False
        if DIED.search(line):
            return True  # supervisord restarts it; the line says which and why
        stopped = STOPPED.match(line)
        if stopped is None:
            return False
        # A process that dies on its own: say which one.
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


class LogFollower:
    """Reads what each process's log file gains (as `tail -F` would) and hands every complete
    line to `printer.consider`; supervisord's own log is the `system` process."""

    def __init__(self, log_dir: Path, processes: list[str], printer: TerminalPrinter) -> None:
        self._printer = printer
        self._files = {name: log_dir / f"{name}.log" for name in processes}
        self._files["system"] = log_dir / "supervisord.log"
        # What earlier runs wrote is history: start at each file's current end.
        self._offsets = {name: _size(path) for name, path in self._files.items()}
        self._partial: dict[str, bytes] = {}

    def follow(self, stop: threading.Event, *, every_s: float = 0.2) -> None:
        while not stop.wait(every_s):
            self.read_new_lines()
        self.read_new_lines()

    def read_new_lines(self) -> None:
        for name, path in self._files.items():
            size = _size(path)
            if size < self._offsets[name]:
                self._offsets[name] = 0  # rotated: the file started again
            if size == self._offsets[name]:
                continue
            with path.open("rb") as file:
                file.seek(self._offsets[name])
                data = self._partial.pop(name, b"") + file.read(size - self._offsets[name])
            self._offsets[name] = size
            *lines, rest = data.split(b"\n")
            if rest:
                self._partial[name] = rest
            now = datetime.now()
            for line in lines:
                self._printer.consider(name, now, line.decode("utf-8", "replace"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _file_name(process: str) -> str:
    return "launcher" if process == "system" else re.sub(r"[^\w.-]", "_", process)
