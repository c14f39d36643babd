"""Ingest: layouts, formats and encodings in, clean documents out, problems reported not raised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.errors import InputError
from iempkg.ingest import ingest, read_documents

SEED = Path(__file__).resolve().parents[1] / "data" / "news" / "000_a23b3f09f4b03236.txt"

BODY = (
    "On 5 May 2023, Dr. Amina Okafor, Director of the Nairobi Water Institute (NWI), met "
    "Prof. Li Wei of Peking University in Nairobi, Kenya.\n\n"
    "Both sides signed a Memorandum of Understanding on wetland restoration."
)


def _one(path: Path) -> tuple[str, str | None, str | None, list[str]]:
    docs, problems = read_documents(path)
    assert problems == [], problems
    assert len(docs) == 1
    d = docs[0]
    return d.text, d.title, d.published, d.furniture


def test_seed_layout_title_date_line_and_furniture() -> None:
    docs, problems = read_documents(SEED)
    assert problems == []
    (doc,) = docs
    assert doc.title is not None and doc.title.startswith("UNEP-IEMP Holds Talks with the Soil")
    assert doc.published == "2024-02-01"
    assert doc.category == "News"
    assert doc.text.startswith(doc.title + "\n\nOn January 31, 2024, Dr. Zhang Linxiu")
    # The photo caption and the trailing page furniture are kept apart from the body.
    assert "The venue for the meeting" in doc.furniture
    assert "Related Sustainable Development Goals" in doc.furniture
    assert "Related Sustainable" not in doc.text and "venue for the meeting" not in doc.text
    assert "01 February 2024" not in doc.text
    assert doc.text.rstrip().endswith("quality and efficiency.")


def test_date_line_before_title_and_no_title(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("18 Nov 2016\n\nESCWA and UNEP Sign MoU\n\n" + BODY, "utf-8")
    text, title, published, _ = _one(a)
    assert (title, published) == ("ESCWA and UNEP Sign MoU", "2016-11-18")
    b = tmp_path / "b.txt"
    b.write_text(BODY, "utf-8")
    text, title, published, _ = _one(b)
    assert title is None and published is None
    assert text == BODY


def test_wrapped_lines_join_into_one_paragraph(tmp_path: Path) -> None:
    p = tmp_path / "wrapped.txt"
    p.write_text("A Title\n\nThe delegation met the\nminister in Phnom Penh.\n", "utf-8")
    text, _, _, _ = _one(p)
    assert text == "A Title\n\nThe delegation met the minister in Phnom Penh."


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030", "utf-8-sig", "cp1252"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    sample = {
        "gb18030": "中国科学院地理科学与资源研究所 (IGSNRR) hosted the talks in Beijing.",
        "cp1252": "The Café Résumé project’s partners met in Genève.",
    }.get(encoding, "Ümlauts and “quotes” in a UTF text.")
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(("Title\n\n" + sample + " " + BODY).encode(encoding))
    text, title, _, _ = _one(p)
    assert title == "Title"
    assert sample in text


def test_utf8_with_stray_latin1_bytes(tmp_path: Path) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes(
        "Title\n\nZhang’s visit to ".encode() + "Genève".encode("latin-1") + b" went well."
    )
    text, _, _, _ = _one(p)
    assert "Zhang’s visit to Genève went well." in text


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Site | Talks held</title>
<meta property="article:published_time" content="2023-05-06T09:00:00+08:00">
<meta property="og:url" content="https://example.org/news/talks">
<script>window.alert("never run"); fetch("https://tracker.example/")</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a></nav>
<article><h1>Talks held in Nairobi</h1>
{"".join(f"<p>{p}</p>" for p in BODY.split(chr(10) + chr(10)))}
<p>The partners agreed to meet again in 2024 to review the restoration of degraded wetlands and
the training of community rangers along the lake shore.</p></article>
<aside><h3>Related news</h3><ul><li><a href="/x">Another story entirely</a></li></ul></aside>
<footer>Copyright 2023 Example Organisation. All rights reserved.</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(page, "utf-8")
    (doc,), problems = read_documents(p)
    assert problems == []
    assert doc.title == "Talks held in Nairobi"
    assert doc.published == "2023-05-06"
    assert doc.url == "https://example.org/news/talks"
    assert "Dr. Amina Okafor" in doc.text and "Memorandum of Understanding" in doc.text
    for furniture in ("Home", "About us", "Copyright", "never run", "tracker"):
        assert furniture not in doc.text


def test_markdown_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "story.md"
    p.write_text(
        "---\ntitle: Wetland MoU signed\ndate: 2023-05-17\nurl: https://example.org/mou\n---\n\n"
        "## Background\n\nOn 5 May 2023, **Dr. Amina Okafor** met [Prof. Li Wei](https://x.org).\n\n"
        "- restoration\n- training\n\n![a photo](p.jpg)\n",
        "utf-8",
    )
    (doc,), problems = read_documents(p)
    assert problems == []
    assert (doc.title, doc.published, doc.url) == (
        "Wetland MoU signed",
        "2023-05-17",
        "https://example.org/mou",
    )
    assert "On 5 May 2023, Dr. Amina Okafor met Prof. Li Wei." in doc.text
    for markup in ("**", "](", "##", "p.jpg"):
        assert markup not in doc.text


def test_json_lines_one_bad_line_costs_only_itself(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    good = {"title": "One", "published": "2023-05-06", "url": "https://e.org/1", "text": BODY}
    lines = [
        json.dumps(good),
        '{"title": "broken", "text": ',
        json.dumps({"title": "Two", "date": "May 7, 2023", "text": "Experts met in Paris."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No text"}),
    ]
    p.write_text("\n".join(lines) + "\n", "utf-8")
    docs, problems = read_documents(p)
    assert [(d.title, d.published, d.line) for d in docs] == [
        ("One", "2023-05-06", 1),
        ("Two", "2023-05-07", 3),
    ]
    assert [d.source for d in docs] == ["feed.jsonl:1", "feed.jsonl:3"]
    assert [(x.line, x.reason.split(" (")[0]) for x in problems] == [
        (2, "not valid JSON"),
        (4, "not a JSON object"),
        (5, "no 'text', 'body', 'content' or 'html' field"),
    ]


def test_bad_files_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Title\n\n" + BODY, "utf-8")
    (tmp_path / "copy.txt").write_text("Title\n\n" + BODY, "utf-8")
    (tmp_path / "empty.txt").write_text("  \n", "utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "big.txt").write_text("Title\n\n" + "word " * 3000, "utf-8")
    (tmp_path / "only-title.txt").write_text("Just a title\n", "utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", "utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = ingest([tmp_path], max_bytes=10_000)
    assert [d.source for d in result.documents] == ["copy.txt"]
    reasons = {Path(p.path).name: p.reason for p in result.problems}
    assert reasons["good.txt"] == "duplicate of copy.txt (same content); built once"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert "over the limit of 10,000" in reasons["big.txt"]
    assert reasons["only-title.txt"].startswith("no article text")
    assert set(reasons) == {"good.txt", "empty.txt", "binary.txt", "big.txt", "only-title.txt"}


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        ingest([tmp_path / "nope"])


def test_control_characters_are_removed(tmp_path: Path) -> None:
    p = tmp_path / "ctl.txt"
    p.write_text("Title\x00\n\nExperts\x07 met\u200b in Rome.\r\nThey agreed.", "utf-8")
    text, title, _, _ = _one(p)
    assert title == "Title"
    assert text == "Title\n\nExperts met in Rome.\nThey agreed."


def test_extract_cli_reports_skipped_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Title\n\n" + BODY, "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 3, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["source"] == "good.txt"
    assert "empty.txt: empty file" in result.stderr


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  • 01 February 2024  |  News", ("2024-02-01", "News")),
        ("24-11-2017", ("2017-11-24", None)),
        ("10.03.2022", ("2022-03-10", None)),
        ("03/25/2024", ("2024-03-25", None)),  # month first only where the day says so
        ("Time : Apr.02, 2025", ("2025-04-02", None)),
        ("Published on 5 May 2023", ("2023-05-05", None)),
        ("Institute news | Updated: 2021-09-01", ("2021-09-01", "Institute news")),
        ("The meeting was held on 5 May 2023 in Beijing.", None),
        ("31-02-2024", None),
    ],
)
def test_date_lines_in_the_forms_pages_write(line: str, expected: tuple[str, str | None] | None) -> None:
    from iempkg._ingest_text import parse_date_line

    assert parse_date_line(line) == expected


def test_a_numeric_date_line_gives_the_published_date(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Delegation Visits the Institute\n\n24-11-2017\n\nOn 23 November, a delegation visited.\n", "utf-8")
    (doc,) = ingest([page]).documents
    assert (doc.title, doc.published) == ("Delegation Visits the Institute", "2017-11-24")
