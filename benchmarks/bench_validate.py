"""SHACL validation, measured: the fast engine (shapes compiled to SPARQL on Oxigraph) and pyshacl.

    .venv/bin/python benchmarks/bench_validate.py                        # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/bench_validate.py --articles 100000 --baseline 1000

For each size a synthetic archive is generated with benchmarks/generate.py (deterministic: the
first N articles of a larger archive are the N-article archive) and built with
`iempkg.pipeline.build_graph`; then the full validation and an incremental one (one article's
graph) are timed with the fast engine. pyshacl, the baseline, runs in the same run on the sizes
up to --baseline articles only (about 80 s for 1,000 articles; it grows faster than the graph),
and the ratio is taken at the same size; larger sizes compare triples per second, and say so.
Nothing is asserted; the figures go to the README and the commit message by hand.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iempkg.pipeline import BuildOptions, build_graph
from iempkg.store import KnowledgeGraph
from iempkg.validate import ValidationReport, validate

HERE = Path(__file__).resolve().parent


def _timed(kg: KnowledgeGraph, **kwargs: object) -> tuple[float, ValidationReport]:
    start = time.perf_counter()
    report = validate(kg, **kwargs)  # type: ignore[arg-type]
    return time.perf_counter() - start, report


def _archive(n: int, workdir: Path) -> KnowledgeGraph:
    target = workdir / f"archive-{n}"
    if not target.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(n), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    start = time.perf_counter()
    kg, *_ = build_graph([target], BuildOptions(jobs=2))
    print(f"  built {n:,} articles: {len(kg):,} triples in {time.perf_counter() - start:.1f} s")
    return kg


def _line(engine: str, seconds: float, triples: int, report: ValidationReport) -> str:
    rate = triples / seconds if seconds else float("inf")
    state = "conforms" if report.conforms else f"{len(report.violations)} problem(s)"
    return f"  {engine:<22} {seconds:8.2f} s  {rate:12,.0f} triples/s  ({state})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--baseline",
        type=int,
        default=1000,
        help="run pyshacl on the sizes up to this many articles",
    )
    parser.add_argument("--workdir", type=Path, help="where archives go (default: a temp dir)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-validate-"))
    workdir.mkdir(parents=True, exist_ok=True)
    baseline_rate: float | None = None
    for n in sorted(args.articles):
        print(f"{n:,} articles")
        kg = _archive(n, workdir)
        triples = len(kg)
        fast_s, fast = _timed(kg)
        print(_line("oxigraph (full)", fast_s, triples, fast))
        article = next(g for g in kg.graphs() if not g.rsplit("/", 1)[-1].startswith("_"))
        incr_s, incr = _timed(kg, graphs={article})
        state = "conforms" if incr.conforms else f"{len(incr.violations)} problem(s)"
        print(
            f"  {'oxigraph (1 article)':<22} {incr_s:8.2f} s  {incr.triples:,} triples in its"
            f" graph, the whole store as context ({state})"
        )
        if n <= args.baseline:
            slow_s, slow = _timed(kg, engine="pyshacl")
            print(_line("pyshacl (full)", slow_s, triples, slow))
            same = fast.violations == slow.violations
            print(
                f"  ratio: the fast engine is {slow_s / fast_s:.0f}x faster on the same graph"
                f" (same results: {same})"
            )
            baseline_rate = triples / slow_s
        elif baseline_rate is not None:
            ratio = triples / fast_s / baseline_rate
            print(
                f"  pyshacl not run at this size (over --baseline {args.baseline:,}): "
                f"{ratio:.0f}x its triples/s measured on the smaller graph"
            )
        else:
            print(f"  pyshacl not run at this size (over --baseline {args.baseline:,})")


if __name__ == "__main__":
    main()
