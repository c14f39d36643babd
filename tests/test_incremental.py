"""Incremental builds: the cache reuses what did not change, and never changes an answer."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from iempkg import ingest as ingest_module
from iempkg.cache import BuildCache
from iempkg.cli import cli
from iempkg.ingest import ingest
from iempkg.pipeline import BuildOptions, build

NEWS = Path(__file__).parent.parent / "data" / "news"
OUTPUTS = ("kg.ttl", "kg.trig", "kg.jsonld", "validation.txt", "skipped.txt")


def _invoke(*args: str | Path) -> None:
    result = CliRunner().invoke(cli, ["build", *map(str, args)])
    assert result.exit_code == 0, result.output


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert sorted(p.name for p in (a / "records").iterdir()) == sorted(
        p.name for p in (b / "records").iterdir()
    )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    shutil.copytree(NEWS, root)
    return root


def test_a_rebuild_reuses_the_cache_and_gives_the_same_bytes(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([archive], out)
    cache = out / ".iempkg-cache"
    assert len(list((cache / "records").glob("*/*.json"))) == len(first.articles)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    again = build([archive], out)
    assert [a.to_dict() for a in again.articles] == [a.to_dict() for a in first.articles]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    _invoke(archive, "-o", tmp_path / "fresh", "--no-cache", "--jobs", "1")
    _same_outputs(out, tmp_path / "fresh")
    assert not (tmp_path / "fresh" / ".iempkg-cache").exists()


def test_only_the_changed_article_is_extracted_again(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([archive], out)
    seed = archive / "000_a23b3f09f4b03236.txt"
    seed.write_text(seed.read_text("utf-8").replace("31, 2024", "30, 2024"), "utf-8")
    docs = ingest([archive]).documents
    cache = BuildCache(out / ".iempkg-cache")
    missing = [d.source for d in docs if cache.record(d) is None]
    assert missing == ["000_a23b3f09f4b03236.txt"]
    result = build([archive], out)
    (changed,) = [a for a in result.articles if a.source == "000_a23b3f09f4b03236.txt"]
    assert changed.events[0].start == "2024-01-30"
    _invoke(archive, "-o", tmp_path / "fresh", "--no-cache")
    _same_outputs(out, tmp_path / "fresh")
    # The cache holds this archive's state only: the old record of the seed is gone.
    assert len(list((out / ".iempkg-cache" / "records").glob("*/*.json"))) == len(docs)


def test_a_rebuild_reads_again_only_the_files_that_changed(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import iempkg.cache

    monkeypatch.setattr(iempkg.cache, "_RACY_NS", 0)  # the copies were made a moment ago
    read: list[str] = []

    def counting(path: Path, max_bytes: int, source: str) -> tuple[list[Any], list[Any]]:
        read.append(source)
        return ingest_module.read_documents(path, max_bytes, source)

    monkeypatch.setattr(iempkg.cache, "read_documents", counting)
    out = tmp_path / "out"
    first = build([archive], out)
    files = sorted(p.name for p in archive.iterdir())
    assert sorted(read) == files
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    read.clear()
    again = build([archive], out)
    assert read == []
    assert [a.to_dict() for a in again.articles] == [a.to_dict() for a in first.articles]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    seed = archive / "000_a23b3f09f4b03236.txt"
    seed.write_text(seed.read_text("utf-8").replace("31, 2024", "30, 2024"), "utf-8")
    (archive / files[-1]).unlink()
    build([archive], out)
    assert read == ["000_a23b3f09f4b03236.txt"]
    _invoke(archive, "-o", tmp_path / "fresh", "--no-cache")
    _same_outputs(out, tmp_path / "fresh")
    index = (out / ".iempkg-cache" / "files.jsonl").read_text("utf-8").splitlines()
    assert len(index) == 1 + len(files) - 1  # the code line, then the files there are now
    read.clear()
    build([archive], out, BuildOptions(max_bytes=10_000_000))  # another limit: read again
    assert sorted(read) == sorted(files[:-1])


def test_a_file_changed_just_before_a_build_is_read_again_by_the_next(
    archive: Path, tmp_path: Path
) -> None:
    """A file-system clock may be coarser than the time between two writes: a file written
    within the last moments is not trusted to be unchanged on the strength of its times."""
    out = tmp_path / "out"
    build([archive], out)
    index = out / ".iempkg-cache" / "files.jsonl"
    assert index.read_text("utf-8").count("\n") == 1  # every copy is a moment old


def test_a_curation_change_reaches_cached_article_graphs(archive: Path, tmp_path: Path) -> None:
    """Cached article graphs are keyed by the entity keys of their mentions, so a curator's
    decision that renames an entity gives the graph a fresh build gives."""
    out = tmp_path / "out"
    build([archive], out)
    curation = tmp_path / "curation.yaml"
    curation.write_text(
        'organisations:\n  canonical:\n    UNEP-IEMP: "International Ecosystem Management Partnership"\n',
        "utf-8",
    )
    build([archive], out, BuildOptions(curation=curation))
    ttl = (out / "kg.ttl").read_text("utf-8")
    assert "organisation:international-ecosystem-management-partnership" in ttl
    _invoke(archive, "-o", tmp_path / "fresh", "--no-cache", "--curation", curation)
    _same_outputs(out, tmp_path / "fresh")


def test_a_damaged_cache_is_only_a_miss(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([archive], out)
    for entry in (out / ".iempkg-cache").rglob("*.json"):
        entry.write_text("{ not json", "utf-8")
    for entry in (out / ".iempkg-cache").rglob("*.nq"):
        entry.write_text("", "utf-8")  # an empty graph would be wrong: it must not be trusted
    result = build([archive], out)
    assert len(result.articles) == len(ingest([archive]).documents)
    _invoke(archive, "-o", tmp_path / "fresh", "--no-cache")
    assert (out / "kg.trig").read_bytes() == (tmp_path / "fresh" / "kg.trig").read_bytes()
    _same_outputs(out, tmp_path / "fresh")
    # The damaged entries were misses, written again whole.
    graphs = list((out / ".iempkg-cache").rglob("*.nq"))
    assert graphs and all(g.read_text("utf-8").endswith(" .\n") for g in graphs)


def test_one_or_two_jobs_give_byte_identical_exports(archive: Path, tmp_path: Path) -> None:
    _invoke(archive, "-o", tmp_path / "one", "--jobs", "1", "--no-cache")
    _invoke(archive, "-o", tmp_path / "two", "--jobs", "2", "--no-cache")
    one, two = (tmp_path / d / "kg.ttl" for d in ("one", "two"))
    assert one.stat().st_size > 0 and one.read_bytes() == two.read_bytes()
    _same_outputs(tmp_path / "one", tmp_path / "two")


def _answers(kg_args: list[str]) -> dict[str, str]:
    from iempkg.query import catalogue

    out = {}
    for q in catalogue():
        result = CliRunner().invoke(cli, ["query", q.name, *kg_args, "--format", "csv"])
        assert result.exit_code == 0, result.output
        out[q.name] = result.output
    return out


def test_a_store_is_rebuilt_incrementally_and_answers_as_the_files(
    archive: Path, tmp_path: Path
) -> None:
    import json

    store, out = tmp_path / "store", tmp_path / "out"
    _invoke(archive, "-o", out, "--store", store)
    before = json.loads((store / "iempkg-graphs.json").read_text("utf-8"))
    seed = archive / "000_a23b3f09f4b03236.txt"
    seed.write_text(seed.read_text("utf-8").replace("31, 2024", "30, 2024"), "utf-8")
    (archive / "sample-2019-03-kefri-mou.txt").unlink()
    from iempkg.store import KnowledgeGraph

    written: list[str] = []
    real = KnowledgeGraph.replace_graphs_nquads

    def spy(self: KnowledgeGraph, graphs: Iterable[tuple[str, str]], checked: bool = False) -> None:
        items = list(graphs)
        written.extend(graph for graph, _ in items)
        real(self, items, checked)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(KnowledgeGraph, "replace_graphs_nquads", spy)
        _invoke(archive, "-o", out, "--store", store)
    # Only the changed article's graph is written into the store; the others stay as they are.
    assert written == ["https://w3id.org/iempkg/id/graph/000-a23b3f09f4b03236-txt"]
    after = json.loads((store / "iempkg-graphs.json").read_text("utf-8"))
    changed = {g for g in after if before.get(g) != after[g]}
    assert changed == {"https://w3id.org/iempkg/id/graph/000-a23b3f09f4b03236-txt"}
    assert set(before) - set(after) == {
        "https://w3id.org/iempkg/id/graph/sample-2019-03-kefri-mou-txt"
    }
    # The store holds what a fresh build holds, and every catalogue question gets the same
    # answer from the store as from the files.
    _invoke(archive, "-o", tmp_path / "fresh", "--no-cache")
    _same_outputs(out, tmp_path / "fresh")
    fresh = KnowledgeGraph.load(tmp_path / "fresh" / "kg.trig")
    stored = KnowledgeGraph.open(store)
    assert stored.sorted_nquads() == fresh.sorted_nquads()
    del stored
    assert _answers(["--store", str(store)]) == _answers([str(tmp_path / "fresh" / "kg.trig")])
    assert _answers([str(tmp_path / "fresh" / "kg.ttl")]) == _answers(
        [str(tmp_path / "fresh" / "kg.trig")]
    )


def test_a_store_build_keeps_article_graphs_in_the_store_only(
    archive: Path, tmp_path: Path
) -> None:
    # The store is the state of a --store build: copies of its graphs in the cache would be
    # written once and deleted by the next build, which reads unchanged graphs from nowhere.
    store, out = tmp_path / "store", tmp_path / "out"
    _invoke(archive, "-o", out, "--store", store)
    cache = out / ".iempkg-cache"
    assert list((cache / "records").rglob("*.json"))  # records are still cached
    assert not list(cache.rglob("*.nq"))
    seed = archive / "000_a23b3f09f4b03236.txt"
    seed.write_text(seed.read_text("utf-8").replace("31, 2024", "30, 2024"), "utf-8")
    _invoke(archive, "-o", out, "--store", store)
    assert not list(cache.rglob("*.nq"))
    # A build to files with the same cache still caches its graphs, and reuses them.
    _invoke(archive, "-o", out)
    assert len(list(cache.rglob("*.nq"))) == len(list((out / "records").iterdir()))


def test_a_store_rebuilt_when_every_graph_changes_holds_what_a_fresh_build_holds(
    archive: Path, tmp_path: Path
) -> None:
    # Another --base changes every article graph's key: the store is emptied and loaded again
    # rather than cleared graph by graph, with the same result as a build into a new store.
    from iempkg.store import KnowledgeGraph

    store, out = tmp_path / "store", tmp_path / "out"
    _invoke(archive, "-o", out, "--store", store)
    cleared: list[int] = []
    real = KnowledgeGraph.clear

    def spy(self: KnowledgeGraph) -> None:
        cleared.append(len(self))
        real(self)

    base = "https://example.org/other/"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(KnowledgeGraph, "clear", spy)
        _invoke(archive, "-o", out, "--store", store, "--base", base)
    assert len(cleared) == 1 and cleared[0] > 0
    _invoke(archive, "-o", tmp_path / "fresh", "--store", tmp_path / "fresh-store", "--base", base)
    stored, fresh = KnowledgeGraph.open(store), KnowledgeGraph.open(tmp_path / "fresh-store")
    assert stored.sorted_nquads() == fresh.sorted_nquads()


def test_revalidation_finds_what_a_full_validation_finds() -> None:
    import pyoxigraph as ox

    from iempkg.pipeline import build_graph
    from iempkg.validate import revalidate, validate
    from iempkg.vocab import DataIris

    kg = build_graph([NEWS], BuildOptions()).kg
    iris = DataIris()
    shared = [iris.entities_graph, iris.vocabulary_graph]
    assert validate(kg).conforms
    seed = iris.article_graph("000-a23b3f09f4b03236-txt")
    event = ox.NamedNode(iris.event("000-a23b3f09f4b03236-txt", 1))
    start = ox.NamedNode("http://schema.org/startDate")
    (date,) = list(kg.store.quads_for_pattern(event, start, None, ox.NamedNode(seed)))
    kg.store.remove(date)
    kg.store.add(ox.Quad(event, start, ox.Literal("31 January"), ox.NamedNode(seed)))
    full = validate(kg)
    assert not full.conforms
    # Only the changed graph (and the shared ones) are checked again: the same problems.
    again = revalidate(kg, [], [seed, *shared])
    assert again.violations == full.violations
    # Repaired in a later build that changed nothing else: the earlier problem is checked
    # again because it was one, and is gone.
    kg.store.remove(ox.Quad(event, start, ox.Literal("31 January"), ox.NamedNode(seed)))
    kg.store.add(date)
    assert revalidate(kg, full.violations, shared).conforms


def test_a_rebuild_checks_again_only_what_changed_and_says_the_same(
    archive: Path, tmp_path: Path
) -> None:
    import json

    out = tmp_path / "out"
    build([archive], out)
    report = json.loads((out / ".iempkg-cache" / "validation.json").read_text("utf-8"))
    assert report["violations"] == [] and len(report["graphs"]) == len(list(archive.iterdir())) + 1
    seed = archive / "000_a23b3f09f4b03236.txt"
    seed.write_text(seed.read_text("utf-8").replace("31, 2024", "30, 2024"), "utf-8")
    result = build([archive], out)
    assert result.report.conforms and result.report.triples > 0
    _invoke(archive, "-o", tmp_path / "full", "--no-cache", "--full-validation")
    _same_outputs(out, tmp_path / "full")  # validation.txt included


# --- the code fingerprint: the code a build runs, not the rest of the package ------------------


def _package_copy(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    from importlib import resources

    root = tmp_path / "iempkg"
    shutil.copytree(Path(str(resources.files("iempkg"))), root)
    data = {}
    for package in ("iempkg.ontology", "iempkg.gazetteer_data"):
        data[package] = tmp_path / package
        shutil.copytree(Path(str(resources.files(package))), data[package])
    return root, data


@pytest.mark.parametrize(
    ("changed", "invalidates"),
    [
        ("query.py", False),  # queries, networks, endpoints and the CLI run after a build
        ("network_html.py", False),
        ("endpoint.py", False),
        ("extract/_dates.py", True),  # extraction rules
        ("_ingest_html.py", True),  # imported inside a function, only for HTML pages
        ("mapping.py", True),
        ("resources/titles.yaml", True),  # data
        ("iempkg.ontology/shapes.ttl", True),
        ("iempkg.gazetteer_data/organisations.yaml", True),
    ],
)
def test_code_fingerprint_follows_the_code_a_build_runs(
    tmp_path: Path, changed: str, invalidates: bool
) -> None:
    from iempkg._fingerprint import fingerprint

    root, data = _package_copy(tmp_path)
    before = fingerprint(root, data)
    head, _, rest = changed.partition("/")
    target = data[head] / rest if head in data else root / changed
    target.write_bytes(target.read_bytes() + b"\n# changed\n")
    assert (fingerprint(root, data) != before) is invalidates


def test_every_module_a_build_imports_is_in_the_fingerprint(tmp_path: Path) -> None:
    # In a fresh process (this one has imported the CLI and the rest): build the sample archive,
    # HTML page included, and list the package modules that were loaded.
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from importlib import resources\n"
        "from iempkg.pipeline import BuildOptions, build\n"
        "from iempkg._fingerprint import build_modules\n"
        f"build([Path({str(NEWS)!r})], Path({str(tmp_path / 'out')!r}), BuildOptions(jobs=2))\n"
        "loaded = {m for m in sys.modules if m.split('.')[0] == 'iempkg'}\n"
        "data = {'iempkg.ontology', 'iempkg.gazetteer_data'}  # hashed whole, as data\n"
        "missing = loaded - set(build_modules(resources.files('iempkg'))) - data\n"
        "print(sorted(missing))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
