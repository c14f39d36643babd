"""Where each node of a partner network goes: one layout shared by the picture, the page, Gephi
and Cytoscape.

A single spring layout of a network with several connected components flings the small ones to
the rim (nothing holds them) and squashes the large one in the middle. So each component is laid
out on its own, turned so that its long side is horizontal, scaled to the same spacing between
neighbours (so a node takes about the same room wherever it is), its disks pushed apart where
they overlap, and the components are packed, largest first, into a drawing about as wide as the
picture's.

Everything is deterministic: nodes and edges are sorted before anything is laid out (networkx's
subgraph views iterate in set order, which changes with PYTHONHASHSEED), the spring layouts start
from seeded positions, and the packing has no randomness at all.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .network import ORGANISATION, PARTNER

LAYOUT_SEED = 42
# The drawing area of network.png in points (network_draw.py: a 12 x 9 inch figure less title and
# legend). Nodes are given room for the disks the picture draws there, and the components are
# packed to its shape; the page's view is about as wide.
DRAWING = (830.0, 500.0)
ASPECT = DRAWING[0] / DRAWING[1]
PAD = 12.0  # points around a component's nodes: half a label's height, a node's white rim
GAP = 14.0  # points between two components
SPRING_ITERATIONS = 120  # networkx's 50 leave large components half untangled
DENSE_LIMIT = 1500  # nodes laid out together: five n x n arrays, 18 MB each at 1500
SEPARATE_LIMIT = 5000  # nodes pushed apart (n² time per refresh): beyond, disks may overlap
SEPARATE_STEPS = 300
REFRESH = 15  # steps between two searches for close pairs (and one more before stopping)
GRAVITY = 0.5  # how hard the spring layout pulls everything towards the pinned node
AFFILIATION_PULL = 4.0  # a person stays next to their organisation
Position = tuple[float, float]


@dataclass(frozen=True)
class Layout:
    """Where every node goes, in [-1, 1]² (the longer side of the drawing spans it), and the
    radius of its disk in the same coordinates (the picture's disks, scaled): disks do not
    overlap, up to SEPARATE_LIMIT nodes per component and as far as SEPARATE_STEPS allow."""

    pos: dict[str, Position]
    radius: dict[str, float]


def marker_radius(weighted_degree: int, top: int) -> float:
    """A node's disk radius in points on the picture: the area grows with the square root of its
    shared events, so that the hub does not swamp everyone else (2.5 to 15 points)."""
    return math.sqrt(25.0 + 900.0 * math.sqrt(max(weighted_degree, 0) / (top or 1))) / 2


def hub(graph: nx.Graph) -> str | None:
    """The organisation with the most shared events (ties: betweenness, then IRI)."""
    orgs = [n for n in graph if graph.nodes[n]["type"] == ORGANISATION]
    key = graph.nodes
    return min(
        orgs, key=lambda n: (-key[n]["weighted_degree"], -key[n]["betweenness"], n), default=None
    )


def centre(graph: nx.Graph) -> str | None:
    """The node the layout and the page centre on: the organisation asked for with `--around`,
    otherwise the hub."""
    asked = graph.graph.get("centre")
    return str(asked) if asked in graph else hub(graph)


def components(graph: nx.Graph) -> list[list[str]]:
    """The connected components, largest first (then the one holding the strongest node, then
    by IRI), each as a sorted list of nodes."""
    strength = {n: graph.degree(n, weight="weight") for n in graph}
    found = [sorted(c) for c in nx.connected_components(graph)]
    return sorted(found, key=lambda c: (-len(c), -max(strength[n] for n in c), c[0]))


def label_order(graph: nx.Graph) -> list[str]:
    """The organisations that deserve a label, most deserving first (the picture and the page
    label in this order, as many as fit). Within a connected component, by shared events then
    betweenness; between components, in proportion to their size: the next label goes to the
    component with the fewest labels per node so far (ties: the stronger candidate). So the hub
    comes first, every separate group gets a name before any group gets many, and a large
    component still gets most of them."""
    rank = {
        n: i
        for i, n in enumerate(
            sorted(
                (n for n in graph if graph.nodes[n]["type"] == ORGANISATION),
                key=lambda n: (
                    -graph.nodes[n]["weighted_degree"],
                    -graph.nodes[n]["betweenness"],
                    n,
                ),
            )
        )
        if graph.nodes[n]["weighted_degree"] > 0
    }
    groups = components(graph)
    queues = [sorted((n for n in c if n in rank), key=rank.__getitem__) for c in groups]
    sizes = [len(c) for c in groups]
    heap = [(0.0, rank[q[0]], k) for k, q in enumerate(queues) if q]
    heapq.heapify(heap)
    taken = [0] * len(queues)
    order = []
    while heap:
        _, _, k = heapq.heappop(heap)
        order.append(queues[k][taken[k]])
        taken[k] += 1
        if taken[k] < len(queues[k]):
            heapq.heappush(heap, (taken[k] / sizes[k], rank[queues[k][taken[k]]], k))
    return order


def layout(graph: nx.Graph) -> dict[str, Position]:
    """The positions of `arrange(graph)`."""
    return arrange(graph).pos


def arrange(graph: nx.Graph) -> Layout:
    """Positions rounded to 4 decimals. The components are packed largest first from the top
    left. A connected network has its `centre` (the hub, or the organisation of `--around`) at
    (0, 0), so that the page opens on it; the spring layout pulls the rest around it.

    Sizes are worked out in points of the picture. How many points a unit of the spring layout
    gets depends on the packing, and the packing on how far the disks pushed each other apart,
    so the two are worked out in turn until the scale settles (two or three rounds)."""
    if len(graph) == 0:
        return Layout({}, {})
    middle = centre(graph)
    top = max(graph.nodes[n]["weighted_degree"] for n in graph)
    points = {n: marker_radius(graph.nodes[n]["weighted_degree"], top) + 0.8 for n in graph}
    shapes = [_shape(graph, nodes, middle) for nodes in components(graph)]
    scale = 0.0  # points per unit; 0: not known yet, no disks pushed apart
    # A network in one piece is centred on its hub (the page opens on it); the pieces of a
    # network in several are each centred on themselves, which packs them tighter.
    centred = len(shapes) == 1
    if len(shapes[0][0]) >= 0.9 * len(graph):  # one piece, or one and a few crumbs
        shapes[0] = (_widened(shapes[0][0]), shapes[0][1])
    for _ in range(4):
        used = scale
        pieces = [_Piece.of(pos, pinned, centred, points, used) for pos, pinned in shapes]
        corners, (width, height) = pack(
            [(p.width, p.height) for p in pieces], GAP / used if used else 0.25
        )
        scale = min(DRAWING[0] / width, DRAWING[1] / height)
        if used and abs(scale - used) < 0.03 * used:
            break
    half = max(width, height) / 2
    pos: dict[str, Position] = {}
    for piece, (left, top_) in zip(pieces, corners, strict=True):
        # Packing runs downwards from the top; the layout's y axis points up.
        cx, cy = left + piece.width / 2 - width / 2, height / 2 - (top_ + piece.height / 2)
        for n, (x, y) in piece.pos.items():
            pos[n] = (round((cx + x) / half, 4), round((cy + y) / half, 4))
    # Points per layout coordinate. Had the scale not settled, the disks were kept apart for the
    # scale they were pushed at: drawn no larger than that, they still do not overlap.
    unit = max(scale, used) * half
    return Layout(pos, {n: round((points[n] - 0.8) / unit, 5) for n in pos})


def _shape(
    graph: nx.Graph, nodes: list[str], centre: str | None
) -> tuple[dict[str, Position], str | None]:
    """A component laid out on its own, its long axis horizontal, in units of its nodes'
    typical spacing: a pair, a clique and a star of hundreds then have the same density, and
    the area of a component grows with its nodes."""
    # Ten shared events pull harder than one, but not ten times harder: a strong partner would
    # otherwise sit on top of the hub.
    sub = _sorted_graph(
        graph,
        nodes,
        lambda d: AFFILIATION_PULL if d["relation"] != PARTNER else 1.0 + math.log(d["weight"]),
    )
    pinned = centre if centre in sub else None
    local = _upright(_pull_in(_spring_or_core(sub, pinned), pinned), pinned)
    ox, oy = local[pinned] if pinned is not None else _origin(local, None)
    size = 1.0 / _spacing(local)
    return {n: ((x - ox) * size, (y - oy) * size) for n, (x, y) in local.items()}, pinned


def _widened(shape: dict[str, Position]) -> dict[str, Position]:
    """The main piece of a network stretched sideways towards the drawing's shape, by at most a
    third: a spring layout is round, the picture is not, and a force layout's distances mean
    nothing precise."""
    ex = max(abs(x) for x, _ in shape.values())
    ey = max(abs(y) for _, y in shape.values())
    if ex == 0 or ey == 0:
        return shape
    k = min(max(ASPECT * ey / ex, 1.0), 4 / 3)
    return {n: (x * k, y) for n, (x, y) in shape.items()}


@dataclass(frozen=True)
class _Piece:
    """One component around (0, 0), its disks pushed apart, and the box it needs."""

    pos: dict[str, Position]
    width: float
    height: float

    @classmethod
    def of(
        cls,
        shape: dict[str, Position],
        pinned: str | None,
        centred: bool,
        points: dict[str, float],
        scale: float,
    ) -> _Piece:
        if scale:
            shape = _separate(shape, {n: points[n] / scale for n in shape}, pinned)
        pad = PAD / scale if scale else 0.55
        xs, ys = [x for x, _ in shape.values()], [y for _, y in shape.values()]
        ex, ey = (max(xs) - min(xs)) / 2, (max(ys) - min(ys)) / 2
        ox, oy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        if centred and pinned is not None:  # symmetric about the centre: the page opens on it
            ox, oy = shape[pinned]
            ex, ey = max(abs(x - ox) for x in xs), max(abs(y - oy) for y in ys)
        # The box holds the disks too: its edge is a node's radius and the pad past a centre.
        rim = max(points[n] for n in shape) / scale if scale else 0.0
        pos = {n: (x - ox, y - oy) for n, (x, y) in shape.items()}
        return cls(pos, 2 * (ex + rim + pad), 2 * (ey + rim + pad))


def _separate(
    pos: dict[str, Position], radius: dict[str, float], pinned: str | None
) -> dict[str, Position]:
    """Disks that overlap pushed apart, a little at a time (a spring layout packs a clique of
    partners of the same event into a knot of overlapping disks). The pinned node stays put.

    Only pairs that are close can collide: they are found among all pairs every REFRESH steps
    (in slices of rows, so memory grows with n, not n²), with a margin of two radii for what
    moves in between, and found afresh before stopping, so that no overlap is missed; a step
    then costs as much as there are close pairs. A very dense core may still overlap a little
    after SEPARATE_STEPS."""
    import numpy as np

    names = list(pos)
    if len(names) < 2 or len(names) > SEPARATE_LIMIT:
        return pos
    p = np.array([pos[n] for n in names], dtype=float)
    r = np.array([radius[n] for n in names], dtype=float)
    still = np.zeros(len(names), dtype=bool)
    if pinned is not None:
        still[names.index(pinned)] = True
    margin = 2 * float(r.max())
    age = REFRESH  # steps since the close pairs were found
    for _ in range(SEPARATE_STEPS):
        if age >= REFRESH:
            a, b = _close_pairs(p, r, margin)
            age = 0
            if len(a) == 0:
                break
        d = p[a] - p[b]
        dist = np.sqrt((d**2).sum(axis=1))
        over = np.clip(r[a] + r[b] - dist, 0.0, None)
        if over.max() <= 1e-4 * r.min():
            if age == 0:
                break  # no overlap among all the close pairs, just found: done
            age = REFRESH  # none among pairs found a while ago: look again before stopping
            continue
        age += 1
        # Two nodes on the same spot part along a direction fixed by their indices.
        angle = (a - b) * math.pi * (3 - math.sqrt(5))
        tie = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        unit = np.where((dist > 1e-9)[:, None], d / np.maximum(dist, 1e-9)[:, None], tie)
        push = 0.5 * over[:, None] * unit
        move = np.stack(
            [
                np.bincount(a, push[:, c], len(p)) - np.bincount(b, push[:, c], len(p))
                for c in (0, 1)
            ],
            axis=1,
        )
        move[still] = 0.0
        p += 0.6 * move  # damped: a node squeezed on all sides must not overshoot
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, p, strict=True)}


def _close_pairs(p: Any, r: Any, margin: float) -> tuple[Any, Any]:
    """The pairs (i < j) whose disks are less than `margin` apart."""
    import numpy as np

    firsts, seconds = [], []
    for start in range(0, len(p), 512):
        rows = slice(start, start + 512)
        dist = np.sqrt(((p[rows, None, :] - p[None, :, :]) ** 2).sum(axis=-1))
        i, j = np.nonzero(dist < r[rows, None] + r[None, :] + margin)
        i = i + start
        keep = i < j
        firsts.append(i[keep])
        seconds.append(j[keep])
    return np.concatenate(firsts), np.concatenate(seconds)


def _sorted_graph(
    graph: nx.Graph, nodes: Iterable[str], pull: Callable[[dict[str, Any]], float]
) -> nx.Graph:
    """The subgraph on `nodes`, nodes and edges in sorted order, each edge pulling with
    `pull(edge data)` (as its "pull" attribute)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(keep))
    sub.add_weighted_edges_from(
        sorted(
            (*sorted((a, b)), pull(d))
            for a, b, d in graph.edges(keep, data=True)
            if a in keep and b in keep
        ),
        weight="pull",
    )
    return sub


