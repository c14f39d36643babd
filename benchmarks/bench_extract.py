"""Extraction speed on the development corpus, on one core, against baselines timed in the same run.

    .venv/bin/python benchmarks/bench_extract.py                       # ../shared/eval/dev, 30 rounds
    .venv/bin/python benchmarks/bench_extract.py --corpus DIR --rounds 50

The corpus is read once (`ingest`); then each round extracts every document with `extract_article`
(entities, events, SDGs, topics: the whole record). Two baselines are timed on the same documents
in the same process, so the ratios do not depend on the machine: `ingest` itself (reading and
cleaning the files), and a naive pass of one regex over each text (capitalised runs, the cheapest
thing an extractor could do). The first round warms the caches (gazetteers, word lists, regexes)
and is reported apart; the figure is the median round. One process, one thread: one core. Each
figure is the process's CPU time (`time.process_time`), which other work on a busy machine does
not inflate; wall-clock medians are printed beside them. Nothing here is asserted: the test suite
has no timed tests.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from iempkg.extract import extract_article
from iempkg.ingest import ingest
from iempkg.model import Document

_CAP_RUN = re.compile(r"(?:[A-Z][\w-]*\s+){1,6}[A-Z][\w-]*")


def _rounds(fn: Callable[[], object], rounds: int) -> tuple[float, float, float]:
    """Median and best CPU seconds, and median wall seconds, of one call of `fn`. On a shared
    machine other work only ever adds time, so the best round is the closest to the cost."""
    cpu, wall = [], []
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), min(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--corpus", default="../shared/eval/dev/corpus", help="articles to extract")
    parser.add_argument("--rounds", type=int, default=30, help="timed rounds after the warm-up")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    docs: list[Document] = ingest([corpus]).documents
    n = len(docs)
    if not n:
        raise SystemExit(f"no articles in {corpus}")
    chars = sum(len(d.text) for d in docs)

    t0 = time.process_time()
    for d in docs:
        extract_article(d)
    warm = time.process_time() - t0

    extract, best, extract_wall = _rounds(lambda: [extract_article(d) for d in docs], args.rounds)
    reading, reading_best, _ = _rounds(lambda: ingest([corpus]), args.rounds)
    naive, naive_best, _ = _rounds(lambda: [_CAP_RUN.findall(d.text) for d in docs], args.rounds)

    def row(label: str, seconds: float) -> str:
        return f"{label:<34}{seconds * 1000:8.1f} ms CPU {n / seconds:9.0f} articles/s"

    print(f"corpus: {n} articles, {chars:,} characters ({corpus}), {args.rounds} rounds")
    print(row("first round (cold caches)", warm))
    print(row("extraction, median round", extract))
    print(row("extraction, best round", best))
    wall = f"{extract_wall * 1000:8.1f} ms wall {n / extract_wall:8.0f} articles/s"
    print(f"{'  (the same, wall clock)':<34}{wall}")
    print(row("baseline: ingest", reading))
    print(row("baseline: naive regex pass", naive))
    print(
        f"ratio extraction / ingest:        {extract / reading:8.1f}x (best rounds {best / reading_best:.1f}x)"
    )
    print(
        f"ratio extraction / naive regex:   {extract / naive:8.1f}x (best rounds {best / naive_best:.1f}x)"
    )


if __name__ == "__main__":
    main()
