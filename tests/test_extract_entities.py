"""Organisations and persons: the seed article in full, each construction on invented text, the
not-an-organisation rules, spans, and the gazetteer (shipped and extended by a user file)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from iempkg.extract.entities import Entities, find_entities
from iempkg.gazetteer import load_gazetteer
from iempkg.model import Document, Organisation, Person

SEED = Path(__file__).resolve().parent.parent / "data" / "news" / "000_a23b3f09f4b03236.txt"


def entities(text: str) -> Entities:
    return find_entities(Document(source="test.txt", text=text))


def orgs(text: str) -> dict[str, Organisation]:
    return {o.name: o for o in entities(text).organisations}


def persons(text: str) -> dict[str, Person]:
    return {p.name: p for p in entities(text).persons}


def person_row(p: Person) -> tuple[str | None, str | None, str | None]:
    return (p.honorific, p.title, p.organisation)


# --- the seed article -------------------------------------------------------------------------

UNEP_IEMP = "United Nations Environment Programme - International Ecosystem Management Partnership"
SOIL = "Soil Center of the Ministry of Ecology and Environment"
IGSNRR = "Institute of Geographic Sciences and Natural Resources Research"


@pytest.fixture(scope="module")
def seed() -> tuple[Document, Entities]:
    doc = Document(source=SEED.name, text=SEED.read_text("utf-8"))
    return doc, find_entities(doc)


def test_seed_organisations(seed: tuple[Document, Entities]) -> None:
    _, ents = seed
    got = {o.name: (o.acronym, o.aliases, o.parent) for o in ents.organisations}
    assert got == {
        UNEP_IEMP: ("UNEP-IEMP", [], "United Nations Environment Programme"),
        "United Nations Environment Programme": (None, [], None),
        IGSNRR: (None, [], "Chinese Academy of Sciences"),
        "Chinese Academy of Sciences": (None, [], None),
        SOIL: (None, ["Soil Center"], "Ministry of Ecology and Environment"),
        "Ministry of Ecology and Environment": (None, [], None),
    }


def test_seed_persons(seed: tuple[Document, Entities]) -> None:
    _, ents = seed
    got = {p.name: person_row(p) for p in ents.persons}
    assert got == {
        "Zhang Linxiu": ("Dr.", "Director", UNEP_IEMP),
        "Liao Xiaoyong": ("Dr.", "Deputy Director", IGSNRR),
        "Hong Yaxiong": ("Mr.", "Director", SOIL),
        "Chen Hedong": ("Mr.", "Deputy Director", SOIL),
        "Shi Huading": ("Mr.", "Division Chief", SOIL),
    }


def test_seed_spans_point_at_the_mentions(seed: tuple[Document, Entities]) -> None:
    doc, ents = seed
    zhang = next(p for p in ents.persons if p.name == "Zhang Linxiu")
    assert [doc.text[s.start : s.end] for s in zhang.spans] == [
        "Zhang Linxiu",
        "Zhang Linxiu",
        "Zhang",  # "Director Zhang proposed ..."
    ]
    soil = next(o for o in ents.organisations if o.name == SOIL)
    assert [doc.text[s.start : s.end] for s in soil.spans] == [
        SOIL,
        SOIL,
        "Soil Center",
        "Soil Center",
    ]
    iemp = next(o for o in ents.organisations if o.name == UNEP_IEMP)
    assert [doc.text[s.start : s.end] for s in iemp.spans] == ["UNEP-IEMP", UNEP_IEMP, "UNEP-IEMP"]
    for item in [*ents.organisations, *ents.persons]:
        assert item.spans, item.name


# --- organisations: constructions ---------------------------------------------------------------


def test_full_name_with_acronym_and_acronym_only_mentions() -> None:
    text = (
        "On 3 May, ESCWA and the United Nations Environment Programme (UNEP) signed an MoU. "
        "UNEP will host the secretariat."
    )
    got = orgs(text)
    assert set(got) == {"ESCWA", "United Nations Environment Programme"}
    unep = got["United Nations Environment Programme"]
    assert unep.acronym == "UNEP"
    assert [text[s.start : s.end] for s in unep.spans] == [
        "United Nations Environment Programme",
        "UNEP",
        "UNEP",
    ]
    assert got["ESCWA"].acronym == "ESCWA"


def test_hereinafter_acronym_and_of_parent_and_short_alias() -> None:
    text = (
        "The team visited the State Key Laboratory of Coastal Ecology and Marine Protection "
        '(hereinafter referred to as the "SKLCM") of Xiamen Institute of Technology. '
        "The SKLCM showed its work, and the State Key Laboratory hosted a seminar."
    )
    got = orgs(text)
    lab = got["State Key Laboratory of Coastal Ecology and Marine Protection"]
    assert (lab.acronym, lab.aliases, lab.parent) == (
        "SKLCM",
        ["State Key Laboratory"],
        "Xiamen Institute of Technology",
    )
    assert set(got) == {lab.name, "Xiamen Institute of Technology"}
    assert len(lab.spans) == 4


def test_unit_comma_parent_and_acronym_of_the_whole_phrase() -> None:
    got = orgs(
        "A delegation visited the Institute for Global Development, Nanjing University (IGD). "
        "Later Dr. Wei Liu, Deputy Director of the Institute of Botany, Chinese Academy of "
        "Sciences, spoke."
    )
    assert got["Institute for Global Development"].acronym == "IGD"
    assert got["Institute for Global Development"].parent == "Nanjing University"
    assert got["Nanjing University"].acronym is None
    assert got["Institute of Botany"].parent == "Chinese Academy of Sciences"
    assert "Chinese Academy of Sciences" in got


def test_acronym_letters_decide_where_a_long_name_starts() -> None:
    got = orgs(
        "Participants came from the Global Environment Facility (GEF) Scientific and Technical "
        "Advisory Panel (STAP), the UNEP Regional Office for Asia and the Pacific (UNEP ROAP) "
        "and the Lancang-Mekong Environmental Cooperation Center (LMEC)."
    )
    assert got["Scientific and Technical Advisory Panel"].parent == "Global Environment Facility"
    assert got["Scientific and Technical Advisory Panel"].acronym == "STAP"
    assert got["UNEP Regional Office for Asia and the Pacific"].acronym == "UNEP ROAP"
    assert got["UNEP Regional Office for Asia and the Pacific"].parent == "UNEP"
    assert "UNEP" in got  # named inside another's full name, so listed too
    assert got["Lancang-Mekong Environmental Cooperation Center"].acronym == "LMEC"


def test_of_nesting_lists_the_parent_and_country_alias() -> None:
    got = orgs(
        "Members came from the Ministry of Environment (Cambodia) and the General Secretariat of "
        "the National Council for Sustainable Development (GSSD). Later the Ministry of "
        "Environment of Cambodia hosted the pilot."
    )
    assert got["Ministry of Environment"].aliases == ["Ministry of Environment of Cambodia"]
    assert got["Ministry of Environment"].country == "Cambodia"
    gssd = got["General Secretariat of the National Council for Sustainable Development"]
    assert (gssd.acronym, gssd.parent) == ("GSSD", "National Council for Sustainable Development")
    assert "National Council for Sustainable Development" in got


def test_secretariats_companies_universities_ministries() -> None:
    got = orgs(
        "They met the Secretariat of the Basel Convention, the UNFCCC Secretariat, Yunnan Green "
        "Energy Group Co., Ltd, Renmin University of China and the Ministry of Natural Resources "
        "and Environment of Thailand."
    )
    assert set(got) == {
        "Secretariat of the Basel Convention",
        "UNFCCC Secretariat",
        "Yunnan Green Energy Group Co., Ltd",
        "Renmin University of China",
        "Ministry of Natural Resources and Environment of Thailand",
    }


def test_name_with_and_before_the_head() -> None:
    got = orgs("the General Manager of Anhui Ma Steel International Trade and Economic Corporation")
    assert list(got) == ["Anhui Ma Steel International Trade and Economic Corporation"]
    got = orgs("Tsinghua University and Peking University signed it.")
    assert set(got) == {"Tsinghua University", "Peking University"}


def test_anaphoric_head_noun_is_a_mention_not_an_organisation() -> None:
    text = (
        "The Asian Vision Institute (AVI), represented by Dr Keo Piseth, Vice President of the "
        "Institute, signed."
    )
    ents = entities(text)
    assert [o.name for o in ents.organisations] == ["Asian Vision Institute"]
    avi = ents.organisations[0]
    assert [text[s.start : s.end] for s in avi.spans] == [
        "Asian Vision Institute",
        "AVI",
        "Institute",
    ]
    assert person_row(ents.persons[0]) == ("Dr", "Vice President", "Asian Vision Institute")


# --- organisations: what is not one ----------------------------------------------------------


def test_not_organisations() -> None:
    text = (
        "NAIROBI, June 27 (Xinhua) -- The project, financed by the UNEP-China Trust Fund Phase 2 "
        "and the Global Environment Facility Trust Fund, was presented at the Conference of the "
        "Parties (COP 22) and the Global Platform for Disaster Risk Reduction (GP2019) under the "
        "UN Framework Convention on Climate Change and the Paris Agreement. The Environmental "
        "Governance Programme and the Belt and Road Initiative were discussed with the Chinese "
        "Government and United Nations agencies at the Beijing International "
        "Convention Center. Chinese Minister of Ecology and Environment Huang Runqiu spoke."
    )
    ents = entities(text)
    assert ents.organisations == []
    assert person_row(ents.persons[0]) == (None, "Minister of Ecology and Environment", None)


def test_weak_heads_count_with_their_own_acronym() -> None:
    got = orgs(
        "UNITAR led by the Manager, Mr. Karl Weber of the Chemicals and Waste Management "
        "Programme (CWM), presented the Local Development Programme."
    )
    assert set(got) == {"UNITAR", "Chemicals and Waste Management Programme"}
    assert got["Chemicals and Waste Management Programme"].acronym == "CWM"


def test_gazetteer_name_counts_only_where_written() -> None:
    assert set(orgs("They learnt about the structure of the United Nations, in Geneva.")) == {
        "United Nations"
    }
    fao = orgs("The FAO report was discussed; fao in lower case is not a name.")
    assert [(o.name, o.acronym, len(o.spans)) for o in fao.values()] == [("FAO", "FAO", 1)]
    assert orgs("A report on climate and soil by the Mekong team.") == {}


def test_news_agency_style_article() -> None:
    text = (
        "BEIJING, May 5 (Xinhua) -- The Chinese Academy of Agricultural Sciences (CAAS) and the "
        "Food and Agriculture Organization of the United Nations (FAO) on Friday launched a joint "
        "laboratory.\n\nQu Dongyu, the FAO's director-general, said the laboratory would help "
        'farmers.\n\n"Soil is life," Qu said. Wu Kongming, president of CAAS, spoke too.'
    )
    ents = entities(text)
    assert {o.name: (o.acronym, o.parent) for o in ents.organisations} == {
        "Chinese Academy of Agricultural Sciences": ("CAAS", None),
        "Food and Agriculture Organization of the United Nations": ("FAO", "United Nations"),
        "United Nations": (None, None),
    }
    fao = "Food and Agriculture Organization of the United Nations"
    assert {p.name: person_row(p) for p in ents.persons} == {
        "Qu Dongyu": (None, "director-general", fao),
        "Wu Kongming": (None, "president", "Chinese Academy of Agricultural Sciences"),
    }
    qu = ents.persons[0]
    assert [text[s.start : s.end] for s in qu.spans] == ["Qu Dongyu", "Qu"]


# --- persons -----------------------------------------------------------------------------------


def test_honorifics_kept_as_written() -> None:
    got = persons(
        "H.E Dr Sok Chenda, Assoc. Prof. Mei Ling, Prof Jun Ma, Academician Sun Honglie and "
        "Sir Robert Watson attended."
    )
    assert {n: p.honorific for n, p in got.items()} == {
        "Sok Chenda": "H.E Dr",
        "Mei Ling": "Assoc. Prof.",
        "Jun Ma": "Prof",
        "Sun Honglie": "Academician",
        "Robert Watson": "Sir",
    }


def test_title_and_organisation_forms() -> None:
    text = (
        "IFAD President Gilbert Houngbo met Inger Andersen, the UNEP's executive director, and "
        "Hao Sun, Executive Director of the Institute for Global Development (IGD). "
        "Mr. Tom Reed, Program Officer from the Ford Foundation, and Prof. Ana Silva from the "
        "University of Lisbon joined. Director Sun thanked them; Andersen said it went well."
    )
    got = {n: person_row(p) for n, p in persons(text).items()}
    assert got == {
        "Gilbert Houngbo": (None, "President", "IFAD"),
        "Inger Andersen": (None, "executive director", "UNEP"),
        "Hao Sun": (None, "Executive Director", "Institute for Global Development"),
        "Tom Reed": ("Mr.", "Program Officer", "Ford Foundation"),
        "Ana Silva": ("Prof.", None, "University of Lisbon"),
    }
    andersen = persons(text)["Inger Andersen"]
    assert [text[s.start : s.end] for s in andersen.spans] == ["Inger Andersen", "Andersen"]
    assert [text[s.start : s.end] for s in persons(text)["Hao Sun"].spans] == ["Hao Sun", "Sun"]


def test_titles_before_the_name_in_a_list() -> None:
    text = (
        "The meeting was attended by the Director of the Water Center, Ms. Bat Erdene, Deputy "
        "Director Mr. Gan Bold, Division Chief Ms. Tsetseg Dorj, and researchers."
    )
    got = {n: person_row(p) for n, p in persons(text).items()}
    assert got == {
        "Bat Erdene": ("Ms.", "Director", "Water Center"),
        "Gan Bold": ("Mr.", "Deputy Director", "Water Center"),
        "Tsetseg Dorj": ("Ms.", "Division Chief", "Water Center"),
    }


def test_title_of_body_comma_name_and_place_complement() -> None:
    text = (
        "The Head of the Delegation, Mr. Zhou Ping, Vice Governor of Yunnan Province, was "
        "accompanied by Mr. Li Gang, Director-General of Yunnan Forestry Department; Deputy "
        "Director-General of Yunnan Commerce Office, Mr. Wu Tao; and the Chairman of Yunnan "
        "Green Energy Group Co., Ltd, Mr. Zhao Lei."
    )
    got = {n: person_row(p) for n, p in persons(text).items()}
    assert got == {
        "Zhou Ping": ("Mr.", "Vice Governor", None),
        "Li Gang": ("Mr.", "Director-General", "Yunnan Forestry Department"),
        "Wu Tao": ("Mr.", "Deputy Director-General", "Yunnan Commerce Office"),
        "Zhao Lei": ("Mr.", "Chairman", "Yunnan Green Energy Group Co., Ltd"),
    }


def test_led_by_with_titles_in_parentheses() -> None:
    text = (
        "A delegation from UNEP-IEMP led by Prof Linxiu Zhang (Director) and Dr Yunli Bai "
        "(Coordinator) visited Fudan University. Prof Linxiu Zhang spoke."
    )
    got = {n: person_row(p) for n, p in persons(text).items()}
    assert got == {
        "Linxiu Zhang": ("Prof", "Director", "UNEP-IEMP"),
        "Yunli Bai": ("Dr", "Coordinator", "UNEP-IEMP"),
    }
    assert len(persons(text)["Linxiu Zhang"].spans) == 2


def test_short_mentions_resolve_to_the_full_name() -> None:
    text = (
        "Dr. Li Mei, Director of UNEP-IEMP, met Mr. Zhang Wei. Director Li Mei thanked him. "
        "Director Li proposed a plan, and Zhang agreed."
    )
    got = persons(text)
    assert set(got) == {"Li Mei", "Zhang Wei"}
    assert [text[s.start : s.end] for s in got["Li Mei"].spans] == ["Li Mei", "Li Mei", "Li"]
    assert [text[s.start : s.end] for s in got["Zhang Wei"].spans] == ["Zhang Wei", "Zhang"]


def test_later_from_and_first_organisation_fallbacks() -> None:
    got = persons(
        "UNEP-IEMP visited the Ocean Institute of Fujian. During the visit, Director Wang Lan "
        "listened to a report. Ms. Kim Lee, Focal Point of the Mekong Portfolio, gave a talk "
        "from the Ocean Institute of Fujian."
    )
    assert person_row(got["Wang Lan"]) == (None, "Director", "UNEP-IEMP")
    assert person_row(got["Kim Lee"]) == (
        "Ms.",
        "Focal Point of the Mekong Portfolio",
        "Ocean Institute of Fujian",
    )


# --- gazetteer ---------------------------------------------------------------------------------


def test_gazetteer_ships_in_the_package() -> None:
    files = importlib.resources.files("iempkg.gazetteer_data")
    assert files.joinpath("organisations.yaml").is_file()
    gaz = load_gazetteer()
    unep = gaz.lookup("UN Environment Programme")
    assert unep is not None and unep.name == "United Nations Environment Programme"
    assert unep.acronyms == ["UNEP"]
    iemp = gaz.lookup("unep-iemp")
    assert iemp is not None and iemp.parent == "United Nations Environment Programme"
    cas = gaz.lookup("The Chinese Academy of Sciences")
    assert cas is not None and (cas.kind, cas.country) == ("academy", "China")
    assert gaz.lookup("Ministry of Magic") is None


def test_user_gazetteer_file_adds_entries(tmp_path: Path) -> None:
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text(
        "- name: Zhongshan Wetland Observatory\n"
        "  acronyms: [ZWO]\n"
        "  aliases: [Zhongshan Observatory]\n"
        "  parent: Chinese Academy of Sciences\n"
        "  country: China\n"
        "  kind: research-institute\n"
        "  wikidata: null\n",
        "utf-8",
    )
    csv_file = tmp_path / "more.csv"
    csv_file.write_text(
        "name,acronyms,aliases,parent,country,kind,wikidata\n"
        "Mekong Research Institute,MRI;MKRI,,,Cambodia,research-institute,\n",
        "utf-8",
    )
    gaz = load_gazetteer([yaml_file, csv_file])
    assert len(gaz) == len(load_gazetteer()) + 2
    zwo = gaz.lookup("ZWO")
    assert zwo is not None and zwo.name == "Zhongshan Wetland Observatory"
    assert gaz.lookup("Zhongshan Observatory") is zwo
    mri = gaz.lookup("MKRI")
    assert mri is not None and (mri.name, mri.country) == ("Mekong Research Institute", "Cambodia")
    # The extractor recognises the user's acronym, but only where the text writes it (an
    # acronym that opens the sentence has no grammar that makes it a body without the entry).
    doc = Document(source="t", text="ZWO and WWF experts met.")
    assert [o.name for o in find_entities(doc, gaz).organisations] == ["ZWO", "WWF"]
    assert [o.name for o in find_entities(doc).organisations] == ["WWF"]


def test_bad_gazetteer_entry_names_the_file(tmp_path: Path) -> None:
    from iempkg.errors import ConfigError

    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: X\n  kind: planet\n", "utf-8")
    with pytest.raises(ConfigError, match="kind"):
        load_gazetteer([bad])


def test_field_of_a_post_stays_in_the_title_and_the_body_follows() -> None:
    p = persons(
        "The delegation was received by Prof. Tesfaye Bekele, Vice President for Research of "
        "Addis Ababa University, in Addis Ababa."
    )
    assert person_row(p["Tesfaye Bekele"]) == (
        "Prof.",
        "Vice President for Research",
        "Addis Ababa University",
    )


def test_titles_that_contain_of() -> None:
    p = persons(
        "The course was opened by H.E. Dr. Sok Channa, Secretary of State of the Ministry of "
        "Environment of Cambodia."
    )
    assert person_row(p["Sok Channa"]) == (
        "H.E. Dr.",
        "Secretary of State",
        "Ministry of Environment of Cambodia",
    )


def test_acronym_after_unit_and_parent_names_the_unit_even_in_a_list() -> None:
    o = orgs(
        "UNEP-IEMP, the Kunming Institute of Botany, Chinese Academy of Sciences (KIB) and the "
        "International Union for Conservation of Nature (IUCN) co-organized the forum. "
        "Prof. Sun Hang, Director of KIB, spoke."
    )
    kib = o["Kunming Institute of Botany"]
    assert (kib.acronym, kib.parent) == ("KIB", "Chinese Academy of Sciences")
    assert o["Chinese Academy of Sciences"].acronym in (None, "CAS")
    assert (
        persons(
            "UNEP-IEMP, the Kunming Institute of Botany, Chinese Academy of Sciences (KIB) and the "
            "International Union for Conservation of Nature (IUCN) co-organized the forum. "
            "Prof. Sun Hang, Director of KIB, spoke."
        )["Sun Hang"].organisation
        == "Kunming Institute of Botany"
    )
