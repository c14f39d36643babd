"""Real triple stores: push to and query an Oxigraph server that the tests start on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.endpoint import Endpoint, EndpointError, bind_values, graph_store_url, push
from iempkg.export import export
from iempkg.query import catalogue, load_query, run_query
from iempkg.store import KnowledgeGraph

from .test_catalogue import INJECTION, catalogue_graph


def _oxigraph() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"  # the `oxigraph` package of the dev extra
    return str(local) if local.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server answering queries on the union of its graphs; its query URL."""
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[dev]')")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"oxigraph serve did not start: {err}")
                time.sleep(0.05)
        yield url
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return catalogue_graph()


@pytest.fixture(scope="module")
def pushed(server: str, kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> str:
    trig = export(kg, tmp_path_factory.mktemp("kg") / "kg.trig", "trig")
    out = CliRunner().invoke(cli, ["push", str(trig), "--endpoint", server])
    assert out.exit_code == 0, out.output
    assert "pushed 6 named graph(s)" in out.output
    return server


def test_push_then_every_query_answers_as_locally(pushed: str, kg: KnowledgeGraph) -> None:
    remote = Endpoint(pushed)
    for q in catalogue():
        local_rows = run_query(kg, q).rows
        assert run_query(remote, q).rows == local_rows, q.name
        assert local_rows, f"{q.name} has an answer on the test graph"
    for name, value in (("partners", "kefri"), ("people", "CAS"), ("everything-about", "Liu Jun")):
        param = load_query(name).parameters[0].name
        assert (
            run_query(remote, load_query(name), {param: value}).rows
            == run_query(kg, load_query(name), {param: value}).rows
        )


def test_push_twice_changes_nothing(pushed: str, kg: KnowledgeGraph) -> None:
    before = Endpoint(pushed).count_quads()
    assert before == len(kg)
    report = push(kg, pushed)
    assert report.store_quads == before == report.triples


def test_cli_query_on_the_endpoint(pushed: str) -> None:
    out = CliRunner().invoke(
        cli, ["query", "partners", "--endpoint", pushed, "-p", "org=Makerere", "--format", "csv"]
    )
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[0] == "org,partner,name,events,agreements,outcomes,first,last"
    assert len(out.output.splitlines()) == 3


def test_injection_is_a_string_on_the_endpoint_too(pushed: str) -> None:
    remote = Endpoint(pushed)
    before = remote.count_quads()
    assert run_query(remote, load_query("find"), {"text": INJECTION}).rows == []
    q = "PREFIX schema: <http://schema.org/>\nSELECT ?name ?e WHERE { ?e schema:name ?name }"
    assert run_query(remote, q, {"name": INJECTION}).rows == []
    out = CliRunner().invoke(
        cli, ["query", "everything-about", "--endpoint", pushed, "-p", "entity=" + INJECTION]
    )
    assert out.exit_code == 2 and "no organisation or person called" in out.output
    assert remote.count_quads() == before


def test_bind_values_writes_only_serialised_terms() -> None:
    q = '# a { comment\nPREFIX s: <http://schema.org/>\nSELECT ?name WHERE { ?e s:name "{" , ?name }'
    bound = bind_values(q, {"name": ox.Literal(INJECTION), "e": ox.NamedNode("http://a/b")})
    assert bound.endswith(
        'SELECT ?name WHERE { VALUES (?e ?name) { (<http://a/b> "x\\" } ; DROP ALL ; #") } ?e s:name "{" , ?name }'
    )
    construct = bind_values(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": ox.NamedNode("http://a")}
    )
    assert construct == "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://a>) } ?s ?p ?o }"
    with pytest.raises(EndpointError, match="short form"):
        bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": ox.NamedNode("http://a")})
    with pytest.raises(EndpointError, match="not a SPARQL variable"):
        bind_values("SELECT * WHERE {}", {"a) } DROP ALL #": ox.Literal("x")})
    # Whatever the value, the bound query parses to the same pattern with one more binding.
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("http://a/b"),
            ox.NamedNode("http://schema.org/name"),
            ox.Literal(INJECTION),
        )
    )
    none = store.query(bound)
    assert isinstance(none, ox.QuerySolutions) and not list(none)  # "{" is not its name
    simple = bind_values(
        "SELECT ?e WHERE { ?e <http://schema.org/name> ?name }", {"name": ox.Literal(INJECTION)}
    )
    found = store.query(simple)
    assert isinstance(found, ox.QuerySolutions)
    assert [s["e"] for s in found] == [ox.NamedNode("http://a/b")]


def test_graph_store_urls_of_known_stores() -> None:
    assert graph_store_url("http://localhost:7878/query") == "http://localhost:7878/store"
    assert graph_store_url("http://localhost:3030/kg/sparql") == "http://localhost:3030/kg/data"
    assert graph_store_url("http://localhost:7200/repositories/kg") == (
        "http://localhost:7200/repositories/kg/rdf-graphs/service"
    )


def test_connection_refused_is_one_line(kg: KnowledgeGraph) -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"
    out = CliRunner().invoke(cli, ["query", "events", "--endpoint", url])
    assert out.exit_code == 2
    assert (
        out.output.startswith("error: cannot connect to the endpoint (")
        and out.output.count("\n") == 1
    )
    with pytest.raises(EndpointError, match="cannot connect"):
        push(kg, url)


def test_http_errors_carry_the_servers_message(server: str, tmp_path: Path) -> None:
    f = tmp_path / "q.rq"
    f.write_text("SELECT ?s WHERE { ?s ?p ?o . FILTER (nosuchfunction(?s)) }")
    out = CliRunner().invoke(cli, ["query", str(f), "--endpoint", server])
    assert out.exit_code == 2
    assert "the query failed: HTTP 400" in out.output and out.output.count("\n") == 1
    wrong = server.replace("/query", "/nothing-here")
    with pytest.raises(EndpointError, match="HTTP 404"):
        Endpoint(wrong).query("ASK {}")


def test_push_prune_deletes_graphs_of_removed_articles(pushed: str, kg: KnowledgeGraph) -> None:
    gone = next(g for g in kg.graphs() if "/graph/_" not in g)
    smaller = KnowledgeGraph()
    smaller.store.extend(q for q in kg.quads() if getattr(q.graph_name, "value", "") != gone)
    other = KnowledgeGraph()  # a graph another tool keeps in the same store
    other.add(
        [
            ox.Quad(
                ox.NamedNode("urn:x:s"),
                ox.NamedNode("urn:x:p"),
                ox.Literal("kept"),
                ox.NamedNode("urn:other-tool:graph"),
            )
        ]
    )
    try:
        push(other, pushed)
        report = push(smaller, pushed)  # without prune nothing is deleted
        assert report.pruned == [] and report.store_quads == len(kg) + 1
        out = CliRunner().invoke(cli, ["push", "--help"])
        assert "--prune" in out.output
        report = push(smaller, pushed, prune=True)
        assert report.pruned == [gone]
        assert report.store_quads == len(smaller) + 1  # the other tool's graph is untouched
    finally:
        push(kg, pushed)
        request = urllib.request.Request(
            f"{graph_store_url(pushed)}?graph=urn%3Aother-tool%3Agraph", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=5).close()
        assert Endpoint(pushed).count_quads() == len(kg)
