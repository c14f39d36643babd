"""Run every benchmark and write benchmarks/RESULTS.md (what `make bench` does).

    .venv/bin/python benchmarks/results.py                 # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/results.py --with-100k     # and 100,000 (long)

Each benchmark measures iempkg against a baseline in the same run and prints its own table;
this script only runs them one after the other (so that they do not compete for the two
cores) and collects what they print under one heading each, with the machine described.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import machine  # noqa: E402


def run(args: list[str]) -> str:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=HERE.parent, capture_output=True, text=True)
    took = time.perf_counter() - start
    text = done.stdout.strip() or done.stderr.strip()
    status = "" if done.returncode == 0 else f" (exit code {done.returncode})"
    return f"{text}\n\n_{' '.join(args)}: {took:.0f} s{status}_\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--with-100k", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args()
    big = ["--with-100k"] if args.with_100k else []
    sections = [
        ("The whole pipeline, stage by stage, against the plain rdflib + pyshacl path",
         ["benchmarks/bench_build.py", *big], False),
        ("Catalogue queries: Oxigraph against rdflib's SPARQL engine",
         ["benchmarks/bench_queries.py"], True),
        ("Stores: pyoxigraph (memory, disk) against rdflib and oxrdflib",
         ["benchmarks/bench_stores.py"], True),
        ("SHACL validation: the compiled shapes on Oxigraph against pyshacl",
         ["benchmarks/bench_validate.py", *(["--articles", "1000", "10000", "100000"] if big else [])], True),
        ("Extraction speed on the development corpus, one core",
         ["benchmarks/bench_extract.py"], True),
        ("Entity resolution: nodes against real entities, and time",
         ["benchmarks/bench_resolve.py", "--articles", "100000"], True),
    ]  # fmt: skip
    today = dt.date.today().isoformat()
    parts = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`benchmarks/results.py`) on {today}.",
        "",
        f"Machine: {machine()}.",
        "",
        "Every figure is one run on this machine; each benchmark times its baseline in the same run,",
        "so the ratios are the steadier figures. Tests never assert timings.",
        "",
    ]
    for title, command, fenced in sections:
        print(f"running {' '.join(command)} ...", file=sys.stderr, flush=True)
        out = run(command)
        parts += [f"## {title}", "", f"```\n{out.rstrip()}\n```" if fenced else out, ""]
    args.out.write_text("\n".join(parts), "utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