def _spring_or_core(graph: nx.Graph, pinned: str | None) -> dict[str, Position]:
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    if len(graph) <= DENSE_LIMIT:
        return _spring(graph, pinned)
    return _core_then_rest(graph, pinned)


def _spring(graph: nx.Graph, pinned: str | None) -> dict[str, Position]:
    """Fruchterman-Reingold, as networkx's spring_layout does it for fewer than 500 nodes, on
    dense numpy arrays: networkx hands 500 nodes and more to scipy, which iempkg does not need
    otherwise. The pinned node stays at (0, 0); the others start from seeded points around it
    (networkx's own start would put a pinned node in the corner of the cloud)."""
    import numpy as np

    names = list(graph)
    n = len(names)
    rng = np.random.default_rng(LAYOUT_SEED)
    pos = rng.uniform(-1.0, 1.0, (n, 2))
    still = np.zeros(n, dtype=bool)
    if pinned is not None:
        still[names.index(pinned)] = True
        pos[still] = 0.0
    pull = nx.to_numpy_array(graph, nodelist=names, weight="pull")
    k = math.sqrt(1.0 / n)  # the distance at which attraction and repulsion balance
    heat = 0.1 * float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])))  # the largest step, cooling
    cooling = heat / (SPRING_ITERATIONS + 1)
    for _ in range(SPRING_ITERATIONS):
        # x and y apart, not an n x n x 2 array: the same arithmetic at a third of the traffic.
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist = np.clip(np.sqrt(dx * dx + dy * dy), 0.01, None)
        force = k * k / (dist * dist) - pull * (dist / k)
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        if pinned is not None:  # a gentle pull towards the pinned node: it ends up in the middle
            disp -= GRAVITY * n * k * pos
        length = np.sqrt((disp**2).sum(axis=-1))
        length = np.where(length < 0.01, 0.1, length)
        step = disp * (heat / length)[:, None]
        step[still] = 0.0
        pos += step
        heat -= cooling
        if np.sqrt((step**2).sum()) / n < 1e-4:
            break
    return {m: (float(x), float(y)) for m, (x, y) in zip(names, pos, strict=True)}


