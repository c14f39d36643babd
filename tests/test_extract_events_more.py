"""Events: the date, place, kind and outcome constructions the first extractor missed on unseen
news, each on an invented article (bodies and people made up; places real, as the gazetteer is)."""

from __future__ import annotations

import pytest

from iempkg.extract._dates import find_dates, page_date

from .extract_helpers import event, outcome_kinds

# --- dates ------------------------------------------------------------------------------------


def test_range_written_with_the() -> None:
    (d,) = find_dates("from the 27th of October to the 1st of November 2008", None)
    assert (d.start, d.end) == ("2008-10-27", "2008-11-01")


@pytest.mark.parametrize(
    ("text", "iso"),
    [("24-11-2017\n\nOn November 9, talks opened.", "2017-11-24"),
     ("Release Time:2023-05-22\n\nOn May 10 the meeting was held.", "2023-05-22"),
     ("10.03.2022\n\nToday, the two centres met.", "2022-03-10")],
)  # fmt: skip
def test_page_date_from_a_short_line_at_the_top(text: str, iso: str) -> None:
    assert page_date(text) == iso


def test_year_of_a_short_date_from_the_page_date() -> None:
    text = "Teal Institute visit\n\nPosted | 2021-09-01\n\nA delegation visited the Teal Institute on Aug 31."
    assert event(text).start == "2021-08-31"


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [("The minister met the visiting delegation in her office Monday.", "2017-11-20"),
     ("The talks were held on Friday on the sidelines of the summit.", "2017-11-17"),
     ("Today, the two institutes signed a memorandum of understanding.", "2017-11-21")],
)  # fmt: skip
def test_weekday_and_today_against_the_page_date(sentence: str, iso: str) -> None:
    assert event(sentence, published="2017-11-21").start == iso


# --- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "city"),
    [("YEREVAN. – The minister met the ambassador for talks.", "Yerevan"),
     ("Phnom Penh: The director held talks with the regional team.", "Phnom Penh"),
     ("LAHORE, (Valley News - 14 Sep) :A conference on water began here.", "Lahore")],
)  # fmt: skip
def test_datelines_without_a_date(text: str, city: str) -> None:
    place = event(text).place
    assert place is not None and place.city == city


def test_a_delegation_to_a_city_and_a_body_then_its_city() -> None:
    p1 = event("Dr. Ana Silva led a delegation to Nairobi, Kenya, for an exchange visit.").place
    assert p1 is not None and (p1.city, p1.country) == ("Nairobi", "Kenya")
    text = "A training workshop was organised from 3 to 5 May 2011 at Sichuan University, Chengdu, China."
    p2 = event(text).place
    assert p2 is not None and p2.city == "Chengdu"


def test_no_place_from_a_future_meeting_or_a_name_beginning_with_a_country() -> None:
    text = (
        "The academies signed a memorandum of understanding on 2 September. The board meeting "
        "is to be held in November in Beijing."
    )
    assert event(text).place is None
    assert (
        event("The ceremony was held in China Innovation Park for Mapping on 9 May.").place is None
    )


def test_a_city_in_a_body_name_after_the_noun_visit() -> None:
    text = "A delegation met the centre's officials on 5 May. During the visit, the Kunming Institute of Botany signed."
    assert event(text).place is None


# --- kinds ------------------------------------------------------------------------------------


def test_a_training_workshop_is_a_training_however_often_the_workshop_is_named() -> None:
    text = (
        "A training workshop on river basins was held in Dhaka on 2 May 2012. The workshop "
        "had 30 participants. The workshop closed with a field visit. The workshop ended."
    )
    assert event(text).kind == "training"


@pytest.mark.parametrize(
    ("text", "kind"),
    [("The praise came during a discussion between the director and the minister on 5 March 2024.", "meeting"),
     ("On 9 December, the release of the Regional Water Outlook was held in Hanoi.", "launch"),
     ("The two sides are implementing a memorandum of understanding. Officials met on Friday for talks.", "meeting")],
)  # fmt: skip
def test_kind_triggers(text: str, kind: str) -> None:
    assert event(text).kind == kind


# --- outcomes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Their partnership was formalised through a Memorandum of Understanding (MoU).", "mou"),
     ("During the meeting, a two-year work program was signed between the ministries.", "plan"),
     ("Officials met on Friday to draft an implementation plan for the forests.", "plan"),
     ("The universities signed an MoU to establish a Joint Research Laboratory in Bonn.", "joint-lab"),
     ("Members attended the launch meeting of the Delta Plastics Project in Bangkok.", "joint-project"),
     ("The academy and the agency jointly launched a program for green growth.", "joint-project"),
     ("Guests attended the release of the Regional Water Outlook in Hanoi.", "publication")],
)  # fmt: skip
def test_outcome_rules(text: str, kind: str) -> None:
    assert kind in outcome_kinds(text)


def test_a_training_event_delivers_a_training() -> None:
    text = "A training course on flood risk was held in Dhaka from 3 to 7 May 2012 for 25 participants."
    assert "training-delivered" in outcome_kinds(text)


def test_a_signed_agreement_beside_an_mou_is_that_mou() -> None:
    text = "Under a newly signed agreement, the Lotus Institute and the Kestrel University signed a memorandum of understanding."
    assert outcome_kinds(text) == {"mou"}


def test_background_in_another_year_is_no_outcome() -> None:
    text = (
        "On 4 May 2016 the ministers met for talks. The presidents signed a memorandum of "
        "understanding in 2014 on forests."
    )
    assert "mou" not in outcome_kinds(text)


def test_launched_with_a_partner_is_no_new_centre() -> None:
    assert "joint-lab" not in outcome_kinds(
        "A collaboration was launched with a research center in May 2016."
    )


def test_memorandum_of_cooperation_and_a_dateline_city_as_written() -> None:
    e = event("LALITPUR, Feb 3: The two academies signed a memorandum of cooperation on forests.")
    assert {o.kind for o in e.outcomes} == {"mou"}
    assert e.place is not None and e.place.city == "Lalitpur"
