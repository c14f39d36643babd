"""Partner networks: the graph read by SPARQL, filters, metrics, files and the page's data."""

from __future__ import annotations

import csv
import itertools
import json
import math
import os
import re
import struct
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from iempkg import network_layout
from iempkg.cli import cli
from iempkg.errors import ConfigError, QueryError
from iempkg.export import serialize
from iempkg.mapping import map_article, map_entities
from iempkg.model import Article, Document
from iempkg.names import name_key
from iempkg.network import (
    NetworkOptions,
    network_metrics,
    network_summary,
    partner_network,
    write_network,
)
from iempkg.network_draw import picture
from iempkg.network_files import for_files, layout
from iempkg.network_html import content_security_policy, page_data, render_page, script_json
from iempkg.network_layout import Layout, arrange, components, pack
from iempkg.resolve import resolve
from iempkg.store import KnowledgeGraph
from iempkg.vocab import DEFAULT_BASE, DataIris

from .conftest import FIXTURES

ORG = DEFAULT_BASE + "organisation/"
IEMP = ORG + "united-nations-environment-programme-international-ecosystem-management-partnership"
KEFRI = ORG + "kenya-forestry-research-institute"
CAS = ORG + "chinese-academy-of-sciences"
MAK = ORG + "makerere-university"
IUCN = ORG + "international-union-for-conservation-of-nature"
WWF = ORG + "world-wide-fund-for-nature"
WI = ORG + "wetlands-international"
ICIMOD = ORG + "international-centre-for-integrated-mountain-development"
ZHANG = DEFAULT_BASE + "person/zhang-linxiu"
HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(2)>"


@dataclass
class _Entry:
    name: str
    acronyms: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    country: str | None = None
    kind: str | None = None
    wikidata: str | None = None


class _Gazetteer:
    """Just enough of a gazetteer to give two organisations a country and a kind."""

    entries = (
        _Entry(
            "United Nations Environment Programme - International Ecosystem Management Partnership",
            ["UNEP-IEMP"],
            country="China",
            kind="un-body",
        ),
        _Entry(
            "Kenya Forestry Research Institute",
            ["KEFRI"],
            country="Kenya",
            kind="research-institute",
        ),
    )

    def lookup(self, name: str) -> _Entry | None:
        key = name_key(name)
        return next(
            (e for e in self.entries if key in {name_key(n) for n in (e.name, *e.acronyms)}), None
        )


def net_records() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((FIXTURES / "net-records.json").read_text("utf-8"))
    return data


def hostile_record() -> dict[str, Any]:
    """An article whose every text tries to become markup or script on the page."""
    return {
        "source": "net-06-hostile.txt",
        "title": f"{HOSTILE} meets UNEP-IEMP {HOSTILE_IMG}",
        "published": "2024-05-02",
        "url": "javascript:alert(3)",
        "events": [
            {
                "kind": "meeting",
                "start": "2024-05-01",
                "organisations": [HOSTILE, "UNEP-IEMP", HOSTILE_IMG],
                "outcomes": [
                    {"kind": "agreement", "summary": f"{HOSTILE_IMG} agreed \u2028 {{data}}"}
                ],
            }
        ],
        "organisations": [
            {"name": HOSTILE, "acronym": "XSS"},
            {"name": HOSTILE_IMG, "acronym": "IMG"},
            {"name": "UNEP-IEMP", "acronym": "UNEP-IEMP"},
        ],
    }


def network_kg(extra: Iterable[dict[str, Any]] = ()) -> KnowledgeGraph:
    """The graph of the net-records fixture (and `extra` records), built by resolution and mapping
    as `pipeline.assemble` does, without extraction: the network only needs the mapped graph."""
    articles = [Article.from_dict(r) for r in [*net_records(), *extra]]
    resolution = resolve(articles, _Gazetteer())
    iris = DataIris(DEFAULT_BASE)
    kg = KnowledgeGraph()
    for article in articles:
        g = map_article(Document(source=article.source, text=""), article, resolution, iris)
        kg.replace_graph(g.graph, g.quads)
    kg.replace_graph(iris.entities_graph, map_entities(resolution, articles, iris))
    return kg


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return network_kg()


def orgs(graph: nx.Graph) -> set[str]:
    return {n for n in graph if graph.nodes[n]["type"] == "organisation"}


