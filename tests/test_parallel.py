"""The ordered map over processes that extraction, mapping and export run on (parallel.py)."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

from iempkg import parallel
from iempkg.parallel import ordered_map

_MARKS = ""  # the directory the workers mark each item they worked on in (inherited by fork)


def _square(n: int) -> int:
    return n * n


def _marked(n: int) -> int:
    Path(_MARKS, str(n)).touch()
    return n


def _fails_at_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def test_results_come_in_input_order_whatever_the_jobs() -> None:
    items = list(range(3000))
    expected = [n * n for n in items]
    assert list(ordered_map(_square, items, 1)) == expected
    assert list(ordered_map(_square, items, 2)) == expected
    assert list(ordered_map(_square, items, 2, fork=True)) == expected
    assert gc.get_freeze_count() == 0  # the parent's objects are collected again afterwards


def test_workers_stay_only_a_few_chunks_ahead_of_a_slow_consumer(tmp_path: Path) -> None:
    # A consumer slower than the workers (a disk store loading mapped graphs) must not make
    # the results of every item wait in memory: only a window of chunks is handed out.
    global _MARKS
    _MARKS = str(tmp_path)
    items = list(range(4000))
    results = ordered_map(_marked, items, 2, fork=True)
    assert next(results) == 0
    time.sleep(1.0)  # let the workers do all they were given
    done = len(os.listdir(tmp_path))
    size = min(256, len(items) // 16)
    assert done <= parallel._AHEAD * 2 * size < len(items)
    assert list(results) == items[1:]  # and the rest follows, in order
    assert len(os.listdir(tmp_path)) == len(items)


def test_a_failing_item_raises_and_leaves_the_collector_as_it_was() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(ordered_map(_fails_at_seven, list(range(100)), 2))
    assert gc.get_freeze_count() == 0
    results = ordered_map(_square, list(range(100)), 2)
    assert next(results) == 0
    results.close()  # a consumer that stops early
    assert gc.get_freeze_count() == 0


def _threshold(_: int) -> int:
    return gc.get_threshold()[0]


def test_the_eased_collector_reaches_the_workers_and_is_undone_after(tmp_path: Path) -> None:
    from iempkg.pipeline import build

    before = gc.get_threshold()
    with parallel.eased_collector():
        eased = gc.get_threshold()
        assert eased[0] >= 1_000_000 and eased[1:] == before[1:]
        assert set(ordered_map(_threshold, range(8), 2, fork=True)) == {eased[0]}
        with parallel.eased_collector():  # nested, as the stages of a build are
            pass
        assert gc.get_threshold() == eased
    assert gc.get_threshold() == before
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Talks held\n\nUNEP met the Ministry of Ecology on 3 May 2024.\n")
    build([news], tmp_path / "out")
    assert gc.get_threshold() == before
