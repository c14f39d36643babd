"""The event a news article reports: kind, date, place, participants, organizer and outcomes.

Layout:
- `find_events(doc, entities) -> list[Event]`: the article's main event (news items here report
  one), assembled from the steps below, each with the spans it came from.
- `_kinds.score_kinds`: kind from trigger words weighted by position (title, lead, later).
- `_pick_date`: among `_dates.find_dates`, the event's date (not the page date, a dateline that
  only dates the story, nor background such as "since 2016" or a conference around a signing).
- `_places.pick_place`: the place the grammar introduces ("held in", datelines, ...).
- `_participants`: the organisations and persons that took part; `_organizer`: who hosted.
- `_outcomes.find_outcomes`: agreements, MoUs, plans, labs, publications, trainings.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Document, Event, Span
from ._dates import DateMention, find_dates, page_date
from ._kinds import Sentence, score_kinds, sentences
from ._outcomes import find_outcomes, training_delivered
from ._places import pick_place
from .entities import Entities

# Words before a date that make it the event's date, or background.
_ON = re.compile(r"(?:^|\b(?:on|from|between|held|took place|taking place|dated|during))\s*$", re.I)
_BACKGROUND = re.compile(
    r"\b(?:since|until|till|by|before|after|as of|in|of|the)\s+(?:the\s+)?$", re.I
)
_YEARLY = re.compile(r",?\s+(?:of\s+)?(?:each|every)\s+year\b", re.I)
_HELD = re.compile(r"\b(?:held|took place|taking place|convened|organi[sz]ed|hosted)\b", re.I)
_HOST = re.compile(
    r"\b(?:hosted|organi[sz]ed|convened|co-organi[sz]ed|sponsored)\s+by\s+(?:the\s+)?$", re.I
)
_HOST_VERB = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:has\s+|have\s+|successfully\s+)?(?:held|hosted|hosts|holds|organi[sz]ed|organi[sz]es|convened|convenes)\b(?!\s+talks)",
    re.I,
)


def find_events(doc: Document, entities: Entities) -> list[Event]:
    text = doc.text
    sents = sentences(doc)
    kind, kind_spans, _ = score_kinds(text, sents)
    published = doc.published or page_date(text)
    dates = find_dates(text, published)
    date = _pick_date(text, sents, dates, kind_spans, published)
    event_sents = _event_sentences(sents, kind_spans, date)
    place = pick_place(doc, sents, event_sents, dates, entities.organisations)
    orgs = _participants(text, entities)
    start, end = (date.start, date.end) if date else (None, None)
    if date is not None and date.start == date.end:
        start = _first_day(text, sents, date) or start
    event = Event(
        kind=kind,
        start=start,
        end=end,
        place=place,
        organisations=orgs,
        persons=[p.name for p in entities.persons],
        organizer=_organizer(text, event_sents, entities, orgs),
    )
    year = event.start[:4] if event.start else None
    event.outcomes = find_outcomes(text, sents, entities.organisations, orgs, year)
    # (a "capacity-building workshop" trains its participants as a training course does)
    trains = kind == "training" or (
        kind == "workshop"
        and any(_CAPACITY_BUILDING.search(text, max(0, k.start - 25), k.start) for k in kind_spans)
    )
    if trains and not any(o.kind == "training-delivered" for o in event.outcomes):
        given = training_delivered(text, sents, kind_spans)
        if given is not None:
            given.parties = [event.organizer] if event.organizer else list(orgs)
            event.outcomes.append(given)
    event.spans = {"kind": kind_spans[:3]}
    if date:
        event.spans["date"] = [date.span]
    if place and place.spans:
        event.spans["place"] = list(place.spans)
    return [event]


# "recently visited", "met last week" (not "the recently established centre")
_RECENTLY = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )\brecently\s+(?:[a-z]+ed|paid|held|met|made|went|came|took)\b"
    r"|\b(?:last week|earlier this (?:week|month))\b",
    re.I,
)
_ENDED_ON = re.compile(
    r"\b(?:concluded|ended|closed|wrapped up|culminated)\s+(?:here\s+|today\s+)?(?:on\s+)?$", re.I
)
_CAPACITY_BUILDING = re.compile(r"\bcapacity[- ]building\s+$", re.I)
_N_DAYS = re.compile(r"\b(two|three|four|five|six|seven|[1-9]\d|[2-9])[- ]day\b", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _first_day(text: str, sents: list[Sentence], date: DateMention) -> str | None:
    """ "A two-day training ... concluded here on Sunday": the date is the last day, so the
    event began a day earlier (the length as the same sentence or the lead states it)."""
    sent = _sentence_of(sents, date.span.start)
    if sent is None or not date.start or len(date.start) != 10:
        return None
    if not _ENDED_ON.search(text[sent.start : date.span.start][-40:]):
        return None
    length = _N_DAYS.search(text, sent.start, sent.end)
    if length is None:
        return None
    n = _NUMBERS.get(length.group(1).lower()) or int(length.group(1))
    return (dt.date.fromisoformat(date.start) - dt.timedelta(days=n - 1)).isoformat()


def _sentence_of(sents: list[Sentence], at: int) -> Sentence | None:
    return next((s for s in sents if s.start <= at < s.end), None)


def _pick_date(
    text: str,
    sents: list[Sentence],
    dates: list[DateMention],
    kind_spans: list[Span],
    published: str | None,
) -> DateMention | None:
    """The best-scoring date: early sentences, 'On <date>,' openings, sentences that name the
    event; the page's date line and dates of background count against."""

    def introduced(d: DateMention) -> bool:
        return bool(_ON.search(text[max(0, d.span.start - 25) : d.span.start]))

    # A dateline's date is when the story was filed; it stands for the event only when the text
    # gives no date of its own ('on 5 May', 'from 16-19 October'), and gives way to one it does.
    dateline_bonus = -1.0 if any(introduced(d) for d in dates if not d.dateline) else 2.0

    def score(d: DateMention) -> float:
        sent = _sentence_of(sents, d.span.start)
        if d.pubdate:
            return -3.0
        s = sent.weight if sent else 0.4
        before = text[sent.start if sent else max(0, d.span.start - 30) : d.span.start]
        if _ON.search(before[-25:]) and not (d.dateline and not before.strip()):
            # (a dateline opening the text is no "On <date>," opening)
            s += 3.0 if len(before.strip()) <= 4 else 1.5
        elif _BACKGROUND.search(before[-20:]) and d.form == "month":
            s -= 1.0
        if sent and any(sent.start <= k.start < sent.end for k in kind_spans):
            s += 1.5
        if _HELD.search(before[-60:]):
            s += 1.0
        if d.dateline:
            s += -1.0 if published and d.start == published else dateline_bonus
        if d.form == "month":
            s -= 1.0
        if published and d.start and d.start[:10] > published:
            s -= 1.0
        if text[max(0, d.span.start - 1) : d.span.start] == "(":
            s -= 1.5
        if _YEARLY.match(text, d.span.end):
            s -= 4.0  # "On May 22 of each year, it is the International Biodiversity Day"
        return s

    scored = [(score(d), -d.span.start, d) for d in dates]
    if not scored:
        return None
    best = max(scored, key=lambda x: (x[0], x[1]))[2]
    if (best.dateline or best.pubdate or (published and best.start == published)) and any(
        _RECENTLY.search(text, s.start, s.end) for s in sents[:3]
    ):
        return None  # "recently visited ...": the story's date is not the event's
    return best


