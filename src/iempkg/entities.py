"""What resolution made of the archive, for a curator: clusters, their spellings, near-misses.

- `read_records(paths) -> list[Article]`: records from a build's output directory (its
  `records/`), from directories of record files, or from record files (JSON, JSON Lines, YAML);
- `entity_listing(articles, gazetteer, curation, kind, suspects) -> EntityListing`: resolves the
  records as `build` does and lists each organisation or person cluster with its variants and the
  articles it came from, or with `suspects` the pairs worth a human look and why;
- `EntityListing.text()` / `.json()`: for a terminal / for tools.

A curator reads the listing, writes decisions into a curation file (see `curation.py`), and the
next `build --curation FILE` (or `iempkg entities --curation FILE`) applies them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .curation import Curation
from .errors import InputError
from .gazetteer import Gazetteer
from .model import Article
from .resolve import Resolution, resolve


def read_records(paths: Sequence[str | Path]) -> list[Article]:
    from .pipeline import read_record_file, record_files

    articles: list[Article] = []
    for item in paths:
        root = Path(item)
        if root.is_dir() and (root / "records").is_dir():
            root = root / "records"  # a build's output directory
        if root.exists():
            files = record_files(root)
        else:
            raise InputError("no such file or directory", str(root), "give a build's output")
        for f in files:
            articles.extend(read_record_file(f))
    if not articles:
        raise InputError("no records found", ", ".join(map(str, paths)), "run iempkg build first")
    return articles


@dataclass
class Cluster:
    kind: str
    key: str
    name: str
    acronyms: list[str]
    variants: list[str]
    articles: list[str]


@dataclass
class SuspectRow:
    kind: str
    a: str
    b: str
    score: float
    reason: str


@dataclass
class EntityListing:
    clusters: list[Cluster] = field(default_factory=list)
    suspects: list[SuspectRow] = field(default_factory=list)
    unmatched_curation: list[str] = field(default_factory=list)

    def json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"

    def text(self, show_suspects: bool) -> str:
        lines: list[str] = []
        if show_suspects:
            if not self.suspects:
                lines.append("no suspects: nothing looks like a missed or wrong merge")
            for s in self.suspects:
                score = f" ({s.score:g})" if s.score else ""
                lines.append(f"{s.kind}: {s.a}  <->  {s.b}: {s.reason}{score}")
        else:
            for c in self.clusters:
                acr = f" ({', '.join(c.acronyms)})" if c.acronyms else ""
                lines.append(f"{c.kind} {c.key}: {c.name}{acr}  [{len(c.articles)} article(s)]")
                for v in c.variants:
                    lines.append(f"    also written: {v}")
                shown = c.articles[:5]
                more = f" and {len(c.articles) - 5} more" if len(c.articles) > 5 else ""
                lines.append(f"    from: {', '.join(shown)}{more}")
        for ref in self.unmatched_curation:
            lines.append(f"note: the curation file names '{ref}', which no article writes")
        return "\n".join(lines) + "\n"


def _display(res: Resolution, key: str) -> str:
    entity = res.organisations.get(key) or res.persons.get(key)
    return f"{key} ({entity.name})" if entity is not None else key


def entity_listing(
    articles: Sequence[Article],
    gazetteer: Gazetteer | None = None,
    curation: Curation | None = None,
    kind: str | None = None,
) -> EntityListing:
    """Resolve `articles` and list the clusters of `kind` ("org", "person" or both)."""
    res = resolve(articles, gazetteer, curation)
    out = EntityListing(unmatched_curation=sorted(set(res.unmatched_curation)))
    if kind in (None, "org"):
        for key, o in sorted(res.organisations.items()):
            out.clusters.append(
                Cluster("organisation", key, o.name, o.acronyms, o.variants, o.sources)
            )
    if kind in (None, "person"):
        for key, p in sorted(res.persons.items()):
            out.clusters.append(Cluster("person", key, p.name, [], p.variants, p.sources))
    wanted = {"org": "organisation", "person": "person"}.get(kind or "")
    for s in res.suspects:
        if wanted is None or s.kind == wanted:
            out.suspects.append(
                SuspectRow(s.kind, _display(res, s.a), _display(res, s.b), s.score, s.reason)
            )
    return out
