"""The plain data that flows between the pipeline stages.

Layout:
- `Document`: what `ingest` reads from a file (text and page metadata), before any extraction.
- `Article`: the extracted record of one document, in the shape documented in
  ``docs/record.md`` (the same shape as the evaluation's gold records), made of `Event`,
  `Organisation`, `Person`, `Outcome`, `Place` and `SdgAssessment`.
- `Span`: a character range into `Document.text`, kept with every extracted fact so that the
  graph can say which sentence a fact came from.

`Article.to_dict()` / `Article.from_dict()` are the JSON (and YAML) form; a curator may write that
form by hand, so `from_dict` checks it and raises `RecordError` naming the field at fault.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from .errors import RecordError

EVENT_KINDS = (
    "meeting",
    "visit",
    "workshop",
    "training",
    "conference",
    "signing",
    "launch",
    "fieldwork",
    "other",
)
OUTCOME_KINDS = (
    "agreement",
    "mou",
    "joint-project",
    "joint-lab",
    "publication",
    "plan",
    "training-delivered",
    "other",
)

_RECORD_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")


def is_record_date(value: str) -> bool:
    """True for the record's date forms: ``YYYY-MM-DD`` or month-only ``YYYY-MM``."""
    if not _RECORD_DATE.fullmatch(value):
        return False
    if len(value) == 7:
        return True
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Characters ``text[start:end]`` of `Document.text`."""

    start: int
    end: int

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(slots=True)
class Document:
    """One ingested article: the text the extractor reads and what the page said about it.

    `text` is the title (when there is one) followed by a blank line and the body paragraphs
    separated by blank lines; spans index into it. `furniture` keeps what was recognised as page
    furniture (captions, 'Related Sustainable Development Goals', share links) and left out.
    """

    source: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    category: str | None = None
    path: str | None = None
    line: int | None = None
    format: str = "text"
    furniture: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised text and metadata: equal for duplicate articles."""
        h = hashlib.sha256()
        for part in (self.title or "", self.published or "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    @property
    def body_start(self) -> int:
        """Offset in `text` where the body starts (after the title and its blank line)."""
        if self.title and self.text.startswith(self.title):
            return min(len(self.text), len(self.title) + 2)
        return 0


@dataclass(slots=True)
class Place:
    city: str | None = None
    country: str | None = None
    venue: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    kind: str
    summary: str
    parties: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    kind: str = "other"
    start: str | None = None
    end: str | None = None
    place: Place | None = None
    organisations: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    organizer: str | None = None
    # Evidence for the event's kind, date and place: keys "kind", "date", "place".
    spans: dict[str, list[Span]] = field(default_factory=dict)


@dataclass(slots=True)
class Organisation:
    name: str
    acronym: str | None = None
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    country: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    name: str
    honorific: str | None = None
    title: str | None = None
    organisation: str | None = None
    spans: list[Span] = field(default_factory=list)


MAX_SDG_SCORE = 1_000_000


@dataclass(slots=True)
class SdgAssessment:
    """Why an SDG is attached: stated in the text, or inferred with a score and trigger words."""

    goal: int
    method: str  # "stated" | "inferred"
    score: float = 1.0
    triggers: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """The extracted record of one article (see docs/record.md)."""

    source: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    events: list[Event] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    sdg_evidence: list[SdgAssessment] = field(default_factory=list)
    topic_spans: dict[str, list[Span]] = field(default_factory=dict)
    curated: bool = False

    def organisation(self, name: str) -> Organisation | None:
        """The organisation called `name` (its name, acronym or an alias), if the record has one."""
        key = name.casefold()
        for org in self.organisations:
            if key in {n.casefold() for n in (org.name, org.acronym or "", *org.aliases) if n}:
                return org
        return None

    def person(self, name: str) -> Person | None:
        key = name.casefold()
        return next((p for p in self.persons if p.name.casefold() == key), None)

    def to_dict(self) -> dict[str, Any]:
        return article_to_dict(self)

    @classmethod
    def from_dict(cls, data: Any, where: str = "record") -> Article:
        return article_from_dict(data, where)


def share_strings(article: Article) -> Article:
    """`article` with every name, title and label replaced by the one shared copy of its text
    (`sys.intern`), in place. Partners, people and places recur across an archive, and a record
    unpickled from a worker or read from JSON holds copies of its own: sharing them is a quarter
    of the memory of a record (3.1 of 12.6 KB, measured on a synthetic 10,000-article archive),
    some 300 MB of a 100,000-article build."""
    i = _share
    a = article
    a.source, a.title, a.published, a.url = (
        sys.intern(a.source),
        i(a.title),
        i(a.published),
        i(a.url),
    )
    for o in a.organisations:
        o.name, o.acronym = sys.intern(o.name), i(o.acronym)
        o.parent, o.country = i(o.parent), i(o.country)
        o.aliases = [sys.intern(x) for x in o.aliases]
    for p in a.persons:
        p.name, p.honorific, p.title = sys.intern(p.name), i(p.honorific), i(p.title)
        p.organisation = i(p.organisation)
    for e in a.events:
        e.kind, e.start, e.end = sys.intern(e.kind), i(e.start), i(e.end)
        e.organizer = i(e.organizer)
        e.organisations = [sys.intern(x) for x in e.organisations]
        e.persons = [sys.intern(x) for x in e.persons]
        if e.place is not None:
            pl = e.place
            pl.city, pl.country, pl.venue = i(pl.city), i(pl.country), i(pl.venue)
        for out in e.outcomes:
            out.kind, out.summary = sys.intern(out.kind), sys.intern(out.summary)
            out.parties = [sys.intern(x) for x in out.parties]
        e.spans = {sys.intern(k): v for k, v in e.spans.items()}
    a.topics = [sys.intern(x) for x in a.topics]
    for s in a.sdg_evidence:
        s.method = sys.intern(s.method)
        s.triggers = [sys.intern(x) for x in s.triggers]
    a.topic_spans = {sys.intern(k): v for k, v in a.topic_spans.items()}
    return a


def _share(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


# --- JSON form -------------------------------------------------------------------------------


def _spans(spans: list[Span]) -> list[list[int]]:
    return [s.to_list() for s in spans]


def article_to_dict(a: Article) -> dict[str, Any]:
    """The record as JSON-ready data: the gold keys first, then evidence (spans, SDG reasons)."""

    def place(p: Place | None) -> dict[str, Any] | None:
        if p is None:
            return None
        d: dict[str, Any] = {"city": p.city, "country": p.country}
        if p.venue:
            d["venue"] = p.venue
        if p.spans:
            d["spans"] = _spans(p.spans)
        return d

    def outcome(o: Outcome) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": o.kind, "summary": o.summary}
        if o.parties:
            d["parties"] = list(o.parties)
        if o.spans:
            d["spans"] = _spans(o.spans)
        return d

    def event(e: Event) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": e.kind,
            "start": e.start,
            "end": e.end,
            "place": place(e.place),
            "organisations": list(e.organisations),
            "persons": list(e.persons),
            "outcomes": [outcome(o) for o in e.outcomes],
        }
        if e.organizer:
            d["organizer"] = e.organizer
        if e.spans:
            d["spans"] = {k: _spans(v) for k, v in sorted(e.spans.items())}
        return d

    def org(o: Organisation) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": o.name,
            "acronym": o.acronym,
            "aliases": list(o.aliases),
            "parent": o.parent,
        }
        if o.country:
            d["country"] = o.country
        if o.spans:
            d["spans"] = _spans(o.spans)
        return d

    def person(p: Person) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": p.name,
            "honorific": p.honorific,
            "title": p.title,
            "organisation": p.organisation,
        }
        if p.spans:
            d["spans"] = _spans(p.spans)
        return d

    out: dict[str, Any] = {
        "source": a.source,
        "title": a.title,
        "published": a.published,
        "events": [event(e) for e in a.events],
        "organisations": [org(o) for o in a.organisations],
        "persons": [person(p) for p in a.persons],
        "topics": list(a.topics),
        "sdgs": list(a.sdgs),
    }
    if a.url:
        out["url"] = a.url
    if a.sdg_evidence:
        out["sdg_evidence"] = [
            {
                "goal": s.goal,
                "method": s.method,
                "score": round(s.score, 4),
                "triggers": list(s.triggers),
                **({"spans": _spans(s.spans)} if s.spans else {}),
            }
            for s in a.sdg_evidence
        ]
    if a.topic_spans:
        out["topic_spans"] = {k: _spans(v) for k, v in sorted(a.topic_spans.items())}
    if a.curated:
        out["curated"] = True
    return out


