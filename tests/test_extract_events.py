"""Events: dates (every form, ranges, year inference, month-only, weekdays, datelines), kinds,
places (incl. an ambiguous word that is no place), participants and outcomes, with spans.

Entities are built by hand (`_entities`) so these tests hold whatever the entity rules do.
The invented articles are in the style of the real ones, with other names, dates and places.
"""

from __future__ import annotations

import pytest

from iempkg.extract._dates import find_dates
from iempkg.extract.entities import Entities
from iempkg.extract.events import find_events
from iempkg.model import Document, Event, Organisation, Person, Span

from .conftest import SEED


def _spans(text: str, needle: str) -> list[Span]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(Span(at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return out


def _entities(
    text: str,
    orgs: list[tuple[str, str | None, str | None]],
    persons: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
) -> Entities:
    """Organisations (name, acronym, parent) and persons (name, title) at every mention."""
    return Entities(
        [
            Organisation(
                n, a, [], p, spans=sorted(_spans(text, n) + (_spans(text, a) if a else []))
            )
            for n, a, p in orgs
        ],
        [Person(n, title=t, spans=_spans(text, n)) for n, t in persons],
    )


def _event(
    text: str, published: str | None = None, title: str | None = None, **kw: object
) -> Event:
    doc = Document(source="t.txt", text=text, title=title, published=published)
    ents = kw.get("entities")
    return find_events(doc, ents if isinstance(ents, Entities) else Entities())[0]


# --- the seed article ------------------------------------------------------------------------

SEED_ORGS: list[tuple[str, str | None, str | None]] = [
    (
        "United Nations Environment Programme - International Ecosystem Management Partnership",
        "UNEP-IEMP",
        "United Nations Environment Programme",
    ),
    ("United Nations Environment Programme", None, None),
    (
        "Institute of Geographic Sciences and Natural Resources Research",
        None,
        "Chinese Academy of Sciences",
    ),
    ("Chinese Academy of Sciences", None, None),
    (
        "Soil Center of the Ministry of Ecology and Environment",
        None,
        "Ministry of Ecology and Environment",
    ),
    ("Ministry of Ecology and Environment", None, None),
]


@pytest.fixture
def seed_doc() -> Document:
    text = SEED.read_text("utf-8")
    return Document(
        source=SEED.name, text=text, title=text.split("\n", 1)[0], published="2024-02-01"
    )


def test_seed_event(seed_doc: Document) -> None:
    text = seed_doc.text
    ents = _entities(text, SEED_ORGS, [("Zhang Linxiu", "Director"), ("Hong Yaxiong", "Director")])
    [e] = find_events(seed_doc, ents)
    assert (e.kind, e.start, e.end) == ("meeting", "2024-01-31", "2024-01-31")
    assert e.place is not None and (e.place.city, e.place.country) == (None, "China")
    assert [o.kind for o in e.outcomes] == ["agreement"]
    assert e.outcomes[0].summary.startswith("preliminary agreement on international cooperation")
    # Parents named inside or beside another's name took no part of their own.
    assert e.organisations == [
        "United Nations Environment Programme - International Ecosystem Management Partnership",
        "Institute of Geographic Sciences and Natural Resources Research",
        "Soil Center of the Ministry of Ecology and Environment",
    ]
    assert e.persons == ["Zhang Linxiu", "Hong Yaxiong"]
    # Every fact keeps the text it came from.
    assert [text[s.start : s.end] for s in e.spans["date"]] == ["January 31, 2024"]
    assert text[e.spans["kind"][0].start : e.spans["kind"][0].end] == "Talks"
    assert [text[s.start : s.end] for s in e.spans["place"]] == ["China"]
    o = e.outcomes[0].spans[0]
    assert text[o.start : o.end].startswith("reached a preliminary agreement")


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "written", "start", "end"),
    [
        ("On 31 January 2024, the", None, "31 January 2024", "2024-01-31", "2024-01-31"),
        ("On January 31, 2024, the", None, "January 31, 2024", "2024-01-31", "2024-01-31"),
        ("On 27th October 2021, the", None, "27th October 2021", "2021-10-27", "2021-10-27"),
        ("signed on 17 November 2016 by", None, "17 November 2016", "2016-11-17", "2016-11-17"),
        ("dated 18 Nov 2016.", None, "18 Nov 2016", "2016-11-18", "2016-11-18"),
        # year from the publication date, and the year before for a later month
        ("On December 13th, the", "2024-12-20", "December 13th", "2024-12-13", "2024-12-13"),
        ("On December 13th, the", "2025-01-08", "December 13th", "2024-12-13", "2024-12-13"),
        ("On 8 June, the", None, "8 June", None, None),
        # ranges
        (
            "From December 12th to 17th, 2024, the",
            None,
            "December 12th to 17th, 2024",
            "2024-12-12",
            "2024-12-17",
        ),
        ("held 5-9 October 2009 in", None, "5-9 October 2009", "2009-10-05", "2009-10-09"),
        (
            "took place from 16-19 October 2013.",
            None,
            "16-19 October 2013",
            "2013-10-16",
            "2013-10-19",
        ),
        ("met from 14 to 16 May in", "2019-06-01", "14 to 16 May", "2019-05-14", "2019-05-16"),
        (
            "between 7 and 18 November 2016.",
            None,
            "7 and 18 November 2016",
            "2016-11-07",
            "2016-11-18",
        ),
        (
            "from 28 December to 3 January 2025",
            None,
            "28 December to 3 January 2025",
            "2024-12-28",
            "2025-01-03",
        ),
        # month only
        ("In March 2023, the", None, "March 2023", "2023-03", "2023-03"),
    ],
)
def test_date_forms(
    text: str, published: str | None, written: str, start: str | None, end: str | None
) -> None:
    [d] = find_dates(text, published)
    assert (text[d.span.start : d.span.end], d.start, d.end) == (written, start, end)


