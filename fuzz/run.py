"""`make fuzz`: look for crashes for a bounded time (FUZZ_SECONDS, 120 by default).

Two engines share the time:
- atheris (coverage-guided, libFuzzer) over ingest, extraction, resolution and mapping
  (fuzz/atheris_target.py), seeded with data/news/; inputs it finds interesting are kept in
  fuzz/corpus/ (not committed) for the next run, crashes written to fuzz/crashes/;
- hypothesis at scale: the generators of the property tests (tests/fuzz_strategies.py) through
  whole builds, validation included, each build must conform or fail with one of iempkg's own
  errors (tests/test_guarantee_valid_graph.py::check_build); a failing example is written to
  fuzz/crashes/ as JSON.

Where atheris cannot be installed (no wheel for this Python), hypothesis gets all the time.
Exit 0 when nothing was found, 1 otherwise.

    .venv/bin/python fuzz/run.py --seconds 120 [--engine atheris|hypothesis|both]
"""

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
CRASHES = HERE / "crashes"
SUFFIX_BYTE = {".txt": 0, ".html": 1, ".md": 2, ".jsonl": 3, ".json": 4}


def seed_corpus() -> None:
    """data/news/ as atheris inputs: the suffix byte, then the file."""
    CORPUS.mkdir(exist_ok=True)
    for f in sorted((ROOT / "data" / "news").iterdir()):
        if f.suffix in SUFFIX_BYTE:
            (CORPUS / f"seed-{f.name}").write_bytes(bytes([SUFFIX_BYTE[f.suffix]]) + f.read_bytes())


def run_atheris(seconds: int) -> bool:
    seed_corpus()
    CRASHES.mkdir(exist_ok=True)
    print(f"atheris: {seconds} s over ingest, extraction, resolution and mapping", flush=True)
    done = subprocess.run(
        [
            sys.executable,
            str(HERE / "atheris_target.py"),
            f"-max_total_time={seconds}",
            "-timeout=30",  # an input that takes longer counts as a crash (a hang)
            "-rss_limit_mb=4096",
            "-max_len=20000",
            "-print_final_stats=1",
            f"-artifact_prefix={CRASHES}/",
            str(CORPUS),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    tail = done.stderr.strip().splitlines()[-15:]
    print("\n".join(tail))
    if done.returncode != 0:
        print(f"atheris found a crash (exit {done.returncode}); input in {CRASHES}/", flush=True)
        print(done.stderr[-6000:])
        return False
    return True


def run_hypothesis(seconds: float) -> bool:
    from hypothesis import HealthCheck, Phase, given, settings

    sys.path.insert(0, str(ROOT))
    from tests.fuzz_strategies import archives, records
    from tests.test_guarantee_valid_graph import ARTICLE, check_build

    print(f"hypothesis: {seconds:.0f} s of whole builds of random archives and records", flush=True)
    common = settings(
        max_examples=10,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # no shrinking: report the first failing example at once
        suppress_health_check=list(HealthCheck),
    )
    found: list[tuple[str, Any, BaseException]] = []

    @common
    @given(archives())
    def archive_builds(files: dict[str, bytes]) -> None:
        try:
            check_build(files)
        except BaseException as exc:
            found.append(("archive", {k: base64.b64encode(v).decode() for k, v in files.items()}, exc))
            raise

    @common
    @given(records(source="a.txt"))
    def record_builds(record: dict[str, Any]) -> None:
        try:
            check_build({"a.txt": ARTICLE}, record)
        except BaseException as exc:
            found.append(("record", record, exc))
            raise

    end = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < end and not found:
        for test in (archive_builds, record_builds):
            try:
                test()
            except Exception as exc:
                if not found:  # hypothesis itself gave up: say so rather than loop
                    found.append(("hypothesis", None, exc))
                break
            runs += 10
            if time.monotonic() >= end:
                break
    print(f"hypothesis: {runs} builds, {'a failure' if found else 'no failure'}", flush=True)
    if found:
        kind, example, exc = found[0]
        CRASHES.mkdir(exist_ok=True)
        target = CRASHES / f"hypothesis-{kind}-{int(time.time())}.json"
        target.write_text(json.dumps({"kind": kind, "example": example, "error": repr(exc)}, indent=1))
        print(f"{type(exc).__name__}: {str(exc)[:3000]}\nexample written to {target}")
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "120")))
    parser.add_argument("--engine", choices=("both", "atheris", "hypothesis"), default="both")
    args = parser.parse_args()
    have_atheris = importlib.util.find_spec("atheris") is not None
    if args.engine == "atheris" and not have_atheris:
        sys.exit("atheris is not installed (make fuzz installs it where it can)")
    ok = True
    hypothesis_seconds: float = args.seconds
    if args.engine != "hypothesis" and have_atheris:
        atheris_seconds = args.seconds if args.engine == "atheris" else args.seconds // 2
        ok = run_atheris(max(1, atheris_seconds))
        hypothesis_seconds = args.seconds - atheris_seconds
    elif args.engine == "both":
        print("atheris is not installed here: hypothesis gets all the time", flush=True)
    if ok and hypothesis_seconds > 0:
        ok = run_hypothesis(hypothesis_seconds)
    print("fuzz: no crash found" if ok else "fuzz: a crash was found", flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
