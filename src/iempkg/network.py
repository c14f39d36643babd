"""Partner networks: which organisations work together, read from the knowledge graph by SPARQL.

Layout:
- `network_read.py`: the SPARQL that reads events, organisations and affiliations;
- `NetworkOptions`: the filters (dates, event kinds, SDGs, an organisation and a depth around it,
  a minimum weight, a person layer);
- `partner_network(kg, options, **filters) -> networkx.Graph`: organisations as nodes, an edge where two of
  them took part in the same event or are parties to the same outcome, weighted by the number of
  shared events; optionally persons linked to their organisations;
- `network_metrics(graph) -> list[NodeMetrics]`: degree, weighted degree, betweenness and a
  deterministic Louvain community per organisation, also stored on the nodes;
- `network_summary(graph, metrics) -> str`: top partners and the bridges between communities;
- `write_network(graph, outdir) -> list[Path]`: network.html, .graphml, .gexf, .png, .svg and
  metrics.csv (see network_files.py; where the nodes go: network_layout.py; the pictures:
  network_draw.py; the page: network_html.py).

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

import dataclasses
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ._betweenness import betweenness as centrality
from .errors import ConfigError, QueryError
from .network_read import EventInfo, OutcomeInfo, read_affiliations, read_events, read_organisations
from .store import KnowledgeGraph
from .vocab import EVENT_CLASSES

__all__ = [
    "EventInfo",
    "NetworkOptions",
    "NodeMetrics",
    "OutcomeInfo",
    "event_iris",
    "network_metrics",
    "network_summary",
    "organisation_layer",
    "partner_network",
    "write_network",
]

COMMUNITY_SEED = 20240131  # Louvain is randomised; a fixed seed makes the communities repeatable
PARTNER, AFFILIATION = "partner", "affiliation"
ORGANISATION, PERSON = "organisation", "person"


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


def partner_network(
    kg: KnowledgeGraph | str | Path, options: NetworkOptions | None = None, **filters: Any
) -> nx.Graph:
    """The partner network of the organisations in `kg` (a KnowledgeGraph, a graph file or a
    store directory), filtered by `options` and/or keyword filters named as NetworkOptions'
    fields, e.g. ``partner_network("out/kg.trig", around="UNEP-IEMP", depth=2)``."""
    unknown = sorted(set(filters) - {f.name for f in dataclasses.fields(NetworkOptions)})
    if unknown:
        raise ConfigError(
            f"unknown network filter '{unknown[0]}'",
            "partner_network()",
            f"use some of {', '.join(f.name for f in dataclasses.fields(NetworkOptions))}",
        )
    options = dataclasses.replace(options or NetworkOptions(), **filters)
    if not isinstance(kg, KnowledgeGraph):
        kg = KnowledgeGraph.load(kg)
    events = {i: e for i, e in read_events(kg).items() if _keeps(options, e)}
    orgs = read_organisations(kg)
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
    organisations = {n for n in graph if graph.nodes[n]["type"] == ORGANISATION}
    for person, name, org in read_affiliations(kg):
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
    betweenness = centrality(layer, "distance") if len(layer) > 2 else {}
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
        hint = "  nothing passes the filters: widen them" if graph.graph.get("filters") else ""
        return "\n".join([lines[0], hint] if hint else lines) + "\n"
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


# Names come from articles: no control characters (terminal escape codes) and no bidirectional
# overrides (which could make a line read as something else) reach the terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _short(m: NodeMetrics) -> str:
    name = _UNPRINTABLE.sub(" ", m.name)
    first = _UNPRINTABLE.sub(" ", m.acronym.split("; ")[0])
    return f"{name} ({first})" if first and first != name else name


def write_network(
    graph: nx.Graph, outdir: str | Path, metrics: Sequence[NodeMetrics] | None = None
) -> list[Path]:
    """network.html, network.graphml, network.gexf, network.png, network.svg and metrics.csv in
    `outdir`, each written atomically. `metrics`: those of `network_metrics(graph)` when the
    caller has them already (betweenness is the slow part on a large network)."""
    from .network_files import write_all

    return write_all(graph, network_metrics(graph) if metrics is None else metrics, Path(outdir))


def event_iris(graph: nx.Graph, nodes: Iterable[str]) -> list[str]:
    """The events of `nodes`, for a caller who wants the articles behind part of the network."""
    return sorted({i for n in nodes for i in graph.nodes[n]["event_iris"]})
