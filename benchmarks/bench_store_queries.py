"""Every catalogue query on a built --store, timed as `iempkg query --store` runs it, with a baseline.

    .venv/bin/python benchmarks/bench_store_queries.py STORE                  # 3 runs each
    .venv/bin/python benchmarks/bench_store_queries.py STORE --baseline-queries OLD/queries

STORE is a directory `iempkg build ... --store STORE` wrote (bench_build.py --with-100k makes one
of 100,000 articles). Each query runs with its default parameters through `run_query`, which
writes parameter terms into the query's patterns (`iempkg._sparql_inline`); the figure is the
median of --runs runs, the first of them cold. The baseline, run in the same process on the same
store and reported as a ratio, is each query given to Oxigraph with its parameters as plain
substitutions, which is how iempkg ran them before; with --baseline-queries, the texts are taken
from that directory instead (another revision's `queries/`, say `git worktree add /tmp/old
HEAD~1`), so that rewritten queries are measured against the ones they replace. A baseline run
that exceeds --baseline-timeout seconds is not repeated. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from iempkg.query import NamedQuery, bind_parameters, catalogue, parse_query_file, run_query
from iempkg.store import KnowledgeGraph


def _timed(run: Callable[[], int], runs: int, timeout: float) -> tuple[float, int]:
    """Median seconds of `runs` calls of `run` (stopping early past `timeout`), and its rows."""
    times: list[float] = []
    rows = 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
        if times[-1] > timeout:
            break
    return statistics.median(times), rows


def _plain(kg: KnowledgeGraph, q: NamedQuery, terms: dict[str, ox.NamedNode | ox.Literal]) -> int:
    subs = {ox.Variable(k): v for k, v in terms.items()}
    answer = kg.store.query(q.text, use_default_graph_as_union=True, substitutions=subs or None)
    assert isinstance(answer, ox.QuerySolutions)
    names = answer.variables
    return len([[s[v] for v in names] for s in answer])  # every term read, as run_query does


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-queries", type=Path, help="a queries/ directory to compare with")
    ap.add_argument("--baseline-timeout", type=float, default=600.0)
    args = ap.parse_args()
    kg = KnowledgeGraph.open(args.store)
    quads = len(kg)
    lines = [
        f"Catalogue queries on a --store of {quads:,} quads (median of {args.runs} runs, the first cold):",
        "",
        "| query | rows | ms | baseline ms | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    medians: list[float] = []
    for q in catalogue():
        terms = bind_parameters(kg, q, None)
        ours, rows = _timed(lambda q=q: len(run_query(kg, q).rows), args.runs, float("inf"))
        base_q = q
        if args.baseline_queries:
            path = args.baseline_queries / f"{q.name}.rq"
            base_q = parse_query_file(q.name, path.read_text("utf-8"), str(path))
        base, base_rows = _timed(
            lambda b=base_q, t=terms: _plain(kg, b, t), args.runs, args.baseline_timeout
        )
        note = "" if base_rows == rows else f" (baseline: {base_rows:,} rows)"
        medians.append(ours)
        lines.append(
            f"| {q.name} | {rows:,}{note} | {ours * 1000:,.0f} | {base * 1000:,.0f} | {base / ours:.1f} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    lines += [
        "",
        f"Slowest: {max(medians) * 1000:,.0f} ms; median of the queries: "
        f"{statistics.median(medians) * 1000:,.0f} ms; queries under 1 s: "
        f"{sum(m < 1 for m in medians)} of {len(medians)}.",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
