"""Which store holds the graph: rdflib's memory store, oxrdflib (rdflib's API on Oxigraph), or
pyoxigraph directly (in memory and on disk), measured on the same graph in the same run.

    .venv/bin/python benchmarks/bench_stores.py                   # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/bench_stores.py --articles 2000

The graph is the one `benchmarks/bench_queries.py` builds from synthetic records (through
`iempkg.pipeline.assemble`, as a build makes it). For each store: loading its N-Quads, the
partner-pairs question (organisations attending the same event, counted; rdflib's engine gets
`--rdflib-timeout` seconds in a forked process), and writing Turtle. rdflib-based stores are
measured only up to `--rdflib-max` articles, where they are already far behind. Nothing is
asserted; the figures go to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import shutil
import tempfile
import time
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import rdflib

from bench_queries import build

PAIRS = """
PREFIX schema: <http://schema.org/>
SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e schema:attendee ?a, ?b . ?a a schema:Organization . ?b a schema:Organization .
  FILTER (STR(?a) < STR(?b))
} GROUP BY ?a ?b ORDER BY DESC(?n) LIMIT 20
"""


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _child(fn: Callable[[], Any], pipe: Any) -> None:
    pipe.send(timed(fn)[0])


def timed_with_limit(fn: Callable[[], Any], limit: float) -> float | None:
    """Seconds `fn` took in a forked process, or None when it was killed after `limit`."""
    parent, child = mp.Pipe()
    proc = mp.get_context("fork").Process(target=_child, args=(fn, child))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return float(parent.recv()) if parent.poll() else None


def measure(n: int, rdflib_max: int, rdflib_timeout: float) -> list[tuple[str, str, str, str]]:
    kg = build(n)
    nquads = kg.sorted_nquads()
    rows: list[tuple[str, str, str, str]] = []

    def ox_store(path: str | None) -> None:
        store = ox.Store(path) if path else ox.Store()
        load, _ = timed(lambda: store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS))
        query, _ = timed(lambda: list(store.query(PAIRS, use_default_graph_as_union=True)))
        dump, _ = timed(lambda: store.dump(format=ox.RdfFormat.N_QUADS))
        rows.append(
            (f"pyoxigraph {'disk' if path else 'memory'}", f"{load:.2f}", f"{query:.3f}",
             f"{dump:.2f} (N-Quads)")
        )

    ox_store(None)
    tmp = tempfile.mkdtemp(prefix="bench-store-")
    try:
        ox_store(tmp + "/db")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if n > rdflib_max:
        rows.append(("rdflib memory / oxrdflib", "-", "-", f"not run above {rdflib_max} articles"))
        return rows
    for label, store_name in (("rdflib memory", "default"), ("oxrdflib", "Oxigraph")):
        ds = rdflib.Dataset(store=store_name, default_union=True)
        load, _ = timed(lambda ds=ds: ds.parse(data=nquads, format="nquads"))
        query = timed_with_limit(lambda ds=ds: list(ds.query(PAIRS)), rdflib_timeout)
        ttl, _ = timed(lambda ds=ds: ds.serialize(format="trig"))
        rows.append(
            (label, f"{load:.2f}", f"{query:.3f}" if query is not None else
             f"> {rdflib_timeout:g} (killed)", f"{ttl:.2f} (TriG)")
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--rdflib-max", type=int, default=1000)
    ap.add_argument("--rdflib-timeout", type=float, default=120.0)
    args = ap.parse_args()
    print(f"{'articles':>8}  {'store':<26} {'load s':>8} {'pairs query s':>18}  write s")
    for n in args.articles:
        for store, load, query, write in measure(n, args.rdflib_max, args.rdflib_timeout):
            print(f"{n:>8}  {store:<26} {load:>8} {query:>18}  {write}")


if __name__ == "__main__":
    main()
