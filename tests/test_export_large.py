"""Exports of large graphs in bounded memory (_export_large.py): the same bytes as the in-memory
writers, whatever the runs of the external sort, the parts and the jobs."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from iempkg import _export_large, export
from iempkg.cli import cli
from iempkg.export import EXPORT_FORMATS, export_many, serialize
from iempkg.pipeline import BuildOptions, build_graph
from iempkg.store import KnowledgeGraph

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"
FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads")


@pytest.fixture(scope="module")
def news() -> KnowledgeGraph:
    return build_graph([NEWS], BuildOptions()).kg


def _small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sample is small: make it "large" and cut it into many runs and parts.
    monkeypatch.setattr(export, "LARGE_QUADS", 0)
    monkeypatch.setattr(_export_large, "RUN_BYTES", 20_000)
    monkeypatch.setattr(_export_large, "PART_BYTES", 5_000)


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_format_written_in_bounded_memory_has_the_same_bytes(
    news: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    expected = {fmt: serialize(news, fmt) for fmt in FORMATS}
    spilled: list[int] = []
    real = _export_large._spill

    def spy(batch: list[bytes], directory: Path, unique: bool) -> IO[bytes]:
        spilled.append(len(batch))
        return real(batch, directory, unique)

    _small_limits(monkeypatch)
    monkeypatch.setattr(_export_large, "_spill", spy)
    targets = [(fmt, tmp_path / f"kg{EXPORT_FORMATS[fmt]}") for fmt in FORMATS]
    count = export_many(news, targets, jobs=jobs)
    assert len(spilled) > 10  # the external sort did merge runs from files
    for fmt, path in targets:
        assert path.read_bytes() == expected[fmt], fmt
    assert count == news.triple_count()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for _, p in targets)


def test_the_parts_are_cut_where_a_subject_ends(
    news: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_export_large, "PART_BYTES", 5_000)
    lines = news.sorted_ntriples().splitlines(keepends=True)
    parts = list(_export_large.subject_parts(lines))
    assert len(parts) > 10 and b"".join(parts) == b"".join(lines)
    for a, b in itertools.pairwise(parts):
        last = a.rstrip(b"\n").rsplit(b"\n", 1)[-1].split(b" ", 1)[0]
        assert b.split(b" ", 1)[0] != last


def test_the_external_sort_orders_and_thins_like_sorted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_export_large, "RUN_BYTES", 100)
    lines = [f'<s{i % 37}> <p> "{i % 11}" .\n'.encode() for i in range(500)]
    assert list(_export_large.external_sort(lines, tmp_path)) == sorted(lines)
    assert list(_export_large.external_sort(lines, tmp_path, unique=True)) == sorted(set(lines))
    assert list(tmp_path.iterdir()) == []  # the runs' files are gone


def test_a_graph_with_blank_nodes_is_written_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A writer may nest a blank node in the statement that uses it (export's in-memory writers
    # never cut such a graph in parts either): the bounded-memory writer stops when it meets one
    # and the graph is written whole, with no temporary file left.
    kg = KnowledgeGraph()
    s, p = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    g = ox.NamedNode("https://example.org/g")
    kg.add(
        [ox.Quad(s, p, ox.BlankNode("b1"), g), ox.Quad(ox.BlankNode("b1"), p, ox.Literal("x"), g)]
    )
    expected = {fmt: serialize(kg, fmt) for fmt in FORMATS}
    _small_limits(monkeypatch)
    for fmt in FORMATS:  # the union's formats, and the graph-by-graph ones
        out = tmp_path / fmt
        export_many(kg, [(fmt, out / f"kg{EXPORT_FORMATS[fmt]}")])
        assert (out / f"kg{EXPORT_FORMATS[fmt]}").read_bytes() == expected[fmt], fmt
        assert [q.name for q in out.iterdir()] == [f"kg{EXPORT_FORMATS[fmt]}"]


def test_a_build_writes_large_exports_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    small = runner.invoke(cli, ["build", str(NEWS), "-o", str(tmp_path / "a"), "--no-cache"])
    assert small.exit_code == 0, small.output
    _small_limits(monkeypatch)
    large = runner.invoke(cli, ["build", str(NEWS), "-o", str(tmp_path / "b"), "--no-cache"])
    assert large.exit_code == 0, large.output
    assert large.output.replace(str(tmp_path / "b"), "") == small.output.replace(
        str(tmp_path / "a"), ""
    )
    for name in ("kg.ttl", "kg.jsonld", "kg.trig"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert not [p for p in (tmp_path / "b").iterdir() if p.name.startswith(".")]