def _core_then_rest(graph: nx.Graph, pinned: str | None) -> dict[str, Position]:
    """The DENSE_LIMIT most connected nodes by spring layout (more would need n² memory), each
    other node in a sunflower around its strongest placed partner (or on an outer ring), one
    typical spacing apart; separation then clears what still overlaps."""
    rank = sorted(graph, key=lambda n: (-graph.degree(n, weight="pull"), n))
    core = rank[:DENSE_LIMIT]
    if pinned is not None and pinned not in core:
        core[-1] = pinned
    pos = _spring(_sorted_graph(graph, core, lambda d: float(d["pull"])), pinned)
    gap = _spacing(pos)
    around: dict[str, int] = {}
    for n in [m for m in rank if m not in pos]:
        placed = [m for m in sorted(graph[n]) if m in pos]
        anchor = max(placed, key=lambda m: (graph[n][m]["pull"], m)) if placed else ""
        around[anchor] = around.get(anchor, 0) + 1
        angle = around[anchor] * math.pi * (3 - math.sqrt(5))
        ax, ay = pos[anchor] if anchor else (0.0, 0.0)
        reach = gap * math.sqrt(around[anchor]) + (0.0 if anchor else 1.2)
        pos[n] = (ax + reach * math.cos(angle), ay + reach * math.sin(angle))
    return pos