def test_programme_span_and_may_verb_are_not_dates() -> None:
    assert find_dates("the decade-long (2016-2025) flagship programme; it may 5 times", None) == []


def test_datelines_and_weekdays() -> None:
    text = "GENEVA, March 14 (Xinhua) -- The Secretariat on Tuesday held talks with a delegation."
    dates = find_dates(text, "2024-03-14")
    assert [(d.form, d.start, d.dateline) for d in dates] == [
        ("day", "2024-03-14", True),
        ("weekday", "2024-03-12", False),  # the Tuesday before Thursday 14 March 2024
    ]
    # Without a year for the dateline, the weekday stays unresolved.
    assert [d.start for d in find_dates(text, None)] == [None, None]
    beijing = find_dates("Beijing, 23 February 2017: A delegation visited", None)
    assert [(d.start, d.dateline) for d in beijing] == [("2017-02-23", True)]


def test_event_date_prefers_the_event_over_page_date_and_background() -> None:
    text = (
        "18 Nov 2016\n\nOn 17 November 2016, A and B signed a Memorandum of Understanding on the "
        "sidelines of COP 22, taking place in Marrakech, Morocco between 7 and 18 November 2016."
    )
    e = _event(text, "2016-11-18")
    assert (e.start, e.end, e.kind) == ("2016-11-17", "2016-11-17", "signing")
    # A dateline that only dates the story loses to the event's own range.
    text = (
        "UNEP31 October 2013: A workshop on adaptation was hosted by UNEP.\n\n"
        "The workshop took place in Beijing, China, from 16-19 October 2013."
    )
    e = _event(text, "2013-10-31")
    assert (e.start, e.end) == ("2013-10-16", "2013-10-19")
    assert e.place is not None and (e.place.city, e.place.country) == ("Beijing", "China")


# --- invented articles: kind, date, place, outcomes --------------------------------------------

VIENTIANE = """Regional Workshop on Mangrove Restoration Held in Vientiane

20 December 2024 | News

From December 12th to 17th, 2024, the Mekong River Commission and the Asian Institute of Technology co-organized a regional workshop on mangrove restoration in Vientiane, Lao PDR. More than 40 experts from Cambodia, Thailand and Viet Nam attended the workshop.

Participants agreed on a regional action plan for coastal wetland restoration in the Lower Mekong Basin.
"""
ADDIS = """A five-day training course on forest carbon monitoring was held in Addis Ababa, Ethiopia, 5-9 October 2009. The course was organized by the Ethiopian Forestry Research Institute.

In total, 45 government officials were trained in remote sensing and forest inventory methods.
"""
HANOI = """On December 13th, a delegation from the Chinese Academy of Sciences visited the Vietnam Academy of Science and Technology in Hanoi.

The two sides exchanged views on karst ecosystems. At the end of the visit, both sides agreed to jointly establish a joint laboratory on karst ecosystems in Viet Nam.
"""
REPORT = """UNEP-IEMP Launches Report on Dryland Restoration

In March 2023, UNEP-IEMP launched a report on dryland restoration in Central Asia at an event organized online. The report reviews land degradation in Kazakhstan.
"""
GENEVA = """GENEVA, March 14 (Xinhua) -- The Secretariat of the Stockholm Convention on Tuesday held talks with a delegation of the Ministry of Environment of Ghana on hazardous chemicals.
"""
LIJIANG = """Researchers of the Kunming Institute of Botany conducted field research in Lijiang from 14 to 16 May on alpine meadow degradation. The survey covered nature reserves in China's Hengduan Mountains.
"""
FORUM = """The Third Asia-Pacific Forum on Green Development was held in March 2018. Progress in green finance was reviewed by ministers from 20 countries.

Mobile phone applications were presented during the forum, and the participants adopted the Forum Declaration on Green Development.
"""