def test_unep_iemp_is_the_hub_of_its_partners(kg: KnowledgeGraph) -> None:
    graph = partner_network(kg)
    assert orgs(graph) == {IEMP, KEFRI, CAS, MAK, IUCN, WWF, WI, ICIMOD}
    metrics = network_metrics(graph)
    assert metrics[0].iri == IEMP
    assert (metrics[0].degree, metrics[0].weighted_degree) == (5, 8)
    assert metrics[0].betweenness == max(m.betweenness for m in metrics) > 0
    assert layout(graph)[IEMP] == (0.0, 0.0)
    node = graph.nodes[IEMP]
    assert (node["acronym"], node["country"], node["org_kind"]) == ("UNEP-IEMP", "China", "un-body")
    assert (node["events"], node["first"], node["last"]) == (4, "2023-05-10", "2024-03")
    tie = graph.edges[IEMP, KEFRI]
    assert tie["weight"] == 2
    assert tie["kinds"] == ["signing", "workshop"]
    assert (tie["outcomes"], tie["outcome_kinds"]) == (1, ["mou"])
    assert tie["dates"] == ["2023-05-10", "2023-09-18"]
    # The joint project's parties are IUCN and WWF only: Wetlands International attended.
    assert graph.edges[IUCN, WWF]["outcome_kinds"] == ["joint-project"]
    assert graph.edges[IUCN, WI]["outcomes"] == 0
    assert len(graph.graph["events"]) == 6
    # Two communities: UNEP-IEMP's and IUCN's; IUCN is the bridge between them.
    by_iri = {m.iri: m for m in metrics}
    assert by_iri[IEMP].community != by_iri[WWF].community == by_iri[WI].community
    summary = network_summary(graph, metrics)
    assert summary.splitlines()[0].startswith("8 organisation(s), 13 partnership(s), 6 event(s)")
    bridges = summary.split("bridges between communities")[1]
    assert "(IUCN)" in bridges and "(UNEP-IEMP)" in bridges


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (NetworkOptions(kinds=("signing",)), {IEMP, KEFRI}),
        (NetworkOptions(sdgs=(6,)), {IUCN, WWF, WI}),
        (NetworkOptions(start="2023-06", end="2023"), {IEMP, KEFRI, CAS, MAK}),
        # A month-only date (2024-03) spans its month; an undated event fails any date filter.
        (NetworkOptions(start="2024-03-15"), {IEMP, MAK, IUCN}),
        (NetworkOptions(end="2022-12-31"), {IUCN, WWF, WI}),
        (NetworkOptions(around="UNEP-IEMP"), {IEMP, KEFRI, CAS, MAK, IUCN, ICIMOD}),
        (NetworkOptions(around="kefri", depth=1), {IEMP, KEFRI, CAS, MAK}),
        (NetworkOptions(around=IEMP, depth=2), {IEMP, KEFRI, CAS, MAK, IUCN, ICIMOD, WWF, WI}),
        (NetworkOptions(min_weight=2), {IEMP, KEFRI, CAS, MAK, IUCN, WWF}),
        (NetworkOptions(around="Wetlands International", min_weight=1), {WI, IUCN, WWF}),
    ],
)
def test_filters(kg: KnowledgeGraph, options: NetworkOptions, expected: set[str]) -> None:
    graph = partner_network(kg, options)
    assert orgs(graph) == expected
    if options.min_weight > 1:
        assert min(d["weight"] for *_, d in graph.edges(data=True)) >= options.min_weight
    if options.around:
        assert graph.graph["centre"] in expected


def test_bad_options_are_refused(kg: KnowledgeGraph) -> None:
    with pytest.raises(ConfigError, match="event kind"):
        NetworkOptions(kinds=("party",))
    with pytest.raises(ConfigError, match="not a date"):
        NetworkOptions(start="2024/01/01")
    with pytest.raises(ConfigError, match="1 to 17"):
        NetworkOptions(sdgs=(18,))
    with pytest.raises(QueryError, match="no organisation called"):
        partner_network(kg, NetworkOptions(around="Nobody At All"))
    with pytest.raises(QueryError, match="no event that passes"):
        partner_network(kg, NetworkOptions(around="WWF", kinds=("signing",)))


def test_persons_are_a_second_layer(kg: KnowledgeGraph) -> None:
    plain = network_metrics(partner_network(kg))
    graph = partner_network(kg, NetworkOptions(persons=True))
    persons = {n for n in graph if graph.nodes[n]["type"] == "person"}
    assert persons == {ZHANG, DEFAULT_BASE + "person/joshua-cheboiwo"}
    assert set(graph[ZHANG]) == {IEMP}
    assert graph.edges[ZHANG, IEMP]["relation"] == "affiliation"
    assert graph.nodes[ZHANG]["events"] == 2
    assert network_metrics(graph) == plain  # persons change no organisation's metrics


