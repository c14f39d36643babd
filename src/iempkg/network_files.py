"""The files of a partner network: layout, GraphML, GEXF, metrics.csv and the static pictures.

Every file is written atomically (temporary file, then rename) and deterministically: the layout
is a seeded spring layout with the strongest organisation pinned at the centre, so the same graph
always gives the same picture and the same coordinates in Gephi, Cytoscape and the page.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import networkx as nx

from .errors import GraphError
from .export import atomic_write, atomic_write_text
from .network import ORGANISATION, PARTNER, PERSON, NodeMetrics

LAYOUT_SEED = 42
Position = tuple[float, float]
# Tableau 10, then two more: distinguishable, and readable on white.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#86bcb6",
    "#d37295",
)
PERSON_COLOUR = "#7f7f7f"
UNKNOWN_KIND_COLOUR = "#cfcfcf"
# The gazetteer's kinds of organisation, in a fixed order so that a kind keeps its colour from
# one network to the next; kinds not in this list follow in alphabetical order.
ORG_KINDS = (
    "un-body",
    "intergovernmental",
    "ministry",
    "government-agency",
    "academy",
    "research-institute",
    "university",
    "ngo",
    "company",
    "other",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # cells a spreadsheet would run as a formula


def colour(community: int) -> str:
    return PALETTE[(community - 1) % len(PALETTE)] if community > 0 else PERSON_COLOUR


def kind_colours(kinds: Iterable[str]) -> dict[str, str]:
    """A colour for each kind of organisation in `kinds` ('' is an unknown kind), in legend order."""
    present = set(kinds)
    ordered = [*ORG_KINDS, *sorted(present - {*ORG_KINDS, ""})]
    colours = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(ordered) if k in present}
    if "" in present:
        colours[""] = UNKNOWN_KIND_COLOUR
    return colours


def hub(graph: nx.Graph) -> str | None:
    """The organisation with the most shared events (ties: betweenness, then IRI)."""
    orgs = [n for n in graph if graph.nodes[n]["type"] == ORGANISATION]
    key = graph.nodes
    return min(
        orgs, key=lambda n: (-key[n]["weighted_degree"], -key[n]["betweenness"], n), default=None
    )


def layout(graph: nx.Graph) -> dict[str, Position]:
    """Positions in [-1, 1]², the hub at (0, 0) so that the view opens on it."""
    ordered = nx.Graph()  # sorted nodes and edges: the seeded layout must not depend on build order
    ordered.add_nodes_from(sorted(graph))
    ordered.add_weighted_edges_from(
        sorted((*sorted((a, b)), d["weight"]) for a, b, d in graph.edges(data=True))
    )
    centre = hub(graph)
    if centre is None or len(ordered) == 0:
        return {n: (0.0, 0.0) for n in ordered}
    try:
        pos = _spring(ordered, centre)
    except ImportError:  # networkx lays out 500+ nodes with scipy; without it, the core only
        pos = _core_then_rest(ordered, centre)
    cx, cy = pos[centre]
    reach = max((max(abs(x - cx), abs(y - cy)) for x, y in pos.values()), default=0.0) or 1.0
    return {
        n: (round((x - cx) / reach, 4), round((y - cy) / reach, 4)) for n, (x, y) in pos.items()
    }


def _spring(graph: nx.Graph, centre: str) -> dict[str, Position]:
    pos = nx.spring_layout(
        graph, weight="weight", pos={centre: (0.0, 0.0)}, fixed=[centre], seed=LAYOUT_SEED
    )
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _core_then_rest(graph: nx.Graph, centre: str) -> dict[str, Position]:
    """The 499 most connected nodes by spring layout, each other node beside its strongest placed
    partner (or on an outer ring), at a golden-angle offset so that they do not pile up."""
    rank = sorted(graph, key=lambda n: (-graph.degree(n, weight="weight"), n))
    pos = _spring(graph.subgraph(rank[:499]).copy(), centre)
    for i, n in enumerate(rank[499:]):
        angle = i * math.pi * (3 - math.sqrt(5))
        placed = [m for m in graph[n] if m in pos]
        if placed:
            ax, ay = pos[max(placed, key=lambda m: (graph[n][m]["weight"], m))]
            pos[n] = (ax + 0.03 * math.cos(angle), ay + 0.03 * math.sin(angle))
        else:
            pos[n] = (1.2 * math.cos(angle), 1.2 * math.sin(angle))
    return pos


# Characters XML 1.0 cannot hold, even escaped (C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF). A name from an article may contain them; lxml would refuse
# to write the GraphML and the GEXF would not parse, so they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _flat(value: Any) -> Any:
    """A value GraphML and GEXF can hold: lists become '; '-separated strings, None '', and
    characters XML cannot carry U+FFFD."""
    if isinstance(value, list | tuple | set | frozenset):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    return "" if value is None else value


def for_files(graph: nx.Graph, pos: dict[str, Position]) -> nx.Graph:
    """A copy with only plain values (no lists, no None, no event table) and x/y positions."""
    flat = nx.Graph(
        title=str(graph.graph.get("title", "Partner network")),
        filters=str(graph.graph.get("filters", "")),
        centre=str(graph.graph.get("centre", hub(graph) or "")),
    )
    for n in sorted(graph):
        attrs = {k: _flat(v) for k, v in graph.nodes[n].items()}
        flat.add_node(_flat(n), **attrs, x=pos[n][0], y=pos[n][1])
    for a, b in sorted(tuple(sorted(e)) for e in graph.edges()):
        flat.add_edge(_flat(a), _flat(b), **{k: _flat(v) for k, v in graph.edges[a, b].items()})
    return flat


def write_gexf(graph: nx.Graph, fh: IO[bytes]) -> None:
    """GEXF as networkx writes it, without the day of writing that networkx puts in its <meta>
    (the same graph must give the same bytes whatever the day)."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    writer.write(fh)


