"""The whole pipeline, stage by stage, against the plain rdflib + pyshacl path in the same run.

    .venv/bin/python benchmarks/bench_build.py                       # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/bench_build.py --sizes 1000 --plain-timeout 120
    .venv/bin/python benchmarks/bench_build.py --with-100k            # adds 100,000 (long)
    .venv/bin/python benchmarks/bench_build.py --write benchmarks/RESULTS.md

For each size, `benchmarks/generate.py` writes a synthetic archive (text, HTML, Markdown and JSON
Lines articles whose partners recur). Then, each in a process of its own:

- iempkg's path: ingest, extract (every core), resolve, map (every core, into Oxigraph), validate (the
  default engine), export Turtle (every core), every catalogue query with its defaults, the partner network;
- the plain path: the same ingest, extraction (one process) and resolution, then an rdflib
  memory graph, pyshacl over it, rdflib's Turtle serialiser, rdflib's SPARQL engine for the
  catalogue and for the network's reading queries. A stage that does not finish within
  `--plain-timeout` seconds is killed and reported as "> T", and its ratio as a lower bound;
- an incremental rebuild (`iempkg build` with its cache) after one article changed, and the
  first build it follows, both through the command line as a user runs them.

Each stage reports wall time, articles/s, triples/s (of the graph at that point) and the peak
resident memory of the process during the stage. Nothing is asserted: tests have no timings.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

STAGES = ["ingest", "extract", "resolve", "map", "validate", "export", "query", "network"]
BUILD_STAGES = ["extract", "resolve", "map", "validate", "export"]  # the "build" of the issue


# --- measuring -------------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Meter:
    """Wall time and peak RSS (sampled every 20 ms) of each stage of one process."""

    def __init__(self) -> None:
        self.stages: dict[str, dict[str, Any]] = {}
        self._peak = 0.0
        self._stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self._peak = max(self._peak, _rss_mb())

    @contextmanager
    def stage(self, name: str) -> Iterator[dict[str, Any]]:
        self._peak = _rss_mb()
        info: dict[str, Any] = {}
        start = time.perf_counter()
        yield info
        info["seconds"] = time.perf_counter() - start
        info["peak_mb"] = max(self._peak, _rss_mb())
        self.stages[name] = info


def _child(fn: Callable[[], Any], pipe: Any) -> None:
    start = time.perf_counter()
    fn()
    pipe.send((time.perf_counter() - start, _rss_mb()))


def limited(fn: Callable[[], Any], limit: float) -> tuple[float | None, float]:
    """(seconds, peak MB) of `fn` in a forked child, or (None, MB) when killed after `limit`."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, child))
    proc.start()
    proc.join(limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None, _rss_mb()
    if not parent.poll():
        return None, _rss_mb()
    seconds, mb = parent.recv()
    return float(seconds), float(mb)


# --- the two paths ---------------------------------------------------------------------------


def run_iempkg(archive: Path, work: Path) -> dict[str, Any]:
    from iempkg.export import export
    from iempkg.gazetteer import load_gazetteer
    from iempkg.ingest import ingest
    from iempkg.network import partner_network
    from iempkg.pipeline import BuildOptions, extract_documents, map_articles
    from iempkg.query import catalogue, run_query
    from iempkg.resolve import resolve
    from iempkg.validate import validate

    m = Meter()
    with m.stage("ingest"):
        docs = ingest([archive]).documents
    with m.stage("extract"):
        articles, _ = extract_documents(docs, BuildOptions(jobs=os.cpu_count() or 1), curated={})
    with m.stage("resolve"):
        res = resolve(articles, load_gazetteer([]))
    with m.stage("map"):  # as `iempkg build` maps: every core, into Oxigraph's memory store
        kg = map_articles(docs, articles, res, BuildOptions(jobs=os.cpu_count() or 1))
    triples = len(kg)
    with m.stage("validate") as info:
        info["conforms"] = validate(kg).conforms
    with m.stage("export"):
        export(kg, work / "kg.ttl", "turtle", jobs=os.cpu_count() or 1)  # as build writes it
    with m.stage("query") as info:
        times = {}
        for q in catalogue():
            start = time.perf_counter()
            run_query(kg, q)
            times[q.name] = time.perf_counter() - start
        info["per_query"] = times
    with m.stage("network") as info:
        info["nodes"] = partner_network(kg).number_of_nodes()
    return {"articles": len(articles), "triples": triples, "stages": m.stages}


def run_plain(archive: Path, work: Path, limit: float) -> dict[str, Any]:
    import pyoxigraph as ox
    import rdflib

    from iempkg.gazetteer import load_gazetteer
    from iempkg.ingest import ingest
    from iempkg.mapping import map_article, map_entities, map_vocabulary
    from iempkg.network_read import _EVENTS, _ORGS, _OUTCOMES, _PREFIXES, _TOOK_PART
    from iempkg.pipeline import BuildOptions, extract_documents
    from iempkg.query import bind_parameters, catalogue
    from iempkg.resolve import resolve
    from iempkg.store import KnowledgeGraph
    from iempkg.validate import validate
    from iempkg.vocab import DataIris

    m = Meter()
    with m.stage("ingest"):
        docs = ingest([archive]).documents
    with m.stage("extract"):
        articles, _ = extract_documents(docs, BuildOptions(jobs=1), curated={})
    with m.stage("resolve"):
        res = resolve(articles, load_gazetteer([]))
    iris = DataIris()
    ds = rdflib.Dataset(default_union=True)

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))

    with m.stage("map"):
        by_source = {d.source: d for d in docs}
        quads = [q for a in articles for q in map_article(by_source[a.source], a, res, iris).quads]
        quads += map_entities(res, articles, iris) + map_vocabulary(iris)
        for q in quads:
            ds.add((term(q.subject), term(q.predicate), term(q.object), term(q.graph_name)))
    # The catalogue's default parameters are names; find their IRIs as `iempkg query` does
    # (outside the measured stages), then give them to rdflib as initial bindings.
    lookup = KnowledgeGraph()
    lookup.add(quads)
    bindings = {q.name: {k: term(v) for k, v in bind_parameters(lookup, q, {}).items()} for q in catalogue()}
    del lookup
    union = rdflib.Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    triples = len(union)
    stages = m.stages
    for name, fn in (
        ("validate", lambda: validate(union, engine="pyshacl")),
        ("export", lambda: union.serialize(destination=str(work / "plain.ttl"), format="turtle")),
        ("query", lambda: [list(ds.query(q.text, initBindings=bindings[q.name])) for q in catalogue()]),
        ("network", lambda: [list(ds.query(_PREFIXES + q)) for q in (_EVENTS, _TOOK_PART, _OUTCOMES, _ORGS)]),
    ):  # fmt: skip
        seconds, mb = limited(fn, limit)
        stages[name] = {"seconds": seconds, "peak_mb": mb, "killed_after": None if seconds else limit}
    return {"articles": len(articles), "triples": triples, "stages": stages}


