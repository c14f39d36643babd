"""Entity resolution across articles: one node per real organisation and person."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from iempkg.cli import cli
from iempkg.curation import parse_curation
from iempkg.errors import ConfigError
from iempkg.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from iempkg.mapping import map_article, map_entities
from iempkg.model import Article, Document, Event, Organisation, Person, Place
from iempkg.resolve import Resolution, resolve
from iempkg.store import KnowledgeGraph
from iempkg.vocab import DEFAULT_BASE, DataIris

FULL = "United Nations Environment Programme - International Ecosystem Management Partnership"


def art(
    source: str, *orgs: Organisation, persons: tuple[Person, ...] = (), **event: object
) -> Article:
    kw: dict[str, object] = {"kind": "meeting", "organisations": [o.name for o in orgs]}
    kw.update(event)
    return Article(
        source=source,
        published=str(event.get("start") or "2024-01-01"),
        events=[Event(**kw)],  # type: ignore[arg-type]
        organisations=list(orgs),
        persons=list(persons),
    )


def org_of(res: Resolution, source: str, name: str) -> str:
    key = res.org(source, name)
    assert key is not None, (source, name)
    return key


def test_acronym_alone_joins_the_one_full_name_it_stands_for() -> None:
    res = resolve(
        [
            art("a", Organisation("Kenya Forestry Research Institute", acronym="KEFRI")),
            art("b", Organisation("KEFRI")),
            art("c", Organisation("The Kenya Forestry Research Institute")),
        ]
    )
    assert len(res.organisations) == 1
    (entity,) = res.organisations.values()
    assert entity.name == "Kenya Forestry Research Institute" and entity.acronyms == ["KEFRI"]
    assert entity.sources == ["a", "b", "c"]


def test_an_ambiguous_acronym_never_merges_two_names() -> None:
    res = resolve(
        [
            art("a", Organisation("Ministry of Environment of Cambodia", acronym="MOE")),
            art("b", Organisation("Ministry of Education of Japan", acronym="MOE")),
            art("c", Organisation("MOE")),
        ]
    )
    assert len({org_of(res, s, n) for s, n in [
        ("a", "Ministry of Environment of Cambodia"),
        ("b", "Ministry of Education of Japan"),
        ("c", "MOE"),
    ]}) == 3  # fmt: skip
    assert any("stands for 2 different names" in s.reason for s in res.suspects)


def test_an_acronym_spelt_across_of_and_and() -> None:
    res = resolve(
        [
            art(
                "a", Organisation("Institute of Geographic Sciences and Natural Resources Research")
            ),
            art("b", Organisation("IGSNRR")),
        ]
    )
    assert org_of(res, "a", "Institute of Geographic Sciences and Natural Resources Research") == (
        org_of(res, "b", "IGSNRR")
    )


def test_spelling_variants_and_acronyms_inside_names() -> None:
    res = resolve(
        [
            art("a", Organisation(FULL, acronym="UNEP-IEMP"),
                Organisation("United Nations Environment Programme", acronym="UNEP")),
            art("b", Organisation("UNEP International Ecosystem Management Partnership")),
            art("c", Organisation("United Nations Environment Program – International "
                                  "Ecosystem Management Partnership")),
            art("d", Organisation("IEMP")),
            art("e", Organisation("Lancang-Mekong Environmental Cooperation Centre")),
            art("f", Organisation("lancang-mekong environmental cooperation center")),
        ]
    )  # fmt: skip
    iemp = org_of(res, "a", FULL)
    for source, name in [
        ("b", "UNEP International Ecosystem Management Partnership"),
        (
            "c",
            "United Nations Environment Program – International Ecosystem Management Partnership",
        ),
        ("d", "IEMP"),
    ]:
        assert org_of(res, source, name) == iemp, name
    assert org_of(res, "a", "UNEP") != iemp
    assert org_of(res, "e", "Lancang-Mekong Environmental Cooperation Centre") == org_of(
        res, "f", "lancang-mekong environmental cooperation center"
    )


def test_near_identical_names_join_and_numbered_ones_do_not() -> None:
    res = resolve(
        [
            art("a", Organisation("Kenya Forestry Research Institute")),
            art("b", Organisation("Kenya Forestry Reseach Institute")),  # a typo
            art("c", Organisation("Regional Office 1 of the Forest Service")),
            art("d", Organisation("Regional Office 2 of the Forest Service")),
        ]
    )
    assert org_of(res, "a", "Kenya Forestry Research Institute") == org_of(
        res, "b", "Kenya Forestry Reseach Institute"
    )
    assert org_of(res, "c", "Regional Office 1 of the Forest Service") != org_of(
        res, "d", "Regional Office 2 of the Forest Service"
    )


def test_a_short_form_is_its_articles_body_only() -> None:
    soil = "Soil Center of the Ministry of Ecology and Environment"
    res = resolve(
        [
            art("a", Organisation(soil, parent="Ministry of Ecology and Environment"),
                Organisation("Soil Center"), Organisation("Ministry of Ecology and Environment")),
            art("b", Organisation("Soil Center")),  # some other soil center
        ]
    )  # fmt: skip
    assert org_of(res, "a", "Soil Center") == org_of(res, "a", soil)
    assert org_of(res, "b", "Soil Center") != org_of(res, "a", soil)
    assert res.organisations[org_of(res, "a", soil)].parent == org_of(
        res, "a", "Ministry of Ecology and Environment"
    )


def test_ministries_of_two_countries_stay_two_and_one_country_is_one() -> None:
    moe = "Ministry of Environment"
    res = resolve(
        [
            art("kh1", Organisation(moe, country="Cambodia")),
            art("kh2", Organisation(moe), place=Place(city="Phnom Penh", country="Cambodia")),
            art("jp", Organisation(moe, country="Japan")),
            art("unknown", Organisation(moe)),
        ]
    )
    kh = org_of(res, "kh1", moe)
    assert org_of(res, "kh2", moe) == kh
    assert len({kh, org_of(res, "jp", moe), org_of(res, "unknown", moe)}) == 3
    assert kh == "ministry-of-environment-cambodia"


def test_persons_in_either_order_and_one_word_mentions() -> None:
    zhang = Person("Zhang Linxiu", honorific="Dr.", title="Director")
    res = resolve(
        [
            art("a", persons=(zhang, Person("Zhang"), Person("Liao Xiaoyong"))),
            art("b", persons=(Person("Linxiu Zhang", honorific="Prof."),)),
            art("c", persons=(Person("Zhang"), Person("Zhang Wei"), Person("Zhang Linxiu"))),
        ]
    )
    key = res.person("a", "Zhang Linxiu")
    assert (
        key is not None
        and res.person("a", "Zhang") == key
        and res.person("b", "Linxiu Zhang") == key
    )
    assert res.person("c", "Zhang") not in (
        key,
        res.person("c", "Zhang Wei"),
    )  # two Zhangs: unclear
    assert res.persons[key].name == "Zhang Linxiu" and "Linxiu Zhang" in res.persons[key].variants


def test_curation_same_different_canonical() -> None:
    articles = [
        art("a", Organisation("Kenya Forestry Research Institute", acronym="KEFRI")),
        art("b", Organisation("Kenya Forest Research Inst.")),
        art("c", Organisation("Kenya Forestry Reseach Institute")),
        art("d", persons=(Person("Li Na"),)),
        art("e", persons=(Person("Na Li"),)),
    ]
    curation = parse_curation(
        """
