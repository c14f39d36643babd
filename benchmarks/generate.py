"""A synthetic news archive for benchmarks: realistic articles in every layout the ingest reads.

    .venv/bin/python benchmarks/generate.py 10000 /tmp/archive-10k          # seed 7
    .venv/bin/python benchmarks/generate.py 1000 /tmp/archive-1k --seed 3

Articles are written the way the project's sources write them (see data/news/ and the development
corpus): the seed's plain-text layout (title line, blank, `  • 01 February 2024  |  News`, blank,
paragraphs, a photo caption, 'Related Sustainable Development Goals' furniture) for most, and some
HTML pages, Markdown with front matter and JSON Lines feeds. Each article reports one event (talks,
a visit, a workshop, a training, a conference, a signing, a launch, field work) between partners
drawn from fixed pools: organisations with acronyms, parents and countries, persons with
honorifics, titles and affiliations, places, topics and outcome phrasings. Popularity is
long-tailed (a few partners appear everywhere, most rarely), so partners recur as in a real
archive.

Deterministic: article i depends only on (seed, i), never on N, so a 1,000-article archive is the
first 1,000 articles of the 10,000-article one. Files go in one directory per year
(`2019/a0001234.txt`); JSON Lines feeds collect every twentieth article (`feeds/feed-012.jsonl`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# --- pools -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str | None
    country: str
    parent: int | None = None  # index in the pool


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    chinese_order: bool  # "Zhang Linxiu" (family first) or "Joshua Cheboiwo"
    honorific: str
    title: str
    org: int

    @property
    def name(self) -> str:
        return (
            f"{self.family} {self.given}" if self.chinese_order else f"{self.given} {self.family}"
        )


HUB = Org(
    "United Nations Environment Programme - International Ecosystem Management Partnership",
    "UNEP-IEMP",
    "China",
)
# Real-sounding anchors: (name, acronym, country, parent name).
ANCHORS: list[tuple[str, str | None, str, str | None]] = [
    ("Chinese Academy of Sciences", "CAS", "China", None),
    ("Institute of Geographic Sciences and Natural Resources Research", "IGSNRR", "China",
     "Chinese Academy of Sciences"),
    ("Kunming Institute of Botany", "KIB", "China", "Chinese Academy of Sciences"),
    ("Xinjiang Institute of Ecology and Geography", "XIEG", "China", "Chinese Academy of Sciences"),
    ("Ministry of Ecology and Environment", "MEE", "China", None),
    ("Soil Center of the Ministry of Ecology and Environment", None, "China",
     "Ministry of Ecology and Environment"),
    ("United Nations Environment Programme", "UNEP", "Kenya", None),
    ("UNEP Regional Office for Asia and the Pacific", "UNEP ROAP", "Thailand",
     "United Nations Environment Programme"),
    ("UNEP Regional Office for Africa", "UNEP ROA", "Kenya", "United Nations Environment Programme"),
    ("Kenya Forestry Research Institute", "KEFRI", "Kenya", None),
    ("International Union for Conservation of Nature", "IUCN", "Switzerland", None),
    ("Lancang-Mekong Environmental Cooperation Center", "LMEC", "China", None),
    ("Global Green Growth Institute", "GGGI", "Republic of Korea", None),
    ("Asian Vision Institute", "AVI", "Cambodia", None),
    ("Addis Ababa University", "AAU", "Ethiopia", None),
    ("Makerere University", None, "Uganda", None),
    ("Tribhuvan University", None, "Nepal", None),
    ("Mongolian Academy of Sciences", "MAS", "Mongolia", None),
    ("National University of Laos", "NUOL", "Laos", None),
    ("Royal University of Phnom Penh", "RUPP", "Cambodia", None),
    ("International Centre for Integrated Mountain Development", "ICIMOD", "Nepal", None),
    ("World Agroforestry Centre", "ICRAF", "Kenya", None),
    ("Food and Agriculture Organization of the United Nations", "FAO", "Italy", None),
    ("United Nations Development Programme", "UNDP", "United States", None),
    ("Peking University", "PKU", "China", None),
    ("Tsinghua University", None, "China", None),
    ("Chengdu University of Technology", "CDUT", "China", None),
    ("Ford Foundation", None, "United States", None),
    ("Global Environment Facility", "GEF", "United States", None),
    ("Secretariat of the Pacific Regional Environment Programme", "SPREP", "Samoa", None),
]  # fmt: skip

COUNTRIES: dict[str, list[str]] = {
    "China": ["Beijing", "Kunming", "Chengdu", "Urumqi", "Lanzhou", "Nanjing", "Xi'an"],
    "Kenya": ["Nairobi", "Kitui", "Mombasa", "Nakuru"],
    "Uganda": ["Kampala", "Entebbe", "Gulu"],
    "Ethiopia": ["Addis Ababa", "Bahir Dar", "Mekele"],
    "Nepal": ["Kathmandu", "Pokhara"],
    "Mongolia": ["Ulaanbaatar"],
    "Cambodia": ["Phnom Penh", "Siem Reap", "Battambang"],
    "Laos": ["Vientiane", "Luang Prabang"],
    "Thailand": ["Bangkok", "Chiang Mai"],
    "Viet Nam": ["Hanoi", "Da Nang"],
    "Peru": ["Lima", "Cusco"],
    "Tanzania": ["Dodoma", "Arusha"],
    "Rwanda": ["Kigali"],
    "Pakistan": ["Islamabad", "Lahore"],
    "Sri Lanka": ["Colombo", "Kandy"],
    "Bangladesh": ["Dhaka"],
    "Switzerland": ["Geneva"],
    "Italy": ["Rome"],
    "Republic of Korea": ["Seoul"],
    "United States": ["New York"],
    "Samoa": ["Apia"],
    "Ghana": ["Accra", "Kumasi"],
    "Zambia": ["Lusaka"],
    "Kazakhstan": ["Astana", "Almaty"],
}
FIELDS = [
    "Forestry", "Soil Science", "Water Resources", "Ecology", "Agricultural Sciences",
    "Environmental Sciences", "Desert Research", "Mountain Ecology", "Wetland Research",
    "Biodiversity", "Climate Change", "Natural Resources", "Geography", "Fisheries",
    "Land Management", "Hydrology", "Remote Sensing", "Rural Development",
]  # fmt: skip
PORTFOLIOS = [
    "Environment", "Agriculture", "Water and Irrigation", "Natural Resources",
    "Forestry and Wildlife", "Environment and Natural Resources", "Lands and Environment",
]  # fmt: skip
GIVEN_CN = ["Linxiu", "Xiaoyong", "Hedong", "Huading", "Yaxiong", "Jian", "Hao", "Na", "Wei",
            "Yunli", "Chengfang", "Hang", "Lei", "Ming", "Fang", "Qiang", "Jun", "Yan", "Tao",
            "Xiaoli", "Guoqing", "Shuang", "Bo", "Zhiwei", "Haiyan", "Rui", "Kun", "Dan"]  # fmt: skip
FAMILY_CN = ["Zhang", "Liu", "Liao", "Chen", "Shi", "Hong", "Wang", "Li", "Sun", "Bai", "Zhao",
             "Huang", "Zhou", "Wu", "Xu", "Yang", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin",
             "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Feng"]  # fmt: skip
GIVEN_OTHER = ["Joshua", "Grace", "Sarah", "Hem", "Keo", "Nopparat", "Tatirose", "Craig",
               "Elizabeth", "Samuel", "Amina", "Daniel", "Mary", "Peter", "Ruth", "Tenzin",
               "Bat-Erdene", "Sokha", "Somchai", "Nguyen", "Carlos", "Lucia", "Kwame", "Fatima",
               "Anil", "Priya", "Rahul", "Esther", "John", "Alice"]  # fmt: skip
FAMILY_OTHER = ["Cheboiwo", "Wanjiru", "Collins", "Bahadur", "Piseth", "Srisuk", "Vijitpan",
                "Boljkovac", "Mrema", "Otieno", "Kamau", "Tesfaye", "Mekonnen", "Okello",
                "Sharma", "Gurung", "Batbayar", "Chan", "Phommasane", "Tran", "Quispe", "Mensah",
                "Banda", "Khan", "Perera", "Rahman", "Mwangi", "Nakato", "Haile", "Silva"]  # fmt: skip
HONORIFICS = ["Dr.", "Dr.", "Prof.", "Mr.", "Ms.", "Mr.", "Ms.", "H.E."]
TITLES = [
    "Director", "Deputy Director", "Director-General", "Programme Officer", "Senior Researcher",
    "Professor", "Vice President", "Division Chief", "Research Fellow", "Project Coordinator",
    "Head of Department", "Secretary-General", "Senior Programme Officer", "Dean",
]  # fmt: skip
TOPICS = [
    "ecosystem restoration", "black soil protection", "dryland restoration",
    "biodiversity conservation", "climate change adaptation", "ecosystem-based adaptation",
    "nature-based solutions", "sustainable land management", "wetland conservation",
    "water quality monitoring", "mountain ecosystems", "green development",
    "South-South cooperation", "food security", "combating desertification", "soil conservation",
    "sustainable livelihoods", "forest landscape restoration", "ecosystem services",
    "environmental governance",
]  # fmt: skip
GOAL_PHRASES = [
    "halting land degradation and biodiversity loss", "taking urgent action on climate change",
    "ending hunger and achieving food security", "ensuring clean water and sanitation",
    "reducing poverty in rural communities", "conserving life on land",
    "promoting partnerships for sustainable development", "improving the quality of education",
]  # fmt: skip
OUTCOMES = [
    "Both parties reached a preliminary agreement on cooperation in {topic}.",
    "The two sides agreed to establish a joint laboratory on {topic}.",
    "The partners agreed to develop a joint work plan on {topic} for the coming year.",
    "At the end of the meeting, both sides signed a cooperation agreement on {topic}.",
    "The participants agreed to prepare a joint report on {topic}.",
    "The two institutions will launch a joint project on {topic}.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
CAPTIONS = ["The venue for the meeting", "Group photo of the participants",
            "Signing ceremony", "Participants of the workshop", "Field visit"]  # fmt: skip


def _pool_orgs(rnd: random.Random) -> list[Org]:
    """The hub, the anchors, then generated institutes, universities, ministries and centres."""
    orgs = [HUB]
    index = {HUB.name: 0}
    for name, acronym, country, parent in ANCHORS:
        index[name] = len(orgs)
        orgs.append(Org(name, acronym, country, index[parent] if parent else None))
    countries = sorted(COUNTRIES)
    used_acronyms = {o.acronym for o in orgs if o.acronym}
    names = set(index)
    while len(orgs) < 1500:
        country = rnd.choice(countries)
        field = rnd.choice(FIELDS)
        kind = rnd.randrange(6)
        parent: int | None = None
        if kind == 0:
            name = f"{country} {field} Research Institute"
        elif kind == 1:
            city = rnd.choice(COUNTRIES[country])
            name = f"University of {city}" if rnd.random() < 0.5 else f"{city} University"
        elif kind == 2:
            name = f"Ministry of {rnd.choice(PORTFOLIOS)} of {country}"
        elif kind == 3:
            name = f"{country} Academy of {field}"
        elif kind == 4:
            name = f"National {field} Centre of {country}"
        else:  # a unit of an earlier body: "Institute of Soil Science, ... Academy"
            parent = rnd.randrange(1, len(orgs))
            name = f"Institute of {field}"
            if orgs[parent].name.startswith("Institute of") or name in names:
                continue
            country = orgs[parent].country
        if name in names:
            continue
        acronym = "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())
        if len(acronym) < 3 or acronym in used_acronyms or rnd.random() < 0.35:
            acronym = None
        names.add(name)
        if acronym:
            used_acronyms.add(acronym)
        orgs.append(Org(name, acronym, country, parent))
    return orgs


def _pool_persons(rnd: random.Random, orgs: list[Org]) -> list[Person]:
    persons: list[Person] = []
    seen: set[str] = set()
    weights = _popularity(len(orgs))
    while len(persons) < 8000:
        org = rnd.choices(range(len(orgs)), weights)[0]
        chinese = orgs[org].country == "China" or rnd.random() < 0.15
        given = rnd.choice(GIVEN_CN if chinese else GIVEN_OTHER)
        family = rnd.choice(FAMILY_CN if chinese else FAMILY_OTHER)
        if chinese and rnd.random() < 0.5:  # two-syllable given names make more distinct people
            given += rnd.choice(GIVEN_CN).lower()
        p = Person(given, family, chinese, rnd.choice(HONORIFICS), rnd.choice(TITLES), org)
        if p.name in seen:
            continue
        seen.add(p.name)
        persons.append(p)
    return persons


def _popularity(n: int) -> list[float]:
    """Long-tailed: the hub is in most articles, a few partners are frequent, most are rare."""
    w = [1.0 / (i + 1) ** 0.9 for i in range(n)]
    w[0] = sum(w) * 0.8
    return w


@dataclass
class Pools:
    orgs: list[Org]
    persons: list[Person]
    by_org: dict[int, list[int]]
    org_weights: list[float]


def pools(seed: int) -> Pools:
    rnd = random.Random(f"pools-{seed}")
    orgs = _pool_orgs(rnd)
    persons = _pool_persons(rnd, orgs)
    by_org: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(persons):
        by_org[p.org].append(i)
    return Pools(orgs, persons, dict(by_org), _popularity(len(orgs)))


# --- one article -----------------------------------------------------------------------------


@dataclass
class Article:
    index: int
    title: str
    published: dt.date
    paragraphs: list[str]
    caption: str | None
    layout: str  # "text", "html", "markdown" or "jsonl"

    @property
    def year(self) -> int:
        return self.published.year


def _date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _org_ref(o: Org, first: bool, with_parent: Org | None = None) -> str:
    """How an article names an organisation: the full name and acronym the first time."""
    if not first and o.acronym:
        return o.acronym
    the = "" if o.name.startswith(("UNEP", "United Nations")) or o.name[0].islower() else "the "
    name = f"{the}{o.name}"
    if with_parent is not None:
        name += f", {with_parent.name}"
    return f"{name} ({o.acronym})" if first and o.acronym else name


def _person_ref(p: Person, org: Org) -> str:
    return f"{p.honorific} {p.name}, {p.title} of {org.acronym or org.name}"


def article(pools: Pools, seed: int, index: int) -> Article:
    rnd = random.Random(f"article-{seed}-{index}")
    n_partners = rnd.choice([1, 1, 2, 2, 2, 3, 4])
    chosen = [0] if rnd.random() < 0.85 else []
    while len(chosen) < n_partners + 1:
        o = rnd.choices(range(len(pools.orgs)), pools.org_weights)[0]
        if o not in chosen:
            chosen.append(o)
    orgs = [pools.orgs[i] for i in chosen]
    people: list[tuple[Person, Org]] = []
    for i in chosen:
        staff = pools.by_org.get(i, [])
        for j in rnd.sample(staff, min(len(staff), rnd.choice([0, 1, 1, 2]))):
            people.append((pools.persons[j], pools.orgs[i]))
    day = dt.date(2010, 1, 1) + dt.timedelta(days=rnd.randrange(16 * 365))
    published = day + dt.timedelta(days=rnd.choice([0, 1, 1, 2, 3]))
    host_country = orgs[-1].country if rnd.random() < 0.6 else rnd.choice(sorted(COUNTRIES))
    city = rnd.choice(COUNTRIES[host_country])
    topic, topic2 = rnd.sample(TOPICS, 2)
    kind = rnd.choice(
        ["meeting", "meeting", "visit", "visit", "workshop", "training", "conference",
         "signing", "launch", "fieldwork"]
    )  # fmt: skip
    style = rnd.randrange(2)
    when = _date(day, style)
    a, b = orgs[0], orgs[1]
    parent_b = pools.orgs[b.parent] if b.parent is not None and rnd.random() < 0.6 else None
    ref_a = _org_ref(a, True)
    ref_b = _org_ref(b, True, parent_b)
    others = ", ".join(_org_ref(o, True) for o in orgs[2:])
    with_others = f", together with {others}," if others else ""
    if kind == "meeting":
        title = f"{a.acronym or a.name} Holds Talks with {_title_name(b)}"
        lead = (f"On {when}, {ref_a}{with_others} held talks with {ref_b} in {city}, "
                f"{host_country}, on cooperation in {topic}.")  # fmt: skip
    elif kind == "visit":
        title = f"Delegation from {_title_name(a)} Visits {_title_name(b)}"
        end = day + dt.timedelta(days=rnd.randint(1, 5))
        span = (f"From {day.day} to {end.day} {MONTHS[end.month - 1]} {end.year}"
                if end.month == day.month else f"On {when}")  # fmt: skip
        lead = (f"{span}, a delegation from {ref_a}{with_others} visited {ref_b} in {city}, "
                f"{host_country}, to explore cooperation in {topic}.")  # fmt: skip
    elif kind == "workshop":
        title = f"Workshop on {topic.capitalize()} Held in {city}"
        lead = (f"On {when}, {ref_a} and {ref_b}{with_others} co-organized a workshop on {topic} "
                f"in {city}, {host_country}.")  # fmt: skip
    elif kind == "training":
        title = f"Training Course on {topic.capitalize()} Opens in {city}"
        n = rnd.randint(15, 60)
        lead = (f"On {when}, a training course on {topic} organized by {ref_a} and {ref_b} "
                f"opened in {city}, {host_country}, for {n} young researchers.")  # fmt: skip
    elif kind == "conference":
        title = f"International Conference on {topic.capitalize()} Held in {city}"
        lead = (f"The International Conference on {topic.capitalize()} was held in {city}, "
                f"{host_country}, on {when}. It was co-hosted by {ref_a} and {ref_b}{with_others} "
                f"and brought together more than {rnd.randint(5, 40) * 10} participants.")  # fmt: skip
    elif kind == "signing":
        title = f"{a.acronym or a.name} and {b.acronym or _title_name(b)} Sign Memorandum of Understanding"
        lead = (f"On {when}, {ref_a} and {ref_b} signed a Memorandum of Understanding (MoU) in "
                f"{city}, {host_country}, to cooperate on {topic}.")  # fmt: skip
    elif kind == "launch":
        title = f"{a.acronym or a.name} and {b.acronym or _title_name(b)} Launch Joint Project"
        lead = (f"On {when}, {ref_a} and {ref_b}{with_others} launched a joint project on {topic} "
                f"at a ceremony in {city}, {host_country}.")  # fmt: skip
    else:
        title = f"Researchers Conduct Field Research in {city}"
        end = day + dt.timedelta(days=rnd.randint(3, 12))
        span = (f"From {day.day} to {end.day} {MONTHS[end.month - 1]} {end.year}"
                if end.month == day.month else f"On {when}")  # fmt: skip
        lead = (f"{span}, researchers from {ref_a} and {ref_b} carried out field research on "
                f"{topic} in {city}, {host_country}.")  # fmt: skip
    paragraphs = [lead]
    if people:
        refs = [_person_ref(p, o) for p, o in people]
        if len(refs) == 1:
            paragraphs.append(
                f"The {kind if kind != 'fieldwork' else 'team'} was attended by {refs[0]}."
            )
        else:
            paragraphs.append(
                f"{refs[0]}, and {', '.join(refs[1:-1]) + ', ' if len(refs) > 2 else ''}"
                f"{refs[-1]} attended and exchanged views on {topic2}."
            )
        speaker = people[0][0]
        paragraphs.append(
            f"{speaker.title} {speaker.family} emphasized the importance of {topic} for "
            f"{rnd.choice(GOAL_PHRASES)}, and expressed the hope that the partners would share "
            f"their experience with the international community."
        )
    paragraphs.append(
        f"Participants discussed {topic2}, the monitoring of {rnd.choice(TOPICS)} and ways to "
        f"support {rnd.choice(GOAL_PHRASES)} in {host_country} and beyond."
    )
    if rnd.random() < 0.55 or kind == "signing":
        paragraphs.append(rnd.choice(OUTCOMES).format(topic=topic))
    caption = rnd.choice(CAPTIONS) if rnd.random() < 0.4 else None
    r = index % 20
    layout = "jsonl" if r == 7 else "html" if r == 3 else "markdown" if r == 11 else "text"
    return Article(index, title, published, paragraphs, caption, layout)


def _title_name(o: Org) -> str:
    return o.acronym or o.name


# --- layouts ---------------------------------------------------------------------------------


def as_text(a: Article) -> str:
    date = f"{a.published.day:02d} {MONTHS[a.published.month - 1]} {a.published.year}"
    parts = [a.title, "", f"  • {date}  |  News", ""]
    for i, p in enumerate(a.paragraphs):
        parts += [p, ""]
        if i == 0 and a.caption:
            parts += [a.caption, ""]
    parts += ["Related Sustainable Development Goals", "Related CEL Areas"]
    return "\n".join(parts) + "\n"


def as_markdown(a: Article) -> str:
    head = (f"---\ntitle: {json.dumps(a.title)}\ndate: {a.published.isoformat()}\n"
            f"url: https://example.org/news/{a.year}/a{a.index:07d}\ncategory: News\n---\n\n")  # fmt: skip
    return head + "\n\n".join(a.paragraphs) + "\n"


def as_html(a: Article) -> str:
    paras = "\n".join(f"<p>{_escape(p)}</p>" for p in a.paragraphs)
    caption = f'<figure><img src="p.jpg" alt=""><figcaption>{a.caption}</figcaption></figure>\n'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_escape(a.title)} | News</title>
<meta property="article:published_time" content="{a.published.isoformat()}T10:00:00+08:00">
<meta property="og:url" content="https://example.org/news/{a.year}/a{a.index:07d}">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<main><article>
<h1>{_escape(a.title)}</h1>
{caption if a.caption else ""}{paras}
</article></main>
<footer><p>Copyright Example. All rights reserved.</p></footer>
</body>
</html>
"""


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_json(a: Article) -> str:
    obj = {
        "title": a.title,
        "published": a.published.isoformat(),
        "url": f"https://example.org/news/{a.year}/a{a.index:07d}",
        "text": "\n\n".join(a.paragraphs),
    }
    return json.dumps(obj, ensure_ascii=False)


def generate(n: int, outdir: str | Path, seed: int = 7) -> int:
    """Write `n` articles under `outdir` (replaced if it exists); returns the number of files."""
    out = Path(outdir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    p = pools(seed)
    feeds: dict[int, list[str]] = defaultdict(list)
    files = 0
    for i in range(n):
        a = article(p, seed, i)
        if a.layout == "jsonl":
            feeds[i // 1000].append(as_json(a))
            continue
        suffix, text = {
            "text": (".txt", as_text),
            "html": (".html", as_html),
            "markdown": (".md", as_markdown),
        }[a.layout]
        d = out / str(a.year)
        d.mkdir(exist_ok=True)
        (d / f"a{i:07d}{suffix}").write_text(text(a), "utf-8")
        files += 1
    if feeds:
        (out / "feeds").mkdir()
    for k, lines in sorted(feeds.items()):
        (out / "feeds" / f"feed-{k:03d}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        files += 1
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir", type=Path, help="directory to write (replaced if it exists)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    files = generate(args.n, args.outdir, args.seed)
    print(f"{args.n} articles in {files} files under {args.outdir}/")


if __name__ == "__main__":
    main()
