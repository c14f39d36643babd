"""Guarantee 4: hostile content stays inert.

Names and texts with quotes, newlines, NUL, right-to-left marks and markup are written escaped in
every output and read back exactly; a query's parameter is only ever a term; JSON-LD is read
without fetching any remote context; HTML ingest runs no script and follows no link. Where the
project tested a part of this before, the test is named here rather than repeated:

- the HTML network page: tests/test_network.py::test_page_data_is_escaped_and_the_policy_allows_only_the_page_itself
  and GraphML/GEXF: tests/test_network.py::test_names_with_control_characters_are_written_and_load_back
- parameters bound as terms: tests/test_query.py::test_injection_is_only_a_string,
  tests/test_catalogue.py::test_injection_value_is_only_a_string and, on a remote endpoint,
  tests/test_endpoint.py::test_injection_is_a_string_on_the_endpoint_too
- no update and no SERVICE without a flag: tests/test_query.py::test_updates_and_service_are_refused,
  tests/test_catalogue.py::test_updates_and_service_need_a_flag
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.errors import GraphError
from iempkg.ingest import read_documents
from iempkg.query import format_result, load_query, run_query
from iempkg.store import KnowledgeGraph

from .conftest import SEED

SCHEMA = "http://schema.org/"
# Each of these must come back exactly from every graph format.
NAMES = {
    "quotes": 'Dr. "Quote" O\'Brien \\ back',
    "newlines": "Line one\nline two\r\nline three",
    "nul": "Nul\u0000Byte",
    "rtl": "Right\u202eto\u200fleft\u2066isolate\u2069",
    "markup": "<script>alert('x')</script> | *bold* _it_ `code` [a](http://127.0.0.1:9/)",
    "turtle": '"""; <http://evil> . @prefix x: <y> .',
    "jsonld": '{"@id": "http://evil", "@context": "http://127.0.0.1:9/"}',
    "unicode": "中国科学院 مرحبا e\u0301 \U0001f600",
}
ORG = "Soil Center of the Ministry of Ecology and Environment"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article, with a curated record whose persons carry the hostile names."""
    root = tmp_path_factory.mktemp("hostile")
    record = {
        "source": SEED.name,
        "title": NAMES["markup"],
        "published": "2024-02-01",
        "events": [
            {
                "kind": "meeting",
                "start": "2024-01-31",
                "organisations": [ORG],
                "persons": list(NAMES.values()),
                "outcomes": [{"kind": "agreement", "summary": NAMES["turtle"], "parties": [ORG]}],
            }
        ],
        "organisations": [{"name": ORG, "acronym": None, "aliases": [], "parent": None}],
        "persons": [{"name": n, "title": NAMES["quotes"], "organisation": ORG} for n in NAMES.values()],
        "topics": [NAMES["newlines"]],
        "sdgs": [15],
    }
    curated = root / "record.json"
    curated.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    out = root / "out"
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(out), "--curated", str(curated)])
    assert result.exit_code == 0, result.output
    return out


def _literals(kg: KnowledgeGraph, predicate: str) -> set[str]:
    return {
        q.object.value
        for q in kg.quads()
        if q.predicate.value == predicate and isinstance(q.object, ox.Literal)
    }


@pytest.mark.parametrize("name", ["kg.ttl", "kg.jsonld", "kg.trig"])
def test_literals_round_trip_exactly_in_every_format(hostile_build: Path, name: str) -> None:
    kg = KnowledgeGraph.load(hostile_build / name)
    names = _literals(kg, SCHEMA + "name")
    for kind, value in NAMES.items():
        assert value in names, kind
    assert NAMES["markup"] in _literals(kg, SCHEMA + "headline")
    assert NAMES["quotes"] in _literals(kg, SCHEMA + "jobTitle") | _literals(kg, SCHEMA + "roleName")
    # Nothing the names hold became a term of the graph: no IRI of theirs, no extra prefix.
    iris = {t.value for q in kg.quads() for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    assert not any(i.startswith(("http://evil", "http://127.0.0.1")) for i in iris)


def test_formats_agree_on_every_triple(hostile_build: Path) -> None:
    graphs = [KnowledgeGraph.load(hostile_build / n).triples() for n in ("kg.ttl", "kg.jsonld", "kg.trig")]
    assert graphs[0] == graphs[1] == graphs[2]


def test_records_and_validation_report_hold_the_names_as_data(hostile_build: Path) -> None:
    (record,) = (hostile_build / "records").iterdir()
    data = json.loads(record.read_text("utf-8"))
    assert {p["name"] for p in data["persons"]} == set(NAMES.values())
    assert (hostile_build / "validation.txt").read_text().startswith("The graph conforms")


def test_markdown_and_table_output_are_escaped(hostile_build: Path) -> None:
    kg = KnowledgeGraph.load(hostile_build / "kg.ttl")
    result = run_query(kg, load_query("people"), {"org": ORG})
    rows = len(result.rows)
    assert rows >= len(NAMES)
    md = format_result(result, "md")
    lines = md.splitlines()
    assert len(lines) == rows + 2  # no name breaks a row in two
    for line in lines[2:]:
        cells = line.split(" | ")
        assert len(cells) == len(result.variables), line  # no '|' of a name splits a cell
    assert "<script>" not in md and "\\<script\\>" in md
    for raw in ("\u0000", "\u202e", "\u200f", "\u2066", "\r"):
        assert raw not in md
    table = format_result(result, "table")
    assert len(table.splitlines()) == rows + 3
    for raw in ("\u0000", "\u202e", "\u200f", "\u2066", "\r"):
        assert raw not in table
    cli_md = CliRunner().invoke(
        cli, ["query", "people", str(hostile_build / "kg.ttl"), "-p", f"org={ORG}", "--format", "md"]
    )
    assert cli_md.exit_code == 0 and cli_md.stdout == md


def test_a_hostile_name_is_a_parameter_like_any_other(hostile_build: Path) -> None:
    """Given as a parameter, a name with quotes and braces finds its person and changes nothing."""
    kg = KnowledgeGraph.load(hostile_build / "kg.ttl")
    before = len(kg)
    for value in (NAMES["quotes"], NAMES["turtle"], NAMES["jsonld"]):
        result = run_query(kg, load_query("everything-about"), {"entity": value})
        assert result.rows, value
    assert len(kg) == before


# --- no network ------------------------------------------------------------------------------


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        body = b'{"@context": {"name": "http://schema.org/name"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A server on the loopback that counts the requests it gets (there must be none)."""
    _Counter.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt of this process to connect anywhere is recorded and refused."""
    attempts: list[object] = []

    def connect(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connect(None, a))  # type: ignore[arg-type]
    return attempts


@pytest.mark.parametrize(
    "context",
    [
        "{url}/context.jsonld",
        ["{url}/context.jsonld", {"name": "http://schema.org/name"}],
        {"@import": "{url}/context.jsonld"},
        {"name": {"@id": "http://schema.org/name", "@context": "{url}/scoped.jsonld"}},
    ],
)
def test_jsonld_with_a_remote_context_is_refused_without_a_request(
    server: str, tmp_path: Path, context: object
) -> None:
    doc = {"@context": json.loads(json.dumps(context).replace("{url}", server)),
           "@id": "http://example.org/a", "name": "A"}  # fmt: skip
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(GraphError) as caught:
        KnowledgeGraph.load(path)
    if "remote @context" not in caught.value.message():  # a scoped context may fail otherwise
        assert "not valid JSON_LD" in caught.value.message()
    for command in (["validate", str(path)], ["export", str(path), "--format", "turtle"],
                    ["query", "events", str(path)]):  # fmt: skip
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert _Counter.hits == []


def test_the_builds_own_jsonld_loads_without_the_network(hostile_build: Path, no_network: list[object]) -> None:
    assert len(KnowledgeGraph.load(hostile_build / "kg.jsonld")) > 0
    assert no_network == []


def test_html_ingest_runs_no_script_and_follows_no_link(
    server: str, tmp_path: Path, no_network: list[object]
) -> None:
    page = f"""<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={server}/refresh">
