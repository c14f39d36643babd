"""The executor seam of every parallel stage (extraction, mapping, export): an ordered map over
processes, whose results never depend on how many there are; and `eased_collector`, how every
stage that makes millions of objects keeps Python's cycle collector from walking them all."""

from __future__ import annotations

import gc
import itertools
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")

# Chunks handed to the workers ahead of the consumer, per worker. ProcessPoolExecutor.map
# submits every item at once and keeps every result until it is read: mapping 100,000 articles
# into a disk store (which reads them slower than two workers make them) held 6 GB of N-Quads
# text waiting; a window keeps at most this many chunks' results.
_AHEAD = 4


def _chunk(fn: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    return [fn(item) for item in items]


def ordered_map(
    fn: Callable[[_T], _R], items: Iterable[_T], jobs: int, fork: bool = False
) -> Iterator[_R]:
    """`map(fn, items)`, sequential or in a pool of `jobs` processes, results in input order.
    `fork`: the workers must inherit this process's memory (what `fn` reads from globals, set
    just before the call); where processes cannot be forked, the map runs here. Memory stays
    bounded: only a few chunks of results wait for the consumer at any time, and `items` that
    are not a sequence (a stream of large parts) are read only as far as the workers are."""
    if jobs <= 1 or (isinstance(items, Sequence) and len(items) < 2 * jobs):
        yield from map(fn, items)
        return
    if fork and "fork" not in mp.get_all_start_methods():
        yield from map(fn, items)
        return
    context = mp.get_context("fork") if fork else None
    size = max(1, min(256, len(items) // (jobs * 8))) if isinstance(items, Sequence) else 1
    source = iter(items)
    # Objects the parent holds are frozen out of the collector while workers are forked: a
    # collection in a worker writes to every tracked object's header, which would copy the
    # parent's pages (records, documents) into each worker.
    gc.freeze()
    pending: deque[Future[list[_R]]] = deque()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            while chunk := list(itertools.islice(source, size)):
                pending.append(pool.submit(_chunk, fn, chunk))
                if len(pending) >= _AHEAD * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        for future in pending:  # the consumer stopped early, or a worker failed
            future.cancel()
        gc.unfreeze()


# A collection of the youngest generation every this many new objects instead of every 700.
_EASED_THRESHOLD = 1_000_000


@contextmanager
def eased_collector() -> Iterator[None]:
    """Python's cycle collector run a thousand times less often, for the duration (the
    previous settings are restored after; nests). A build makes millions of small acyclic
    objects (records, spans, names), which reference counting frees; the collector finds
    next to none of them garbage (a 1,000-article build: 3,300 objects, from rdflib's SPARQL
    parser) but walks them again and again: reading 10,000 cached records took 4.2 s of CPU
    with the default thresholds and 2.0 s with this one, a 1,000-article build 31 s and
    24 s. Cycles are still collected, only later; workers forked meanwhile inherit it."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], _EASED_THRESHOLD), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
