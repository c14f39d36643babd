"""Real triple stores: push a build over the SPARQL 1.1 Graph Store Protocol, query over the Protocol.

Layout:
- `Endpoint(url)`: a SPARQL 1.1 Protocol query endpoint. `Endpoint.query(sparql, substitutions)`
  has the signature of `KnowledgeGraph.query`, so `query.run_query` runs the catalogue on either;
- `bind_values(sparql, terms) -> str`: how parameters are bound for a remote store (below);
- `push(kg, endpoint, graph_store) -> PushReport`: HTTP PUT of each named graph of a build (one
  per article, plus the entities and vocabulary graphs). PUT replaces the graph, so pushing the
  same build again leaves the store as it was, never with facts twice.

Binding parameters remotely. Oxigraph's substitutions exist only in-process, so for a remote store
the terms go into the query as a VALUES block opened at the head of the top-level WHERE group:
`WHERE { VALUES (?org) { (<https://...>) } ...`. This is not splicing user text, because
- what is written is never the user's text but a term pyoxigraph built from it and serialised
  itself: an IRI that `NamedNode` validated (it can hold no space, quote, `<`, `>`, `{`, `}` or
  backslash) or a literal in N-Triples syntax, whose escapes (`\\"`, `\\\\`, `\\n`, `\\uXXXX`) are
  also SPARQL's, so the value cannot end its string: `x" } ; DROP ALL ; #` arrives as the string
  it is. (Backslashes are doubled, so even a server that decodes `\\u` escapes before parsing, as
  SPARQL 1.1 allows, cannot produce an unescaped quote.);
- the grammar of a VALUES data block admits only terms and UNDEF, so no term can become an
  operator, a pattern or a second request;
- the place is found by a lexer that skips strings, IRIs and comments, and only the text before
  and after that place is the catalogue's (or the user's own query file).
A VALUES block at the head of the top-level group joins like Oxigraph's substitution (both bind
before the group is evaluated), so the catalogue answers the same locally and remotely (tested).

HTTP uses the standard library (`http.client`, one kept-alive connection per push), a timeout on
every request, and no proxy from the environment. Credentials may be given in the URL
(`https://user:password@host/...`); they are sent as HTTP Basic authentication and never shown in a
message.
"""

from __future__ import annotations

import base64
import http.client
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from .errors import IempkgError
from .store import KnowledgeGraph, triple_sort_key

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
DEFAULT_TIMEOUT = 30.0


class EndpointError(IempkgError):
    """A remote store cannot be reached, refuses a request or answers something unusable."""


# Strings, IRIs and comments, which may hold braces or keywords that are not the query's own.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_FORM = re.compile(r"(?<![\w?$:-])(SELECT|CONSTRUCT|DESCRIBE|ASK)(?![\w:-])", re.IGNORECASE)


def _blank(sparql: str) -> str:
    """`sparql` with strings, IRIs and comments replaced by spaces of the same length."""
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), sparql)


def _where_brace(sparql: str) -> int:
    """Offset of the `{` that opens the query's top-level WHERE group."""
    bare = _blank(sparql)
    form = _FORM.search(bare)
    if form is None:
        raise EndpointError("not a SELECT, CONSTRUCT, DESCRIBE or ASK query", "the query text")
    at = bare.find("{", form.end())
    if form.group(1).upper() == "CONSTRUCT" and at >= 0:
        if re.fullmatch(r"\s*WHERE\s*", bare[form.end() : at], re.IGNORECASE):
            raise EndpointError(
                "parameters cannot be bound in the short form CONSTRUCT WHERE { ... }",
                "the query text",
                "write CONSTRUCT { template } WHERE { pattern }",
            )
        depth = 0  # skip the template to the `{` of its WHERE clause
        for i in range(at, len(bare)):
            depth += {"{": 1, "}": -1}.get(bare[i], 0)
            if depth == 0:
                at = bare.find("{", i + 1)
                break
    if at < 0:
        raise EndpointError(
            "the query has no WHERE clause to bind its parameters in", "the query text"
        )
    return at


