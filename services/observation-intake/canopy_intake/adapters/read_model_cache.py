"""The read-model lookups a submission needs, remembered per process until the read models'
version moves (issue #17: five queries were ~30 % of a walkthrough POST, for answers that
change only when an event is consumed).

Every consumed event that may change a read model moves `read_model_version` on in its own
transaction (`UnitOfWork.commit`); a request reads the version first, then uses what was
looked up at that version and looks up the rest. A lookup is read after the version, so it is
at least as new as that version; it is kept only while the cache is still at the request's
version, so an answer read before a change is never kept for after it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Hashable, Mapping
from typing import Any, TypeVar

from canopy_intake.adapters.db import TemplateVersion
from canopy_intake.adapters.repositories import RosterRepository, TemplateRepository
from canopy_shared.org_read_model.records import District, School

K = TypeVar("K", bound=Hashable)
_LIMIT = 200_000  # entries before the cache starts afresh (a network's schools, roster...)


class ReadModelCache:
    """One per process (built by bootstrap), shared by its request threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._entries: dict[tuple[str, Hashable], Any] = {}

    def lookup(
        self,
        version: int | None,
        kind: str,
        keys: Collection[K],
        fetch: Callable[[set[K]], Mapping[K, Any]],
    ) -> dict[K, Any]:
        """Each key's value (None: not found) at `version` or later; None: not cached."""
        found: dict[K, Any] = {}
        with self._lock:
            if version is not None and version > self._version:
                self._version, self._entries = version, {}
            usable = version is not None and version == self._version
            for key in keys:
                if usable and (kind, key) in self._entries:
                    found[key] = self._entries[kind, key]
        missing = set(keys) - found.keys()
        if missing:
            fetched = fetch(missing)
            with self._lock:
                keep = version is not None and version == self._version
                if keep and len(self._entries) + len(missing) > _LIMIT:
                    self._entries = {}
                for key in missing:
                    found[key] = fetched.get(key)
                    if keep:
                        self._entries[kind, key] = found[key]
        return found


class CachedReadModels:
    """The read models' lookups of one request, through the process's cache."""

    def __init__(
        self,
        cache: ReadModelCache,
        version: int | None,
        orgs: RosterRepository,
        templates: TemplateRepository,
    ) -> None:
        self._cache, self._version = cache, version
        self._orgs, self._templates = orgs, templates

    def schools_with_districts(
        self, school_ids: Collection[str]
    ) -> dict[str, tuple[School, District | None]]:
        found = self._lookup("school", school_ids, self._orgs.schools_with_districts)
        return {k: v for k, v in found.items() if v is not None}

    def observed_by(self, user_id: str, school_ids: Collection[str]) -> set[str]:
        def fetch(keys: set[tuple[str, str]]) -> dict[tuple[str, str], bool]:
            observed = self._orgs.observed_by(user_id, {s for _, s in keys})
            return {(user_id, s): True for s in observed}

        keys = {(user_id, s) for s in school_ids}
        return {s for (_, s), yes in self._lookup("observes", keys, fetch).items() if yes}

    def rostered(self, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
        return self._pairs("rostered", pairs, self._orgs.rostered)

    def held(self, pairs: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
        return self._pairs("held", pairs, self._templates.held)

    def versions(self, version_ids: Collection[str]) -> dict[str, TemplateVersion]:
        def fetch(keys: set[str]) -> dict[str, TemplateVersion]:
            return {k: _detached(v) for k, v in self._templates.versions(keys).items()}

        found = self._lookup("version", version_ids, fetch)
        return {k: v for k, v in found.items() if v is not None}

    def _pairs(
        self,
        kind: str,
        pairs: Collection[tuple[str, str]],
        query: Callable[[Collection[tuple[str, str]]], set[tuple[str, str]]],
    ) -> set[tuple[str, str]]:
        def fetch(keys: set[tuple[str, str]]) -> dict[tuple[str, str], bool]:
            return dict.fromkeys(query(keys), True)

        return {pair for pair, yes in self._lookup(kind, pairs, fetch).items() if yes}

    def _lookup(
        self, kind: str, keys: Collection[K], fetch: Callable[[set[K]], Mapping[K, Any]]
    ) -> dict[K, Any]:
        return self._cache.lookup(self._version, kind, keys, fetch)


def _detached(version: TemplateVersion) -> TemplateVersion:
    """A copy no session owns: shared between requests, it must never be expired or
    refreshed by one of them (the session that loaded it rolls back and closes)."""
    columns = TemplateVersion.__table__.columns.keys()
    return TemplateVersion(**{name: getattr(version, name) for name in columns})
