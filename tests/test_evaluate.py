"""The scoring rules of the evaluation README, each on a small hand-made case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from iempkg.errors import InputError, RecordError
from iempkg.evaluate import (
    METRICS,
    Evaluation,
    evaluate,
    format_table,
    load_records,
    org_similarity,
    person_similarity,
    to_json,
)

from .conftest import SHARED_EVAL

Record = dict[str, Any]


def org(name: str, acronym: str | None = None, aliases: tuple[str, ...] = ()) -> Record:
    return {"name": name, "acronym": acronym, "aliases": list(aliases), "parent": None}


def person(name: str, title: str | None = None, organisation: str | None = None) -> Record:
    return {"name": name, "honorific": None, "title": title, "organisation": organisation}


def event(
    kind: str = "meeting",
    start: str | None = "2024-01-31",
    place: Record | None = None,
    orgs: tuple[str, ...] = (),
    persons: tuple[str, ...] = (),
    outcomes: tuple[str, ...] = (),
) -> Record:
    return {
        "kind": kind,
        "start": start,
        "end": start,
        "place": place,
        "organisations": list(orgs),
        "persons": list(persons),
        "outcomes": [{"kind": k, "summary": ""} for k in outcomes],
    }


def record(
    orgs: tuple[Record, ...] = (),
    persons: tuple[Record, ...] = (),
    events: tuple[Record, ...] = (),
    sdgs: tuple[int, ...] = (),
    source: str = "a.txt",
) -> Record:
    return {
        "source": source,
        "title": None,
        "published": None,
        "events": list(events),
        "organisations": list(orgs),
        "persons": list(persons),
        "topics": [],
        "sdgs": list(sdgs),
    }


def score(gold: Record, pred: Record | None) -> Evaluation:
    return evaluate({gold["source"]: gold}, {} if pred is None else {pred["source"]: pred})


def counts(ev: Evaluation, metric: str) -> tuple[int, int, int]:
    s = ev.scores[metric]
    return (s.tp, s.fp, s.fn) if s.kind == "prf" else (s.correct, s.total, 0)


def orgs_tp_fp_fn(gold: list[Record], pred: list[str]) -> tuple[int, int, int]:
    ev = score(record(orgs=tuple(gold)), record(orgs=tuple(org(n) for n in pred)))
    return counts(ev, "organisations")


# --- the whole dev gold ----------------------------------------------------------------------


@pytest.mark.skipif(not (SHARED_EVAL / "gold").exists(), reason="no shared evaluation corpus")
def test_dev_gold_against_itself_scores_one_everywhere() -> None:
    gold = load_records(SHARED_EVAL / "gold")
    ev = evaluate(gold, gold)
    assert len(ev.articles) == len(list((SHARED_EVAL / "gold").glob("*.json"))) > 0
    for name in METRICS:
        assert ev.scores[name].value == 1.0, name
    assert ev.composite == 1.0
    assert ev.without_prediction == ev.not_in_gold == []
    assert all(not a.organisations.missed and not a.persons.spurious for a in ev.articles)


# --- organisations ---------------------------------------------------------------------------


def test_org_names_match_after_case_punctuation_and_leading_the() -> None:
    gold = [org("The Ford Foundation"), org("Lancang-Mekong Environmental Cooperation Center")]
    assert orgs_tp_fp_fn(
        gold, ["ford foundation.", "LANCANG MEKONG ENVIRONMENTAL COOPERATION CENTER"]
    ) == (2, 0, 0)
    assert orgs_tp_fp_fn([org("UNEP-IEMP")], ["UNEPIEMP"]) == (1, 0, 0)


def test_org_prediction_matches_the_gold_acronym_and_aliases() -> None:
    unep = org("United Nations Environment Programme", "UNEP", ("UN Environment",))
    assert orgs_tp_fp_fn([unep], ["unep"]) == (1, 0, 0)
    assert orgs_tp_fp_fn([unep], ["UN Environment"]) == (1, 0, 0)
    # Only the predicted name counts: a predicted acronym equal to the gold one does not.
    pred = record(orgs=({"name": "Something Else", "acronym": "UNEP", "aliases": ["UNEP"]},))
    assert counts(score(record(orgs=(unep,)), pred), "organisations") == (0, 1, 1)


def test_org_names_90_percent_similar_with_words_sorted_match() -> None:
    gold = [org("Lancang-Mekong Environmental Cooperation Center")]
    assert orgs_tp_fp_fn(gold, ["Cooperation Center Lancang Mekong Environment"]) == (1, 0, 0)
    assert orgs_tp_fp_fn(
        [org("Global Green Growth Institute")], ["Global Green Growth Institution"]
    ) == (1, 0, 0)
    # Leaving out only function words is a spelling, not a partial name.
    soil = org("Soil Center of the Ministry of Ecology and Environment")
    assert orgs_tp_fp_fn([soil], ["Soil Center, Ministry of Ecology and Environment"]) == (1, 0, 0)
    assert org_similarity("Chinese Academy of Science", org("Chinese Academy of Sciences")) > 90
    # Below 90%: different bodies.
    assert orgs_tp_fp_fn(
        [org("Chinese Academy of Sciences")], ["Chinese Academy of Agricultural Sciences"]
    ) == (0, 1, 1)


def test_org_cut_off_or_partial_names_do_not_match_even_when_90_percent_similar() -> None:
    full = "Department of Ecology and Environment of Yunnan Province"
    partial = "Department of Ecology and Environment of Yunnan"
    assert (
        fuzz.ratio(
            " ".join(sorted(full.lower().split())), " ".join(sorted(partial.lower().split()))
        )
        > 90
    )
    assert orgs_tp_fp_fn([org(full)], [partial]) == (0, 1, 1)
    cut = "International Ecosystem Management Partnershi"
    assert orgs_tp_fp_fn([org("International Ecosystem Management Partnership")], [cut]) == (
        0,
        1,
        1,
    )
    # ... and the gold name cut short does not match a longer prediction either.
    assert orgs_tp_fp_fn([org(partial)], [full]) == (0, 1, 1)


def test_org_matching_is_one_to_one_and_maximal() -> None:
    unep = org("UNEP", aliases=("United Nations Environment Programme",))
    assert orgs_tp_fp_fn([unep], ["UNEP", "United Nations Environment Programme"]) == (1, 1, 0)
    # "Gamma Centre" could match either gold entry; pairing it with B lets "Beta Centre" match A.
    gold = [org("Beta Centre", aliases=("Gamma Centre",)), org("Gamma Centre")]
    ev = score(record(orgs=tuple(gold)), record(orgs=(org("Gamma Centre"), org("Beta Centre"))))
    assert counts(ev, "organisations") == (2, 0, 0)
    assert sorted(ev.articles[0].organisations.matched) == [
        ("Beta Centre", "Beta Centre"),
        ("Gamma Centre", "Gamma Centre"),
    ]


# --- persons, titles, affiliations -----------------------------------------------------------


def test_person_names_ignore_order_and_honorifics() -> None:
    gold = record(persons=(person("Zhang Linxiu"), person("Van Monineath"), person("He Jian")))
    pred = record(
        persons=(person("Dr. Linxiu Zhang"), person("H.E Dr Van Monineath"), person("Jian He"))
    )
    assert counts(score(gold, pred), "persons") == (3, 0, 0)
    assert person_similarity("Zhang", "Zhang Linxiu") == 0
    assert person_similarity("Lu Youqin", "Lu Yoouqin") > 90
    pred = record(persons=(person("Zhang"), person("Van Monineath")))
    ev = score(gold, pred)
    assert counts(ev, "persons") == (1, 1, 2)
    assert ev.scores["persons"].precision == 0.5
    assert ev.scores["persons"].recall == pytest.approx(1 / 3)
    assert ev.scores["persons"].value == pytest.approx(0.4)
    assert ev.articles[0].persons.missed == ["Zhang Linxiu", "He Jian"]
    assert ev.articles[0].persons.spurious == ["Zhang"]


def test_titles_are_compared_case_insensitively_among_matched_persons() -> None:
    gold = record(
        persons=(
            person("A One", "Deputy Director"),
            person("B Two", "Director"),
            person("C Three", "Manager"),
            person("D Four", None),  # no gold title: not counted
            person("E Five", "Chairman"),  # not predicted: not counted
        )
    )
    pred = record(
        persons=(
            person("A One", "deputy  director"),
            person("B Two", "Deputy Director"),
            person("C Three", None),
            person("D Four", "Professor"),
        )
    )
    ev = score(gold, pred)
    assert counts(ev, "titles") == (1, 3, 0)
    assert ev.scores["titles"].value == pytest.approx(1 / 3)
    assert [c.right for c in ev.articles[0].titles] == [True, False, False]


def test_affiliations_resolve_names_and_acronyms_through_each_records_organisations() -> None:
    iemp = "United Nations Environment Programme - International Ecosystem Management Partnership"
    igsnrr = "Institute of Geographic Sciences and Natural Resources Research"
    gold = record(
        orgs=(org(iemp, "UNEP-IEMP"), org(igsnrr), org("Ford Foundation")),
        persons=(
            person("A One", organisation="UNEP-IEMP"),
            person("B Two", organisation=igsnrr),
            person("C Three", organisation="Ford Foundation"),
            person("D Four", organisation=None),  # not counted
        ),
    )
    pred = record(
        orgs=(org(igsnrr, "IGSNRR"),),
        persons=(
            person("A One", organisation=iemp),  # full name for the gold acronym
            person("B Two", organisation="IGSNRR"),  # acronym the prediction defines
            person("C Three", organisation="Ford"),  # partial: wrong
            person("D Four", organisation="Ford Foundation"),
        ),
    )
    ev = score(gold, pred)
    assert counts(ev, "affiliations") == (2, 3, 0)
    assert [c.right for c in ev.articles[0].affiliations] == [True, True, False]


# --- events ----------------------------------------------------------------------------------


def test_event_date_kind_and_place_use_the_best_matching_predicted_event() -> None:
    beijing = {"city": "Beijing", "country": "China"}
    gold = record(events=(event("signing", "2024-01-31", beijing, ("UNEP",), ("Zhang Linxiu",)),))
    other = event("visit", "2024-02-01", None, ("WWF",))
    best = event("signing", "2024-01-31", {"city": "beijing", "country": None}, ("unep",))
    ev = score(gold, record(events=(other, best)))
    assert ev.articles[0].event_index == 1
    assert [counts(ev, m) for m in ("event_date", "event_kind", "place")] == [(1, 1, 0)] * 3
    # Without shared participants, the same start date decides, then the order.
    ev = score(gold, record(events=(event("meeting", "2024-02-01"), event("visit", "2024-01-31"))))
    assert ev.articles[0].event_index == 1
    assert [counts(ev, m)[0] for m in ("event_date", "event_kind", "place")] == [1, 0, 0]


@pytest.mark.parametrize(
    ("gold_place", "pred_place", "right"),
    [
        ({"city": "Beijing", "country": "China"}, {"city": "Shanghai", "country": "china"}, 1),
        ({"city": "Beijing", "country": "China"}, {"city": "BEIJING", "country": None}, 1),
        ({"city": "Beijing", "country": "China"}, {"city": "Paris", "country": "France"}, 0),
        ({"city": "Beijing", "country": "China"}, None, 0),
        ({"city": "Geneva", "country": None}, {"city": None, "country": "Switzerland"}, 0),
        (None, None, 1),
        (None, {"city": None, "country": None}, 1),
        ({"city": None, "country": None}, None, 1),
        (None, {"city": "Nairobi", "country": None}, 0),
    ],
)
def test_place_is_right_with_the_same_city_or_country_and_nulls_match_only_nulls(
    gold_place: Record | None, pred_place: Record | None, right: int
) -> None:
    ev = score(record(events=(event(place=gold_place),)), record(events=(event(place=pred_place),)))
    assert counts(ev, "place") == (right, 1, 0)


def test_event_nulls_no_gold_events_and_no_predicted_events() -> None:
    gold = record(events=(event(kind="meeting", start=None),))
    ev = score(gold, record(events=(event(kind="meeting", start=None),)))
    assert counts(ev, "event_date") == (1, 1, 0)
    ev = score(gold, record(events=(event(kind="meeting", start="2024-01-01"),)))
    assert counts(ev, "event_date") == (0, 1, 0)
    ev = score(gold, record())  # predicted, but without events: all three wrong
    assert [counts(ev, m) for m in ("event_date", "event_kind", "place")] == [(0, 1, 0)] * 3
    assert ev.articles[0].event_index is None
    ev = score(record(), record(events=(event(),)))  # no gold event: not applicable
    assert ev.scores["event_date"].total == 0
    assert ev.scores["event_date"].value is None
    assert ev.articles[0].event == {}


def test_outcomes_and_sdgs_compare_sets_per_article() -> None:
    gold = record(
        events=(event(outcomes=("mou", "agreement")), event(outcomes=("mou",))), sdgs=(17, 13, 15)
    )
    pred = record(events=(event(outcomes=("mou", "mou", "plan")),), sdgs=(13, 15, 6, 6))
    ev = score(gold, pred)
    assert counts(ev, "outcomes") == (1, 1, 1)
    assert ev.scores["outcomes"].value == 0.5
    assert ev.articles[0].outcomes.missed == ["agreement"]
    assert ev.articles[0].outcomes.spurious == ["plan"]
    assert counts(ev, "sdgs") == (2, 1, 1)
    assert ev.scores["sdgs"].value == pytest.approx(2 / 3)


# --- articles, composite, reports ------------------------------------------------------------


def test_a_gold_article_without_prediction_counts_as_all_missed() -> None:
    gold = record(
        orgs=(org("UNEP"), org("WWF")),
        persons=(person("Zhang Linxiu", "Director"),),
        events=(event(outcomes=("mou",)),),
        sdgs=(15,),
    )
    extra = record(orgs=(org("UNEP"),), source="b.txt")
    ev = evaluate({"a.txt": gold}, {"b.txt": extra})
    assert ev.without_prediction == ["a.txt"]
    assert ev.not_in_gold == ["b.txt"]
    assert [counts(ev, m) for m in ("organisations", "persons", "outcomes", "sdgs")] == [
        (0, 0, 2),
        (0, 0, 1),
        (0, 0, 1),
        (0, 0, 1),
    ]
    assert counts(ev, "titles") == (0, 0, 0)  # only matched persons count
    assert [counts(ev, m) for m in ("event_date", "event_kind", "place")] == [(0, 1, 0)] * 3
    assert ev.scores["organisations"].precision is None
    assert ev.scores["organisations"].value == 0.0
    # titles and affiliations have nothing to count, so the composite averages the other six.
    assert ev.composite == 0.0


def test_composite_is_the_mean_of_the_eight_figures_without_sdgs() -> None:
    gold = record(
        orgs=(org("UNEP"), org("WWF")),
        persons=(person("Zhang Linxiu", "Director", "UNEP"),),
        events=(event("signing", outcomes=("mou",)),),
        sdgs=(15,),
    )
    pred = record(
        orgs=(org("UNEP"),),
        persons=(person("Zhang Linxiu", "director", "UNEP"),),
        events=(event("meeting", outcomes=("mou",)),),
        sdgs=(1,),
    )
    ev = score(gold, pred)
    # organisations F1 2/3; persons, titles, affiliations, date, place, outcomes 1; kind 0.
    assert ev.composite == pytest.approx((2 / 3 + 6) / 8)
    table = format_table(ev)
    assert table.splitlines()[0].split() == ["metric", "P", "R", "F1/acc", "n", "counts"]
    assert "organisations   1.000  0.500   0.667     2  tp=1 fp=0 fn=1" in table
    assert "event_kind          -      -   0.000     1  0 of 1 right" in table
    data = to_json(ev)
    assert list(data) == [
        "articles",
        "without_prediction",
        "not_in_gold",
        "metrics",
        "composite",
        "details",
    ]
    assert list(data["metrics"]) == list(METRICS)
    assert data["metrics"]["organisations"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "tp": 1,
        "fp": 0,
        "fn": 1,
    }
    assert data["metrics"]["event_kind"] == {"accuracy": 0.0, "correct": 0, "n": 1}
    assert data["details"][0]["organisations"]["missed"] == ["WWF"]
    assert data["details"][0]["event"]["event_kind"]["predicted"] == "meeting"
    json.dumps(data)  # plain JSON all through


# --- loading ---------------------------------------------------------------------------------


def test_load_records_reads_json_lines_json_files_and_directories(tmp_path: Path) -> None:
    lines = tmp_path / "predictions.jsonl"
    lines.write_text(
        json.dumps(record(source="a.txt")) + "\n\n" + json.dumps(record(source="b.txt")) + "\n"
    )
    assert sorted(load_records(lines)) == ["a.txt", "b.txt"]
    # JSON Lines under another suffix, and a JSON list, read the same way.
    other = tmp_path / "predictions.out"
    other.write_text(lines.read_text())
    assert sorted(load_records(other)) == ["a.txt", "b.txt"]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([record(source="c.txt"), record(source="d.txt")], indent=1))
    assert sorted(load_records(listed)) == ["c.txt", "d.txt"]
    # A directory of single records; a record without source is named after its file.
    d = tmp_path / "gold"
    d.mkdir()
    no_source = {k: v for k, v in record(orgs=(org("UNEP"),)).items() if k != "source"}
    (d / "x.json").write_text(json.dumps(no_source))
    (d / "y.json").write_text(json.dumps({"source": "y.txt"}))  # minimal: no other field needed
    (d / "notes.md").write_text("ignored")
    records = load_records(d)
    assert sorted(records) == ["x.txt", "y.txt"]
    assert records["x.txt"]["organisations"][0]["name"] == "UNEP"


def test_load_records_names_the_file_and_line_of_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(record(source="a.txt")) + "\n" + '{"source": "b.txt",\n')
    with pytest.raises(RecordError, match=r"not valid JSON .*p\.jsonl:2"):
        load_records(path)
    path.write_text(json.dumps(record(source="a.txt")) + "\n" + json.dumps({"sdgs": [3]}) + "\n")
    with pytest.raises(RecordError, match=r"field 'source' is required, .*p\.jsonl:2"):
        load_records(path)
    path.write_text(json.dumps({"source": "a.txt", "sdgs": ["x"]}) + "\n")
    with pytest.raises(RecordError, match=r"field 'sdgs' .*p\.jsonl:1"):
        load_records(path)
    path.write_text(json.dumps({"source": "a.txt"}) + "\n" + json.dumps({"source": "a.txt"}))
    with pytest.raises(RecordError, match=r"second record of 'a\.txt', .*p\.jsonl:2, first at"):
        load_records(path)
    broken = tmp_path / "b.json"
    broken.write_text('{\n "source": "a.txt",\n "sdgs": [1,,]\n}')
    with pytest.raises(RecordError, match=r"b\.json:3"):
        load_records(broken)
    with pytest.raises(InputError, match="no such file"):
        load_records(tmp_path / "missing.jsonl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no records"):
        load_records(tmp_path / "empty")


def test_the_cli_lists_what_each_article_got_wrong(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from iempkg.cli import cli

    gold = record(
        orgs=(org("Valley Institute", "VI"), org("Hill University")),
        persons=(person("Ana Lee", "Director", "Valley Institute"),),
        events=(event(kind="signing", outcomes=("mou",)),),
    )
    pred = record(
        orgs=(org("Valley Institute"), org("Lake Fund")),
        persons=(person("Ana Lee", "Deputy Director", "Valley Institute"),),
        events=(event(kind="visit"),),
    )
    right = record(source="b.txt", orgs=(org("Hill University"),))
    (tmp_path / "gold").mkdir()
    for r in (gold, right):
        (tmp_path / "gold" / r["source"].replace(".txt", ".json")).write_text(json.dumps(r))
    preds = tmp_path / "pred.jsonl"
    preds.write_text("\n".join(json.dumps(r) for r in (pred, right)) + "\n")
    args = ["evaluate", "--gold", str(tmp_path / "gold"), str(preds)]
    plain = CliRunner().invoke(cli, args)
    result = CliRunner().invoke(cli, [*args, "--errors"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(plain.output)  # the table, then the list
    listing = result.output[len(plain.output) :]
    assert "a.txt\n" in listing and "b.txt" not in listing  # (no errors: left out)
    assert "  - organisation missed: Hill University" in listing
    assert "  + organisation spurious: Lake Fund" in listing
    assert "  ! title of Ana Lee: gold 'Director', predicted 'Deputy Director'" in listing
    assert "  ! event_kind: gold 'signing', predicted 'visit'" in listing
    assert "  - outcome missed: mou" in listing
