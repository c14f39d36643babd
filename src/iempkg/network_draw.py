"""The static picture of a partner network (network.png and network.svg), for reports.

The nodes are where network_layout.py put them; the drawing adds what a reader needs: the limits
fitted to the nodes at equal scale on both axes, labels on the most central organisations (and on
the strongest of each separate group) placed where they cover no other label, hide no node and
cover as little of other nodes as possible, a legend below the drawing where it cannot cover
anything, and a title.

Labels are placed by measuring them, so the figure is measured with matplotlib's Agg renderer
whatever the output format; the placement is then fixed in points, and the PNG and the SVG show
the same picture. The same graph always gives the same bytes (see `Picture.writer`).
"""

from __future__ import annotations

import math
import textwrap
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

import networkx as nx

from .network import ORGANISATION, PARTNER, PERSON
from .network_files import PALETTE, PERSON_COLOUR, colour
from .network_layout import Layout, Position, label_order

FIGSIZE = (12.0, 9.0)  # inches: a landscape page
DPI = 150
LABELS = 16  # at most this many labels: more would be clutter in a picture for a report
LABEL_SIZE = 8  # points
# Where a label may go around its node: direction, horizontal and vertical alignment. The first
# that is free wins, so labels sit under their nodes when they can.
_PLACES = (
    ((0.0, -1.0), "center", "top"),
    ((0.0, 1.0), "center", "bottom"),
    ((1.0, 0.0), "left", "center"),
    ((-1.0, 0.0), "right", "center"),
    ((0.71, -0.71), "left", "top"),
    ((-0.71, -0.71), "right", "top"),
    ((0.71, 0.71), "left", "bottom"),
    ((-0.71, 0.71), "right", "bottom"),
)
_RINGS = (2.0, 16.0)  # points between a node's rim and its label; the second gets a leader line
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the figure's corner


@dataclass(frozen=True)
class Disk:
    """A node's disk on the picture, in points from the figure's lower left corner."""

    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Picture:
    """The figure, and where things went on it (in points): for the writers and for tests."""

    figure: Any
    disks: dict[str, Disk]
    labels: dict[str, Box]  # node -> its label's box
    frame: Box  # the drawing area; the legend is below it

    def writer(self, fmt: str) -> Callable[[IO[bytes]], None]:
        """A function writing the picture as `fmt` (png or svg) to a binary file."""

        def write(fh: IO[bytes]) -> None:
            import matplotlib

            # The same graph gives the same bytes: fixed SVG ids, no creation date, no version.
            with (
                matplotlib.rc_context({"svg.hashsalt": "iempkg", "svg.fonttype": "path"}),
                warnings.catch_warnings(),
            ):
                warnings.filterwarnings("ignore", message="Glyph .* missing from")  # CJK names
                meta = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
                self.figure.savefig(fh, format=fmt, metadata=meta, facecolor="white")

        return write


