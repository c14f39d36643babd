"""Events: date, place and outcome constructions a third held-out set of news showed the rules
missing, each on an invented article (bodies and people made up; places real, as the gazetteer
is)."""

from __future__ import annotations

import pytest

from iempkg.extract._dates import find_dates

from .extract_helpers import event, outcome_kinds, place

# --- dates ------------------------------------------------------------------------------------


def test_weekday_before_a_full_date_is_part_of_it() -> None:
    e = event("The training, which began in Accra on Tuesday, April 23, 2019, ends on Friday.")
    assert e.start == "2019-04-23"


def test_numeric_date_and_section_line_is_the_page_date() -> None:
    text = (
        "06.10.2016 - Natural Sciences Sector\n\nManagers meet in Jeju for a training course\n\n"
        "Managers met in Jeju from 28 September to 1 October 2016 for the training course."
    )
    (line, *_) = find_dates(text, None)
    assert line.pubdate and not line.dateline
    assert event(text).start == "2016-09-28"


# --- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [("New Delhi [India], November 9 (PTI): An MoU was signed at the Westford University.",
      ("New Delhi", "India")),
     ("BANGKOK, Thailand – The Delta Forum opened with 300 participants.", ("Bangkok", "Thailand")),
     ("Delta and Westford renew ties\n\n28 May 2024, Apia Samoa - The two bodies signed an MoU.",
      ("Apia", "Samoa"))],
)  # fmt: skip
def test_datelines(text: str, where: tuple[str, str]) -> None:
    assert place(text) == where


@pytest.mark.parametrize(
    ("text", "where"),
    [("The course was held at Khao Yai National Park, Thailand on 2 May 2014.", (None, "Thailand")),
     ("The course was held at the Delta Secretariat Tehran, on 12-13 November, 2019.",
      ("Tehran", None)),
     ("A delegation of the Westford Institute visited Ethiopia from January 20 to 29, 2024.",
      (None, "Ethiopia")),
     ("The training workshop kicked off in Harbin on May 20, 2015.", ("Harbin", None))],
)  # fmt: skip
def test_venue_and_visit_cues(text: str, where: tuple[str | None, str | None]) -> None:
    assert place(text) == where


def test_where_a_person_works_is_not_the_event_place() -> None:
    text = (
        "A conference on climate was held at the Westford University. Anna Berg, Consul General "
        "of France in Almaty, opened the conference. Dr. Li, a scientist based at the Delta "
        "Museum in Washington, spoke at the conference."
    )
    assert place(text) is None


def test_the_word_university_is_no_place() -> None:
    assert place("An MoU was signed at University of Westland on Thursday.") is None


# --- outcomes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["An MoU between Westford University and Delta University, Japan was signed on Thursday.",
     "The MoU is signed between Dr. Ana Sol for Westford University and the Delta Institute.",
     "Fruitful discussions led to the formulation of a draft mutual MOA for the two bodies."],
)  # fmt: skip
def test_memoranda(text: str) -> None:
    assert "mou" in outcome_kinds(text)


def test_a_purpose_is_no_outcome() -> None:
    text = "The purpose of the visit was to sign a memorandum of cooperation with the Institute."
    assert "mou" not in outcome_kinds(text)


def test_a_training_that_began_was_delivered() -> None:
    text = "Delta has begun a three-day training for park managers. The training began on Monday."
    assert "training-delivered" in outcome_kinds(text)


def test_a_town_the_gazetteer_does_not_know() -> None:
    text = "EPA Ghana trained its officers. The one-day training, held at Sogakope in the district."
    assert place(text) == ("Sogakope", "Ghana")


def test_one_trigger_in_a_later_sentence_names_the_kind() -> None:
    text = (
        "ISLAMABAD, Jun 6: The Minister said the ministry will continue its support.\n\n"
        "Officials added more.\n\nA meeting was held between the Minister and the envoy."
    )
    assert event(text).kind == "meeting"
