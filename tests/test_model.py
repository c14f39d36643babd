"""The record model: JSON round trip, hand-written records checked field by field, the schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from iempkg.errors import RecordError
from iempkg.model import Article, Document, Span, is_record_date, share_strings

from .conftest import SHARED_EVAL


def _schema() -> dict[str, Any]:
    text = resources.files("iempkg.resources").joinpath("record.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_seed_record_round_trips(seed_record: dict[str, Any]) -> None:
    article = Article.from_dict(seed_record)
    assert article.events[0].kind == "meeting"
    assert article.events[0].start == "2024-01-31"
    assert [p.name for p in article.persons][:2] == ["Zhang Linxiu", "Liao Xiaoyong"]
    assert article.organisation("UNEP-IEMP") is article.organisations[0]
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again == article


def test_records_read_apart_share_their_names_and_stay_equal(seed_record: dict[str, Any]) -> None:
    text = json.dumps(seed_record)
    first, second = (Article.from_dict(json.loads(text)) for _ in range(2))
    assert first.organisations[0].name is not second.organisations[0].name  # two copies
    before = first.to_dict()
    share_strings(first)
    share_strings(second)
    assert first.to_dict() == before and first == second
    for a, b in zip(first.organisations, second.organisations, strict=True):
        assert a.name is b.name
    for a, b in zip(first.events, second.events, strict=True):
        assert all(x is y for x, y in zip(a.organisations, b.organisations, strict=True))
        assert all(x is y for x, y in zip(a.persons, b.persons, strict=True))
    assert [p.title for p in first.persons] == [p.title for p in second.persons]
    assert all(a.title is b.title for a, b in zip(first.persons, second.persons, strict=True))


def test_spans_and_sdg_evidence_survive_json() -> None:
    data = {
        "source": "a.txt",
        "organisations": [{"name": "UNEP", "spans": [[3, 7]]}],
        "sdg_evidence": [{"goal": 15, "method": "inferred", "score": 0.5, "triggers": ["soil"]}],
        "sdgs": [15],
    }
    article = Article.from_dict(data)
    assert article.organisations[0].spans == [Span(3, 7)]
    out = article.to_dict()
    assert out["organisations"][0]["spans"] == [[3, 7]]
    assert out["sdg_evidence"][0] == {
        "goal": 15,
        "method": "inferred",
        "score": 0.5,
        "triggers": ["soil"],
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "source"),
        ({"source": "a", "events": [{"kind": "party"}]}, "events[0].kind"),
        ({"source": "a", "events": [{"start": "31/01/2024"}]}, "events[0].start"),
        ({"source": "a", "persons": [{"title": "Director"}]}, "persons[0].name"),
        ({"source": "a", "sdgs": [18]}, "sdgs"),
        (
            {"source": "a", "organisations": [{"name": "X", "spans": [[5, 2]]}]},
            "organisations[0].spans[0]",
        ),
        (
            {"source": "a", "events": [{"outcomes": [{"kind": "handshake"}]}]},
            "events[0].outcomes[0].kind",
        ),
    ],
)
def test_bad_hand_written_records_name_the_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(RecordError) as err:
        Article.from_dict(data, "curated/x.json")
    assert f"'{field}'" in err.value.message()
    assert "curated/x.json" in err.value.message()


def test_record_dates() -> None:
    assert is_record_date("2024-01-31")
    assert is_record_date("2024-02")
    assert not is_record_date("2024-02-30")
    assert not is_record_date("2024-13")
    assert not is_record_date("January 2024")


def test_content_hash_ignores_the_file_name() -> None:
    a = Document(source="a.txt", text="Body.", title="T")
    b = Document(source="b.txt", text="Body.", title="T")
    c = Document(source="a.txt", text="Other body.", title="T")
    assert a.content_hash == b.content_hash != c.content_hash


def _schema_errors(record: dict[str, Any]) -> list[str]:
    schema = _schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [e.message for e in validator.iter_errors(record)]


def test_records_match_the_documented_schema(seed_record: dict[str, Any]) -> None:
    assert _schema_errors(seed_record) == []
    assert _schema_errors(Article.from_dict(seed_record).to_dict()) == []
    broken = {**seed_record, "events": "not a list"}
    assert _schema_errors(broken)  # the check can fail: a wrong record is caught


@pytest.mark.skipif(not SHARED_EVAL.exists(), reason="no shared evaluation corpus")
def test_gold_records_read_as_articles() -> None:
    for path in sorted((SHARED_EVAL / "gold").glob("*.json")):
        data = json.loads(Path(path).read_text("utf-8"))
        jsonschema.validate(data, _schema())
        assert Article.from_dict(data, str(path)).source == data["source"]


def test_a_goal_assessed_twice_is_refused() -> None:
    """One assessment node per goal and article: two entries for one goal would give it two
    methods and two ranks (found by the curated-record property test)."""
    record = {"source": "a.txt", "sdg_evidence": [{"goal": 1}, {"goal": 1, "method": "inferred"}]}
    with pytest.raises(RecordError, match=r"sdg_evidence\[1\]\.goal' repeats goal 1"):
        Article.from_dict(record, "curated.json")
    assert (
        len(
            Article.from_dict(
                {"source": "a.txt", "sdg_evidence": [{"goal": 1}, {"goal": 2}]}
            ).sdg_evidence
        )
        == 2
    )