def bind_values(sparql: str, terms: dict[str, Any]) -> str:
    """`sparql` with `terms` (variable name -> pyoxigraph term) bound by a VALUES block."""
    if not terms:
        return sparql
    names = sorted(terms)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise EndpointError(f"'{name}' is not a SPARQL variable name", "the parameters")
        if not isinstance(terms[name], ox.NamedNode | ox.Literal):
            raise EndpointError(f"parameter '{name}' is not an IRI or a literal", "the parameters")
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(str(terms[n]) for n in names)  # pyoxigraph's own N-Triples serialisation
    at = _where_brace(sparql) + 1
    return f"{sparql[:at]} VALUES ({head}) {{ ({row}) }}{sparql[at:]}"


# --- HTTP --------------------------------------------------------------------------------------


def _public(url: str) -> str:
    """`url` without credentials, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


class _Http:
    """Requests to one server over one kept-alive connection, reopened when the server closed it."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EndpointError(
                f"'{_public(url)}' is not an http(s) URL", "option --endpoint", "give http://..."
            )
        self.parts, self.timeout = parts, timeout
        self.conn: http.client.HTTPConnection | None = None
        self.auth: str | None = None
        if parts.username is not None:
            user_pass = f"{parts.username}:{parts.password or ''}".encode()
            self.auth = "Basic " + base64.b64encode(user_pass).decode("ascii")

    def _connect(self) -> http.client.HTTPConnection:
        cls = (
            http.client.HTTPSConnection
            if self.parts.scheme == "https"
            else http.client.HTTPConnection
        )
        return cls(self.parts.hostname or "", self.parts.port, timeout=self.timeout)

    def request(
        self, method: str, url: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, str, bytes]:
        parts = urlsplit(url)
        target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        headers = {**headers, **({"Authorization": self.auth} if self.auth else {})}
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self._connect()
            try:
                self.conn.request(method, target, body=body, headers=headers)
                resp = self.conn.getresponse()
                return resp.status, resp.reason, resp.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()  # a kept-alive connection the server dropped: retry once on a new one
                if attempt == 2:
                    raise EndpointError(
                        "the server closed the connection", _public(url), "check the server's log"
                    ) from None
            except TimeoutError as exc:
                self.close()
                raise EndpointError(
                    f"no answer within {self.timeout:g} s", _public(url), "raise --timeout"
                ) from exc
            except OSError as exc:
                self.close()
                reason = exc.strerror or str(exc)
                raise EndpointError(
                    f"cannot connect to the endpoint ({reason})",
                    _public(url),
                    "check that the server runs and the URL is right",
                ) from exc
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _check(status: int, reason: str, body: bytes, url: str, doing: str) -> None:
    if 200 <= status < 300:
        return
    message = " ".join(body.decode("utf-8", "replace").split())[:300]
    hint = {
        401: "give credentials in the URL (https://user:password@host/...)",
        403: "the account may not do this",
        404: "check the URL (see README: Triple stores)",
        405: "this URL does not accept this request; check --endpoint / --graph-store",
    }.get(status, "see the server's message")
    raise EndpointError(
        f"{doing} failed: HTTP {status} {reason}" + (f": {message}" if message else ""),
        _public(url),
        hint,
    )


# --- queries -----------------------------------------------------------------------------------


