"""Guarantee 1: one bad article never stops a build.

Every kind of bad article the README lists goes into one archive beside good ones; the build
reports each (file, line where it applies, reason) in its summary and in skipped.txt, builds the
rest, exits 3 (1 with --strict); duplicates are found by content hash and built once; a file
too big to read is refused by its size, without being read into memory.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.ingest import ingest, read_documents
from iempkg.store import KnowledgeGraph

from .conftest import ROOT, SEED

NEWS = ROOT / "data" / "news"
MB = 1_000_000
MIB = 1024 * 1024
BODY = (
    "On 5 May 2023, Dr. Amina Okafor, Director of the Nairobi Water Institute (NWI), met "
    "Prof. Li Wei of Peking University in Nairobi, Kenya. Both sides signed a Memorandum of "
    "Understanding on wetland restoration."
)


def _sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes written in no time (a hole the file system fills with zeros)."""
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def _archive(root: Path) -> dict[str, Path]:
    """Good articles and every kind of bad one, by what they are."""
    root.mkdir()
    html = (NEWS / "sample-2022-09-kunming-forum.html").read_bytes()
    latin1 = (
        '<html><head><meta charset="utf-8"><title>Café</title></head><body><article>'
        "<h1>Coopération à Genève</h1><p>On 5 May 2023, Dr. Amélie Dubois, Director of the "
        "Nairobi Water Institute (NWI), met Prof. José Müller of the University of Geneva in "
        "Genève, Switzerland, and both sides signed a Memorandum of Understanding on the "
        "restoration of wetlands.</p></article></body></html>"
    ).encode("latin-1")
    chinese = "中国科学院与肯尼亚林业研究所签署合作协议"
    files = {
        "good": root / "seed.txt",
        "duplicate": root / "seed-copy.txt",
        "empty": root / "empty.txt",
        "binary": root / "photo.txt",
        "truncated-html": root / "truncated.html",
        "gb18030": root / "gb18030.txt",
        "utf16": root / "utf16.txt",
        "latin1-as-utf8": root / "latin1.html",
        "huge": root / "huge.txt",
        "one-long-line": root / "one-line.txt",
        "no-date": root / "no-date.txt",
        "no-event": root / "no-event.txt",
        "no-names": root / "no-names.txt",
        "feed": root / "feed.jsonl",
    }
    files["good"].write_bytes(SEED.read_bytes())
    files["duplicate"].write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))  # same text
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["truncated-html"].write_bytes(html[: len(html) // 2])
    files["gb18030"].write_bytes(f"{chinese}\n\n{chinese}。{BODY}".encode("gb18030"))
    files["utf16"].write_bytes(f"Talks in Nairobi\n\n{BODY}".encode("utf-16"))
    files["latin1-as-utf8"].write_bytes(latin1)
    _sparse(files["huge"], 200 * MIB)
    sentence = "The delegation met the partners and discussed the restoration of wetlands. "
    files["one-long-line"].write_text(sentence * (10 * MB // len(sentence)), "utf-8")
    files["no-date"].write_text(
        "Talks held\n\nDr. Amina Okafor of the Nairobi Water Institute (NWI) met Prof. Li Wei "
        "of Peking University in Nairobi, Kenya.",
        "utf-8",
    )
    files["no-event"].write_text("A quiet day\n\nThe weather was fine all week long.", "utf-8")
    files["no-names"].write_text(
        "Talks held\n\nOn 5 May 2023, the two teams met in Nairobi to discuss wetlands.", "utf-8"
    )
    feed = [
        json.dumps({"title": "Feed one", "published": "2023-05-06", "text": BODY}),
        '{"title": "broken", "text": "cut off in the mid',
        json.dumps({"title": "Feed three", "date": "2023-05-08", "text": BODY + " Again."}),
    ]
    files["feed"].write_text("\n".join(feed) + "\n", "utf-8")
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], Path, object]:
    root = tmp_path_factory.mktemp("bad")
    files = _archive(root / "news")
    out = root / "out"
    result = CliRunner().invoke(cli, ["build", str(root / "news"), "-o", str(out)])
    return files, out, result


def _skipped(out: Path) -> dict[str, str]:
    lines = (out / "skipped.txt").read_text("utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines)


def test_the_build_goes_on_and_says_something_was_skipped(built: tuple) -> None:
    _files, out, result = built
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    records = {json.loads(p.read_text())["source"] for p in (out / "records").iterdir()}
    assert records == {
        "seed-copy.txt",  # the first of the two duplicates, in name order
        "truncated.html",
        "gb18030.txt",
        "utf16.txt",
        "latin1.html",
        "no-date.txt",
        "no-event.txt",
        "no-names.txt",
        "feed.jsonl:1",
        "feed.jsonl:3",
    }
    kg = KnowledgeGraph.load(out / "kg.ttl")
    assert len(kg) > 100
    assert (out / "validation.txt").read_text().startswith("The graph conforms")


def test_each_bad_article_is_reported_with_file_line_and_reason(built: tuple) -> None:
    files, out, result = built
    skipped = _skipped(out)
    assert skipped == {
        str(files["good"]): "duplicate of seed-copy.txt (same content); built once",
        str(files["empty"]): "empty file",
        str(files["binary"]): skipped[str(files["binary"])],
        str(files["huge"]): (
            "article of 209,715,200 bytes is over the limit of 10,485,760 (--max-article-bytes)"
        ),
        str(files["one-long-line"]): (
            f"article text of {len(files['one-long-line'].read_text().strip()):,} characters "
            "is over the limit of 200,000 (--max-article-chars)"
        ),
        f"{files['feed']}:2": skipped[f"{files['feed']}:2"],
        str(files["no-date"]): "built, but found no date",
        str(files["no-event"]): "built, but found no date, no event and no names",
        str(files["no-names"]): "built, but found no names",
    }
    assert skipped[str(files["binary"])].startswith("binary file")
    assert skipped[f"{files['feed']}:2"].startswith("not valid JSON")
    # The summary says the same, one line per article, and counts them.
    for where, reason in skipped.items():
        kind = "note" if reason.startswith("built, but") else "skipped"
        assert f"{kind}: {where}: {reason}" in result.stderr
    assert f"skipped 6 article(s), 3 built with something missing: see {out}" in result.stdout


def test_encodings_are_read_right(built: tuple) -> None:
    _files, out, _ = built
    titles = {
        json.loads(p.read_text())["source"]: json.loads(p.read_text())["title"]
        for p in (out / "records").iterdir()
    }
    assert titles["gb18030.txt"] == "中国科学院与肯尼亚林业研究所签署合作协议"
    assert titles["utf16.txt"] == "Talks in Nairobi"
    assert titles["latin1.html"] == "Coopération à Genève"
    assert "José Müller" in (out / "kg.ttl").read_text("utf-8")


def test_strict_fails_instead(built: tuple, tmp_path: Path) -> None:
    files, _out, _ = built
    result = CliRunner().invoke(
        cli, ["build", str(files["good"]), str(files["empty"]), "-o", str(tmp_path), "--strict"]
    )
    assert result.exit_code == 1
    assert f"skipped: {files['empty']}: empty file" in result.stderr


def test_notes_alone_do_not_change_the_exit_code(built: tuple, tmp_path: Path) -> None:
    files, _out, _ = built
    result = CliRunner().invoke(cli, ["build", str(files["no-names"]), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "note: " in result.stderr and "built, but found no names" in result.stderr


def test_a_too_big_file_is_refused_without_being_read(tmp_path: Path) -> None:
    txt = _sparse(tmp_path / "huge.txt", 200 * MIB)
    jsonl = _sparse(tmp_path / "huge.jsonl", 200 * MIB)  # one 200 MB line of NUL bytes
    with jsonl.open("ab") as fh:
        fh.write(b"\n" + json.dumps({"title": "After", "text": BODY}).encode() + b"\n")
    tracemalloc.start()
    try:
        docs, problems = read_documents(txt)
        assert docs == [] and "over the limit" in problems[0].reason
        docs, problems = read_documents(jsonl)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(p.line, p.reason.split(" is ")[0]) for p in problems] == [
        (1, "article of 209,715,201 bytes")
    ]
    assert [d.title for d in docs] == ["After"]  # the line after the huge one is read
    assert peak < 3 * DEFAULT_LIMIT, f"{peak:,} bytes held to refuse a 200 MB file"


DEFAULT_LIMIT = 10 * MIB


def test_limits_are_flags(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\n" + BODY, "utf-8")
    assert ingest([tmp_path], max_bytes=50).problems[0].reason.endswith("(--max-article-bytes)")
    assert ingest([tmp_path], max_chars=50).problems[0].reason.endswith("(--max-article-chars)")
    assert ingest([tmp_path]).problems == []


def test_a_file_that_is_not_regular_is_reported(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    docs, problems = read_documents(fifo)  # would block for ever if it were opened
    assert docs == [] and problems[0].reason.startswith("not a regular file")


def test_an_unreadable_directory_is_reported_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Title\n\n" + BODY, "utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Other\n\n" + BODY + " More.", "utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):  # chmod 000 does not stop root, so pretend
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = ingest([tmp_path])
    assert [d.source for d in result.documents] == ["ok/a.txt"]
    assert [(p.path, p.reason) for p in result.problems] == [
        (str(tmp_path / "locked"), "cannot read the directory (Permission denied)")
    ]
