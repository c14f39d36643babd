"""Guarantee 3: whatever the extractor does, the graph is valid.

Hypothesis writes random archives (articles in every layout the ingest reads: the plain-text
layout, HTML, Markdown with front matter, JSON Lines, and raw bytes, made of words the extractor
reacts to, random Unicode and hostile characters) and random records (hand-written records as
`build --curated` reads them, valid or not). `build` must either raise one of iempkg's own
errors or write a graph that conforms to the shapes, whose files parse back to the same graph.

The example counts are kept small so that the suite stays fast; `make fuzz` runs the same
generators (and atheris) for minutes.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from iempkg.errors import IempkgError, RecordError
from iempkg.model import Article
from iempkg.pipeline import BuildOptions, build
from iempkg.store import KnowledgeGraph

from .fuzz_strategies import archives, records

# IEMPKG_EXAMPLES=500 explores for longer (as `make fuzz` does).
SETTINGS = settings(
    max_examples=int(os.environ.get("IEMPKG_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_build(files: dict[str, bytes], curated: dict[str, Any] | None = None) -> None:
    """Build `files` (name -> bytes), with `curated` as a curated record file if given."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        news = root / "news"
        news.mkdir()
        for name, data in files.items():
            (news / name).write_bytes(data)
        options = BuildOptions()
        if curated is not None:
            record = root / "curated.json"
            record.write_text(json.dumps(curated, ensure_ascii=True), "utf-8")
            options.curated = [record]
        try:
            result = build([news], root / "out", options)
        except IempkgError:
            return  # a one-line error for the user, never a crash
        assert result.report.conforms, result.report.text(10)
        kg = KnowledgeGraph.load(root / "out" / "kg.trig")
        assert len(kg.triples()) == result.triples
        for name in ("kg.ttl", "kg.jsonld"):
            assert len(KnowledgeGraph.load(root / "out" / name).triples()) == result.triples, name
        for record_file in (root / "out" / "records").iterdir():
            Article.from_dict(json.loads(record_file.read_text("utf-8")), str(record_file))
        for p in result.problems:
            assert p.path and p.reason and "\n" not in p.reason


@SETTINGS
@given(archives())
def test_any_archive_builds_a_valid_graph_or_fails_cleanly(files: dict[str, bytes]) -> None:
    check_build(files)


ARTICLE = (
    b"Talks held\n\nOn 5 May 2023, Dr. Amina Okafor of the Nairobi Water Institute (NWI) met "
    b"Prof. Li Wei of Peking University in Nairobi, Kenya.\n"
)


@SETTINGS
@given(records(source="a.txt"))
def test_any_curated_record_builds_a_valid_graph_or_is_refused(record: dict[str, Any]) -> None:
    check_build({"a.txt": ARTICLE}, record)


@settings(max_examples=100, deadline=None)
@given(records(source="a.txt", valid=False))
def test_a_record_is_accepted_or_refused_with_a_record_error(record: Any) -> None:
    try:
        article = Article.from_dict(record, "r.json")
    except RecordError as exc:
        assert exc.where == "r.json" and "\n" not in exc.message()
        return
    assert Article.from_dict(article.to_dict()).to_dict() == article.to_dict()
