"""Building the web app (`services/web`) for the embedded runtime: `npm ci` when its lock file
changed (a hash stamped in node_modules/), then `vite build` into var/web-builds/<content hash>/,
skipped when a build of the same sources is there.

One folder per content hash, never rewritten: a system still running (a person's, a test's)
keeps serving the files its open pages load lazily while another build is made for newer
sources. Builds are shared by every system of the checkout (the repository's own var/, not
CANOPY_VAR_DIR), so the tests' systems do not rebuild an unchanged app."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
WEB_DIR = REPO_ROOT / "services" / "web"
BUILDS_DIR = REPO_ROOT / "var" / "web-builds"
KEEP_BUILDS = 3  # older builds are removed once a day has passed
# Everything a build reads besides node_modules (which the lock file determines).
BUILD_INPUTS = ("package.json", "package-lock.json", "index.html", "src", "public")
BUILD_INPUT_GLOBS = ("vite.config.*", "tsconfig*.json")
NOT_BUNDLED = (".test.ts", ".test.tsx")  # unit tests are not part of the bundle
INSTALL_STAMP = ".canopy-npm-ci"


class WebBuildError(RuntimeError):
    """The web app could not be built; the message says why and where the log is."""


@dataclass(frozen=True)
class WebBuild:
    web_dir: Path
    log_path: Path
    builds_dir: Path = BUILDS_DIR

    def ensure_built(self) -> Path:
        """The folder of the build of the current sources, built if there is none yet."""
        if not (self.web_dir / "package.json").is_file():
            raise WebBuildError(f"no web app at {self.web_dir} (package.json missing)")
        if shutil.which("npm") is None:
            raise WebBuildError("npm is not installed: install Node.js 20+ to build the web app")
        dist = self.builds_dir / content_hash(self.web_dir, self.source_files())[:16]
        if (dist / "index.html").is_file():
            return dist
        with _exclusive(self.web_dir):  # one npm at a time in the folder
            if not (dist / "index.html").is_file():
                self._build(dist)
        return dist

    def _build(self, dist: Path) -> None:
        modules = self.web_dir / "node_modules"
        lock = content_hash(self.web_dir, [self.web_dir / "package-lock.json"])
        if _read(modules / INSTALL_STAMP) != lock:
            self._run(["npm", "ci", "--no-audit", "--no-fund"], "installing its packages")
            (modules / INSTALL_STAMP).write_text(lock)
        partial = dist.with_name(f"{dist.name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        build = ["npm", "exec", "--", "vite", "build", "--outDir", str(partial), "--emptyOutDir"]
        self._run(build, "building it")
        partial.rename(dist)  # whole or not at all: a running system never sees half a build
        _prune(self.builds_dir, keep=dist)

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


def _prune(builds: Path, *, keep: Path) -> None:
    day_ago = time.time() - 86_400
    older = sorted(
        (b for b in builds.iterdir() if b.is_dir() and b != keep),
        key=lambda b: b.stat().st_mtime,
        reverse=True,
    )
    for build in older[KEEP_BUILDS - 1 :]:
        if build.stat().st_mtime < day_ago:
            shutil.rmtree(build, ignore_errors=True)


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
