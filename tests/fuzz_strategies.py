"""Hypothesis strategies for random archives and records, shared by the property tests
(tests/test_guarantee_valid_graph.py) and `make fuzz` (fuzz/run.py).

`articles()` draws the text of one article from words the extractor reacts to (honorifics,
titles, organisation words, acronyms in brackets, dates in many forms, places, event and
outcome verbs, SDG mentions), random Unicode and hostile characters (quotes, markup, NUL,
right-to-left marks, lone surrogates in JSON); `archives()` lays several out as files in every
format the ingest reads; `records()` draws hand-written records, valid by construction or (with
`valid=False`) perturbed.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from iempkg.model import EVENT_KINDS, OUTCOME_KINDS

WORDS = (
    "Dr.", "Prof.", "Mr.", "Ms.", "H.E.", "Director", "Deputy Director", "Secretary-General",
    "Minister", "President", "of", "the", "and", "with", "from", "to", "in", "at", "on", "by",
    "Institute", "University", "Ministry of Ecology and Environment", "Academy of Sciences",
    "Chinese Academy of Sciences (CAS)", "UNEP-IEMP", "United Nations Environment Programme",
    "Kenya Forestry Research Institute (KEFRI)", "Soil Center", "Centre", "Programme",
    "International Union for Conservation of Nature (IUCN)", "Partnership", "Council",
    "met", "visited", "signed", "hosted", "held", "co-organized", "attended", "launched",
    "a Memorandum of Understanding", "MoU", "agreement", "joint project", "joint laboratory",
    "workshop", "training", "conference", "forum", "meeting", "talks", "field work", "visit",
    "agreed to", "prepare", "develop", "a joint report", "roadmap",
    "5 May 2023", "January 31, 2024", "2024-02-01", "from 16 to 19 October 2022", "on 3rd March",
    "2019", "31/12/2023", "May 2021", "Nairobi", "Kenya", "Beijing", "China", "Kunming",
    "Phnom Penh", "Cambodia", "Addis Ababa", "Ethiopia", "Genève", "Paris",
    "SDG 15", "Goal 13", "SDGs 2 and 6", "biodiversity", "climate change", "land degradation",
    "wetlands", "black soil", "(", ")", ",", ".", ";", ":", "'s", "-", "–", "&",
)  # fmt: skip
HOSTILE = (
    '"', "'", "<", ">", "&amp;", "<script>alert(1)</script>", "]]>", "\\", "\x00", "\x07",
    "\u200f", "\u200e", "\u202e", "\u2066", "\ufeff", "\u2028", "\r", "\t", "\n", "\u00a0",
    "`", "|", "*", "_", "[x](http://127.0.0.1:9/)", "{{", "}}", "@context", "#", "%", "?",
    "\U0001f600", "中国科学院", "مرحبا", "Ω", "ﬁ", "e\u0301", "\ufffd", "\uffff",
)  # fmt: skip

_unicode = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_name = st.builds(
    lambda h, given, family: f"{h} {given} {family}",
    st.sampled_from(("Dr.", "Prof.", "Mr.", "Ms.")),
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True),
)
_org = st.builds(
    lambda a, b, acr: f"{a} {b}" + (f" ({acr})" if acr else ""),
    st.sampled_from(("the Institute of", "the Ministry of", "the University of", "the Centre for")),
    st.from_regex(r"[A-Z][a-z]{2,10}( [A-Z][a-z]{2,10})?", fullmatch=True),
    st.one_of(st.none(), st.from_regex(r"[A-Z]{2,6}", fullmatch=True)),
)
token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), _name, _org, st.sampled_from(HOSTILE), _unicode
)
sentence = st.lists(token, min_size=1, max_size=20).map(" ".join)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(lambda s: ". ".join(s) + ".")
DATE_LINES = ("  • 01 February 2024  |  News", "18 Nov 2016", "Published: 2023-05-06", "|")


@st.composite
def articles(draw: st.DrawFn) -> dict[str, Any]:
    """One article: title, date line, paragraphs, furniture (each may be missing)."""
    return {
        "title": draw(st.one_of(st.none(), sentence)),
        "dateline": draw(st.one_of(st.none(), st.sampled_from(DATE_LINES), sentence)),
        "paragraphs": draw(st.lists(paragraph, min_size=0, max_size=4)),
        "furniture": draw(
            st.lists(
                st.sampled_from(
                    ("Related Sustainable Development Goals", "Photo: a caption", "Share this")
                ),
                max_size=2,
            )
        ),
        "published": draw(st.one_of(st.none(), st.sampled_from(("2023-05-06", "May 7, 2023")), _unicode)),
        "url": draw(st.one_of(st.none(), st.sampled_from(("https://e.org/a", "not a url")), _unicode)),
    }


def _text(a: dict[str, Any]) -> str:
    head = [x for x in (a["title"], a["dateline"]) if x]
    return "\n\n".join([*head, *a["paragraphs"], *a["furniture"]])


def _html(a: dict[str, Any], escape: bool) -> str:
    from html import escape as esc

    e = esc if escape else (lambda s: s)
    meta = f'<meta property="article:published_time" content="{e(a["published"] or "")}">'
    paras = "".join(f"<p>{e(p)}</p>" for p in a["paragraphs"])
    return (
        f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{e(a['title'] or '')}</title>"
        f"{meta}<script>fetch('http://127.0.0.1:9/')</script>"
        f"<link rel=\"stylesheet\" href=\"http://127.0.0.1:9/x.css\"></head><body><article>"
        f"<h1>{e(a['title'] or '')}</h1><p>{e(a['dateline'] or '')}</p>{paras}"
        f"<img src=\"http://127.0.0.1:9/i.png\"></article></body></html>"
    )


def _markdown(a: dict[str, Any]) -> str:
    front = "\n".join(f"{k}: {json.dumps(a[k])}" for k in ("title", "published", "url") if a[k])
    body = "\n\n".join(f"**{p}**" if i % 2 else p for i, p in enumerate(a["paragraphs"]))
    return f"---\n{front}\n---\n\n# {a['title'] or ''}\n\n{body}\n"


def _json(a: dict[str, Any], ascii_only: bool) -> str:
    obj = {k: a[k] for k in ("title", "published", "url") if a[k] is not None}
    obj["text"] = "\n\n".join(a["paragraphs"])
    return json.dumps(obj, ensure_ascii=ascii_only)


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of an archive: (suffix, bytes)."""
    kind = draw(st.sampled_from(("txt", "txt", "html", "html-raw", "md", "jsonl", "json", "bytes")))
    if kind == "bytes":
        return draw(st.sampled_from((".txt", ".html", ".jsonl", ".md"))), draw(st.binary(max_size=600))
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "utf-16", "gb18030", "cp1252")))
    if kind == "jsonl":
        lines = [_json(draw(articles()), draw(st.booleans())) for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):  # a broken line among good ones
            lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(('{"text": ', "[1, 2]", "{}", "null", '"\\ud800"'))))
        return ".jsonl", "\n".join(lines).encode("utf-8")
    a = draw(articles())
    if kind == "json":
        return ".json", _json(a, True).encode("utf-8")
    suffix, text = {
        "txt": (".txt", _text(a)),
        "html": (".html", _html(a, escape=True)),
        "html-raw": (".html", _html(a, escape=False)),
        "md": (".md", _markdown(a)),
    }[kind]
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]  # truncated
    return suffix, data


