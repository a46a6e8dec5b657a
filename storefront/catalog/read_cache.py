"""Catalog reads shared by every shopper, kept per worker for a few seconds.

A category page is the same for everyone; recomputing its facets and reloading the category
tree on each request is most of its cost. Entries belong to the catalog's version
(`freshness`): a change committed anywhere the version is shared shows at once; otherwise
after at most `seconds`, when entries expire. 0 turns caching off.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import Lock
from time import monotonic
from typing import Any, TypeVar

from cachetools import TTLCache

from storefront.catalog.freshness import Version

T = TypeVar("T")


class ReadCache:
    def __init__(
        self,
        seconds: float,
        version: Version,
        size: int = 512,
        timer: Callable[[], float] = monotonic,
    ) -> None:
        self._entries: TTLCache[Hashable, Any] | None = (
            TTLCache(size, seconds, timer) if seconds > 0 else None
        )
        self._version = version
        self._lock = Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self._entries is None:
            return compute()
        version = self._version.current()
        if version is None:
            return compute()
        key = (version, key)
        with self._lock:
            found = self._entries.get(key)
        if found is None:
            found = compute()
            with self._lock:
                self._entries[key] = found
        return found

    def clear(self) -> None:
        """Forget every entry (tests measure a cold page with it)."""
        if self._entries is not None:
            with self._lock:
                self._entries.clear()