organisations:
  same:
    - [KEFRI, "Kenya Forest Research Inst."]
  different:
    - [KEFRI, "Kenya Forestry Reseach Institute"]
  canonical:
    "organisation:kenya-forestry-research-institute": "KEFRI (Kenya)"
persons:
  different:
    - ["Li Na", "Na Li"]
  canonical:
    Nobody Named: Someone
""",
        "curation.yaml",
    )
    plain = resolve(articles)
    assert plain.org("a", "KEFRI") == plain.org("c", "Kenya Forestry Reseach Institute")
    res = resolve(articles, curation=curation)
    kefri = org_of(res, "a", "KEFRI")
    assert org_of(res, "b", "Kenya Forest Research Inst.") == kefri
    assert org_of(res, "c", "Kenya Forestry Reseach Institute") != kefri
    assert res.organisations[kefri].name == "KEFRI (Kenya)" and kefri == "kefri-kenya"
    assert res.person("d", "Li Na") != res.person("e", "Na Li")
    assert res.unmatched_curation == ["Nobody Named"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("organisations: [a, b]", "expected 'same', 'different' and 'canonical'"),
        ("organisations:\n  same:\n    - [only-one]", "needs two names"),
        ("people: {}", "unknown section 'people'"),
        ("organisations:\n  same: [[a, 3]]", "expected a list of names"),
        ("organisations: {same: [", "not valid YAML"),
    ],
)
def test_bad_curation_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_curation(text, "c.yaml")


def test_iris_are_stable_when_articles_are_added_and_old_ones_stay_linked() -> None:
    first = [art("a", Organisation("KEFRI")), art("b", Organisation("Linxiu Institute"))]
    before = resolve(first)
    assert before.org("a", "KEFRI") == "kefri"
    more = [*first, art("c", Organisation("Kenya Forestry Research Institute", acronym="KEFRI"))]
    after = resolve(list(reversed(more)))
    kept = org_of(after, "a", "KEFRI")
    assert kept == "kenya-forestry-research-institute"
    assert after.same_as["kefri"] == kept  # the IRI minted before still resolves
    assert after.org("b", "Linxiu Institute") == before.org("b", "Linxiu Institute")
    quads = map_entities(after, more, DataIris(DEFAULT_BASE))
    same = {
        (q.subject.value, q.object.value) for q in quads if q.predicate.value.endswith("sameAs")
    }
    assert (DEFAULT_BASE + "organisation/kefri", DEFAULT_BASE + "organisation/" + kept) in same


def test_gazetteer_canonical_name_and_wikidata() -> None:
    gaz = Gazetteer(
        [
            GazetteerEntry(
                "Chinese Academy of Sciences",
                ["CAS"],
                ["Academia Sinica (Beijing)"],
                None,
                "China",
                "academy",
                "Q530471",
            )
        ]
    )
    res = resolve(
        [art("a", Organisation("CAS")), art("b", Organisation("chinese academy of sciences"))], gaz
    )
    (entity,) = res.organisations.values()
    assert (entity.key, entity.name, entity.wikidata) == (
        "chinese-academy-of-sciences",
        "Chinese Academy of Sciences",
        "Q530471",
    )
    quads = map_entities(res, [], DataIris(DEFAULT_BASE))
    assert any(q.object == ox.NamedNode("http://www.wikidata.org/entity/Q530471") for q in quads)


def test_one_person_two_posts_over_time() -> None:
    iris = DataIris(DEFAULT_BASE)
    a = art("2019.txt", Organisation("Kenya Forestry Research Institute", acronym="KEFRI"),
            persons=(Person("Joshua Cheboiwo", title="Deputy Director", organisation="KEFRI"),),
            start="2019-03-12")  # fmt: skip
    b = art("2023.txt", Organisation("Kenya Forestry Research Institute"),
            persons=(Person("Cheboiwo Joshua", title="Director",
                            organisation="Kenya Forestry Research Institute"),),
            start="2023-05-02")  # fmt: skip
    res = resolve([a, b], load_gazetteer())
    kg = KnowledgeGraph()
    for x in (a, b):
        g = map_article(Document(source=x.source, text=""), x, res, iris)
        kg.replace_graph(g.graph, g.quads)
    kg.replace_graph(iris.entities_graph, map_entities(res, [a, b], iris))
    rows = kg.query(
        """PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX iemp: <https://w3id.org/iempkg/ontology#>
        SELECT DISTINCT ?p ?role ?when WHERE { ?m a org:Membership ; org:member ?p ;
          org:role/skos:prefLabel ?role ; iemp:statedOn ?when } ORDER BY ?when"""
    )
    found = [(r["p"].value, r["role"].value, r["when"].value) for r in rows]  # type: ignore[union-attr, index]
    person = DEFAULT_BASE + "person/" + str(res.person("2019.txt", "Joshua Cheboiwo"))
    assert [(p, role) for p, role, _ in found] == [
        (person, "Deputy Director"),
        (person, "Director"),
    ]


def test_the_entities_command(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    for x in (
        art("a.txt", Organisation("Kenya Forestry Research Institute", acronym="KEFRI")),
        art("b.txt", Organisation("KEFRI"), Organisation("Kenya Forestry Research Institutes")),
        art("c.txt", Organisation("Ministry of Environment of Cambodia")),
        art("d.txt", Organisation("Ministry of Environment of Cameroon")),
    ):
        (records / f"{x.source}.json").write_text(json.dumps(x.to_dict()), "utf-8")
    out = CliRunner().invoke(cli, ["entities", str(tmp_path), "--kind", "org"])
    assert out.exit_code == 0, out.output
    assert "Kenya Forestry Research Institute (KEFRI)  [2 article(s)]" in out.output
    assert "also written: Kenya Forestry Research Institutes" in out.output
    sus = CliRunner().invoke(cli, ["entities", str(tmp_path), "--suspects"])
    assert "ministry-of-environment-of-cambodia" in sus.output and "similar names" in sus.output
    data = json.loads(
        CliRunner().invoke(cli, ["entities", str(records), "--format", "json"]).output
    )
    assert {c["kind"] for c in data["clusters"]} == {"organisation"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations: [", "utf-8")
    err = CliRunner().invoke(cli, ["entities", str(tmp_path), "--curation", str(bad)])
    assert err.exit_code == 2 and err.stderr.startswith("error: not valid YAML")
    assert len(err.stderr.strip().splitlines()) == 1


PERSONS_NAMED = """
PREFIX schema: <http://schema.org/>
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person ; schema:name ?name }
"""


def _persons_named(kg: Path, name: str) -> int:
    store = ox.Store()
    store.load(path=str(kg), format=ox.RdfFormat.TURTLE)
    query = PERSONS_NAMED.replace("?name }", f'"{name}" }}')
    (row,) = list(store.query(query))  # type: ignore[arg-type]
    return int(row["n"].value)


def test_a_curators_not_the_same_splits_a_cluster_on_the_next_build(tmp_path: Path) -> None:
    news = Path(__file__).parent.parent / "data" / "news"
    seed, kefri = "000_a23b3f09f4b03236.txt", "sample-2019-03-kefri-mou.txt"
    runner = CliRunner()
    first = runner.invoke(
        cli, ["build", str(news / seed), str(news / kefri), "-o", str(tmp_path / "a")]
    )
    assert first.exit_code == 0, first.output
    assert _persons_named(tmp_path / "a" / "kg.ttl", "Zhang Linxiu") == 1
    curation = tmp_path / "curation.yaml"
    curation.write_text(
        f'persons:\n  different:\n    - ["Zhang Linxiu @ {seed}", "Zhang Linxiu @ {kefri}"]\n',
        "utf-8",
    )
    args = ["build", str(news / seed), str(news / kefri), "--curation", str(curation)]
    second = runner.invoke(cli, [*args, "-o", str(tmp_path / "b")])
    assert second.exit_code == 0, second.output
    assert _persons_named(tmp_path / "b" / "kg.ttl", "Zhang Linxiu") == 2
    listing = runner.invoke(
        cli, ["entities", str(tmp_path / "b"), "--kind", "person", "--curation", str(curation)]
    )
    assert listing.output.count(": Zhang Linxiu  [1 article(s)]") == 2, listing.output
