"""Partner networks: which organisations work together, read from the knowledge graph by SPARQL.

Layout:
- `NetworkOptions`: the filters (dates, event kinds, SDGs, an organisation and a depth around it,
  a minimum weight, a person layer);
- `partner_network(kg, options) -> networkx.Graph`: organisations as nodes, an edge where two of
  them took part in the same event or are parties to the same outcome, weighted by the number of
  shared events; optionally persons linked to their organisations;
- `network_metrics(graph) -> list[NodeMetrics]`: degree, weighted degree, betweenness and a
  deterministic Louvain community per organisation, also stored on the nodes;
- `network_summary(graph, metrics) -> str`: top partners and the bridges between communities;
- `write_network(graph, outdir) -> list[Path]`: network.html, .graphml, .gexf, .png, .svg and
  metrics.csv (see network_files.py and network_html.py).

The graph is read with a handful of plain SELECTs (events, who took part, outcomes, SDGs,
organisations, persons) and the filters are applied in Python afterwards. That is deliberate:
several filters are lists (`--kind meeting,signing`, `--sdg 15,13`), which one bound variable
cannot express without pasting values into the query text, and dates may be month-only
(xsd:gYearMonth), which SPARQL refuses to compare with an xsd:date. Nothing a user types is ever
spliced into SPARQL: `--around` is resolved by `query.to_term`, which binds it as a term.

In-memory attributes keep Python lists (`years`, `kinds`, ...); the files turn them into strings.
`graph.graph["events"]` maps each kept event's IRI to its `EventInfo` for the page and for callers.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from .errors import ConfigError, QueryError
from .store import KnowledgeGraph
from .vocab import EVENT_CLASSES, SDG

COMMUNITY_SEED = 20240131  # Louvain is randomised; a fixed seed makes the communities repeatable
PARTNER, AFFILIATION = "partner", "affiliation"
ORGANISATION, PERSON = "organisation", "person"

_PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX iemp: <https://w3id.org/iempkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""
_EVENTS = """SELECT ?event ?kind ?date ?name ?headline ?url ?file WHERE {
  ?event a schema:Event .
  OPTIONAL { ?event iemp:eventKind ?kind }
  OPTIONAL { ?event schema:startDate ?date }
  OPTIONAL { ?event schema:name ?name }
  OPTIONAL { ?event prov:wasDerivedFrom ?article .
             OPTIONAL { ?article schema:headline ?headline }
             OPTIONAL { ?article schema:url ?url }
             OPTIONAL { ?article iemp:sourceFile ?file } }
} ORDER BY ?event ?date ?kind ?name ?headline ?url ?file"""
_TOOK_PART = """SELECT DISTINCT ?event ?who ?type WHERE {
  ?event a schema:Event ; schema:attendee|schema:organizer ?who .
  { ?who a schema:Organization BIND("o" AS ?type) } UNION { ?who a schema:Person BIND("p" AS ?type) }
}"""
_OUTCOMES = """SELECT ?event ?outcome ?kind ?description ?party WHERE {
  ?event a schema:Event ; iemp:outcome ?outcome .
  ?outcome iemp:party ?party . ?party a schema:Organization .
  OPTIONAL { ?outcome iemp:outcomeKind ?kind }
  OPTIONAL { ?outcome schema:description ?description }
} ORDER BY ?outcome ?kind ?description"""
_SDGS = f"""SELECT ?event ?sdg WHERE {{
  ?event a schema:Event ; dcterms:subject ?sdg .
  FILTER(STRSTARTS(STR(?sdg), "{SDG}"))
}}"""
_ORGS = """SELECT ?org ?name ?acronym ?country ?kind WHERE {
  ?org a schema:Organization .
  OPTIONAL { ?org schema:name ?name }
  OPTIONAL { ?org iemp:acronym ?acronym }
  OPTIONAL { ?org schema:addressCountry ?country }
  OPTIONAL { ?org iemp:orgKind ?kind }
} ORDER BY ?org ?name ?acronym ?country ?kind"""
_AFFILIATIONS = """SELECT DISTINCT ?person ?name ?org WHERE {
  ?person a schema:Person .
  OPTIONAL { ?person schema:name ?name }
  { ?person schema:affiliation ?org } UNION { ?m org:member ?person ; org:organization ?org }
  ?org a schema:Organization .
} ORDER BY ?person ?name ?org"""


@dataclass(frozen=True)
class NetworkOptions:
    """Which events count, and which part of the network to keep. Dates: YYYY, YYYY-MM or
    YYYY-MM-DD, both ends included; an event whose date is unknown is dropped by a date filter."""

    start: str | None = None
    end: str | None = None
    kinds: tuple[str, ...] = ()  # event kinds (meeting, signing, ...); empty: all
    sdgs: tuple[int, ...] = ()  # SDG goal numbers; an event about any of them is kept
    around: str | None = None  # organisation name, acronym or IRI
    depth: int = 1  # partner hops kept around `around`
    min_weight: int = 1  # weaker ties are dropped, and organisations left with none
    persons: bool = False  # add persons, linked to the organisations they belong to

    def __post_init__(self) -> None:
        for label, value in (("--from", self.start), ("--to", self.end)):
            if value is not None and not _DATE.fullmatch(value):
                raise ConfigError(
                    f"'{value}' is not a date",
                    f"option {label}",
                    "write YYYY, YYYY-MM or YYYY-MM-DD",
                )
        unknown = sorted(set(self.kinds) - set(EVENT_CLASSES))
        if unknown:
            raise ConfigError(
                f"unknown event kind '{unknown[0]}'",
                "option --kind",
                f"use some of {', '.join(EVENT_CLASSES)}",
            )
        if any(not 1 <= g <= 17 for g in self.sdgs):
            raise ConfigError("SDGs are numbered 1 to 17", "option --sdg", "write e.g. --sdg 15")
        if self.depth < 1 or self.min_weight < 1:
            raise ConfigError(
                "--depth and --min-weight must be at least 1", "options", "give a positive number"
            )

    def describe(self) -> str:
        """The filters in words, for titles and summaries ('' when there are none)."""
        parts = []
        if self.start or self.end:
            parts.append(f"{self.start or '…'} to {self.end or '…'}")
        if self.kinds:
            parts.append("kinds " + ", ".join(self.kinds))
        if self.sdgs:
            parts.append("SDG " + ", ".join(map(str, self.sdgs)))
        if self.around:
            parts.append(f"around {self.around} (depth {self.depth})")
        if self.min_weight > 1:
            parts.append(f"ties of {self.min_weight}+ events")
        return "; ".join(parts)


_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True)
class OutcomeInfo:
    iri: str
    kind: str
    description: str
    parties: frozenset[str]


@dataclass
class EventInfo:
    """One event as the page and the edges need it."""

    iri: str
    kind: str = "other"
    date: str = ""  # YYYY-MM-DD or YYYY-MM; "" when unknown
    name: str = ""
    headline: str = ""
    url: str = ""
    source: str = ""
    sdgs: list[int] = field(default_factory=list)
    organisations: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    outcomes: list[OutcomeInfo] = field(default_factory=list)

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass(frozen=True)
class NodeMetrics:
    iri: str
    name: str
    acronym: str
    country: str
    events: int
    degree: int  # partners
    weighted_degree: int  # events shared with partners, summed over partners
    betweenness: float  # normalised; partners' distance is 1 / shared events
    community: int  # 1 is the largest
    communities_reached: int  # other communities among its partners (a bridge when > 0)


def _rows(kg: KnowledgeGraph, sparql: str, bind: dict[str, Any] | None = None) -> list[list[str]]:
    result = kg.query(_PREFIXES + sparql, bind)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [[_text(sol[n]) for n in names] for sol in result]


def _text(term: object) -> str:
    return str(getattr(term, "value", "")) if term is not None else ""


def read_events(kg: KnowledgeGraph) -> dict[str, EventInfo]:
    """Every event of the graph with its participants, outcomes and SDGs (no filter)."""
    events: dict[str, EventInfo] = {}
    for iri, kind, date, name, headline, url, source in _rows(kg, _EVENTS):
        if iri not in events:  # several values for a single-valued field: the first in order
            events[iri] = EventInfo(iri, kind or "other", date, name, headline, url, source)
    for iri, who, kind in _rows(kg, _TOOK_PART):
        if iri in events:
            (events[iri].organisations if kind == "o" else events[iri].persons).add(who)
    outcomes: dict[tuple[str, str], tuple[str, str, set[str]]] = {}
    for iri, outcome, kind, description, party in _rows(kg, _OUTCOMES):
        entry = outcomes.setdefault((iri, outcome), (kind or "other", description, set()))
        entry[2].add(party)
    for (iri, outcome), (kind, description, parties) in sorted(outcomes.items()):
        if iri in events:
            events[iri].outcomes.append(OutcomeInfo(outcome, kind, description, frozenset(parties)))
    for iri, sdg in _rows(kg, _SDGS):
        goal = sdg.removeprefix(SDG)
        if iri in events and goal.isdigit():
            events[iri].sdgs = sorted({*events[iri].sdgs, int(goal)})
    return events


def _chronological(event: EventInfo) -> tuple[bool, str, str]:
    """Dated events in date order, then undated ones."""
    return (not event.date, event.date, event.iri)


def _keeps(options: NetworkOptions, event: EventInfo) -> bool:
    if options.kinds and event.kind not in options.kinds:
        return False
    if options.sdgs and not set(options.sdgs) & set(event.sdgs):
        return False
    if options.start or options.end:
        if not event.date:
            return False
        first, last = _days(event.date)
        if options.start and last < _days(options.start)[0]:
            return False
        if options.end and first > _days(options.end)[1]:
            return False
    return True


def _days(date: str) -> tuple[str, str]:
    """The first and last day that YYYY, YYYY-MM or YYYY-MM-DD covers, as strings that compare
    like the dates ('2024-02-31' is a fine upper bound for February)."""
    return (date + "-01-01"[: 10 - len(date)], date + {4: "-12-31", 7: "-31"}.get(len(date), ""))


def _organisations(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    orgs: dict[str, dict[str, Any]] = {}
    for iri, name, acronym, country, kind in _rows(kg, _ORGS):
        name = name or iri.rsplit("/", 1)[-1]
        o = orgs.setdefault(iri, {"name": name, "acronyms": [], "country": country, "kind": kind})
        if acronym and acronym not in o["acronyms"]:
            o["acronyms"].append(acronym)
    return orgs


def partner_network(kg: KnowledgeGraph, options: NetworkOptions | None = None) -> nx.Graph:
    """The partner network of the organisations in `kg`, filtered by `options`."""
    options = options or NetworkOptions()
    events = {i: e for i, e in read_events(kg).items() if _keeps(options, e)}
    orgs = _organisations(kg)
    graph = nx.Graph(title="Partner network", filters=options.describe())

    took_part: dict[str, list[str]] = defaultdict(list)  # organisation -> its events
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)  # pair -> shared events
    for iri in sorted(events, key=lambda i: _chronological(events[i])):
        e = events[iri]
        members = sorted(e.organisations | {p for o in e.outcomes for p in o.parties})
        for m in members:
            took_part[m].append(iri)
        for pair in itertools.combinations(members, 2):
            edges[pair].append(iri)

    for iri in sorted(took_part):
        info = orgs.get(iri, {"name": iri.rsplit("/", 1)[-1], "acronyms": []})
        graph.add_node(iri, **_node_attributes(ORGANISATION, info, took_part[iri], events))
    for (a, b), shared in sorted(edges.items()):
        if len(shared) >= options.min_weight:
            graph.add_edge(a, b, **_edge_attributes(a, b, shared, events))
    if options.min_weight > 1:  # drop who only had the weak ties, keep who never had partners
        weak = {n for pair, s in edges.items() if len(s) < options.min_weight for n in pair}
        graph.remove_nodes_from([n for n in weak if graph.degree(n) == 0])
    if options.around:
        centre = _find_centre(kg, graph, options.around)
        graph = graph.subgraph(nx.ego_graph(graph, centre, radius=options.depth)).copy()
        graph.graph["centre"] = centre
    if options.persons:
        _add_persons(kg, graph, events)
    kept = {i for n in graph for i in graph.nodes[n]["event_iris"]}
    ordered = sorted((events[i] for i in kept), key=_chronological)
    graph.graph["events"] = {e.iri: e for e in ordered}
    network_metrics(graph)  # stores the metrics on the nodes, for the files and the page
    return graph


def _node_attributes(
    kind: str, info: dict[str, Any], mine: list[str], events: dict[str, EventInfo]
) -> dict[str, Any]:
    dates = sorted(events[i].date for i in mine if events[i].date)
    return {
        "type": kind,
        "label": next(iter(info.get("acronyms", [])), info["name"]),
        "name": info["name"],
        "acronym": "; ".join(info.get("acronyms", [])),
        "country": info.get("country") or "",
        "org_kind": info.get("kind") or "",
        "events": len(mine),
        "outcomes": len({o.iri for i in mine for o in events[i].outcomes}),
        "first": dates[0] if dates else "",
        "last": dates[-1] if dates else "",
        "years": sorted({d[:4] for d in dates}),
        "event_iris": list(mine),
    }


def _edge_attributes(
    a: str, b: str, shared: list[str], events: dict[str, EventInfo]
) -> dict[str, Any]:
    dates = sorted(events[i].date for i in shared if events[i].date)
    outcomes = [o for i in shared for o in events[i].outcomes if {a, b} <= o.parties]
    return {
        "relation": PARTNER,
        "weight": len(shared),
        "kinds": sorted({events[i].kind for i in shared}),
        "outcomes": len(outcomes),
        "outcome_kinds": sorted({o.kind for o in outcomes}),
        "dates": dates,
        "years": sorted({d[:4] for d in dates}),
        "first": dates[0] if dates else "",
        "last": dates[-1] if dates else "",
        "event_iris": list(shared),
    }


def _find_centre(kg: KnowledgeGraph, graph: nx.Graph, value: str) -> str:
    from .query import Parameter, to_term  # binds the value as a term: never spliced into SPARQL

    iri = to_term(kg, Parameter("around", "organisation"), value).value
    if iri not in graph:
        raise QueryError(
            f"'{value}' took part in no event that passes the filters",
            "option --around",
            "widen the filters (--from/--to/--kind/--sdg/--min-weight) or pick another organisation",
        )
    return str(iri)


def _add_persons(kg: KnowledgeGraph, graph: nx.Graph, events: dict[str, EventInfo]) -> None:
    """Persons who took part in a kept event, each linked to the kept organisations they belong to."""
    attended: dict[str, list[str]] = defaultdict(list)
    for iri in sorted(events, key=lambda i: _chronological(events[i])):
        for p in events[iri].persons:
            attended[p].append(iri)
    organisations = [n for n in graph if graph.nodes[n]["type"] == ORGANISATION]
    for person, name, org in _rows(kg, _AFFILIATIONS):
        if person not in attended or org not in organisations:
            continue
        if person not in graph:
            info = {"name": name or person.rsplit("/", 1)[-1]}
            graph.add_node(person, **_node_attributes(PERSON, info, attended[person], events))
        tie = {**_edge_attributes(person, org, [], events), "relation": AFFILIATION, "weight": 1}
        graph.add_edge(person, org, **tie)


def organisation_layer(graph: nx.Graph) -> nx.Graph:
    """The organisations and their partner edges, nodes and edges in sorted order (so that
    Louvain with a fixed seed gives the same communities whatever order the graph was built in)."""
    layer = nx.Graph()
    layer.add_nodes_from(sorted(n for n in graph if graph.nodes[n]["type"] == ORGANISATION))
    layer.add_weighted_edges_from(
        sorted(
            (*sorted((a, b)), d["weight"])
            for a, b, d in graph.edges(data=True)
            if d["relation"] == PARTNER
        )
    )
    return layer


def network_metrics(graph: nx.Graph) -> list[NodeMetrics]:
    """Metrics of every organisation, strongest first; also written onto the graph's nodes.

    Persons get their organisation's community (for colour) and no metrics of their own: they
    would otherwise count as partners and as paths between organisations."""
    layer = organisation_layer(graph)
    for *_, d in layer.edges(data=True):
        d["distance"] = 1.0 / d["weight"]  # more shared events: a shorter path between the two
    betweenness = nx.betweenness_centrality(layer, weight="distance") if len(layer) > 2 else {}
    found = nx.community.louvain_communities(layer, weight="weight", seed=COMMUNITY_SEED)
    ranked = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    community = {n: i for i, members in enumerate(ranked, start=1) for n in members}
    out = []
    for n in layer:
        reached = {community[m] for m in layer[n]} - {community[n]}
        node = graph.nodes[n]
        node.update(
            degree=layer.degree(n),
            weighted_degree=int(layer.degree(n, weight="weight")),
            betweenness=round(float(betweenness.get(n, 0.0)), 6),
            community=community[n],
        )
        out.append(
            NodeMetrics(
                n,
                node["name"],
                node["acronym"],
                node["country"],
                node["events"],
                node["degree"],
                node["weighted_degree"],
                node["betweenness"],
                community[n],
                len(reached),
            )
        )
    for n in graph:
        if graph.nodes[n]["type"] == PERSON:
            orgs = sorted(graph[n], key=lambda o: (-graph.nodes[o]["weighted_degree"], o))
            degree = len(orgs)
            graph.nodes[n].update(
                degree=degree,
                weighted_degree=0,
                betweenness=0.0,
                community=graph.nodes[orgs[0]]["community"] if orgs else 0,
            )
    return sorted(out, key=lambda m: (-m.weighted_degree, -m.betweenness, m.name, m.iri))


def network_summary(graph: nx.Graph, metrics: Sequence[NodeMetrics], top: int = 10) -> str:
    """Top partners and the organisations that bridge communities, as lines of text."""
    orgs = sum(1 for n in graph if graph.nodes[n]["type"] == ORGANISATION)
    ties = sum(1 for *_, d in graph.edges(data=True) if d["relation"] == PARTNER)
    communities = len({m.community for m in metrics})
    lines = [
        f"{orgs} organisation(s), {ties} partnership(s), {len(graph.graph.get('events', {}))} "
        f"event(s), {communities} communit{'y' if communities == 1 else 'ies'}"
        + (f" [{graph.graph['filters']}]" if graph.graph.get("filters") else "")
    ]
    if not metrics:
        return lines[0] + "\n"
    lines.append("top partners (shared events, partners, betweenness, community):")
    lines += [
        f"  {_short(m)}: {m.weighted_degree}, {m.degree}, {m.betweenness:.3f}, {m.community}"
        for m in metrics[:top]
    ]
    bridges = sorted(
        (m for m in metrics if m.communities_reached and m.betweenness > 0),
        key=lambda m: (-m.betweenness, -m.communities_reached, m.name),
    )
    if bridges:
        lines.append("bridges between communities (betweenness, other communities reached):")
        lines += [
            f"  {_short(m)}: {m.betweenness:.3f}, {m.communities_reached}" for m in bridges[:5]
        ]
    return "\n".join(lines) + "\n"


def _short(m: NodeMetrics) -> str:
    name = re.sub(r"[\x00-\x1f\x7f]", " ", m.name)  # names come from articles: no terminal codes
    first = m.acronym.split("; ")[0]
    return f"{name} ({first})" if first and first != name else name


def write_network(graph: nx.Graph, outdir: str | Path) -> list[Path]:
    """network.html, network.graphml, network.gexf, network.png, network.svg and metrics.csv in
    `outdir`, each written atomically."""
    from .network_files import write_all

    return write_all(graph, network_metrics(graph), Path(outdir))


def event_iris(graph: nx.Graph, nodes: Iterable[str]) -> list[str]:
    """The events of `nodes`, for a caller who wants the articles behind part of the network."""
    return sorted({i for n in nodes for i in graph.nodes[n]["event_iris"]})
