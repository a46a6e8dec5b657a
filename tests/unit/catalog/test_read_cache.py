from typing import Any

from storefront.catalog.freshness import LocalVersion
from storefront.catalog.read_cache import ReadCache


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def counting() -> tuple[list[int], Any]:
    calls: list[int] = []

    def compute() -> Any:
        calls.append(1)
        return object()

    return calls, compute


def test_a_listing_is_reused_until_it_expires() -> None:
    clock = Clock()
    cache = ReadCache(10, LocalVersion(), timer=clock)
    calls, compute = counting()
    first = cache.get(("c", 1), compute)
    assert cache.get(("c", 1), compute) is first and len(calls) == 1
    cache.get(("c", 2), compute)
    assert len(calls) == 2  # other filters, other entry
    clock.now = 11
    assert cache.get(("c", 1), compute) is not first and len(calls) == 3


def test_zero_seconds_turns_the_cache_off() -> None:
    cache = ReadCache(0, LocalVersion())
    calls, compute = counting()
    cache.get("k", compute)
    cache.get("k", compute)
    assert len(calls) == 2


def test_a_new_catalog_version_drops_every_entry() -> None:
    version = LocalVersion()
    cache = ReadCache(10, version, timer=Clock())
    calls, compute = counting()
    first = cache.get("k", compute)
    version.bump()
    assert cache.get("k", compute) is not first and len(calls) == 2


class Unknown(LocalVersion):
    def current(self) -> int | None:
        return None


def test_an_unknown_version_reads_fresh_every_time() -> None:
    cache = ReadCache(10, Unknown(), timer=Clock())
    calls, compute = counting()
    cache.get("k", compute)
    cache.get("k", compute)
    assert len(calls) == 2