def _spacing(pos: dict[str, Position]) -> float:
    """The median distance from a node to its nearest neighbour (1 for a single node). Not the
    extent: a straggler would shrink everything else; not the edges' length: a star's edges are
    all as long as its radius. For a large component, a sample of the nodes (every k-th) gives
    as good a median at a fraction of the n² distances."""
    import numpy as np

    if len(pos) < 2:
        return 1.0
    p = np.array(list(pos.values()), dtype=float)
    sample = p[:: len(p) // 1000 + 1]
    nearest = []
    for start in range(0, len(sample), 512):  # slices of rows: memory grows with n, not n²
        rows = sample[start : start + 512]
        d = np.sqrt(((rows[:, None, :] - p[None, :, :]) ** 2).sum(axis=-1))
        d[d <= 1e-12] = np.inf  # a node's distance to itself (or to a twin on the same spot)
        nearest.append(d.min(axis=1))
    found = np.concatenate(nearest)
    found = found[np.isfinite(found)]
    median = float(np.median(found)) if len(found) else 0.0
    return median if median > 0 else 1.0


def _origin(pos: dict[str, Position], pinned: str | None) -> Position:
    if pinned is not None:
        return pos[pinned]
    return (sum(x for x, _ in pos.values()) / len(pos), sum(y for _, y in pos.values()) / len(pos))


def _pull_in(pos: dict[str, Position], pinned: str | None) -> dict[str, Position]:
    """Stragglers brought close: a chain hanging off a large component is pushed far out by the
    repulsion of every other node, and scaling the drawing to reach it would squash the rest.
    Beyond the 95th percentile of the distance from the centre, distances are squeezed smoothly
    (tanh: unchanged at the threshold, never more than 15 % beyond it)."""
    if len(pos) < 20:
        return pos
    ox, oy = _origin(pos, pinned)
    dist = sorted(math.hypot(x - ox, y - oy) for x, y in pos.values())
    q = dist[int(0.95 * (len(dist) - 1))]
    if q <= 0:
        return pos
    room = 0.15 * q
    out = {}
    for n, (x, y) in pos.items():
        r = math.hypot(x - ox, y - oy)
        k = (q + room * math.tanh((r - q) / room)) / r if r > q else 1.0
        out[n] = (ox + (x - ox) * k, oy + (y - oy) * k)
    return out


def _upright(pos: dict[str, Position], pinned: str | None) -> dict[str, Position]:
    """Turned about its centre so that the component's long axis is horizontal: the picture is
    wider than high, and labels are horizontal."""
    if len(pos) < 3:
        if len(pos) == 2:  # a pair side by side
            (a, (ax, ay)), (b, (bx, by)) = sorted(pos.items())
            d = math.hypot(bx - ax, by - ay) / 2 or 0.5
            return {a: (-d, 0.0), b: (d, 0.0)}
        return pos
    ox, oy = _origin(pos, pinned)
    sxx = sum((x - ox) ** 2 for x, _ in pos.values())
    syy = sum((y - oy) ** 2 for _, y in pos.values())
    sxy = sum((x - ox) * (y - oy) for x, y in pos.values())
    angle = -0.5 * math.atan2(2 * sxy, sxx - syy)  # the principal axis, turned onto the x axis
    c, s = math.cos(angle), math.sin(angle)
    return {
        n: (ox + c * (x - ox) - s * (y - oy), oy + s * (x - ox) + c * (y - oy))
        for n, (x, y) in pos.items()
    }


def pack(
    boxes: Sequence[tuple[float, float]], gap: float
) -> tuple[list[Position], tuple[float, float]]:
    """Top-left corners for `boxes` (width, height), placed in the given order without
    overlapping and `gap` apart, and the size of the whole. Skyline packing: each box goes as high as it can,
    then as far left; of a range of strip widths, the one whose result best fills a drawing of
    ASPECT is kept."""
    if not boxes:
        return [], (0.0, 0.0)
    spaced = [(w + gap, h + gap) for w, h in boxes]
    widths = {max(w for w, _ in spaced)}
    total = 0.0
    area = sum(w * h for w, h in spaced)
    for w, _ in spaced:  # a first row of one, two, three ... boxes, up to twice the ideal width
        total += w
        widths.add(total)
        if total > 2 * math.sqrt(area * ASPECT):
            break
    best: tuple[float, list[Position], tuple[float, float]] | None = None
    for strip in sorted(widths):
        corners = _skyline(spaced, strip)
        size = (
            max(x + w for (x, _), (w, _) in zip(corners, spaced, strict=True)),
            max(y + h for (_, y), (_, h) in zip(corners, spaced, strict=True)),
        )
        scale = min(ASPECT / size[0], 1 / size[1])  # how large the result can be drawn
        if best is None or scale > best[0] + 1e-9:
            best = (scale, corners, size)
    assert best is not None
    _, corners, (width, height) = best
    # The gap is shared out: half of it on each side of every box.
    return [(x + gap / 2, y + gap / 2) for x, y in corners], (width, height)


def _skyline(boxes: Sequence[tuple[float, float]], strip: float) -> list[Position]:
    # The skyline: (left, right, depth) segments covering [0, strip], depth of what is packed.
    sky: list[tuple[float, float, float]] = [(0.0, strip, 0.0)]
    corners = []
    for w, h in boxes:
        best: tuple[float, float] | None = None
        for left, _, _ in sky:
            right = left + w
            if right > strip + 1e-9 and left > 0:
                break
            depth = max(d for a, b, d in sky if a < right - 1e-9 and b > left + 1e-9)
            if best is None or (depth, left) < best:
                best = (depth, left)
        assert best is not None
        depth, left = best
        corners.append((left, depth))
        sky = _raise(sky, left, left + w, depth + h)
    return corners


def _raise(
    sky: list[tuple[float, float, float]], left: float, right: float, depth: float
) -> list[tuple[float, float, float]]:
    out = []
    for a, b, d in sky:
        if b <= left + 1e-9 or a >= right - 1e-9:
            out.append((a, b, d))
            continue
        if a < left:
            out.append((a, left, d))
        if b > right:
            out.append((right, b, d))
    out.append((left, right, depth))
    return sorted(out)