class _Reader:
    """Checks hand-written data field by field, naming the first field at fault."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, what: str) -> RecordError:
        return RecordError(
            f"field '{path}' {what}", self.where, "fix the record (see docs/record.md)"
        )

    def obj(self, v: Any, path: str) -> dict[str, Any]:
        if not isinstance(v, dict):
            raise self.fail(path, "must be an object")
        return v

    def str_(self, d: dict[str, Any], key: str, path: str, required: bool = False) -> str | None:
        v = d.get(key)
        if v is None:
            if required:
                raise self.fail(f"{path}.{key}" if path else key, "is required")
            return None
        if not isinstance(v, str):
            raise self.fail(f"{path}.{key}" if path else key, "must be a string or null")
        return v

    def strs(self, d: dict[str, Any], key: str, path: str) -> list[str]:
        v = d.get(key) or []
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise self.fail(f"{path}.{key}" if path else key, "must be a list of strings")
        return list(v)

    def list_(self, d: dict[str, Any], key: str, path: str) -> list[Any]:
        v = d.get(key) or []
        if not isinstance(v, list):
            raise self.fail(f"{path}.{key}" if path else key, "must be a list")
        return v

    def spans(self, d: dict[str, Any], path: str, key: str = "spans") -> list[Span]:
        v = d.get(key) or []
        out = []
        for i, s in enumerate(v if isinstance(v, list) else [None]):
            # (exact type tests: a bool is an int subclass; every cached record passes through
            # here, 18 spans each, so this stays cheap)
            ok = (
                type(s) is list
                and len(s) == 2
                and type(s[0]) is int
                and type(s[1]) is int
                and 0 <= s[0] <= s[1]
            )
            if not ok:
                raise self.fail(f"{path}.{key}[{i}]", "must be [start, end] character offsets")
            out.append(Span(s[0], s[1]))
        return out

    def date(self, d: dict[str, Any], key: str, path: str, full: bool = False) -> str | None:
        v = self.str_(d, key, path)
        if v is not None and (not is_record_date(v) or (full and len(v) != 10)):
            what = "must be YYYY-MM-DD or null" if full else "must be YYYY-MM-DD, YYYY-MM or null"
            raise self.fail(f"{path}.{key}" if path else key, what)
        return v


def article_from_dict(data: Any, where: str = "record") -> Article:
    r = _Reader(where)
    d = r.obj(data, "record")
    source = r.str_(d, "source", "", required=True)
    assert source is not None

    def place(v: Any, path: str) -> Place | None:
        if v is None:
            return None
        p = r.obj(v, path)
        return Place(
            city=r.str_(p, "city", path),
            country=r.str_(p, "country", path),
            venue=r.str_(p, "venue", path),
            spans=r.spans(p, path),
        )

    def outcome(v: Any, path: str) -> Outcome:
        o = r.obj(v, path)
        kind = r.str_(o, "kind", path, required=True)
        if kind not in OUTCOME_KINDS:
            raise r.fail(f"{path}.kind", f"must be one of {', '.join(OUTCOME_KINDS)}")
        return Outcome(
            kind=kind,
            summary=r.str_(o, "summary", path) or "",
            parties=r.strs(o, "parties", path),
            spans=r.spans(o, path),
        )

    events = []
    for i, v in enumerate(r.list_(d, "events", "")):
        path = f"events[{i}]"
        e = r.obj(v, path)
        kind = r.str_(e, "kind", path) or "other"
        if kind not in EVENT_KINDS:
            raise r.fail(f"{path}.kind", f"must be one of {', '.join(EVENT_KINDS)}")
        spans_v = e.get("spans") or {}
        if not isinstance(spans_v, dict):
            raise r.fail(f"{path}.spans", "must be an object of span lists")
        start, end = r.date(e, "start", path), r.date(e, "end", path)
        if start and end and end < start:  # as the shapes compare them (a month sorts first)
            raise r.fail(f"{path}.end", f"({end}) is before the start ({start})")
        events.append(
            Event(
                kind=kind,
                start=start,
                end=end,
                place=place(e.get("place"), f"{path}.place"),
                organisations=r.strs(e, "organisations", path),
                persons=r.strs(e, "persons", path),
                outcomes=[
                    outcome(o, f"{path}.outcomes[{j}]")
                    for j, o in enumerate(r.list_(e, "outcomes", path))
                ],
                organizer=r.str_(e, "organizer", path),
                spans={str(k): r.spans(spans_v, f"{path}.spans", k) for k in spans_v},
            )
        )

    orgs = []
    for i, v in enumerate(r.list_(d, "organisations", "")):
        path = f"organisations[{i}]"
        o = r.obj(v, path)
        name = r.str_(o, "name", path, required=True)
        assert name is not None
        orgs.append(
            Organisation(
                name=name,
                acronym=r.str_(o, "acronym", path),
                aliases=r.strs(o, "aliases", path),
                parent=r.str_(o, "parent", path),
                country=r.str_(o, "country", path),
                spans=r.spans(o, path),
            )
        )

    persons = []
    for i, v in enumerate(r.list_(d, "persons", "")):
        path = f"persons[{i}]"
        p = r.obj(v, path)
        name = r.str_(p, "name", path, required=True)
        assert name is not None
        persons.append(
            Person(
                name=name,
                honorific=r.str_(p, "honorific", path),
                title=r.str_(p, "title", path),
                organisation=r.str_(p, "organisation", path),
                spans=r.spans(p, path),
            )
        )

    sdgs_v = d.get("sdgs") or []
    if not isinstance(sdgs_v, list) or not all(
        isinstance(g, int) and not isinstance(g, bool) and 1 <= g <= 17 for g in sdgs_v
    ):
        raise r.fail("sdgs", "must be a list of goal numbers 1-17")

    evidence: list[SdgAssessment] = []
    for i, v in enumerate(r.list_(d, "sdg_evidence", "")):
        path = f"sdg_evidence[{i}]"
        s = r.obj(v, path)
        goal = s.get("goal")
        if not isinstance(goal, int) or not 1 <= goal <= 17:
            raise r.fail(f"{path}.goal", "must be a goal number 1-17")
        if any(e.goal == goal for e in evidence):  # one assessment node per goal and article
            raise r.fail(f"{path}.goal", f"repeats goal {goal} (one entry per goal)")
        method = r.str_(s, "method", path) or "stated"
        if method not in ("stated", "inferred"):
            raise r.fail(f"{path}.method", "must be 'stated' or 'inferred'")
        score = s.get("score", 1.0)
        # Bounded: a graph's xsd:decimal is read by Oxigraph as a fixed-point number (about 1.7e20
        # at most), and a relevance score has no use for more.
        if (
            not isinstance(score, int | float)
            or isinstance(score, bool)
            or not math.isfinite(score)
            or not 0 <= score <= MAX_SDG_SCORE
        ):
            raise r.fail(f"{path}.score", f"must be a number from 0 to {MAX_SDG_SCORE:,}")
        evidence.append(
            SdgAssessment(
                goal=goal,
                method=method,
                score=float(score),
                triggers=r.strs(s, "triggers", path),
                spans=r.spans(s, path),
            )
        )

    topic_spans_v = d.get("topic_spans") or {}
    if not isinstance(topic_spans_v, dict):
        raise r.fail("topic_spans", "must be an object of span lists")

    return Article(
        source=source,
        title=r.str_(d, "title", ""),
        published=r.date(d, "published", "", full=True),  # a page's date is a day
        url=r.str_(d, "url", ""),
        events=events,
        organisations=orgs,
        persons=persons,
        topics=r.strs(d, "topics", ""),
        sdgs=list(sdgs_v),
        sdg_evidence=evidence,
        topic_spans={str(k): r.spans(topic_spans_v, "topic_spans", k) for k in topic_spans_v},
        curated=bool(d.get("curated", False)),
    )
