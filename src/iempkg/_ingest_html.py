"""HTML pages: the main text (trafilatura) and the page's own metadata (meta tags, lxml).

trafilatura is used because separating an article from menus, sidebars, footers and comments is
its whole job and it is well maintained; it parses the string it is given, runs no script and
fetches nothing. Metadata is read from the page's meta tags first (Open Graph, schema.org,
Dublin Core) so that a stated publication date always beats a guessed one.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from ._ingest_text import parse_date


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None


_DATE_KEYS = (
    "article:published_time", "datepublished", "dc.date", "dc.date.issued", "dcterms.date",
    "date", "pubdate", "publish-date", "og:published_time", "sailthru.date",
)  # fmt: skip
_URL_KEYS = ("og:url",)
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title")


def _meta(tree: object) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):  # type: ignore[attr-defined]
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value:
            out.setdefault(key, value)
    for el in tree.iter("link"):  # type: ignore[attr-defined]
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            out.setdefault("canonical", el.get("href").strip())
    for el in tree.iter("time"):  # type: ignore[attr-defined]
        if el.get("datetime"):
            out.setdefault("time", el.get("datetime").strip())
            break
    return out


def read_html(html: str) -> HtmlPage:
    """The article of one page: main text as paragraphs separated by blank lines, and metadata."""
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError or ValueError on empty or odd documents
        tree = None
    meta = _meta(tree) if tree is not None else {}
    title = next((meta[k] for k in _TITLE_KEYS if k in meta), None)
    if title is None and tree is not None:
        h1 = tree.find(".//h1")
        heading = " ".join(h1.text_content().split()) if h1 is not None else ""
        page_title = tree.findtext(".//title") or ""
        title = heading or " ".join(page_title.split()) or None
    published = None
    for key in (*_DATE_KEYS, "time"):
        if key in meta and (published := parse_date(meta[key])):
            break
    url = next((meta[k] for k in (*_URL_KEYS, "canonical") if k in meta), None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            with_metadata=published is None,
            deduplicate=False,
        )
    text = ""
    if doc is not None:
        text = getattr(doc, "text", None) or ""
        if published is None and getattr(doc, "date", None):
            published = parse_date(str(getattr(doc, "date", "")))
    if not text.strip() and tree is not None:
        # A page too small for trafilatura's heuristics: the body's text without scripts/styles.
        for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer"):
            bad.drop_tree()
        body = tree.find(".//body")
        text = body.text_content() if body is not None else ""
    # trafilatura writes one paragraph per line; the layout parser wants blank lines between.
    paragraphs = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return HtmlPage("\n\n".join(paragraphs), title, published, url)