def test_files_load_back_with_the_same_nodes_edges_and_attributes(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    graph = partner_network(kg, NetworkOptions(persons=True))
    files = write_network(graph, tmp_path)
    assert sorted(f.name for f in files) == [
        "metrics.csv",
        "network.gexf",
        "network.graphml",
        "network.html",
        "network.png",
        "network.svg",
    ]
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary file
    expected = for_files(graph, layout(graph))
    for name in ("network.graphml", "network.gexf"):
        loaded = (nx.read_graphml if name.endswith("graphml") else nx.read_gexf)(tmp_path / name)
        assert set(loaded) == set(expected), name
        assert {frozenset(e) for e in loaded.edges} == {frozenset(e) for e in expected.edges}
        for n, attrs in expected.nodes(data=True):
            got = {k: v for k, v in loaded.nodes[n].items() if k not in ("viz", "id")}
            assert got == pytest.approx(attrs), (name, n)
        for a, b, attrs in expected.edges(data=True):
            got = dict(loaded.edges[a, b])
            got.pop("id", None)
            assert got == pytest.approx(attrs), (name, a, b)
    zhang = nx.read_graphml(tmp_path / "network.graphml").nodes[ZHANG]
    assert zhang["type"] == "person" and zhang["years"] == "2023"
    assert nx.read_graphml(tmp_path / "network.graphml").edges[IEMP, KEFRI]["kinds"] == (
        "signing; workshop"
    )
    rows = list(csv.DictReader((tmp_path / "metrics.csv").open(encoding="utf-8")))
    assert rows[0]["iri"] == IEMP and rows[0]["weighted_degree"] == "8"
    assert len(rows) == 8  # organisations only
    assert (tmp_path / "network.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"Partner network" in (tmp_path / "network.svg").read_bytes()


def test_outputs_are_deterministic(kg: KnowledgeGraph, tmp_path: Path) -> None:
    a = write_network(partner_network(kg), tmp_path / "a")
    b = write_network(partner_network(network_kg()), tmp_path / "b")
    assert [f.name for f in a] == [f.name for f in b] and len(a) == 6
    for fa, fb in zip(a, b, strict=True):
        assert fa.read_bytes() == fb.read_bytes(), fa.name
    # Nothing that changes with the day or the machine: networkx's GEXF date, matplotlib's.
    assert b"lastmodifieddate" not in (tmp_path / "a" / "network.gexf").read_bytes()
    svg = (tmp_path / "a" / "network.svg").read_text("utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    text = [body for kind, body in png_chunks(tmp_path / "a" / "network.png") if b"tEXt" in kind]
    assert not any(b"atplotlib" in t or b"Software" in t for t in text)


def png_chunks(path: Path) -> list[tuple[bytes, bytes]]:
    data = path.read_bytes()
    chunks, i = [], 8
    while i < len(data):
        (size,) = struct.unpack(">I", data[i : i + 4])
        chunks.append((data[i + 4 : i + 8], data[i + 8 : i + 8 + size]))
        i += 12 + size
    return chunks


CLI = (sys.executable, "-c", "from iempkg.cli import main; main()")


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Sets of IRIs iterate in an order that changes with PYTHONHASHSEED (networkx's subgraph
    views among them): the files must not."""
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(serialize(network_kg(apart_records()), "turtle"))
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [*CLI, "network", str(ttl), "-o", str(tmp_path / seed), "--persons"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    for name in sorted(p.name for p in (tmp_path / "1").iterdir()):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def apart_records() -> list[dict[str, Any]]:
    """Two groups that share no organisation with the fixture's network, nor with each other."""
    return [
        {
            "source": "net-08-apart.txt",
            "title": "Alpine research meeting",
            "published": "2024-06-02",
            "events": [
                {
                    "kind": "meeting",
                    "start": "2024-06-01",
                    "organisations": [
                        "Alpine Research Institute",
                        "Glacier Monitoring Service",
                        "Mountain Forum",
                    ],
                }
            ],
            "organisations": [
                {"name": "Alpine Research Institute", "acronym": "ARI"},
                {"name": "Glacier Monitoring Service", "acronym": "GMS"},
                {"name": "Mountain Forum"},
            ],
        },
        {
            "source": "net-09-pair.txt",
            "title": "Two coastal bodies sign",
            "published": "2024-07-02",
            "events": [
                {
                    "kind": "signing",
                    "start": "2024-07-01",
                    "organisations": ["Coastal Trust", "Reef Council"],
                }
            ],
            "organisations": [{"name": "Coastal Trust"}, {"name": "Reef Council"}],
        },
    ]


def _extent(laid: Layout, nodes: Iterable[str]) -> tuple[float, float, float, float]:
    """The box around the disks of `nodes`."""
    ns = list(nodes)
    return (
        min(laid.pos[n][0] - laid.radius[n] for n in ns),
        min(laid.pos[n][1] - laid.radius[n] for n in ns),
        max(laid.pos[n][0] + laid.radius[n] for n in ns),
        max(laid.pos[n][1] + laid.radius[n] for n in ns),
    )


def _apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_components_are_laid_out_apart_largest_first_and_no_disks_overlap() -> None:
    graph = partner_network(network_kg(apart_records()), persons=True)
    groups = components(graph)
    assert [len(c) for c in groups] == [10, 3, 2]  # 8 organisations and 2 persons, then the rest
    laid = arrange(graph)
    assert laid.pos == layout(graph)
    boxes = [_extent(laid, c) for c in groups]
    for a, b in itertools.combinations(boxes, 2):
        assert _apart(a, b), (a, b)
    # The largest is packed first, in the top left corner: nothing is wholly left of it or
    # wholly above it; and it gets the most room.
    assert not any(b[2] <= boxes[0][0] or b[1] >= boxes[0][3] for b in boxes[1:])
    areas = [(b[2] - b[0]) * (b[3] - b[1]) for b in boxes]
    assert areas == sorted(areas, reverse=True)
    assert all(-1 <= v <= 1 for x, y in laid.pos.values() for v in (x, y))
    for a, b in itertools.combinations(graph, 2):
        gap = math.dist(laid.pos[a], laid.pos[b])
        assert gap >= laid.radius[a] + laid.radius[b] - 2e-4, (a, b)  # positions have 4 decimals
    # A network in one piece has its hub in the middle (the page opens on it), or the
    # organisation asked for with --around, even when it is not the strongest.
    alone = partner_network(network_kg())
    assert arrange(alone).pos[IEMP] == (0.0, 0.0)
    around = partner_network(network_kg(), around="KEFRI")
    assert arrange(around).pos[KEFRI] == (0.0, 0.0)
    data = page_data(around, arrange(around))
    assert data["nodes"][data["centre"]]["iri"] == KEFRI


@given(
    st.lists(
        st.tuples(st.floats(0.1, 20, allow_nan=False), st.floats(0.1, 20, allow_nan=False)),
        min_size=1,
        max_size=40,
    )
)
@settings(max_examples=60, deadline=None)
def test_packed_boxes_never_overlap(boxes: list[tuple[float, float]]) -> None:
    boxes = sorted(boxes, key=lambda b: -b[0] * b[1])
    corners, (width, height) = pack(boxes, 0.1)
    placed = [(x, y, x + w, y + h) for (x, y), (w, h) in zip(corners, boxes, strict=True)]
    for a, b in itertools.combinations(placed, 2):  # the gap between any two boxes, at least
        assert _apart((a[0] - 0.099, a[1] - 0.099, a[2] + 0.099, a[3] + 0.099), b), (a, b)
    assert all(
        x0 >= 0 and y0 >= 0 and x1 <= width + 1e-6 and y1 <= height + 1e-6
        for x0, y0, x1, y1 in placed
    )
    assert placed[0][:2] == (0.05, 0.05)  # the first (largest) box in the corner


def star_records(count: int, chain: bool = False) -> list[dict[str, Any]]:
    """UNEP-IEMP meeting `count` organisations one by one; with `chain`, the first of them also
    meets one more, which no one else meets."""
    records: list[dict[str, Any]] = [
        {
            "source": f"net-star-{i:02d}.txt",
            "title": f"star {i}",
            "published": "2024-01-02",
            "events": [
                {
                    "kind": "meeting",
                    "start": "2024-01-01",
                    "organisations": ["UNEP-IEMP", f"Star Member {i:02d}"],
                }
            ],
            "organisations": [{"name": f"Star Member {i:02d}"}],
        }
        for i in range(count)
    ]
    if chain:
        records.append(
            {
                "source": "net-star-chain.txt",
                "title": "chain",
                "published": "2024-01-02",
                "events": [
                    {
                        "kind": "meeting",
                        "start": "2024-01-01",
                        "organisations": ["Star Member 00", "Far Away Bureau"],
                    }
                ],
                "organisations": [{"name": "Far Away Bureau"}],
            }
        )
    return records


def test_a_straggler_does_not_squash_the_rest() -> None:
    """A chain hanging off a big star: a spring layout flings its end far out; scaling the
    drawing to reach it used to leave the star a small knot in the middle."""
    graph = partner_network(network_kg(star_records(40, chain=True)))
    pos = layout(graph)
    reach = sorted(max(abs(x), abs(y)) for x, y in pos.values())
    assert (
        reach[len(reach) // 2] > 0.4 * reach[-1]
    )  # the median node is not crushed into the middle


def test_a_component_too_large_for_one_spring_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past DENSE_LIMIT nodes, the strongest are laid out by spring and the rest around their
    strongest partner; separation still keeps every disk apart."""
    monkeypatch.setattr(network_layout, "DENSE_LIMIT", 12)
    graph = partner_network(network_kg(star_records(40, chain=True)))
    laid = arrange(graph)
    assert set(laid.pos) == set(graph) and laid.pos[IEMP] == (0.0, 0.0)
    assert all(-1 <= v <= 1 for x, y in laid.pos.values() for v in (x, y))
    for a, b in itertools.combinations(graph, 2):
        gap = math.dist(laid.pos[a], laid.pos[b])
        assert gap >= laid.radius[a] + laid.radius[b] - 2e-4, (a, b)
    assert arrange(graph) == laid


def test_the_picture_keeps_labels_apart_and_the_legend_off_the_nodes() -> None:
    graph = partner_network(network_kg([hostile_record(), *apart_records()]), persons=True)
    pic = picture(graph, arrange(graph))
    assert IEMP in pic.labels  # the hub is labelled
    assert ORG + "alpine-research-institute" in pic.labels  # and so is the head of a separate group
    x0, y0, x1, y1 = pic.frame
    for n, box in pic.labels.items():
        assert x0 <= box[0] and box[2] <= x1 and y0 <= box[1] and box[3] <= y1, n
        for m, d in pic.disks.items():  # no label hides another node (but a much smaller one)
            hides = box[0] <= d.x <= box[2] and box[1] <= d.y <= box[3]
            assert m == n or not hides or d.r < 0.6 * pic.disks[n].r, (n, m)
    for a, b in itertools.combinations(pic.labels.values(), 2):
        assert _apart(a, b), (a, b)
    for d in pic.disks.values():
        assert x0 <= d.x - d.r and d.x + d.r <= x1 and y0 <= d.y - d.r and d.y + d.r <= y1
    fig = pic.figure
    legend = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
    assert legend.y1 * 72 / fig.dpi <= y0  # below the drawing: it covers no node


def test_names_with_control_characters_are_written_and_load_back(tmp_path: Path) -> None:
    odd = "Bad\x01Org\x1b[31m"
    record = {
        "source": "net-07-control.txt",
        "title": "control characters",
        "events": [{"kind": "meeting", "start": "2024-01-01", "organisations": [odd, "UNEP-IEMP"]}],
        "organisations": [{"name": odd, "acronym": "B\x1b[2J"}],
    }
    graph = partner_network(network_kg([record]))
    odd_iri = next(n for n in graph if graph.nodes[n]["name"] == odd)
    write_network(graph, tmp_path)
    for loaded in (
        nx.read_graphml(tmp_path / "network.graphml"),
        nx.read_gexf(tmp_path / "network.gexf"),
    ):
        assert loaded.nodes[odd_iri]["name"] == "Bad\ufffdOrg\ufffd[31m"  # XML cannot hold them
        assert loaded.has_edge(odd_iri, IEMP)
    summary = network_summary(graph, network_metrics(graph))
    assert "Bad Org [31m (B [2J)" in summary and "\x1b" not in summary


def test_an_empty_network_still_gives_every_file(kg: KnowledgeGraph, tmp_path: Path) -> None:
    graph = partner_network(kg, NetworkOptions(start="2030"))
    assert len(graph) == 0
    summary = network_summary(graph, network_metrics(graph))
    assert summary.startswith("0 organisation(s)") and "widen them" in summary
    assert len(write_network(graph, tmp_path)) == 6
    assert len(nx.read_graphml(tmp_path / "network.graphml")) == 0
    assert (tmp_path / "metrics.csv").read_text("utf-8").count("\n") == 1  # the header


def test_the_python_api_takes_a_file_and_keyword_filters(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    trig = tmp_path / "kg.trig"
    trig.write_bytes(serialize(kg, "trig"))
    graph = partner_network(str(trig), around="KEFRI", depth=1)
    assert orgs(graph) == {IEMP, KEFRI, CAS, MAK}
    both = partner_network(kg, NetworkOptions(kinds=("signing",)), persons=True)
    assert orgs(both) == {IEMP, KEFRI} and ZHANG in both
    with pytest.raises(ConfigError, match="unknown network filter 'colour'"):
        partner_network(kg, colour="red")


def _page_parts(page: str) -> tuple[str, str, str]:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    data = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S
    )
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert csp and data and script
    return csp.group(1), data.group(1), script.group(1)


def test_page_data_colours_by_community_and_by_kind(kg: KnowledgeGraph) -> None:
    graph = partner_network(kg, NetworkOptions(persons=True))
    data = page_data(graph, arrange(graph))
    assert data["nodes"][data["centre"]]["iri"] == IEMP
    by_iri = {n["iri"]: n for n in data["nodes"]}
    assert by_iri[IEMP]["kindColour"] != by_iri[KEFRI]["kindColour"] != by_iri[CAS]["kindColour"]
    assert by_iri[ZHANG]["kindColour"] == by_iri[ZHANG]["colour"]  # persons: grey either way
    kinds = {k["label"]: len(k["members"]) for k in data["kinds"]}
    assert kinds == {"un-body (1)": 1, "research-institute (1)": 1, "kind unknown (6)": 6}
    assert [c["id"] for c in data["communities"]] == [1, 2]


def test_page_data_is_escaped_and_the_policy_allows_only_the_page_itself() -> None:
    graph = partner_network(network_kg([hostile_record()]))
    page = render_page(graph, arrange(graph))
    csp, data, script = _page_parts(page)
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style and csp == content_security_policy(script, style.group(1))
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe" not in csp
    for raw in ("<", ">", "&", "\u2028"):
        assert raw not in data
    assert "<img" not in page and HOSTILE not in page
    assert page.count("<script") == 2
    payload = json.loads(data)
    names = {n["name"] for n in payload["nodes"]}
    assert {HOSTILE, HOSTILE_IMG} <= names
    assert any("{data}" in o for e in payload["events"] for o in e["outcomes"])  # not filled in
    urls = {e["url"] for e in payload["events"]}
    assert urls == {
        "",
        *(f"https://example.org/news/net-0{i}" for i in (1, 2, 4)),
    }  # no javascript:
    assert script_json("</script>\u2029") == '"\\u003c/script\\u003e\\u2029"'


def test_the_command_line(kg: KnowledgeGraph, tmp_path: Path) -> None:
    ttl = tmp_path / "kg.ttl"
    ttl.write_bytes(serialize(kg, "turtle"))
    out = tmp_path / "net"
    result = CliRunner().invoke(
        cli,
        ["network", str(ttl), "-o", str(out), "--kind", "meeting,workshop,training", "--persons"],
    )
    assert result.exit_code == 0, result.output
    assert "top partners" in result.output
    assert "(UNEP-IEMP): 5, 4," in result.output
    assert (out / "network.html").is_file() and (out / "metrics.csv").is_file()
    store = tmp_path / "store"
    on_disk = KnowledgeGraph.open(store)
    on_disk.add(kg.quads())
    on_disk.flush()
    del on_disk  # Oxigraph locks a store directory while it is open
    result = CliRunner().invoke(
        cli, ["network", "--store", str(store), "-o", str(tmp_path / "s"), "--around", "IUCN"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("5 organisation(s)")  # IUCN and its 4 partners
    for args in ([], [str(ttl), "--store", str(store)]):
        bad = CliRunner().invoke(cli, ["network", *args, "-o", str(out)])
        assert bad.exit_code == 2 and "error: say which graph to read" in bad.output
    bad = CliRunner().invoke(cli, ["network", str(ttl), "-o", str(out), "--sdg", "life"])
    assert bad.exit_code == 2
    assert "is not a list of SDG numbers" in bad.output
    bad = CliRunner().invoke(cli, ["network", str(ttl), "-o", str(out), "--kind", "party"])
    assert bad.exit_code == 2 and "unknown event kind 'party'" in bad.output