def picture(graph: nx.Graph, laid: Layout) -> Picture:
    """The picture of `graph`, laid out as `laid`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    pos = laid.pos
    nodes = sorted(graph, key=lambda n: (graph.nodes[n]["weighted_degree"], n))  # big ones on top
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(fig)  # Agg whatever MPLBACKEND says: no display is ever needed
    handles = _legend(graph)
    ncol = min(4, len(handles)) or 1
    rows = math.ceil(len(handles) / ncol)
    bottom = 0.03 + 0.024 * (rows + 1) if handles else 0.02  # room for the legend under the drawing
    ax = fig.add_axes((0.02, bottom, 0.96, 0.89 - bottom))
    ax.set_axis_off()
    _fit(ax, pos, fig)

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
    # The layout's radii at this drawing's scale (close to network_layout.marker_radius): the
    # disks the layout kept apart stay apart.
    to_points = 72.0 / DPI
    (x0, _), (x1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 0.0)])
    unit = float(x1 - x0) * to_points
    radii = [laid.radius[n] * unit for n in nodes]
    sizes = [(2 * r) ** 2 for r in radii]  # matplotlib's `s`: the square around the disk, in pt²
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=sizes,
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
    disks = {}
    for n, r in zip(nodes, radii, strict=True):
        x, y = ax.transData.transform(pos[n])
        disks[n] = Disk(float(x) * to_points, float(y) * to_points, r)
    labels = _labels(fig, ax, graph, pos, disks)

    if handles:
        fig.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.01),
            ncol=ncol,
            fontsize=8,
            frameon=False,
            title="communities: colour · shared events: node size and line width",
            title_fontsize=8,
        )
    fig.suptitle(_title(graph), fontsize=14, y=0.97)
    if graph.graph.get("filters"):
        fig.text(
            0.5, 0.925, _plain(graph.graph["filters"], 160), ha="center", fontsize=9, color="#555"
        )

    frame = tuple(float(v) * to_points for v in ax.bbox.extents)
    return Picture(fig, disks, labels, (frame[0], frame[1], frame[2], frame[3]))


def _title(graph: nx.Graph) -> str:
    orgs = sum(1 for n in graph if graph.nodes[n]["type"] == ORGANISATION)
    ties = sum(1 for *_, d in graph.edges(data=True) if d["relation"] == PARTNER)
    groups = nx.number_connected_components(graph) if len(graph) else 0
    return f"Partner network: {orgs} organisations, {ties} partnerships" + (
        f", {groups} separate groups" if groups > 1 else ""
    )


def _fit(ax: Any, pos: dict[str, Position], fig: Any) -> None:
    """Limits around the nodes, with room for the largest disks, at one scale on both axes (a
    circle of the layout stays a circle)."""
    xs, ys = [x for x, _ in pos.values()] or [0.0], [y for _, y in pos.values()] or [0.0]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span = max(x1 - x0, y1 - y0) or 1.0
    margin = 0.025 * span
    x0, x1, y0, y1 = x0 - margin, x1 + margin, y0 - margin, y1 + margin
    box = ax.get_position()
    ratio = (box.width * fig.get_figwidth()) / (box.height * fig.get_figheight())
    w, h = x1 - x0, y1 - y0
    if w / h < ratio:  # widen the narrower side, keeping the nodes in the middle
        x0, x1 = (x0 + x1 - h * ratio) / 2, (x0 + x1 + h * ratio) / 2
    else:
        y0, y1 = (y0 + y1 - w / ratio) / 2, (y0 + y1 + w / ratio) / 2
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def _labels(
    fig: Any, ax: Any, graph: nx.Graph, pos: dict[str, Position], disks: dict[str, Disk]
) -> dict[str, Box]:
    """Labels for up to LABELS organisations, in `label_order` (see `_best_place`); long names
    on two lines. Returns each label's box."""
    wanted = label_order(graph)[: 3 * LABELS]
    renderer = fig.canvas.get_renderer()
    to_points = 72.0 / fig.dpi
    x0, y0, x1, y1 = (float(v) * to_points for v in ax.bbox.extents)
    placed: dict[str, Box] = {}
    for n in wanted:
        if len(placed) == LABELS:
            break
        text = _wrapped(graph.nodes[n]["label"])
        probe = ax.text(0, 0, text, fontsize=LABEL_SIZE)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        size = (extent.width * to_points + 3, extent.height * to_points + 2)  # + the halo's pad
        others = [d for m, d in disks.items() if m != n]
        spot = _best_place(disks[n], size, list(placed.values()), others, (x0, y0, x1, y1))
        if spot is None:
            continue
        box, (dx, dy), ha, va, ring = spot
        placed[n] = box
        ax.annotate(
            text,
            xy=pos[n],
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=LABEL_SIZE,
            zorder=3,
            bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 1},
            arrowprops=(
                {"arrowstyle": "-", "color": "#666", "lw": 0.5, "shrinkA": 0, "shrinkB": disks[n].r}
                if ring > 0
                else None
            ),
        )
    return placed


