"""SDGs stated ('SDG 15', 'Goal 13', goal names) and inferred (weighted phrases with triggers and
spans, a threshold against passing mentions); topics with their spans."""

from __future__ import annotations

import pytest

from iempkg.extract._sdg_infer import MIN_SCORE
from iempkg.extract.sdgs import find_sdgs
from iempkg.extract.topics import find_topics
from iempkg.model import Document, Event, SdgAssessment

from .conftest import SEED


def _doc(text: str) -> Document:
    return Document(source="t.txt", text=text)


@pytest.fixture
def seed_doc() -> Document:
    text = SEED.read_text("utf-8")
    return Document(
        source=SEED.name, text=text, title=text.split("\n", 1)[0], published="2024-02-01"
    )


def _by_goal(found: list[SdgAssessment]) -> dict[int, SdgAssessment]:
    return {s.goal: s for s in found}


def test_seed_sdgs(seed_doc: Document) -> None:
    found = find_sdgs(seed_doc, [Event()])
    assert [s.goal for s in found] == [15, 2, 17, 13]
    assert all(s.method == "inferred" for s in found)
    life_on_land = _by_goal(found)[15]
    assert life_on_land.triggers[:2] == ["soil conservation", "land degradation"]
    assert "Soil" not in life_on_land.triggers  # 'Soil Center' names a body, not the subject
    assert 0.7 < life_on_land.score < 1.0
    text = seed_doc.text
    assert {text[s.start : s.end] for s in life_on_land.spans} >= {
        "soil conservation",
        "land degradation",
    }
    assert "agricultural biodiversity" in _by_goal(found)[2].triggers
    assert "international cooperation" in _by_goal(found)[17].triggers
    assert "climate change" in _by_goal(found)[13].triggers


@pytest.mark.parametrize(
    ("text", "goals", "written"),
    [
        ("The project contributes to SDG 15.", [15], ["SDG 15"]),
        ("It supports SDGs 6 and 14 in the region.", [6, 14], ["SDGs 6 and 14", "SDGs 6 and 14"]),
        (
            "In line with Sustainable Development Goal 6, the",
            [6],
            ["Sustainable Development Goal 6"],
        ),
        ("Progress on Goal 13 was reviewed.", [13], ["Goal 13"]),
        ("The report on SDG target 15.3 was", [15], ["SDG target 15.3"]),
        (
            "a side event on Life on Land and Climate Action",
            [15, 13],
            ["Life on Land", "Climate Action"],
        ),
    ],
)
def test_stated_sdgs(text: str, goals: list[int], written: list[str]) -> None:
    found = [s for s in find_sdgs(_doc(text), []) if s.method == "stated"]
    assert [s.goal for s in found] == goals
    assert [text[sp.start : sp.end] for s in found for sp in s.spans] == written
    assert all(s.score == 1.0 for s in found)


def test_stated_and_inferred_side_by_side() -> None:
    text = (
        "The report on dryland restoration supports SDG 15. Land degradation and desertification "
        "threaten the livelihoods of herders; poverty is highest where grasslands are degraded. "
        "Poverty alleviation and sustainable livelihoods were the focus."
    )
    found = find_sdgs(_doc(text), [])
    assert [(s.goal, s.method) for s in found] == [(15, "stated"), (1, "inferred")]
    poverty = found[1]
    assert poverty.triggers[:2] == ["Poverty alleviation", "sustainable livelihoods"]
    assert [text[s.start : s.end] for s in poverty.spans][:2] == ["livelihoods", "poverty"]


def test_passing_mention_is_below_threshold() -> None:
    text = (
        "On 10 April 2024 the seminar on gender equality discussed gender perspectives in "
        "overseas investment, women's employment and gender-responsive finance. Gender equality "
        "studies were presented. Other themes included climate change."
    )
    found = _by_goal(find_sdgs(_doc(text), []))
    assert 5 in found and 13 not in found
    assert MIN_SCORE > 4.0  # one mention of a strong phrase (weight 4) does not make a goal


def test_organisation_names_are_not_subjects() -> None:
    text = (
        "The School of Advanced Agricultural Sciences and the Global Green Growth Institute met "
        "on biodiversity conservation, forests and wildlife habitats."
    )
    found = _by_goal(find_sdgs(_doc(text), []))
    assert list(found) == [15]


def test_topics_of_the_seed(seed_doc: Document) -> None:
    topics = find_topics(seed_doc)
    labels = list(topics)
    assert labels[:2] == ["soil conservation", "black soil"]
    assert {"agricultural biodiversity", "land degradation", "climate change"} <= set(labels)
    text = seed_doc.text
    assert {text[s.start : s.end].lower() for s in topics["soil conservation"]} == {
        "soil conservation"
    }
    assert len(topics["black soil"]) == 4


def test_topics_keep_names_and_skip_organisation_names() -> None:
    text = (
        "UNEP-IEMP’s work on South-South cooperation was presented at the Chinese Academy of "
        "Sciences. South-South cooperation and green finance help developing countries; green "
        "finance is growing."
    )
    topics = find_topics(_doc(text))
    assert list(topics)[:2] == ["South-South cooperation", "green finance"]
    assert not any("academy" in t.lower() for t in topics)
