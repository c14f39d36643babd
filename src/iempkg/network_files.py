"""The files of a partner network: GraphML, GEXF, metrics.csv, the page and the pictures.

Every file is written atomically (temporary file, then rename) and deterministically: the layout
(network_layout.py: each connected component by a seeded spring layout, the components packed)
is computed once, so the same graph always gives the same picture (network_draw.py) and the same
coordinates in Gephi, Cytoscape and the page.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import networkx as nx

from .errors import GraphError
from .export import atomic_write, atomic_write_text
from .network import NodeMetrics
from .network_layout import Layout, Position, arrange, hub, layout

__all__ = [
    "Layout",
    "Position",
    "arrange",
    "colour",
    "for_files",
    "hub",
    "kind_colours",
    "layout",
    "write_all",
]

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
SMALL_COMMUNITY_COLOUR = "#d9d9d9"
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
    """A community's colour (1 is the largest); persons (0) are grey. Communities past the
    palette share a light grey: reusing a colour would make two communities look like one."""
    if community <= 0:
        return PERSON_COLOUR
    return PALETTE[community - 1] if community <= len(PALETTE) else SMALL_COMMUNITY_COLOUR


def kind_colours(kinds: Iterable[str]) -> dict[str, str]:
    """A colour for each kind of organisation in `kinds` ('' is an unknown kind), in legend order."""
    present = set(kinds)
    ordered = [*ORG_KINDS, *sorted(present - {*ORG_KINDS, ""})]
    colours = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(ordered) if k in present}
    if "" in present:
        colours[""] = UNKNOWN_KIND_COLOUR
    return colours


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


def write_all(graph: nx.Graph, metrics: Sequence[NodeMetrics], outdir: Path) -> list[Path]:
    from .network_draw import picture  # matplotlib is imported only when a picture is drawn
    from .network_html import render_page

    if outdir.exists() and not outdir.is_dir():
        raise GraphError("is a file, not a directory", str(outdir), "give a directory for -o")
    laid = arrange(graph)
    flat = for_files(graph, laid.pos)
    drawn = picture(graph, laid)  # one figure for both formats: the same labels on each
    try:
        return [
            atomic_write_text(outdir / "network.html", render_page(graph, laid)),
            atomic_write(outdir / "network.graphml", lambda fh: nx.write_graphml(flat, fh)),
            atomic_write(outdir / "network.gexf", lambda fh: write_gexf(_gexf_copy(flat), fh)),
            atomic_write(outdir / "network.png", drawn.writer("png")),
            atomic_write(outdir / "network.svg", drawn.writer("svg")),
            atomic_write_text(outdir / "metrics.csv", metrics_csv(metrics)),
        ]
    except OSError as exc:
        raise GraphError(
            f"cannot write the network ({exc})", str(outdir), "check the path"
        ) from exc