@pytest.mark.parametrize(
    ("text", "published", "title", "kind", "start", "end", "city", "country", "outcomes"),
    [
        (VIENTIANE, "2024-12-20", "Regional Workshop on Mangrove Restoration Held in Vientiane",
         "workshop", "2024-12-12", "2024-12-17", "Vientiane", "Lao PDR", ["plan"]),
        (ADDIS, "2009-10-12", None, "training", "2009-10-05", "2009-10-09", "Addis Ababa", "Ethiopia",
         ["training-delivered"]),
        (HANOI, "2025-01-08", None, "visit", "2024-12-13", "2024-12-13", "Hanoi", "Vietnam", ["joint-lab"]),
        (REPORT, None, "UNEP-IEMP Launches Report on Dryland Restoration", "launch", "2023-03", "2023-03",
         None, None, ["publication"]),
        (GENEVA, "2024-03-14", None, "meeting", "2024-03-12", "2024-03-12", "Geneva", None, []),
        (LIJIANG, "2019-06-01", None, "fieldwork", "2019-05-14", "2019-05-16", "Lijiang", "China", []),
        # 'March' is a town in England and 'Mobile' one in Alabama: neither is a place here.
        (FORUM, None, None, "conference", "2018-03", "2018-03", None, None, ["publication"]),
    ],
)  # fmt: skip
def test_invented_articles(
    text: str, published: str | None, title: str | None, kind: str, start: str, end: str,
    city: str | None, country: str | None, outcomes: list[str],
) -> None:  # fmt: skip
    e = _event(text, published, title)
    assert (e.kind, e.start, e.end) == (kind, start, end)
    place = (e.place.city, e.place.country) if e.place else (None, None)
    assert place == (city, country)
    assert [o.kind for o in e.outcomes] == outcomes


def test_place_spans_and_virtual_events() -> None:
    e = _event(
        VIENTIANE, "2024-12-20", "Regional Workshop on Mangrove Restoration Held in Vientiane"
    )
    assert e.place is not None
    assert [VIENTIANE[s.start : s.end] for s in e.place.spans] == ["Vientiane", "Lao PDR"]
    text = (
        "The 1st meeting of the steering committee was organized virtually on 26 April 2022. "
        "It was attended by members from the Ministry of Environment (Cambodia) and in China."
    )
    assert _event(text, "2022-04-27").place is None
    # A country in a quoted research title is not where the event was.
    text = (
        'On April 10, 2024, the seminar discussed the paper "Rural Labor in China: A Perspective".'
    )
    assert _event(text, "2024-04-12").place is None


def test_kind_weighs_title_over_later_mentions() -> None:
    text = (
        "UNEP-IEMP Holds Talks with the Soil Center\n\nOn 5 May 2024, the team visited the Soil "
        "Center.\n\nThe workshop next year will follow."
    )
    assert _event(text, title="UNEP-IEMP Holds Talks with the Soil Center").kind == "meeting"
    text = "NAIROBI, June 27 (Xinhua) -- The Partnership on Tuesday marked the 10th anniversary of its founding."
    e = _event(text)
    assert (e.kind, e.start) == ("other", None)
    assert e.place is not None and e.place.city == "Nairobi"


def test_participants_organizer_and_outcome_parties() -> None:
    text = (
        "On 27th October 2021, the Ministry of Environment, represented by Dr Van Sok, "
        "Secretary-General of the General Secretariat of the National Council (GSSD), and the "
        "Asian Vision Institute (AVI) signed a memorandum of understanding on 'Cooperation on "
        "Environmental Management'. The event was hosted by the Asian Vision Institute."
    )
    ents = _entities(
        text,
        [
            ("Ministry of Environment", None, None),
            ("General Secretariat of the National Council", "GSSD", "National Council"),
            ("National Council", None, None),
            ("Asian Vision Institute", "AVI", None),
        ],
        [("Van Sok", "Secretary-General")],
    )
    e = _event(text, entities=ents)
    assert e.organisations == ["Ministry of Environment", "Asian Vision Institute"]
    assert e.organizer == "Asian Vision Institute"
    [mou] = e.outcomes
    assert mou.kind == "mou"
    assert mou.summary == "memorandum of understanding on Cooperation on Environmental Management"
    assert "Asian Vision Institute" in mou.parties


def test_mou_subsumes_its_agreed_content() -> None:
    text = (
        "On 17 November 2016, ESCWA and UNEP signed a Memorandum of Understanding. "
        "ESCWA and UNEP have agreed to cooperate on the integration of the 2030 Agenda."
    )
    assert [o.kind for o in _event(text).outcomes] == ["mou"]
    text = "On 3 May 2024, the two sides agreed to strengthen cooperation on wetland research."
    [o] = _event(text).outcomes
    assert (o.kind, o.summary) == (
        "agreement",
        "agreed to strengthen cooperation on wetland research",
    )


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "The participants agreed to develop a regional roadmap on nature-based solutions.",
            "plan",
        ),
        ("Both sides agreed to prepare a joint report on black soil protection.", "publication"),
        ("The partners agreed to jointly draft a work plan for 2025.", "plan"),
    ],
)
def test_agreed_to_produce_outcomes(sentence: str, kind: str) -> None:
    text = f"On 13 November 2024, UNEP held talks with IUCN in Bangkok. {sentence}"
    assert [o.kind for o in _event(text, "2024-11-15").outcomes] == [kind]