def _best_place(
    disk: Disk,
    size: tuple[float, float],
    placed: Sequence[Box],
    others: Sequence[Disk],
    frame: Box,
) -> tuple[Box, Position, str, str, int] | None:
    """Where the label of `disk` goes: the free place that covers the least of other disks.
    Hiding a node (reaching the middle of its disk) is out, except, where nodes are so packed
    that no place is free, hiding nodes much smaller than this one: an important organisation
    keeps its name in a dense core."""
    strict: list[tuple[float, int, int, Box, Position, str, str]] = []
    lenient: list[tuple[float, int, int, Box, Position, str, str]] = []
    w, h = size
    for ring, gap in enumerate(_RINGS):
        for k, ((ux, uy), ha, va) in enumerate(_PLACES):
            dx, dy = ux * (disk.r + gap), uy * (disk.r + gap)
            ax_, ay = disk.x + dx, disk.y + dy
            x0 = {"center": ax_ - w / 2, "left": ax_, "right": ax_ - w}[ha]
            y0 = {"center": ay - h / 2, "bottom": ay, "top": ay - h}[va]
            box = (x0, y0, x0 + w, y0 + h)
            if not _inside(box, frame) or any(_overlap(box, p) for p in placed):
                continue
            touched = [d for d in others if _touches(box, d)]
            hidden = max((d.r for d in touched if _covers(box, d)), default=0.0)
            spot = (sum(d.r * d.r for d in touched), ring, k, box, (dx, dy), ha, va)
            if hidden == 0:
                strict.append(spot)
            elif hidden < 0.6 * disk.r:
                lenient.append(spot)
        if any(spot[0] == 0 for spot in strict):
            break  # a free place near the node: no need to look further out
    if not strict and not lenient:
        return None
    _, ring, _, box, offset, ha, va = min(strict or lenient, key=lambda spot: spot[:3])
    return box, offset, ha, va, ring


def _inside(box: Box, frame: Box) -> bool:
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covers(box: Box, d: Disk) -> bool:
    """Whether the box hides the disk: it reaches within half a radius of the centre."""
    m = d.r / 2
    return box[0] - m <= d.x <= box[2] + m and box[1] - m <= d.y <= box[3] + m


def _touches(box: Box, d: Disk) -> bool:
    nx_ = min(max(d.x, box[0]), box[2])
    ny = min(max(d.y, box[1]), box[3])
    return (d.x - nx_) ** 2 + (d.y - ny) ** 2 < d.r * d.r


def _legend(graph: nx.Graph) -> list[Any]:
    """One entry per community (its strongest organisation and how many more), those past the
    palette's colours together in grey, and persons."""
    from matplotlib.lines import Line2D

    sizes = Counter(d["community"] for _, d in graph.nodes(data=True) if d["type"] == ORGANISATION)
    handles: list[Any] = []

    def entry(fill: str, label: str, size: float = 8) -> None:
        handles.append(Line2D([], [], marker="o", ls="", color=fill, markersize=size, label=label))

    for community, size in sorted(sizes.items()):
        if community > len(PALETTE):
            break
        members = [
            n
            for n in graph
            if graph.nodes[n].get("community") == community
            and graph.nodes[n]["type"] == ORGANISATION
        ]
        lead = min(members, key=lambda n: (-graph.nodes[n]["weighted_degree"], n))
        entry(
            colour(community),
            f"{community}: {_plain(graph.nodes[lead]['label'], 30)}"
            + (f" +{size - 1}" if size > 1 else ""),
        )
    rest = {c: s for c, s in sizes.items() if c > len(PALETTE)}
    if rest:  # past the palette, communities share one grey rather than reuse a colour
        entry(
            colour(max(rest)),
            f"{min(rest)}–{max(rest)}: {len(rest)} smaller communities, "
            f"{sum(rest.values())} organisations"
            if len(rest) > 1
            else f"{min(rest)}: {sum(rest.values())} organisations",
        )
    if any(d["type"] == PERSON for _, d in graph.nodes(data=True)):
        entry(PERSON_COLOUR, "persons", 5)
    return handles


def _wrapped(label: str) -> str:
    """A long name (no acronym) on two lines of about 24 characters, cut after that: the label
    stays readable and compact; the full name is in the page and the files."""
    lines = textwrap.wrap(_plain(label, 200), 24, max_lines=2, placeholder="…")
    return "\n".join(lines) or _plain(label, 28)


def _plain(text: str, width: int) -> str:
    """Text for matplotlib: '$' escaped (no mathtext from an article), control characters out."""
    text = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in text).replace("$", r"\$")
    return text if len(text) <= width else text[: width - 1] + "…"
