"""The partner-network page as a person sees it: headless Chromium, no network at all.

Needs the Debian package `chromium` (`make unit` installs it when apt-get is there) and the
`playwright` Python package from the dev extra; playwright's own browser download is never used.
Without a chromium these tests are skipped, except on CI (CI=true), where a missing browser is a
failure: the page must be tested there. The screenshot is kept in out/test-artefacts/.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from iempkg.network import NetworkOptions, partner_network, write_network

from .conftest import ROOT
from .test_network import (
    HOSTILE,
    HOSTILE_IMG,
    apart_records,
    hostile_record,
    network_kg,
    star_records,
)

CHROMIUM = os.environ.get("IEMPKG_CHROMIUM") or next(
    (
        p
        for p in (
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            "/usr/lib/chromium/chromium",  # Debian's binary, when the wrapper is not on PATH
        )
        if p and os.access(p, os.X_OK)
    ),
    None,
)
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# What the page may load: itself, and nothing from anywhere else.
LOCAL = ("file:", "data:", "about:")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTEFACTS = ROOT / "out" / "test-artefacts"


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if CHROMIUM is None:
        return "no chromium found (apt-get install chromium, or set IEMPKG_CHROMIUM)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if ON_CI:
            pytest.fail(f"the page must be tested on CI, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Visit:
    """One page in a fresh context, with everything it tries to do recorded."""

    def __init__(self, browser: Any, html: Path, ready: str = "svg[data-ready]") -> None:
        self.requests: list[str] = []  # anything not local (see LOCAL)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", self._console)
        self.page.on("request", self._request)
        # CSP violations (a blocked inline script, style or fetch) are collected in the page.
        self.page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        self.page.goto(html.as_uri())
        self.page.wait_for_selector(ready, timeout=5000)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: Any) -> None:
        # A second witness besides the route: every request the page starts is reported here.
        if not request.url.startswith(LOCAL):
            self.requests.append(request.url)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def node(self, name: str) -> Any:
        return self.page.locator(f'g.node[aria-label="{name}"]')

    def check_quiet(self) -> None:
        assert self.requests == [], "the page tried to fetch something"
        assert self.dialogs == []
        assert self.errors == []
        assert self.page.evaluate("window.__csp") == []


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Visit]:
    graph = partner_network(network_kg(), NetworkOptions(persons=True))
    write_network(graph, tmp_path)
    v = Visit(browser, tmp_path / "network.html")
    yield v
    v.context.close()


def test_the_page_draws_the_network_and_lists_an_organisations_events(
    visit: Visit, capsys: pytest.CaptureFixture[str]
) -> None:
    page = visit.page
    assert page.locator("g.node").count() == 10  # 8 organisations and 2 persons
    assert page.locator("g.node.organisation").count() == 8
    assert page.locator("line.edge").count() == 15  # 13 partnerships and 2 affiliations
    assert page.text_content("#status") == "8 organisations, 13 partnerships shown"

    # UNEP-IEMP is the biggest node and sits in the middle of the drawing.
    hub = visit.node(
        "United Nations Environment Programme - International Ecosystem Management Partnership"
    )
    box, area = hub.locator("circle").bounding_box(), page.locator("#graph").bounding_box()
    sizes = page.eval_on_selector_all("g.node circle", "cs => cs.map(c => c.r.baseVal.value)")
    assert abs(box["x"] + box["width"] / 2 - (area["x"] + area["width"] / 2)) < 5
    assert abs(box["y"] + box["height"] / 2 - (area["y"] + area["height"] / 2)) < 5
    assert float(hub.locator("circle").get_attribute("r")) == pytest.approx(max(sizes), abs=1e-4)

    hub.hover()
    assert page.locator("#tip").is_visible()
    assert "China" in page.text_content("#tip")
    hub.click()
    assert page.text_content("#d-name").startswith("United Nations Environment Programme")
    events = page.locator("#d-events li")
    assert events.count() == 4
    assert events.nth(0).text_content().startswith("2023-05-10signing")
    assert "→ mou: MoU on dryland restoration" in events.nth(0).text_content()
    link = events.nth(0).locator("a")
    assert link.get_attribute("href") == "https://example.org/news/net-01"
    assert events.nth(3).text_content().startswith("undatedvisit")
    page.mouse.move(5, 5)  # the tooltip would hide part of the picture
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / "network-page.png"
    page.screenshot(path=str(shot))
    with capsys.disabled():
        print(f"\nscreenshot of the network page: {shot}")
    visit.check_quiet()


def test_search_and_year_filter(visit: Visit) -> None:
    page = visit.page
    page.fill("#search", "kefri")
    assert page.locator("g.node.match").count() == 1
    page.press("#search", "Enter")
    assert page.text_content("#d-name") == "Kenya Forestry Research Institute"
    page.fill("#search", "")
    page.select_option("#year", "2022")
    visible = page.eval_on_selector_all(
        "g.node.organisation:not(.hidden)", "gs => gs.map(g => g.getAttribute('aria-label')).sort()"
    )
    assert visible == [
        "International Union for Conservation of Nature",
        "Wetlands International",
        "World Wide Fund for Nature",
    ]
    assert page.text_content("#status") == "3 organisations, 3 partnerships shown"
    visit.check_quiet()


def test_colours_by_community_or_by_kind(visit: Visit) -> None:
    page = visit.page
    hub = visit.node(
        "United Nations Environment Programme - International Ecosystem Management Partnership"
    ).locator("circle")
    kefri = visit.node("Kenya Forestry Research Institute").locator("circle")
    assert hub.get_attribute("fill") == kefri.get_attribute("fill")  # one community
    assert page.text_content("#legend-title") == "Communities"
    page.select_option("#colour-by", "kind")
    assert hub.get_attribute("fill") != kefri.get_attribute("fill")  # a UN body, an institute
    assert page.text_content("#legend-title") == "Kinds of organisation"
    legend = page.locator("#legend button")
    assert legend.all_text_contents() == [
        "un-body (1)",
        "research-institute (1)",
        "kind unknown (6)",
    ]
    legend.nth(1).click()
    assert page.locator("g.node.match").count() == 1
    visit.check_quiet()


def test_a_hostile_name_is_only_text(browser: Any, tmp_path: Path) -> None:

    write_network(partner_network(network_kg([hostile_record()])), tmp_path)
    v = Visit(browser, tmp_path / "network.html")
    try:
        page = v.page
        node = v.node(HOSTILE)
        assert node.count() == 1
        node.hover()
        assert page.text_content("#tip strong") == HOSTILE
        node.click()
        assert page.text_content("#d-name") == HOSTILE
        v.node(HOSTILE_IMG).click()
        assert page.text_content("#d-name") == HOSTILE_IMG
        text = page.text_content("#d-events")
        assert "meets UNEP-IEMP" in text and "{data}" in text
        assert page.locator("#d-events a").count() == 0  # the javascript: URL is not a link
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 2  # the data block and the page's own
        page.fill("#search", "<script")
        assert page.locator("g.node.match").count() == 1
        v.check_quiet()
        assert page.evaluate("document.title") == "Partner network"
    finally:
        v.context.close()


_BOXES = """els => els.map(e => {
  const b = e.getBoundingClientRect();
  return [e.textContent, b.left, b.top, b.right, b.bottom];
})"""


def _apart(a: list[Any], b: list[Any]) -> bool:
    return a[3] <= b[1] + 1 or b[3] <= a[1] + 1 or a[4] <= b[2] + 1 or b[4] <= a[2] + 1


def test_a_network_in_pieces_opens_whole_with_labels_apart(browser: Any, tmp_path: Path) -> None:
    write_network(partner_network(network_kg([*apart_records(), *star_records(30)])), tmp_path)
    v = Visit(browser, tmp_path / "network.html")
    try:
        page = v.page
        area = page.locator("#graph").bounding_box()
        disks = page.eval_on_selector_all("g.node circle", _BOXES)
        assert len(disks) == 8 + 30 + 3 + 2
        for _, x0, y0, x1, y1 in disks:  # every node in sight at the opening view
            assert area["x"] <= x0 and x1 <= area["x"] + area["width"]
            assert area["y"] <= y0 and y1 <= area["y"] + area["height"]
        labels = page.eval_on_selector_all(".labels text:not(.hidden)", _BOXES)
        names = {t for t, *_ in labels}
        assert {"UNEP-IEMP", "ARI", "Coastal Trust"} <= names  # the hub, a name for each group
        assert len(labels) == 15
        for a, b in itertools.combinations(labels, 2):
            assert _apart(a, b), (a, b)

        # Zooming in keeps labels at their size on screen, and makes room for more of them.
        hub = v.node(
            "United Nations Environment Programme - International Ecosystem Management Partnership"
        ).locator("circle")
        box = hub.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for _ in range(6):
            page.mouse.wheel(0, -100)
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        zoomed = page.eval_on_selector_all(".labels text:not(.hidden)", _BOXES)
        heights = {round(b[4] - b[2]) for b in [*labels, *zoomed]}
        assert max(heights) - min(heights) <= 1
        assert len(zoomed) > len(labels) or {t for t, *_ in zoomed} != names
        for a, b in itertools.combinations(zoomed, 2):
            assert _apart(a, b), (a, b)

        # The hub's 32 partners: the strongest dozen, then a button for the rest.
        hub.click()
        partners = page.locator("#d-partners li")
        assert partners.count() == 13
        page.click("#d-partners button.more")
        assert partners.count() == 5 + 30  # the fixture's five partners and the star's thirty
        v.check_quiet()
    finally:
        v.context.close()


def test_the_request_recorder_sees_a_fetch(browser: Any, tmp_path: Path) -> None:
    """The recorder is what proves the page fetches nothing, so check that it can see a fetch."""
    page = tmp_path / "leaky.html"
    page.write_text('<p id="x">x</p><img src="http://192.0.2.1/pixel.png">', "utf-8")
    v = Visit(browser, page, ready="#x")
    try:
        v.page.wait_for_load_state("load")
        assert set(v.requests) == {"http://192.0.2.1/pixel.png"}  # seen by route and event
    finally:
        v.context.close()