<link rel="stylesheet" href="{server}/style.css"><link rel="import" href="{server}/import.html">
<link rel="preload" href="{server}/preload.js" as="script"><base href="{server}/base/">
<style>@import url("{server}/import.css"); body {{ background: url({server}/bg.png) }}</style>
<script src="{server}/script.js"></script>
<script>document.write("INJECTED"); fetch("{server}/fetch"); new Image().src = "{server}/img";</script>
<title>Talks held in Nairobi</title></head>
<body onload="fetch('{server}/onload')"><article><h1>Talks held in Nairobi</h1>
<iframe src="{server}/frame.html"></iframe><img src="{server}/photo.jpg" onerror="alert(1)">
<object data="{server}/object.swf"></object><embed src="{server}/embed.swf">
<video src="{server}/v.mp4" poster="{server}/poster.png"></video>
<p>On 5 May 2023, Dr. Amina Okafor, Director of the Nairobi Water Institute (NWI), met Prof. Li
Wei of Peking University in Nairobi, Kenya. <a href="{server}/link">Read the agreement</a>.</p>
<p>Both sides signed a Memorandum of Understanding on the restoration of wetlands around the lake
and agreed to train community rangers.<noscript>NOSCRIPT</noscript></p>
<svg><script>fetch("{server}/svg")</script><image href="{server}/svg.png"/></svg>
</article></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    (doc,), problems = read_documents(path)
    assert problems == []
    assert "Dr. Amina Okafor" in doc.text and "Memorandum of Understanding" in doc.text
    for script in ("INJECTED", "fetch", "alert", "document.write"):
        assert script not in doc.text
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert _Counter.hits == [] and no_network == []


def test_an_external_entity_is_never_read(tmp_path: Path, server: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", "utf-8")
    page = f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY net SYSTEM "{server}/dtd">]>
<html><head><title>Talks</title></head><body><article><h1>Talks held in Nairobi</h1>
<p>On 5 May 2023, Dr. Amina Okafor met Prof. Li Wei in Nairobi, Kenya, to sign an agreement
on wetlands &xxe; &net; and both sides agreed to meet again in the coming year.</p>
</article></body></html>"""
    path = tmp_path / "xxe.xhtml"
    path.write_text(page, "utf-8")
    docs, _problems = read_documents(path)
    assert all("TOP-SECRET" not in d.text for d in docs)
    assert _Counter.hits == []