def _event_sentences(
    sents: list[Sentence], kind_spans: list[Span], date: DateMention | None
) -> list[Sentence]:
    """The sentences that describe the event itself: title, lead, and those holding the chosen
    date or a trigger of the chosen kind."""
    marks = [k.start for k in kind_spans] + ([date.span.start] if date else [])
    return [s for s in sents if s.index <= 1 or any(s.start <= m < s.end for m in marks)]


def _participants(text: str, entities: Entities) -> list[str]:
    """Organisations that took part. Left out are those named only inside another's name (the
    'Ministry' in 'Soil Center of the Ministry of ...'), only beside a unit of theirs as where it
    belongs ('Chongyang Institute ..., Renmin University of China'), or only in a person's job
    title ('Secretary-General of the General Secretariat of ...')."""
    orgs = entities.organisations
    spans = [(s, o) for o in orgs for s in o.spans]
    zones = _title_zones(text, entities)
    out: list[str] = []
    for o in orgs:
        own = [
            s
            for s in o.spans
            if not any(t.start <= s.start and s.end <= t.end and x is not o for t, x in spans)
            and not any(x.parent == o.name and _beside(text, s, t) for t, x in spans)
            and not any(z.start <= s.start < z.end for z in zones)
        ]
        if own:
            out.append(o.name)
    # A person who took part represents their body, even when the article names that body only
    # in the person's title ('Dr. Liao, Deputy Director of the Institute of ...').
    by_name = {n: o.name for o in orgs for n in (o.name, o.acronym, *o.aliases) if n}
    for person in entities.persons:
        body = by_name.get(person.organisation or "")
        if body and body not in out:
            out.append(body)
    return out


_BESIDE = re.compile(r"[\s\"”’)(,]*(?:(?:of|at|in)\s+(?:the\s+)?)?[\s\"“‘(]*")


def _beside(text: str, a: Span, b: Span) -> bool:
    """Spans a and b are next to each other, apart from punctuation and 'of'/'at'."""
    gap = text[a.end : b.start] if a.end <= b.start else text[b.end : a.start]
    return len(gap) <= 8 and bool(_BESIDE.fullmatch(gap))


_TITLE_END = re.compile(r"[,;.]|\band\b")


def _title_zones(text: str, entities: Entities) -> list[Span]:
    """Stretches of text that are a person's job title: from a title word near the person's name
    to the next comma, semicolon or full stop ('Vice President of the Institute')."""
    zones: list[Span] = []
    for p in entities.persons:
        if not p.title:
            continue
        for s in p.spans:
            for m in re.finditer(re.escape(p.title), text[max(0, s.start - 120) : s.end + 20]):
                a = max(0, s.start - 120) + m.start()
                stop = _TITLE_END.search(text, a + len(p.title))
                zones.append(Span(a, stop.start() if stop else len(text)))
    return zones


def _organizer(
    text: str, event_sents: list[Sentence], entities: Entities, participants: list[str]
) -> str | None:
    """The host where the event sentences say so: '... hosted/organised by X', 'X held/hosts'."""
    for sent in event_sents:
        for o in entities.organisations:
            if o.name not in participants:
                continue
            for s in o.spans:
                if not sent.start <= s.start < sent.end:
                    continue
                if _HOST.search(text[max(sent.start, s.start - 40) : s.start]):
                    return o.name
                if _HOST_VERB.match(text, s.end, sent.end):
                    return o.name
    return None