@st.composite
def archives(draw: st.DrawFn) -> dict[str, bytes]:
    """A few files, named by position (a duplicate now and then)."""
    out: dict[str, bytes] = {}
    for i, (suffix, data) in enumerate(draw(st.lists(files(), min_size=1, max_size=3))):
        out[f"a{i}{suffix}"] = data
    if draw(st.integers(0, 4)) == 0:
        name, data = next(iter(out.items()))
        out["copy-" + name] = data
    return out


# --- records --------------------------------------------------------------------------------

_rtext = st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE), _unicode, sentence)
_date = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
)
_span = st.tuples(st.integers(0, 400), st.integers(0, 400)).map(lambda t: sorted(t))
_spans = st.lists(_span, max_size=2)


@st.composite
def records(draw: st.DrawFn, source: str, valid: bool = True) -> Any:
    """A hand-written record for `source`; with `valid=False`, perhaps a broken one."""
    text = st.one_of(st.none(), _rtext)
    orgs = draw(
        st.lists(
            st.fixed_dictionaries(
                {"name": _rtext},
                optional={
                    "acronym": text, "aliases": st.lists(_rtext, max_size=2), "parent": text,
                    "country": text, "spans": _spans,
                },
            ),
            max_size=4,
        )
    )  # fmt: skip
    org_names = [o["name"] for o in orgs] or ["Nobody"]
    persons = draw(
        st.lists(
            st.fixed_dictionaries(
                {"name": _rtext},
                optional={
                    "honorific": text, "title": text, "spans": _spans,
                    "organisation": st.one_of(text, st.sampled_from(org_names)),
                },
            ),
            max_size=4,
        )
    )  # fmt: skip
    person_names = [p["name"] for p in persons] or ["Nobody"]
    outcome = st.fixed_dictionaries(
        {"kind": st.sampled_from(OUTCOME_KINDS)},
        optional={
            "summary": text,
            "parties": st.lists(st.one_of(st.sampled_from(org_names), _rtext), max_size=3),
            "spans": _spans,
        },
    )
    place = st.one_of(
        st.none(),
        st.fixed_dictionaries({}, optional={"city": text, "country": text, "venue": text, "spans": _spans}),
    )
    event = st.fixed_dictionaries(
        {},
        optional={
            "kind": st.sampled_from(EVENT_KINDS), "start": _date, "end": _date, "place": place,
            "organisations": st.lists(st.one_of(st.sampled_from(org_names), _rtext), max_size=4),
            "persons": st.lists(st.one_of(st.sampled_from(person_names), _rtext), max_size=4),
            "outcomes": st.lists(outcome, max_size=2), "organizer": st.one_of(text, st.sampled_from(org_names)),
            "spans": st.dictionaries(st.sampled_from(("kind", "date", "place")), _spans, max_size=3),
        },
    )  # fmt: skip
    evidence = st.fixed_dictionaries(
        {"goal": st.integers(1, 17)},
        optional={
            "method": st.sampled_from(("stated", "inferred")),
            "score": st.floats(allow_nan=True, allow_infinity=True), "triggers": st.lists(_rtext, max_size=2),
            "spans": _spans,
        },
    )  # fmt: skip
    record: dict[str, Any] = {
        "source": source,
        "title": draw(text),
        "published": draw(st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))),
        "url": draw(text),
        "events": draw(st.lists(event, max_size=2)),
        "organisations": orgs,
        "persons": persons,
        "topics": draw(st.lists(_rtext, max_size=3)),
        "sdgs": draw(st.lists(st.integers(1, 17), max_size=3)),
        "sdg_evidence": draw(st.lists(evidence, max_size=2)),
        "topic_spans": draw(st.dictionaries(_rtext, _spans, max_size=2)),
    }
    if valid or draw(st.booleans()):
        return record
    return draw(_perturbed(record))


_junk = st.one_of(
    st.none(), st.integers(-5, 50), st.floats(), st.text(max_size=5), st.booleans(),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just("\ud800"), st.just("2023-13-01"), st.just("2023-02-30"),
)  # fmt: skip


@st.composite
def _perturbed(draw: st.DrawFn, record: dict[str, Any]) -> Any:
    """`record` with one value somewhere replaced by junk (or not an object at all)."""
    if draw(st.integers(0, 9)) == 0:
        return draw(_junk)
    paths: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k in node:
                paths.append((node, k))
                walk(node[k])
        elif isinstance(node, list):
            for i in range(len(node)):
                paths.append((node, i))
                walk(node[i])

    walk(record)
    parent, key = draw(st.sampled_from(paths))
    parent[key] = draw(_junk)
    return record
