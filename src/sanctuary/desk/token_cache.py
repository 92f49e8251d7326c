"""A short-lived cache of API-token lookups, keyed by the token's SHA-256 (the raw token is never kept).

Every API request is still authenticated: its token is hashed and looked up here, and on a miss (or once the
entry is older than ``ttl`` seconds) in the database. Account changes made through this process
(:func:`sanctuary.desk.accounts.update_user`) empty the cache at once; changes made by another process
(another ``--workers`` process) take effect within ``ttl`` seconds. Only positive answers are cached.
"""

from __future__ import annotations

import threading
import time

from sanctuary.desk.models import User

DEFAULT_TTL_SECONDS = 2.0
MAX_ENTRIES = 4096


class TokenCache:
    def __init__(self, ttl: float = DEFAULT_TTL_SECONDS, max_entries: int = MAX_ENTRIES) -> None:
        self._ttl = ttl
        self._max_entries = max_entries
        self._entries: dict[str, tuple[float, User]] = {}
        self._generation = 0
        self._lock = threading.Lock()

    @property
    def generation(self) -> int:
        """Bumped by :meth:`clear`; a lookup started before a clear must not be stored after it."""
        return self._generation

    def get(self, digest: str) -> User | None:
        entry = self._entries.get(digest)
        if entry is None:
            return None
        if time.monotonic() >= entry[0]:
            self._entries.pop(digest, None)
            return None
        return entry[1]

    def put(self, digest: str, user: User, generation: int) -> None:
        """Remember a successful lookup made while the cache was at ``generation``."""
        with self._lock:
            if generation != self._generation:
                return
            if len(self._entries) >= self._max_entries:
                self._entries.clear()
            self._entries[digest] = (time.monotonic() + self._ttl, user)

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()
