// The partner-network page: draws the network laid out by iempkg (positions come from Python),
// with hover details, a click for an organisation's events, search, a year filter and a choice of
// colours (by community or by kind of organisation).
// Written for this page, no library, nothing fetched. Every text from the data reaches the DOM
// through textContent or an attribute value, never through HTML parsing.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var SCALE = 450; // layout coordinates are in [-1, 1]; the view box is 1000 wide
  var LABELS = 15; // the most connected nodes keep a label, others show it on hover
  var svg = document.getElementById("graph");
  var tip = document.getElementById("tip");
  var statusEl = document.getElementById("status");
  var selected = -1;
  var view = { x: -500, y: -500, w: 1000, h: 1000 };

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

  var maxWd = data.nodes.reduce(function (m, n) { return Math.max(m, n.wd); }, 1);
  function radius(n) { return n.type === "person" ? 4 : 5 + 25 * Math.sqrt(n.wd / maxWd); }

  var viewport = svgEl("g", {});
  var edgeLayer = svgEl("g", { "class": "edges" });
  var nodeLayer = svgEl("g", { "class": "nodes" });
  viewport.appendChild(edgeLayer);
  viewport.appendChild(nodeLayer);
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
    if (i < LABELS && n.type === "organisation") {
      var t = svgEl("text", { y: r + 13 });
      // Long names without an acronym are cut on the drawing; the tooltip has them in full.
      t.textContent = n.label.length > 32 ? n.label.slice(0, 31) + "\u2026" : n.label;
      g.appendChild(t);
    }
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

    var partners = document.getElementById("d-partners");
    clear(partners);
    data.edges.filter(function (e) { return e.s === i || e.t === i; })
      .sort(function (a, b) { return b.w - a.w; })
      .forEach(function (e) {
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
  function applyView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  function toView(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toView(ev), k = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    if (view.w * k < 50 || view.w * k > 8000) return;
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
    view = { x: -500, y: -500, w: 1000, h: 1000 };
    applyView();
  });

  showStatus(null);
  svg.setAttribute("data-ready", "true"); // for tests and scripts: drawing is complete
})();
