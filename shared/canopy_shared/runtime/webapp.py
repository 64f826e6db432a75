"""Building the web app (`services/web`) for the embedded runtime: `npm ci` when its lock file
changed, then `vite build` into services/web/dist, both skipped when nothing that goes into them
changed since the last time (content hashes stamped beside their output: node_modules/ and
dist/ are shared by every var/ directory, the tests' included, so that is where the truth is)."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
WEB_DIR = REPO_ROOT / "services" / "web"
# Everything a build reads besides node_modules (which the lock file determines).
BUILD_INPUTS = ("package.json", "package-lock.json", "index.html", "src", "public")
BUILD_INPUT_GLOBS = ("vite.config.*", "tsconfig*.json")
NOT_BUNDLED = (".test.ts", ".test.tsx")  # unit tests are not part of the bundle
BUILD_STAMP = ".canopy-build"
INSTALL_STAMP = ".canopy-npm-ci"


class WebBuildError(RuntimeError):
    """The web app could not be built; the message says why and where the log is."""


@dataclass(frozen=True)
class WebBuild:
    web_dir: Path
    log_path: Path

    @property
    def dist(self) -> Path:
        return self.web_dir / "dist"

    def ensure_built(self) -> bool:
        """Install and build what changed; True when a build ran. One build at a time."""
        if not (self.web_dir / "package.json").is_file():
            raise WebBuildError(f"no web app at {self.web_dir} (package.json missing)")
        if shutil.which("npm") is None:
            raise WebBuildError("npm is not installed: install Node.js 20+ to build the web app")
        with _exclusive(self.web_dir):
            return self._build_if_changed()

    def _build_if_changed(self) -> bool:
        modules = self.web_dir / "node_modules"
        lock = content_hash(self.web_dir, [self.web_dir / "package-lock.json"])
        source = content_hash(self.web_dir, self.source_files())
        if _read(self.dist / BUILD_STAMP) == source and (self.dist / "index.html").is_file():
            return False
        if _read(modules / INSTALL_STAMP) != lock:
            self._run(["npm", "ci", "--no-audit", "--no-fund"], "installing its packages")
            (modules / INSTALL_STAMP).write_text(lock)
        self._run(["npm", "exec", "--", "vite", "build"], "building it")
        (self.dist / BUILD_STAMP).write_text(source)
        return True

    def source_files(self) -> list[Path]:
        files: list[Path] = []
        for name in BUILD_INPUTS:
            path = self.web_dir / name
            files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
            files += [path] if path.is_file() else []
        for pattern in BUILD_INPUT_GLOBS:
            files += sorted(self.web_dir.glob(pattern))
        return [f for f in files if not f.name.endswith(NOT_BUNDLED)]

    def _run(self, command: list[str], what: str) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            log.write(f"$ {' '.join(command)}\n".encode())
            log.flush()
            done = subprocess.run(
                command, cwd=self.web_dir, stdout=log, stderr=subprocess.STDOUT, check=False
            )
        if done.returncode != 0:
            raise WebBuildError(
                f"the web app failed while {what} (`{' '.join(command)}` exited "
                f"{done.returncode}); see {self.log_path}"
            )


def content_hash(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read(path: Path) -> str:
    return path.read_text().strip() if path.is_file() else ""


@contextmanager
def _exclusive(web_dir: Path) -> Iterator[None]:
    # Two launchers (a test's and a person's) must not run npm in the same folder at once.
    name = hashlib.sha256(str(web_dir).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"canopy-web-build-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