@dataclass
class Endpoint:
    """A SPARQL 1.1 Protocol endpoint (`http://host:7878/query` for Oxigraph, see the README)."""

    url: str
    timeout: float = DEFAULT_TIMEOUT
    method: str = "POST"

    def query(
        self, sparql: str, substitutions: dict[str, Any] | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Run `sparql` remotely with `substitutions` bound as terms (see `bind_values`)."""
        text = bind_values(sparql, substitutions or {})
        form = _FORM.search(_blank(text))
        graph = form is not None and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE")
        accept = N_TRIPLES if graph else RESULTS_JSON
        http = _Http(self.url, self.timeout)
        try:
            if self.method == "GET":
                sep = "&" if urlsplit(self.url).query else "?"
                url = f"{self.url}{sep}{urlencode({'query': text})}"
                status, reason, body = http.request("GET", url, None, {"Accept": accept})
            else:
                form_body = urlencode({"query": text}).encode("utf-8")
                headers = {
                    "Accept": accept,
                    "Content-Type": "application/x-www-form-urlencoded",
                }
                status, reason, body = http.request("POST", self.url, form_body, headers)
        finally:
            http.close()
        _check(status, reason, body, self.url, "the query")
        try:
            if graph:
                return [t for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(
                f"the endpoint's answer is not {accept} ({exc})",
                _public(self.url),
                "is --endpoint the SPARQL query URL?",
            ) from exc

    def count_quads(self) -> int:
        """Statements in the store's named graphs."""
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(answer, ox.QuerySolutions)
        for row in answer:
            return int(str(getattr(row["n"], "value", "0")))
        return 0


# --- push --------------------------------------------------------------------------------------


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL that usually goes with a query endpoint URL.

    Oxigraph: .../query -> .../store; Fuseki: .../ds/sparql or .../ds/query -> .../ds/data;
    GraphDB and RDF4J: .../repositories/ID -> .../repositories/ID/rdf-graphs/service.
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if re.search(r"/repositories/[^/]+$", path):
        path += "/rdf-graphs/service"
    elif path == "/query":  # Oxigraph serves the whole store at the root
        path = "/store"
    elif path.endswith(("/sparql", "/query")):  # Fuseki: /DATASET/sparql
        path = path.rsplit("/", 1)[0] + "/data"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass
class PushReport:
    graphs: int
    triples: int
    default_graph_triples: int
    store_quads: int | None
    pruned: list[str] = field(default_factory=list)


def _graph_namespaces(graphs: Iterable[str]) -> set[str]:
    """The namespaces of a build's named graphs (`<base>graph/`), so pruning never touches graphs
    that other tools keep in the same store."""
    return {g[: g.rfind("/graph/") + len("/graph/")] for g in graphs if "/graph/" in g}


def _stale_graphs(endpoint: str, timeout: float, keep: dict[str, Any]) -> list[str]:
    answer = Endpoint(endpoint, timeout).query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(answer, ox.QuerySolutions)
    namespaces = _graph_namespaces(keep)
    names = [getattr(row["g"], "value", "") for row in answer]
    return sorted(g for g in names if g not in keep and any(g.startswith(ns) for ns in namespaces))


def push(
    kg: KnowledgeGraph,
    endpoint: str,
    graph_store: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    prune: bool = False,
) -> PushReport:
    """PUT every named graph of `kg` to the Graph Store Protocol service, replacing it there.

    A graph file without named graphs (kg.ttl) goes to the store's default graph, also by PUT.
    With `prune`, the store's graphs in the build's graph namespace that the build no longer has
    (articles removed from the archive) are deleted, by Graph Store DELETE.
    """
    gsp = graph_store or graph_store_url(endpoint)
    http = _Http(gsp, timeout)
    sep = "&" if urlsplit(gsp).query else "?"
    graphs: dict[str, list[ox.Triple]] = {}
    default: list[ox.Triple] = []
    for q in kg.quads():
        t = ox.Triple(q.subject, q.predicate, q.object)
        if isinstance(q.graph_name, ox.NamedNode):
            graphs.setdefault(q.graph_name.value, []).append(t)
        else:
            default.append(t)
    targets = [(f"{gsp}{sep}graph={quote(g, safe='')}", ts) for g, ts in sorted(graphs.items())]
    if default:
        targets.append((f"{gsp}{sep}default", default))
    headers = {"Content-Type": f"{N_TRIPLES}; charset=utf-8"}
    try:
        for url, triples in targets:
            body = ox.serialize(sorted(triples, key=triple_sort_key), format=ox.RdfFormat.N_TRIPLES)
            status, reason, text = http.request("PUT", url, body or b"", headers)
            _check(status, reason, text, url, "storing a graph")
        pruned = _stale_graphs(endpoint, timeout, graphs) if prune and graphs else []
        for g in pruned:
            url = f"{gsp}{sep}graph={quote(g, safe='')}"
            status, reason, text = http.request("DELETE", url, None, {})
            if status != 404:  # already gone is what we wanted
                _check(status, reason, text, url, "deleting a stale graph")
    finally:
        http.close()
    try:
        after: int | None = Endpoint(endpoint, timeout).count_quads()
    except EndpointError:
        after = None  # the graphs are stored; only the count is unavailable (no query endpoint)
    return PushReport(
        graphs=len(graphs),
        triples=sum(len(ts) for ts in graphs.values()),
        default_graph_triples=len(default),
        store_quads=after,
        pruned=pruned,
    )
