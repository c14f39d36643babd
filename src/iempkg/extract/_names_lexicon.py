"""Word lists the entity rules rely on: organisation head nouns, titles, honorifics, stop words.

The job titles and honorifics are data (`resources/titles.yaml`) so that they can be extended
without code; the organisation vocabulary is here because each list encodes a rule of the
record (see the README of the evaluation): which head nouns make an organisation on their own,
which only with an acronym or a gazetteer entry, and which never do (events, treaties, projects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry
import yaml

from ..names import fold


def words(text: str) -> list[str]:
    """The words of a blank-separated list (the lists below read as prose)."""
    return text.split()


# A capitalised phrase ending in one of these is an organisation ("Soil Center", "Ford Foundation").
STRONG_HEADS = frozenset(
    words(
        """
        Ministry Department Institute Institution University College Center Centre Academy
        Secretariat Office Foundation Laboratory Laboratories Council Agency Commission Bank
        Corporation Company Association Society Federation Organization Organisation Authority
        Bureau Administration Union Consortium Observatory Museum Embassy Consulate Trust
        Institutes Universities Ministries Cooperative Directorate Inspectorate Faculty
        Chamber Garden Gardens
        """
    )
)
# Head nouns of Romance-language names, which come first and take their modifiers after them
# ("Universidade Federal de Alagoas", "Instituto Nacional de Ecología", "Institut für ...").
ROMANCE_HEADS = frozenset(
    words(
        """
        Universidad Universidade Universidades Université Universität Università Universitas Universiti
        Instituto Institutos Institut Istituto Centro Ministerio Ministério Ministère Fundación
        Fundação Fondation Comisión Comissão Consejo Conselho Conseil Secretaría Agencia Agência
        Agence Servicio Serviço Corporación Asociación Associação Sociedad Sociedade Empresa
        Escuela Escola École Facultad Faculdade Faculté Colegio Museo Museu Musée Academia
        Académie Observatorio Laboratorio Laboratório Laboratoire Departamento Département
        Dirección Direção Oficina Organización Organização
        """
    )
)
ROMANCE_CONNECTORS = frozenset(
    words(
        "de del la las los do da dos das e y para en et des du le di della per für pour sur au aux"
        " ao aos à às"
    )
)
# Plural heads name one body only with a complement or an acronym ("National Museums of
# Kenya"); alone they are a kind of body ("Forest Training Centers").
PLURAL_HEADS = frozenset(
    words(
        """
        Chambers Museums Centres Centers Academies Councils Agencies Commissions Foundations
        Associations Societies
        """
    )
)
# These name programmes of work, funds, events-like bodies and networks as often as
# organisations: the phrase counts only with its own acronym in the text or a gazetteer entry
# ("Global Environment Facility (GEF)" yes, "Environmental Governance Programme" no).
WEAK_HEADS = frozenset(
    words(
        """
        Programme Program Partnership Network Panel Facility Fund Initiative Platform Group
        Committee Alliance Coalition Service Board Unit Division Station Hub School Assembly
        """
    )
)
# "School of ..." and "Station of ..." are units; a bare "Summer School" is an event.
HEADS_OK_WITH_COMPLEMENT = frozenset({"School", "Station", "Division", "Unit"})
# Bodies that other units belong to: "<unit>, <parent>" reads as an affiliation.
PARENT_HEADS = frozenset({"Academy", "University", "Ministry", "Commission", "Agency"})
UNIT_HEADS = frozenset(
    words(
        """
        Institute Institution School College Center Centre Laboratory Department Office Division
        Unit Station Secretariat Observatory Bureau Faculty
        """
    )
)
# "Convention Center" and the like are venues, not bodies.
VENUE_MODIFIERS = frozenset(
    words(
        """
        Convention Conference Exhibition Congress Press Visitor Visitors Media Sports Shopping
        """
    )
)
COMPANY_SUFFIX = re.compile(
    r"\bCo\.,?\s*(?:Ltd|LTD|Limited)\b\.?|\b(?:Ltd|LTD|Inc|Corp|LLC|GmbH|PLC|plc)\b\.?"
)
# Lower-case words allowed inside a name ("Ministry of Ecology and Environment").
CONNECTORS = frozenset({"of", "for", "and", "the", "on", "&", "de", "des", "du", "la", "-", "–"})
# Complements start with these after the head noun.
COMPLEMENT_STARTS = frozenset({"of", "for", "on"})
# An acronym written like these before a capitalised word is an adjective ("UN Development
# Programme"), not a mention of the organisation.
ADJECTIVAL_ACRONYMS = frozenset({"UN", "U.N.", "EU"})
# A gazetteer name followed by one of these is a modifier ("United Nations agencies").
GENERIC_FOLLOWERS = frozenset(
    words(
        """
        agencies agency system entities bodies member members family organizations organisations
        region regions countries nations heritage
        """
    )
)

# Capitalised words that never start or continue a name: sentence openers, pronouns, months,
# and verbs of title-case headlines ("UNEP-IEMP Holds Talks with ...").
STOP_WORDS = frozenset(
    words(
        """
        The A An On In At By For From To With During After Before Since Both This That These
        Those Its His Her Their Our We It He She They As And Of Or But If When While Upon Under
        Over Through Between Among Also Then There Here All Some Many Most Each Every Other Such
        Following According Meanwhile However Furthermore Moreover Besides Related Highlights
        Yesterday Today Tomorrow Recently Earlier Later Last Next Together Additionally Finally
        Currently Previously Subsequently Notably Overall Afterwards Thereafter Thus Hence Please
        January February March April May June July August September October November December
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday News Photo Source Read More
        Holds Hold Held Hosts Hosted Host Visits Visit Visited Signs Signed Sign Meets Met Meet
        Attends Attended Launches Launched Launch Joins Joined Welcomes Welcomed Receives
        Received Organizes Organized Organises Organised Participates Delivers Delivered
        Celebrates Marks Discusses Explores Strengthens Deepens Promotes Talks Says Said Calls
        Opens Opened Held Releases Released Co-organizes Co-hosts Supports Presents Presented
        Wins Awarded
        Representing Speaking Addressing Commenting Including Attending Accompanied
        Accompanying Welcoming Expressing Emphasizing Emphasising Noting Highlighting
        Concluding Joining Chairing Hosting Organizing Organising Sponsored Supported Funded
        Financed Memorandum Memoranda
        """
    )
)
# Ordinary capitalised vocabulary of organisation names and topics: such a word cannot be
# part of a person's name ("Minister of Ecology and Environment Huang Runqiu").
NAME_VOCABULARY = frozenset(
    words(
        """
        Journal Magazine Bulletin Botanic Botanical Production Consumption Convention Protocol
        Treaty Agreement Workshop Workshops Seminar Forum Conference Symposium Summit Dialogue
        Webinar Exchange Expedition Ceremony Meeting Course
        Environment Environmental Ecology Ecological Ecosystem Ecosystems Development Research
        Science Sciences Scientific Natural Resources Resource Affairs Foreign International
        National Cooperation Management Policy Planning Finance Financial Trade Economic Economy
        Economics Agriculture Agricultural Rural Water Energy Climate Change Health Education
        Technology Technologies Technical Protection Conservation Biodiversity Land Forestry
        Forest Ocean Marine Sustainable Sustainability Global Regional Asia Asian Pacific Africa
        African Europe European America American Arab Latin Caribbean Middle East West Western
        North Northern South Southern Northeast Southeast Central Studies Geographic Geography
        Innovation Industry Industrial Social Public Green Growth Security Food Disaster Risk
        Reduction Prevention Emergency Human Settlements Urban City Province Provincial County
        District Region State States Republic Kingdom People People's Government Governance
        Federal Municipal Key Advanced Applied Chinese Committee Steering Delegation Greater
        Sub-region Portfolio Project Projects Programme Belt Road Initiative Partnership Network
        Mountain Mountains Desert Wetlands Wetland River Basin Lake Plateau Grassland Soil Black
        Carbon Low Emissions Pollution Waste Chemicals Chemical Adaptation Mitigation Resilience
        Livelihoods Gender Equality Women Youth Children Investment Infrastructure Transport
        Tourism Culture Cultural Information Data Digital Statistics Commerce Justice Defence
        Defense Interior Labour Labor Communications Media Nations United Union World Ministers
        Council Executive Deputy Vice General Director Protected Area Areas Park Parks Reserve
        Nature Wildlife Exploration Geochemical Geophysical Task Force Parliamentary Monitoring
        Assessment Warning Early Post Times Daily Herald Tribune Journal Gazette Press
        Activity Activities Outreach Relations Extension Evaluation Strategic Operations
        """
    )
)
# Words that end a place name, so "X of Anhui Province" ties a title to a place, not a body.
PLACE_SUFFIXES = frozenset(
    words(
        """
        Province City County District Region Prefecture State Municipality Island Islands
        """
    )
)
DEMONYMS = frozenset(
    words(
        """
        Chinese Cambodian Thai Kenyan Vietnamese Lao Laotian Myanmar Burmese Nepali Nepalese
        Indian Pakistani Bangladeshi Indonesian Malaysian Filipino Japanese Korean Mongolian
        Russian American British French German Italian Spanish Dutch Swedish Norwegian Danish
        Finnish Swiss Australian Canadian Brazilian Mexican Egyptian Ethiopian Nigerian Ghanaian
        Tanzanian Ugandan Rwandan South African Moroccan Algerian Tunisian Saudi Emirati Iranian
        Turkish Sri Lankan Bhutanese Maldivian Kazakh Uzbek Kyrgyz Philippine Afghan Azerbaijani
        Turkmen Tajik Congolese Austrian Belgian Polish Greek Portuguese Irish Israeli Iraqi
        Syrian Jordanian Lebanese Qatari Kuwaiti Omani Yemeni Sudanese Kenyan Zambian Zimbabwean
        Senegalese Cameroonian Colombian Peruvian Chilean Argentine Argentinian Cuban Venezuelan
        """
    )
)
# The commonest Chinese family names in pinyin: tell "Zhang Linxiu" (family name first) from
# "Linxiu Zhang", so that a later "Zhang said" finds the right person.
CHINESE_SURNAMES = frozenset(
    words(
        """
        Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng
        Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Jia
        Ding Wei Xue Ye Yan Lu Du Dai Xia Zhong Wan Fu Shen Qian Qin Ren Yao Jin Shi Cui Kang
        Mao Qiu Hou Shao Meng Long Wen Bai Tan Fan Lei Fang Hong Liao Ni Miao Niu Ge Xiang Kong
        Chang Yin Ou Gu Qi Geng Mo Cheng Su Lai Bao Jiao Hao Yi Duan Lv Gong Ji Tao Zou Pang
        Xiong Jing Ning Zhan Qu Huo Yue Chai Wei Gan Zuo Mei Ouyang Sima Shang Tong Xin Bi Rao
        Hua Qiao
        """
    )
)


@dataclass(frozen=True)
class TitleLexicon:
    honorifics: tuple[str, ...]
    modifiers: tuple[str, ...]
    cores: tuple[str, ...]

    @property
    def words(self) -> frozenset[str]:
        """One-word title cores (and 'Deputy', 'Vice'): these end names and org phrases.

        Words of longer titles ("General" in "Director General") also occur in names of bodies
        ("General Secretariat"), so they do not count; a hyphenated core is one word
        ("Director-General" ends "Westford Institute Director-General, ...")."""
        out = {c for c in self.cores if not re.search(r"\s", c)}
        return frozenset(out | {"Deputy", "Vice"})


@cache
def titles() -> TitleLexicon:
    text = resources.files("iempkg.resources").joinpath("titles.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return TitleLexicon(
        honorifics=tuple(data["honorifics"]),
        modifiers=tuple(data["modifiers"]),
        cores=tuple(data["cores"]),
    )


@cache
def country_names() -> frozenset[str]:
    """Country names as articles write them (pycountry's names plus common short forms)."""
    names = set(
        words(
            "China Russia Iran Vietnam Laos Syria Tanzania Bolivia Venezuela Moldova Taiwan Macao Macau Turkey UK USA US Brunei Palestine"
        )
    )
    names |= {
        "South Korea",
        "North Korea",
        "Korea",
        "Hong Kong",
        "Czech Republic",
        "Republic of Korea",
    }
    names |= {"DRC", "DR Congo", "Lao PDR", "Viet Nam", "Türkiye", "Britain", "Great Britain"}
    names |= {"UAE", "U.A.E.", "KSA", "PRC", "ROK", "DPRK", "U.S.", "U.K.", "USSR"}
    for c in pycountry.countries:
        names.add(c.name)
        for attr in ("common_name", "official_name"):
            value = getattr(c, attr, None)
            if isinstance(value, str):
                names.add(value)
    return frozenset(names)


@cache
def _folded_countries() -> frozenset[str]:
    return frozenset(fold(n) for n in country_names())


def is_country(text: str) -> bool:
    """A country's name as written, accents or not ("Cote d'Ivoire", "Côte d'Ivoire")."""
    return text in country_names() or fold(text) in _folded_countries()