def _tree_mb(pid: int) -> float:
    """Proportional resident memory (PSS) of process `pid` and its children, the build's
    workers: pages a forked worker shares with its parent are counted once, not twice."""
    pids = {pid}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                pids.add(int(entry.name))
    kb = 0
    for p in pids:
        with contextlib.suppress(OSError):  # a worker that ended meanwhile
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()
            kb += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    return kb / 1024


def run_cli(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak MB of the process and its workers, sampled every 0.2 s) of one
    iempkg command, as a user runs it."""
    iempkg = str(Path(sys.executable).with_name("iempkg"))
    start = time.perf_counter()
    proc = subprocess.Popen([iempkg, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_mb(proc.pid))
        time.sleep(0.2)
    if proc.returncode:
        raise SystemExit(f"iempkg {' '.join(args)}: exit code {proc.returncode}")
    return time.perf_counter() - start, peak


def _change(path: Path) -> None:  # a sentence more in the body (not after the furniture)
    parts = path.read_text("utf-8").split("\n\n")
    parts.insert(3, "The partners also agreed to meet again next year.")
    path.write_text("\n\n".join(parts), "utf-8")


def run_incremental(archive: Path, work: Path) -> dict[str, float]:
    """Builds through the command line, as a user runs them: a first build writing every file,
    a rebuild after one article changed; the same into a --store writing no files."""
    articles = sorted(archive.rglob("*.txt"))
    files = [str(archive), "-o", str(work / "out")]
    store = [str(archive), "-o", str(work / "out-store"), "--store", str(work / "store"), "--formats", "none"]
    out: dict[str, float] = {}
    out["first_build"], out["first_build_mb"] = run_cli(["build", *files])
    _change(articles[0])
    out["rebuild_one_changed"], out["rebuild_mb"] = run_cli(["build", *files])
    out["store_first_build"], out["store_first_build_mb"] = run_cli(["build", *store])
    _change(articles[1])
    out["store_rebuild_one_changed"], out["store_rebuild_mb"] = run_cli(["build", *store])
    return out


def run_store_only(archive: Path, work: Path) -> dict[str, Any]:
    """An archive too large for a memory store, built as a user builds it: into a --store with
    no graph file (`--formats none`), again after one article changed, then every catalogue
    query on the store (in a process of its own, the median of three runs each)."""
    articles = sorted(archive.rglob("*.txt"))
    store = [str(archive), "-o", str(work / "out-store"), "--store", str(work / "store"), "--formats", "none"]
    out: dict[str, Any] = {}
    out["store_first_build"], out["store_first_build_mb"] = run_cli(["build", *store])
    _change(articles[1])
    out["store_rebuild_one_changed"], out["store_rebuild_mb"] = run_cli(["build", *store])
    turtle = ["export", str(work / "store"), "--format", "turtle", "-o", str(work / "kg.ttl")]
    out["store_export_turtle"], out["store_export_mb"] = run_cli(turtle)
    cmd = [sys.executable, __file__, "--part", "queries", str(work / "store"), str(work)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    out.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def store_queries(store: Path) -> dict[str, Any]:
    from iempkg.query import catalogue, run_query
    from iempkg.store import KnowledgeGraph

    kg = KnowledgeGraph.open(store)
    times = {}
    for q in catalogue():  # the median of three runs, the first cold, as the target reads
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            run_query(kg, q)
            runs.append(time.perf_counter() - start)
        times[q.name] = sorted(runs)[1]
    return {"quads": len(kg), "per_query": times}


# --- the report ------------------------------------------------------------------------------


def _fmt(seconds: float | None, limit: float | None = None) -> str:
    return f"> {limit:g}" if seconds is None else f"{seconds:.2f}"


def report(size: int, ours: dict[str, Any], plain: dict[str, Any] | None, inc: dict[str, float]) -> str:
    n, t = ours["articles"], ours["triples"]
    lines = [
        f"### {size:,} articles ({n:,} built, {t:,} quads)",
        "",
        "| stage | iempkg s | articles/s | triples/s | peak MB | plain s | plain peak MB | plain / iempkg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in STAGES:
        o = ours["stages"][name]
        p = (plain or {}).get("stages", {}).get(name)
        secs = o["seconds"]
        row = [name, f"{secs:.2f}", f"{n / secs:,.0f}", f"{t / secs:,.0f}", f"{o['peak_mb']:,.0f}"]
        if p is None:
            row += ["-", "-", "-"]
        else:
            ps, limit = p["seconds"], p.get("killed_after")
            ratio = f">= {limit / secs:,.1f}x" if ps is None else f"{ps / secs:,.1f}x"
            row += [_fmt(ps, limit), f"{p['peak_mb']:,.0f}", ratio]
        lines.append("| " + " | ".join(row) + " |")
    build = sum(ours["stages"][s]["seconds"] for s in BUILD_STAGES)
    lines += ["", f"Build ({' + '.join(BUILD_STAGES)}): {build:.1f} s."]
    if plain:
        ps = [plain["stages"][s]["seconds"] for s in BUILD_STAGES]
        total = sum(s or plain["stages"][name].get("killed_after") or 0 for s, name in zip(ps, BUILD_STAGES, strict=True))
        bound = ">= " if any(s is None for s in ps) else ""
        lines.append(f"Plain path, same stages: {bound}{total:.1f} s ({bound}{total / build:.1f}x).")
    lines.append(
        f"`iempkg build` from the command line (every output): {inc['first_build']:.1f} s, "
        f"peak {inc['first_build_mb']:,.0f} MB; again after one article changed: "
        f"{inc['rebuild_one_changed']:.1f} s. Into a `--store` with `--formats none`: "
        f"{inc['store_first_build']:.1f} s, peak {inc['store_first_build_mb']:,.0f} MB; again "
        f"after one article changed: {inc['store_rebuild_one_changed']:.1f} s (peaks: PSS of "
        "the process and its workers)."
    )
    slow = max(ours["stages"]["query"]["per_query"].items(), key=lambda kv: kv[1])
    lines.append(f"Slowest catalogue query: {slow[0]} ({slow[1] * 1000:.0f} ms).")
    return "\n".join(lines) + "\n"


def report_store(size: int, fig: dict[str, Any]) -> str:
    """The figures of a size built only into a --store (see run_store_only)."""
    slow = max(fig["per_query"].items(), key=lambda kv: kv[1])
    rows = "\n".join(f"| {name} | {sec * 1000:,.0f} |" for name, sec in sorted(fig["per_query"].items()))
    return (
        f"### {size:,} articles, into a `--store` only ({fig['quads']:,} quads)\n\n"
        "Not built stage by stage in memory: a memory store of this size would not fit the "
        "memory target. Built as a user builds it, `iempkg build ARCHIVE -o OUT --store STORE "
        "--formats none` (extraction and mapping on every core, no graph file written):\n\n"
        f"- first build: {fig['store_first_build']:.1f} s, peak {fig['store_first_build_mb']:,.0f} MB "
        "(PSS of the process and its workers);\n"
        f"- again after one article changed: {fig['store_rebuild_one_changed']:.1f} s, peak "
        f"{fig['store_rebuild_mb']:,.0f} MB;\n"
        f"- Turtle of the store (`iempkg export STORE --format turtle`): "
        f"{fig['store_export_turtle']:.1f} s, peak {fig['store_export_mb']:,.0f} MB;\n"
        f"- slowest catalogue query on the store: {slow[0]} ({slow[1] * 1000:,.0f} ms).\n\n"
        "| query | ms (median of 3 runs) |\n|---|---:|\n" + rows + "\n"
    )


def targets(
    results: dict[int, tuple[dict[str, Any], dict[str, Any] | None, dict[str, float]]],
    stored: dict[int, dict[str, Any]],
) -> str:
    """The targets of the scale issue against what this run measured ("not run" where a size
    was not built: 100,000 articles is `--with-100k`, `make bench BIG=1`)."""
    rows: list[tuple[str, str, str]] = []

    def build_s(size: int) -> float | None:
        r = results.get(size)
        return None if r is None else sum(r[0]["stages"][s]["seconds"] for s in BUILD_STAGES)

    def check(name: str, value: float | None, limit: float, unit: str, below: bool = True) -> None:
        if value is None:
            rows.append((name, "not run", "-"))
            return
        met = value < limit if below else value >= limit
        rows.append((name, f"{value:,.1f} {unit}", "met" if met else "NOT met"))

    check("10,000 articles built (extract .. export Turtle) < 60 s", build_s(10_000), 60, "s")
    r10 = results.get(10_000)
    ratio = None
    if r10 is not None and r10[1] is not None:
        plain = r10[1]["stages"]
        total = sum(plain[s]["seconds"] or plain[s].get("killed_after") or 0 for s in BUILD_STAGES)
        ratio = total / (build_s(10_000) or 1)
    check("10,000 articles: >= 10x faster than the plain path (a lower bound if it was killed)", ratio, 10, "x", below=False)
    big = stored.get(100_000)
    if big is not None:  # built into a --store only: no Turtle export, no files build
        built = big["store_first_build"] + big["store_export_turtle"]
        check("100,000 articles built (a --store, then its Turtle) < 600 s", built, 600, "s")
        peak = max(big["store_first_build_mb"], big["store_export_mb"])
        check("100,000 articles: peak memory (build, export) < 4,096 MB", peak, 4096, "MB")
        check("100,000 articles: rebuild after one change (files) < 5 s", None, 5, "s")
        check("100,000 articles: rebuild after one change (--store) < 5 s", big["store_rebuild_one_changed"], 5, "s")
        slowest = max(big["per_query"].values())
        check("slowest catalogue query at 100,000 articles (--store) < 1 s (median of 3 runs)", slowest, 1, "s")
    else:
        check("100,000 articles built < 600 s", build_s(100_000), 600, "s")
        r100 = results.get(100_000)
        peak = None if r100 is None else max(st["peak_mb"] for st in r100[0]["stages"].values())
        check("100,000 articles: peak memory < 4,096 MB", peak, 4096, "MB")
        check("100,000 articles: rebuild after one change (files) < 5 s", None if r100 is None else r100[2]["rebuild_one_changed"], 5, "s")
        check("100,000 articles: rebuild after one change (--store) < 5 s", None if r100 is None else r100[2]["store_rebuild_one_changed"], 5, "s")
    if results:
        biggest = max(results)
        slowest = max(results[biggest][0]["stages"]["query"]["per_query"].values())
        check(f"slowest catalogue query at {biggest:,} articles < 1 s (one run each)", slowest, 1, "s")
    lines = ["### Targets", "", "| target | measured | |", "|---|---:|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", "Query speed against rdflib's engine per query: see the catalogue queries section."]
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    mem = next(int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))  # fmt: skip
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("pyoxigraph", "rdflib", "pyshacl"))
    return (f"{cpu}, {os.cpu_count()} cores, {mem:,} MB; Python {platform.python_version()}; "
            f"{versions}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--with-100k", action="store_true", help="also 100,000 articles")
    ap.add_argument("--plain-timeout", type=float, default=300.0)
    ap.add_argument("--plain-max", type=int, default=10000, help="no plain path above this")
    ap.add_argument("--memory-max", type=int, default=10000,
                    help="above this size, only builds into a --store (run_store_only)")  # fmt: skip
    ap.add_argument("--archive", type=Path, help="an archive generate.py wrote already (one size)")
    ap.add_argument("--write", type=Path, help="write the report (Markdown) to this file")
    ap.add_argument("--part", nargs=3, metavar=("WHICH", "ARCHIVE", "WORK"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.part:  # one measured process: print its figures as JSON
        which, archive, work = args.part[0], Path(args.part[1]), Path(args.part[2])
        if which == "queries":
            figures = store_queries(archive)
        elif which == "iempkg":
            figures = run_iempkg(archive, work)
        else:
            figures = run_plain(archive, work, args.plain_timeout)
        print(json.dumps(figures))
        return

    from generate import generate

    sizes = [*args.sizes, *([100_000] if args.with_100k else [])]
    parts = [f"Machine: {machine()}.", ""]
    results: dict[int, tuple[dict[str, Any], dict[str, Any] | None, dict[str, float]]] = {}
    stored: dict[int, dict[str, Any]] = {}
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench-build-{size}-"))
        try:
            archive = work / "archive"
            if args.archive:  # the rebuild changes two of its articles: a copy
                shutil.copytree(args.archive, archive)
            else:
                generate(size, archive)
            if size > args.memory_max:
                stored[size] = run_store_only(archive, work)
                text = report_store(size, stored[size])
                print(text, flush=True)
                parts.append(text)
                continue

            def part(which: str, work: Path = work, archive: Path = archive) -> dict[str, Any]:
                cmd = [sys.executable, __file__, "--plain-timeout", str(args.plain_timeout),
                       "--part", which, str(archive), str(work)]  # fmt: skip
                done = subprocess.run(cmd, capture_output=True, text=True, check=True)
                return dict(json.loads(done.stdout.strip().splitlines()[-1]))

            ours = part("iempkg")
            plain = part("plain") if size <= args.plain_max else None
            inc = run_incremental(archive, work)
            results[size] = (ours, plain, inc)
            text = report(size, ours, plain, inc)
            print(text, flush=True)
            parts.append(text)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if results or stored:
        text = targets(results, stored)
        print(text, flush=True)
        parts.append(text)
    if args.write:
        args.write.write_text("\n".join(parts), "utf-8")


if __name__ == "__main__":
    main()
