// The partner-network page: draws the network laid out by iempkg (positions come from Python),
// with hover details, a click for an organisation's events, search, a year filter and a choice of
// colours (by community or by kind of organisation).
// Written for this page, no library, nothing fetched. Every text from the data reaches the DOM
// through textContent or an attribute value, never through HTML parsing.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var SCALE = 450; // layout coordinates are in [-1, 1]: the drawing is 900 units across
  var LABELS = 15; // labels at the opening view; zooming in makes room for more
  var LABELLED = 400; // organisations that may get a label at all (others: hover), strongest first
  var FONT = 12; // label size in screen pixels, whatever the zoom
  var PARTNERS = 12; // partners listed at first in the side panel
  var svg = document.getElementById("graph");
  var tip = document.getElementById("tip");
  var statusEl = document.getElementById("status");
  var selected = -1;

  function svgEl(name, attrs) {
    var e = document.createElementNS(SVGNS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function htmlEl(name, text, cls) {
    var e = document.createElement(name);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function safeUrl(u) { return /^https?:\/\//i.test(u || "") ? u : ""; } // no javascript: links

  // The radius the layout made room for (the picture's disks): no two disks overlap.
  function radius(n) { return Math.max(1.5, n.r * SCALE); }

  // The opening view holds every node, centred on (0, 0): the hub, when the network is in one
  // piece (the layout puts it there); the packed pieces' middle otherwise.
  var home = (function () {
    var ex = 40, ey = 40;
    data.nodes.forEach(function (n) {
      ex = Math.max(ex, Math.abs(n.x * SCALE) + radius(n) + 12);
      ey = Math.max(ey, Math.abs(n.y * SCALE) + radius(n) + 24); // a label under the lowest node
    });
    return { x: -ex, y: -ey, w: 2 * ex, h: 2 * ey };
  })();
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));

  var viewport = svgEl("g", {});
  var edgeLayer = svgEl("g", { "class": "edges" });
  var nodeLayer = svgEl("g", { "class": "nodes" });
  var labelLayer = svgEl("g", { "class": "labels" }); // above every node: no disk hides a label
  viewport.appendChild(edgeLayer);
  viewport.appendChild(nodeLayer);
  viewport.appendChild(labelLayer);
  svg.appendChild(viewport);

  var maxW = data.edges.reduce(function (m, e) { return Math.max(m, e.w); }, 1);
  data.edges.forEach(function (e) {
    var a = data.nodes[e.s], b = data.nodes[e.t];
    e.el = svgEl("line", {
      "class": "edge " + e.relation, x1: a.x * SCALE, y1: a.y * SCALE, x2: b.x * SCALE, y2: b.y * SCALE,
      "stroke-width": 0.8 + 5 * e.w / maxW
    });
    edgeLayer.appendChild(e.el);
  });

  // Smallest first, so that the big organisations are drawn on top.
  data.nodes.map(function (n, i) { return i; }).reverse().forEach(function (i) {
    var n = data.nodes[i];
    var g = svgEl("g", {
      "class": "node " + n.type, tabindex: 0, role: "button", "data-index": i,
      transform: "translate(" + n.x * SCALE + "," + n.y * SCALE + ")"
    });
    g.setAttribute("aria-label", n.name);
    var r = radius(n);
    n.circle = svgEl("circle", { r: r, fill: n.colour });
    g.appendChild(n.circle);
    g.addEventListener("mouseenter", function (ev) { showTip(n, ev); lightEdges(i, true); });
    g.addEventListener("mousemove", function (ev) { placeTip(ev); });
    g.addEventListener("mouseleave", function () { tip.hidden = true; lightEdges(i, false); });
    g.addEventListener("click", function (ev) { ev.stopPropagation(); select(i); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(i); }
    });
    n.el = g;
    nodeLayer.appendChild(g);
  });

  // Labels, as on the picture (network_draw.py): around its disk, where it covers no other
  // label and not the middle of another node, and as little of other disks as it can (below, when
  // nothing is in the way); at a constant size on screen, so zooming in makes room for more.
  // In the order of the picture's labels: the hub, the strongest of each separate group, then
  // by shared events (see network_layout.label_order).
  var labelled = data.labels.slice(0, LABELLED);
  labelled.forEach(function (i) {
    var n = data.nodes[i];
    // Long names without an acronym are cut on the drawing; the tooltip has them in full.
    n.labelEl = svgEl("text", { "font-size": FONT });
    n.labelEl.textContent = n.label.length > 32 ? n.label.slice(0, 31) + "\u2026" : n.label;
    labelLayer.appendChild(n.labelEl);
  });
  labelled.forEach(function (i) { // measured once, at FONT units: widths scale with the zoom
    var n = data.nodes[i];
    n.labelWidth = n.labelEl.getComputedTextLength();
    n.labelEl.classList.add("hidden");
  });
  function unitsPerPixel() {
    var box = svg.getBoundingClientRect();
    return box.width && box.height ? Math.max(view.w / box.width, view.h / box.height) : 1;
  }
  function overlaps(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
  function placeLabels() {
    var upp = unitsPerPixel(), h = FONT * 1.2 * upp, gap = 3 * upp;
    var budget = Math.round(LABELS * Math.max(1, home.w / view.w));
    var placed = [], shown = 0;
    var seen = data.nodes.filter(function (m) {
      m.inView = m.visible !== false && m.x * SCALE > view.x && m.x * SCALE < view.x + view.w &&
        m.y * SCALE > view.y && m.y * SCALE < view.y + view.h;
      return m.inView;
    });
    labelled.forEach(function (i) {
      var n = data.nodes[i], t = n.labelEl;
      t.classList.add("hidden");
      if (shown >= budget || !n.inView) return;
      var x = n.x * SCALE, y = n.y * SCALE, r = radius(n), w = n.labelWidth * upp;
      var d = r + gap, dd = 0.71 * d;
      var spots = [ // x0, y0 of the label's box: below, above, right, left, then the diagonals
        [x - w / 2, y + d], [x - w / 2, y - d - h], [x + d, y - h / 2], [x - d - w, y - h / 2],
        [x + dd, y + dd], [x - dd - w, y + dd], [x + dd, y - dd - h], [x - dd - w, y - dd - h]
      ];
      // Hiding a node (reaching within half a radius of its centre) is out, except where no
      // place is free: then hiding nodes much smaller than this one (as on the picture).
      var best = null, fallback = null;
      for (var k = 0; k < spots.length && !(best && best.cost === 0); k++) {
        var c = { x0: spots[k][0], y0: spots[k][1], x1: spots[k][0] + w, y1: spots[k][1] + h };
        if (c.x0 < view.x || c.x1 > view.x + view.w || c.y0 < view.y || c.y1 > view.y + view.h) continue;
        if (placed.some(function (p) { return overlaps(p, c); })) continue;
        var cost = 0, hidden = 0;
        for (var m = 0; m < seen.length; m++) {
          var o = seen[m];
          if (o === n) continue;
          var ox = o.x * SCALE, oy = o.y * SCALE, orad = radius(o);
          var cx = Math.min(Math.max(ox, c.x0), c.x1), cy = Math.min(Math.max(oy, c.y0), c.y1);
          if ((ox - cx) * (ox - cx) + (oy - cy) * (oy - cy) >= orad * orad) continue;
          cost += orad * orad;
          if (ox >= c.x0 - orad / 2 && ox <= c.x1 + orad / 2 && oy >= c.y0 - orad / 2 && oy <= c.y1 + orad / 2) {
            hidden = Math.max(hidden, orad);
          }
        }
        if (hidden === 0) {
          if (!best || cost < best.cost) best = { box: c, cost: cost };
        } else if (hidden < 0.6 * r && (!fallback || cost < fallback.cost)) {
          fallback = { box: c, cost: cost };
        }
      }
      var pick = best || fallback;
      if (!pick) return; // no room: the label shows on hover
      var b = pick.box;
      placed.push(b);
      t.setAttribute("x", b.x0 + w / 2);
      t.setAttribute("y", b.y0 + 0.8 * h); // the baseline, about 4/5 down the line
      t.setAttribute("font-size", FONT * upp);
      t.setAttribute("stroke-width", 3 * upp);
      t.classList.remove("hidden");
      shown++;
    });
  }
  var pending = false;
  function relabel() { // at most once a frame, however fast the wheel turns
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; placeLabels(); });
  }
  window.addEventListener("resize", relabel);

  function lightEdges(i, on) {
    data.edges.forEach(function (e) {
      if (e.s === i || e.t === i) e.el.classList.toggle("lit", on || selected === e.s || selected === e.t);
    });
  }

  function describe(n) {
    var parts = [];
    if (n.acronym && n.acronym !== n.name) parts.push(n.acronym);
    if (n.country) parts.push(n.country);
    if (n.orgKind) parts.push(n.orgKind);
    if (n.type === "person") parts.push("person");
    return parts.join(" · ");
  }
  function counts(n) {
    if (n.type === "person") return plural(n.events, "event");
    return plural(n.events, "event") + " · " + plural(n.degree, "partner") + " · " +
      plural(n.wd, "shared event") + (n.outcomes ? " · " + plural(n.outcomes, "outcome") : "");
  }

  function showTip(n, ev) {
    clear(tip);
    tip.appendChild(htmlEl("strong", n.name));
    var d = describe(n);
    if (d) tip.appendChild(htmlEl("div", d));
    tip.appendChild(htmlEl("div", counts(n)));
    tip.hidden = false;
    placeTip(ev);
  }
  function placeTip(ev) {
    tip.style.left = Math.min(ev.clientX + 14, window.innerWidth - 330) + "px";
    tip.style.top = (ev.clientY + 14) + "px";
  }

  function select(i) {
    if (selected >= 0) data.nodes[selected].el.classList.remove("selected");
    var prev = selected;
    selected = i;
    if (prev >= 0) lightEdges(prev, false);
    var n = data.nodes[i];
    n.el.classList.add("selected");
    lightEdges(i, true);
    document.getElementById("hint").hidden = true;
    document.getElementById("details").hidden = false;
    document.getElementById("d-name").textContent = n.name;
    document.getElementById("d-meta").textContent = describe(n);
    document.getElementById("d-counts").textContent = counts(n);

    // The strongest partners first; a hub's hundreds more wait behind a button, so that its
    // events (below) are not a long scroll away.
    var partners = document.getElementById("d-partners");
    clear(partners);
    var ties = data.edges.filter(function (e) { return e.s === i || e.t === i; })
      .sort(function (a, b) { return b.w - a.w || a.s + a.t - b.s - b.t; });
    function listPartners(count) {
      clear(partners);
      ties.slice(0, count).forEach(function (e) {
        var other = e.s === i ? e.t : e.s;
        var li = htmlEl("li");
        var b = htmlEl("button", data.nodes[other].name);
        b.type = "button";
        b.addEventListener("click", function () { select(other); });
        li.appendChild(b);
        li.appendChild(document.createTextNode(
          e.relation === "partner" ? " — " + plural(e.w, "event") : " — " + data.nodes[other].type));
        partners.appendChild(li);
      });
      if (ties.length > count) {
        var more = htmlEl("button", "all " + ties.length + " partners", "more");
        more.type = "button";
        more.addEventListener("click", function () { listPartners(ties.length); });
        var li = htmlEl("li");
        li.appendChild(more);
        partners.appendChild(li);
      }
    }
    listPartners(PARTNERS);

    var list = document.getElementById("d-events");
    clear(list);
    n.ev.forEach(function (k) {
      var e = data.events[k];
      var li = htmlEl("li");
      li.appendChild(htmlEl("span", e.date || "undated", "date"));
      li.appendChild(htmlEl("span", e.kind, "kind"));
      li.appendChild(document.createTextNode(e.name || e.headline || "event"));
      e.outcomes.forEach(function (o) { li.appendChild(htmlEl("span", "→ " + o, "outcome")); });
      // The headline is shown only when it says more than the event's name (often the same).
      var headline = e.headline && e.headline !== e.name ? e.headline : "";
      var url = safeUrl(e.url);
      if (url) {
        var a = htmlEl("a", headline || "source article", "source");
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else if (e.source || headline) {
        li.appendChild(htmlEl("span", "source: " + [headline, e.source].filter(Boolean).join(", "), "source"));
      }
      list.appendChild(li);
    });
  }

  // Search: matching nodes are ringed, the others dimmed; Enter opens the first match.
  var search = document.getElementById("search");
  function matches() {
    var q = search.value.trim().toLowerCase();
    if (!q) return null;
    return data.nodes.map(function (n, i) { return i; }).filter(function (i) {
      var n = data.nodes[i];
      return (n.name + " " + n.acronym).toLowerCase().indexOf(q) >= 0;
    });
  }
  // Rings the nodes of `found` (a list of indices) and dims the others; null clears.
  function highlight(found) {
    var set = {};
    (found || []).forEach(function (i) { set[i] = true; });
    data.nodes.forEach(function (n, i) {
      n.el.classList.toggle("match", !!found && !!set[i]);
      n.el.classList.toggle("dim", !!found && !set[i]);
      if (n.labelEl) n.labelEl.classList.toggle("dim", !!found && !set[i]);
    });
  }
  search.addEventListener("input", function () {
    var found = matches();
    highlight(found);
    showStatus(found);
  });
  search.addEventListener("keydown", function (ev) {
    var found = matches();
    if (ev.key === "Enter" && found && found.length) select(found[0]);
  });

  // Year filter: only the organisations and ties with events in that year stay visible.
  var year = document.getElementById("year");
  data.years.forEach(function (y) {
    var o = htmlEl("option", y);
    o.value = y;
    year.appendChild(o);
  });
  year.addEventListener("change", function () {
    var y = year.value;
    data.nodes.forEach(function (n) {
      n.visible = !y || n.years.indexOf(y) >= 0;
      n.el.classList.toggle("hidden", !n.visible);
    });
    data.edges.forEach(function (e) {
      var on = data.nodes[e.s].visible && data.nodes[e.t].visible &&
        (!y || e.relation !== "partner" || e.years.indexOf(y) >= 0);
      e.el.classList.toggle("hidden", !on);
    });
    placeLabels();
    showStatus(matches());
  });

  function showStatus(found) {
    var orgs = 0, ties = 0;
    data.nodes.forEach(function (n) { if (n.visible !== false && n.type === "organisation") orgs++; });
    data.edges.forEach(function (e) {
      if (e.relation === "partner" && !e.el.classList.contains("hidden")) ties++;
    });
    statusEl.textContent = plural(orgs, "organisation") + ", " + plural(ties, "partnership") + " shown" +
      (found ? "; " + found.length + (found.length === 1 ? " match" : " matches") : "");
  }

  // The legend follows the colouring: communities (a click opens the community's strongest
  // organisation) or kinds of organisation (a click rings the organisations of that kind).
  var legend = document.getElementById("legend");
  var colourBy = document.getElementById("colour-by");
  function legendEntry(colour, label, onClick) {
    var li = htmlEl("li");
    var sw = htmlEl("span", null, "swatch");
    sw.style.background = colour;
    li.appendChild(sw);
    var b = htmlEl("button", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    li.appendChild(b);
    legend.appendChild(li);
  }
  function paint() {
    var byKind = colourBy.value === "kind";
    data.nodes.forEach(function (n) { n.circle.setAttribute("fill", byKind ? n.kindColour : n.colour); });
    clear(legend);
    document.getElementById("legend-title").textContent = byKind ? "Kinds of organisation" : "Communities";
    if (byKind) {
      data.kinds.forEach(function (k) {
        legendEntry(k.colour, k.label, function () { highlight(k.members); });
      });
    } else {
      data.communities.forEach(function (c) {
        legendEntry(c.colour, c.label, function () { select(c.lead); });
      });
    }
  }
  colourBy.addEventListener("change", paint);
  paint();

  // Pan with the mouse or a finger, zoom with the wheel around the pointer.
  function applyView() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    relabel();
  }
  function toView(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toView(ev), k = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    if (view.w * k < home.w / 40 || view.w * k > home.w * 4) return;
    view.x = p.x - (p.x - view.x) * k; view.y = p.y - (p.y - view.y) * k;
    view.w *= k; view.h *= k;
    applyView();
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.target !== svg) return;
    drag = toView(ev);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var p = toView(ev);
    view.x -= p.x - drag.x; view.y -= p.y - drag.y;
    applyView();
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
  document.getElementById("reset").addEventListener("click", function () {
    view = { x: home.x, y: home.y, w: home.w, h: home.h };
    applyView();
  });

  showStatus(null);
  placeLabels();
  svg.setAttribute("data-ready", "true"); // for tests and scripts: drawing is complete
})();
