"""The partner network as one self-contained HTML page that works offline.

The page is the shipped template `resources/network.html` with its stylesheet and script
(`network.css`, `network.js`, written for iempkg: no library, no CDN) inlined, and the network
embedded as JSON in a `<script type="application/json">` block. Safety rests on three things:

- the JSON has `<`, `>`, `&`, U+2028 and U+2029 escaped, so no text from an article can close the
  script block or start markup, and the script only ever puts text into the DOM with textContent;
- a Content-Security-Policy meta tag allows nothing but the page's own script and style, named by
  their SHA-256 hashes (`default-src 'none'`): the page cannot fetch, frame or submit anything;
- the template is filled in one pass, so a value that looks like a placeholder stays text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx

from .network import ORGANISATION, PERSON, EventInfo
from .network_files import PERSON_COLOUR, colour, kind_colours
from .network_layout import Layout, centre, label_order

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@cache
def _resource(name: str) -> str:
    return resources.files("iempkg.resources").joinpath(name).read_text("utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element of an HTML page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def content_security_policy(script: str, style: str) -> str:
    return (
        f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
        "base-uri 'none'; form-action 'none'"
    )


def _http(url: str) -> str:
    return url if re.match(r"(?i)^https?://", url) else ""


def page_data(graph: nx.Graph, laid: Layout) -> dict[str, Any]:
    """What the page's script draws: nodes strongest first (their index is their id), where the
    layout put them, with the radius the picture gives them (so the page's disks do not overlap
    either)."""
    pos = laid.pos
    nodes = sorted(graph, key=lambda n: (-graph.nodes[n]["weighted_degree"], n))
    index = {n: i for i, n in enumerate(nodes)}
    events: dict[str, EventInfo] = graph.graph.get("events", {})
    event_index = {iri: k for k, iri in enumerate(events)}
    names = {n: graph.nodes[n]["name"] for n in graph}
    communities: dict[int, list[str]] = {}
    kinds: dict[str, list[str]] = {}
    for n in nodes:
        if graph.nodes[n]["type"] == ORGANISATION:
            communities.setdefault(graph.nodes[n]["community"], []).append(n)
            kinds.setdefault(graph.nodes[n]["org_kind"], []).append(n)
    by_kind = kind_colours(kinds)
    return {
        "centre": index.get(centre(graph) or "", -1),
        "nodes": [
            {
                "iri": n,
                "name": d["name"],
                "label": d["label"],
                "acronym": d["acronym"],
                "country": d["country"],
                "orgKind": d["org_kind"],
                "type": d["type"],
                "x": pos[n][0],
                "y": -pos[n][1],  # SVG's y axis points down, the layout's (and the PNG's) up
                "r": laid.radius[n],
                "wd": d["weighted_degree"],
                "degree": d["degree"],
                "events": d["events"],
                "outcomes": d["outcomes"],
                "community": d["community"],
                "colour": colour(d["community"] if d["type"] != PERSON else 0),
                "kindColour": by_kind[d["org_kind"]] if d["type"] != PERSON else PERSON_COLOUR,
                "years": d["years"],
                "ev": [event_index[i] for i in d["event_iris"] if i in event_index],
            }
            for n, d in ((n, graph.nodes[n]) for n in nodes)
        ],
        "edges": [
            {
                "s": index[a],
                "t": index[b],
                "w": d["weight"],
                "relation": d["relation"],
                "kinds": d["kinds"],
                "years": d["years"],
                "outcomes": d["outcomes"],
            }
            for a, b, d in sorted(graph.edges(data=True), key=lambda e: (index[e[0]], index[e[1]]))
        ],
        "events": [
            {
                "name": e.name,
                "kind": e.kind,
                "date": e.date,
                "headline": e.headline,
                "url": _http(e.url),
                "source": e.source,
                "outcomes": [
                    f"{o.kind}: {o.description}" + _parties(o.parties, names) for o in e.outcomes
                ],
            }
            for e in events.values()
        ],
        "communities": [
            {
                "id": c,
                "colour": colour(c),
                "lead": index[members[0]],
                "label": graph.nodes[members[0]]["label"]
                + (f" and {len(members) - 1} more" if len(members) > 1 else ""),
            }
            for c, members in sorted(communities.items())
        ],
        "kinds": [
            {
                "colour": c,
                "label": f"{k or 'kind unknown'} ({len(kinds[k])})",
                "members": [index[n] for n in kinds[k]],
            }
            for k, c in by_kind.items()
        ],
        "years": sorted({y for n in graph for y in graph.nodes[n]["years"]}),
        "labels": [index[n] for n in label_order(graph)],  # who gets a label first, as on the PNG
    }


def _parties(parties: frozenset[str], names: dict[str, str]) -> str:
    known = sorted(names[p] for p in parties if p in names)
    return f" ({', '.join(known)})" if known else ""


def render_page(graph: nx.Graph, laid: Layout) -> str:
    """The whole page as text."""
    script, style = _resource("network.js"), _resource("network.css")
    # Both are inlined as they are: neither may end its element early.
    assert "</script" not in script.lower() and "</style" not in style.lower()
    title = "Partner network" + (
        f": {graph.graph['filters']}" if graph.graph.get("filters") else ""
    )
    values = {
        "csp": content_security_policy(script, style),
        "title": html.escape(title),
        "style": style,
        "script": script,
        "data": script_json(page_data(graph, laid)),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _resource("network.html"))
