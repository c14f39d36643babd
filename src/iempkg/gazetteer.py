"""The gazetteer of organisations: entries with acronyms and aliases, looked up by any of them.

The shipped list is `data/gazetteer/organisations.yaml` (installed as the data package
`iempkg.gazetteer_data`); a user adds or overrides entries with extra YAML or CSV files
(`iempkg build --gazetteer FILE`), without touching code. The extractor uses it to recognise
well-known bodies, the resolver to join their spellings under one canonical name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, yaml_problem
from .names import name_key

KINDS = (
    "un-body",
    "ministry",
    "government-agency",
    "academy",
    "research-institute",
    "university",
    "ngo",
    "company",
    "intergovernmental",
    "other",
)
SHIPPED_FILE = "organisations.yaml"


@dataclass
class GazetteerEntry:
    """One organisation as the gazetteer knows it (satisfies `resolve.GazetteerEntryLike`)."""

    name: str
    acronyms: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    country: str | None = None
    kind: str | None = None
    wikidata: str | None = None

    def names(self) -> list[str]:
        """Every way of writing the organisation: name, acronyms and aliases."""
        return [self.name, *self.acronyms, *self.aliases]


class Gazetteer:
    """Entries indexed by the normalised form (`names.name_key`) of every name they carry.

    A later entry with the same canonical name replaces an earlier one, so a user file can
    correct a shipped entry.
    """

    def __init__(self, entries: Iterable[GazetteerEntry] = ()) -> None:
        self._entries: dict[str, GazetteerEntry] = {}
        self._index: dict[str, GazetteerEntry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: GazetteerEntry) -> None:
        key = name_key(entry.name)
        old = self._entries.get(key)
        self._entries[key] = entry
        if old is not None:  # rebuild so that names only the old entry had are forgotten
            self._index = {}
            for e in self._entries.values():
                self._index_entry(e)
        else:
            self._index_entry(entry)

    def _index_entry(self, entry: GazetteerEntry) -> None:
        for written in entry.names():
            k = name_key(written)
            # A canonical name beats someone else's alias or acronym of the same spelling.
            if k and (k not in self._index or k == name_key(entry.name)):
                self._index[k] = entry

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry whose name, acronym or alias normalises like `name`, if any."""
        return self._index.get(name_key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)


def _str_list(value: Any, where: str, key: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):  # CSV cells and lazy YAML: "A; B"
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ConfigError(f"'{key}' must be a list of strings", where, "fix the gazetteer entry")


def _opt_str(value: Any, where: str, key: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError(f"'{key}' must be a string or null", where, "fix the gazetteer entry")
    return value.strip() or None


def entry_from_mapping(data: Any, where: str) -> GazetteerEntry:
    """Check one hand-written entry and build it; `where` names it in errors."""
    if not isinstance(data, dict):
        raise ConfigError("an entry must be a mapping", where, "fix the gazetteer entry")
    name = _opt_str(data.get("name"), where, "name")
    if name is None:
        raise ConfigError("'name' is required", where, "fix the gazetteer entry")
    kind = _opt_str(data.get("kind"), where, "kind")
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"'kind' must be one of {', '.join(KINDS)}", where, "fix the entry")
    return GazetteerEntry(
        name=name,
        acronyms=_str_list(data.get("acronyms"), where, "acronyms"),
        aliases=_str_list(data.get("aliases"), where, "aliases"),
        parent=_opt_str(data.get("parent"), where, "parent"),
        country=_opt_str(data.get("country"), where, "country"),
        kind=kind,
        wikidata=_opt_str(data.get("wikidata"), where, "wikidata"),
    )


def parse_entries(text: str, where: str, fmt: str = "yaml") -> list[GazetteerEntry]:
    """Entries of a YAML list (optionally under `organisations:`) or a CSV with a header row."""
    rows: Any
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        try:
            # libyaml's loader where PyYAML has it: the shipped file parses in 0.07 s, not 0.3 s.
            rows = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise ConfigError(f"not valid YAML ({yaml_problem(exc)})", where, "fix the file") from exc
        if isinstance(rows, dict):
            rows = rows.get("organisations")
        if rows is None:
            rows = []
        if not isinstance(rows, list):
            raise ConfigError("expected a list of entries", where, "see data/gazetteer/")
    return [entry_from_mapping(r, f"{where}, entry {i + 1}") for i, r in enumerate(rows)]


@cache
def shipped_entries() -> tuple[GazetteerEntry, ...]:
    """The packaged entries, parsed once per process."""
    text = resources.files("iempkg.gazetteer_data").joinpath(SHIPPED_FILE).read_text("utf-8")
    return tuple(parse_entries(text, SHIPPED_FILE))


def load_gazetteer(extra_paths: Sequence[Path] = ()) -> Gazetteer:
    """The shipped gazetteer plus entries from `extra_paths` (YAML or CSV; later files win)."""
    gaz = Gazetteer(shipped_entries())
    for path in extra_paths:
        p = Path(path)
        try:
            text = p.read_text("utf-8-sig")
        except OSError as exc:
            raise ConfigError(
                f"cannot read gazetteer file ({exc.strerror})", str(p), "check --gazetteer"
            ) from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(
                "the gazetteer file is not UTF-8", str(p), "save it as UTF-8"
            ) from exc
        fmt = "csv" if p.suffix.lower() == ".csv" else "yaml"
        for entry in parse_entries(text, str(p), fmt):
            gaz.add(entry)
    return gaz


@cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once (what the extractor uses unless told otherwise)."""
    return Gazetteer(shipped_entries())
