"""The executor seam of every parallel stage (extraction, mapping, export): an ordered map over
processes, whose results never depend on how many there are."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")


def ordered_map(
    fn: Callable[[_T], _R], items: Sequence[_T], jobs: int, fork: bool = False
) -> Iterator[_R]:
    """`map(fn, items)`, sequential or in a pool of `jobs` processes, results in input order.
    `fork`: the workers must inherit this process's memory (what `fn` reads from globals, set
    just before the call); where processes cannot be forked, the map runs here."""
    if jobs <= 1 or len(items) < 2 * jobs:
        yield from map(fn, items)
        return
    if fork and "fork" not in mp.get_all_start_methods():
        yield from map(fn, items)
        return
    context = mp.get_context("fork") if fork else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(fn, items, chunksize=max(1, min(256, len(items) // (jobs * 8))))