def _gexf_copy(flat: nx.Graph) -> nx.Graph:
    """GEXF also carries how Gephi draws a node: position, size and colour."""
    g = flat.copy()
    top = max((d["weighted_degree"] for _, d in g.nodes(data=True)), default=0) or 1
    for _, d in g.nodes(data=True):
        rgb = colour(d["community"])
        d["viz"] = {
            "position": {"x": d["x"] * 500, "y": d["y"] * 500, "z": 0.0},
            "size": 4.0 + 26.0 * math.sqrt(d["weighted_degree"] / top),
            "color": {
                "r": int(rgb[1:3], 16),
                "g": int(rgb[3:5], 16),
                "b": int(rgb[5:7], 16),
                "a": 1.0,
            },
        }
    return g


def metrics_csv(metrics: Sequence[NodeMetrics]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    fields = list(NodeMetrics.__dataclass_fields__)
    w.writerow(fields)
    for m in metrics:
        w.writerow([_cell(getattr(m, f)) for f in fields])
    return buf.getvalue()


def _cell(value: object) -> object:
    # Names come from articles; one starting with '=' must not become a spreadsheet formula.
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA) else value


def draw(graph: nx.Graph, pos: dict[str, Position], fmt: str) -> Callable[[IO[bytes]], None]:
    """A function writing the picture of `graph` as `fmt` (png or svg) to a binary file."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend
    from matplotlib.lines import Line2D

    nodes = sorted(graph, key=lambda n: (graph.nodes[n]["weighted_degree"], n))  # big ones on top
    top = max((graph.nodes[n]["weighted_degree"] for n in nodes), default=0) or 1
    fig = Figure(figsize=(12, 9), dpi=150)
    FigureCanvasAgg(fig)  # Agg whatever MPLBACKEND says: no display is ever needed
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.89))
    ax.set_axis_off()
    strongest = max((d["weight"] for *_, d in graph.edges(data=True)), default=1)
    for relation, style in ((PARTNER, "solid"), ("affiliation", "dotted")):
        edges = [(a, b, d) for a, b, d in graph.edges(data=True) if d["relation"] == relation]
        ax.add_collection(
            LineCollection(
                [(pos[a], pos[b]) for a, b, _ in edges],
                linewidths=[0.4 + 3.0 * d["weight"] / strongest for *_, d in edges],
                colors="#9a9a9a",
                alpha=0.55,
                linestyles=style,
                zorder=1,
            )
        )
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[25 + 900 * math.sqrt(graph.nodes[n]["weighted_degree"] / top) for n in nodes],
        c=[
            colour(graph.nodes[n]["community"])
            if graph.nodes[n]["type"] == ORGANISATION
            else PERSON_COLOUR
            for n in nodes
        ],
        edgecolors="white",
        linewidths=0.8,
        zorder=2,
    )
    for n in nodes[::-1][:12]:
        if graph.nodes[n]["type"] == ORGANISATION and graph.nodes[n]["weighted_degree"] > 0:
            x, y = pos[n]
            ax.text(
                x,
                y - 0.045,
                _plain(graph.nodes[n]["label"], 28),
                ha="center",
                va="top",
                fontsize=8,
                zorder=3,
                bbox={"fc": "white", "ec": "none", "alpha": 0.75, "pad": 1},
            )
    ax.set_xlim(-1.3, 1.3)  # room for the labels of nodes on the rim
    ax.set_ylim(-1.12, 1.12)
    ax.legend(
        handles=_legend(graph, Line2D),
        loc="lower left",
        fontsize=8,
        frameon=False,
        title="communities (node size: shared events)",
        title_fontsize=8,
    )
    orgs = sum(1 for n in nodes if graph.nodes[n]["type"] == ORGANISATION)
    ties = sum(1 for *_, d in graph.edges(data=True) if d["relation"] == PARTNER)
    fig.suptitle(f"Partner network: {orgs} organisations, {ties} partnerships", fontsize=14, y=0.97)
    if graph.graph.get("filters"):
        fig.text(
            0.5, 0.925, _plain(graph.graph["filters"], 160), ha="center", fontsize=9, color="#555"
        )

    def write(fh: IO[bytes]) -> None:
        # The same graph gives the same bytes: fixed SVG ids, no creation date, no tool version.
        with (
            matplotlib.rc_context({"svg.hashsalt": "iempkg", "svg.fonttype": "path"}),
            warnings.catch_warnings(),
        ):
            warnings.filterwarnings("ignore", message="Glyph .* missing from")  # e.g. CJK names
            meta = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
            fig.savefig(fh, format=fmt, metadata=meta, facecolor="white")

    return write


def _legend(graph: nx.Graph, line: Any) -> list[Any]:
    sizes = Counter(d["community"] for _, d in graph.nodes(data=True) if d["type"] == ORGANISATION)
    handles = []
    for community, size in sorted(sizes.items())[:8]:
        members = [
            n
            for n in graph
            if graph.nodes[n].get("community") == community
            and graph.nodes[n]["type"] == ORGANISATION
        ]
        lead = min(members, key=lambda n: (-graph.nodes[n]["weighted_degree"], n))
        label = f"{community}: {_plain(graph.nodes[lead]['label'], 30)}" + (
            f" +{size - 1}" if size > 1 else ""
        )
        handles.append(
            line([], [], marker="o", ls="", color=colour(community), markersize=8, label=label)
        )
    if any(d["type"] == PERSON for _, d in graph.nodes(data=True)):
        handles.append(
            line([], [], marker="o", ls="", color=PERSON_COLOUR, markersize=5, label="persons")
        )
    return handles


def _plain(text: str, width: int) -> str:
    """Text for matplotlib: '$' escaped (no mathtext from an article), control characters out."""
    text = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in text).replace("$", r"\$")
    return text if len(text) <= width else text[: width - 1] + "…"


def write_all(graph: nx.Graph, metrics: Sequence[NodeMetrics], outdir: Path) -> list[Path]:
    from .network_html import render_page

    if outdir.exists() and not outdir.is_dir():
        raise GraphError("is a file, not a directory", str(outdir), "give a directory for -o")
    pos = layout(graph)
    flat = for_files(graph, pos)
    try:
        return [
            atomic_write_text(outdir / "network.html", render_page(graph, pos)),
            atomic_write(outdir / "network.graphml", lambda fh: nx.write_graphml(flat, fh)),
            atomic_write(outdir / "network.gexf", lambda fh: write_gexf(_gexf_copy(flat), fh)),
            atomic_write(outdir / "network.png", draw(graph, pos, "png")),
            atomic_write(outdir / "network.svg", draw(graph, pos, "svg")),
            atomic_write_text(outdir / "metrics.csv", metrics_csv(metrics)),
        ]
    except OSError as exc:
        raise GraphError(
            f"cannot write the network ({exc})", str(outdir), "check the path"
        ) from exc
