"""Events: place constructions a fourth held-out set of news showed the rules missing, each on
an invented article (bodies and people made up; places real, as the gazetteer is)."""

from __future__ import annotations

from .extract_helpers import event, place


def test_wire_dateline_without_a_year_beats_a_partners_country() -> None:
    text = (
        "Lucknow, Mar 3 (IANS) Northfield University on Friday signed a memorandum of "
        "understanding with Baltic Tech University, Latvia, for student exchange."
    )
    assert place(text) == ("Lucknow", None)


def test_city_after_the_organiser_and_its_parenthesis() -> None:
    text = (
        "The two-day national seminar held on 4-5 May 2021 was organized by the Department of "
        "Zoology, Hill College (Autonomous), Mysore in collaboration with the Wildlife Trust."
    )
    assert place(text) == ("Mysore", None)


def test_to_be_in_a_name_is_not_the_future() -> None:
    text = (
        "The workshop on wetlands was held at the Centre (Deemed to be University) in Nagpur "
        "on 3 June 2022."
    )
    assert place(text) == ("Nagpur", None)


def test_city_after_a_named_venue_and_its_district() -> None:
    text = (
        "The Secretary and the Chancellor sign the agreement on the training programme on "
        "March 3, 2024 at the Riverside Campus, Matina, Davao City."
    )
    assert place(text) == ("Davao City", None)


def test_a_country_named_only_inside_a_body_is_not_the_places_country() -> None:
    text = (
        "Officials of the University of the Philippines met at the Riverside Campus, Diliman, "
        "Quezon City on 3 March 2024."
    )
    assert place(text) == ("Quezon City", None)


def test_recently_leaves_the_event_undated_by_the_dateline() -> None:
    text = (
        "KARACHI, (Wire News - 3rd May, 2022) A delegation of Northfield University recently "
        "visited Eastland University in Lahore."
    )
    assert event(text, "2022-05-03").start is None


def test_the_recently_established_centre_keeps_the_dateline_date() -> None:
    text = "NAIROBI, June 27 (Xinhua) -- The recently established Delta Centre hosted a workshop."
    assert event(text, "2022-06-27").start == "2022-06-27"


def test_an_n_day_event_that_concluded_on_a_day_began_before_it() -> None:
    text = "LAHORE: A three-day training workshop for teachers concluded here on Sunday."
    e = event(text, "2022-11-07")
    assert (e.start, e.end) == ("2022-11-04", "2022-11-06")
