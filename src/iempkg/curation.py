"""A curator's decisions about entities, applied by the resolver before its own matching.

The file is YAML, kept next to the archive and given to every build (`--curation FILE`), so the
decisions survive rebuilds:

```yaml
organisations:
  same:            # these names (or IRIs) are one organisation
    - [UNEP-IEMP, IEMP, "International Ecosystem Management Partnership"]
  different:       # these are never merged, whatever the names suggest
    - ["Ministry of Environment of Cambodia", "Ministry of Environment of Japan"]
  canonical:       # the name the organisation is known by (and its IRI is made from)
    UNEP-IEMP: "UNEP International Ecosystem Management Partnership"
persons:
  same:
    - ["Zhang Linxiu", "Linxiu Zhang", "L. Zhang"]
  different:
    - ["Li Na @ a.txt", "Li Na @ b.txt"]   # two people of one name: by the article naming them
  canonical:
    "Linxiu Zhang": "Zhang Linxiu"
```

A name is any written form of the entity (name, acronym, alias) or an IRI of it
(`https://w3id.org/iempkg/id/organisation/unep-iemp`, or `organisation:unep-iemp`). A person's
name may end in ` @ SOURCE` (the article's record `source`, as `iempkg entities` lists it) to
mean only that article's mention, so that two people who share a name can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, yaml_problem


@dataclass
class Decisions:
    """Decisions about one kind of entity (organisations or persons)."""

    same: list[list[str]] = field(default_factory=list)
    different: list[tuple[str, str]] = field(default_factory=list)
    canonical: dict[str, str] = field(default_factory=dict)


@dataclass
class Curation:
    organisations: Decisions = field(default_factory=Decisions)
    persons: Decisions = field(default_factory=Decisions)

    def __bool__(self) -> bool:
        return any(d.same or d.different or d.canonical for d in (self.organisations, self.persons))


def _names(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError("expected a list of names", where, "write e.g. [UNEP-IEMP, IEMP]")
    return [v.strip() for v in value]


def _decisions(data: Any, where: str) -> Decisions:
    if data is None:
        return Decisions()
    if not isinstance(data, dict):
        raise ConfigError("expected 'same', 'different' and 'canonical'", where, "see --help")
    unknown = sorted(set(data) - {"same", "different", "canonical"})
    if unknown:
        raise ConfigError(
            f"unknown key '{unknown[0]}'", where, "use 'same', 'different' or 'canonical'"
        )
    out = Decisions()
    for key in ("same", "different"):
        if not isinstance(data.get(key) or [], list):
            raise ConfigError(
                f"'{key}' must be a list of groups of names",
                f"{where}.{key}",
                f"write e.g. {key}: [[UNEP-IEMP, IEMP]]",
            )
    for i, group in enumerate(data.get("same") or [], start=1):
        names = _names(group, f"{where}.same[{i}]")
        if len(names) < 2:
            raise ConfigError("a 'same' group needs two names or more", f"{where}.same[{i}]")
        out.same.append(names)
    for i, pair in enumerate(data.get("different") or [], start=1):
        names = _names(pair, f"{where}.different[{i}]")
        # Every two of a group are different: [a, b, c] is three decisions.
        out.different.extend((a, b) for j, a in enumerate(names) for b in names[j + 1 :] if a != b)
    canonical = data.get("canonical") or {}
    if not isinstance(canonical, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in canonical.items()
    ):
        raise ConfigError(
            "expected a mapping of name: canonical name", f"{where}.canonical", "fix the file"
        )
    out.canonical = {k.strip(): v.strip() for k, v in canonical.items()}
    return out


def parse_curation(text: str, where: str) -> Curation:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(
            f"not valid YAML ({yaml_problem(exc)})", where, "fix the curation file"
        ) from exc
    if data is None:
        return Curation()
    if not isinstance(data, dict):
        raise ConfigError(
            "expected 'organisations:' and 'persons:' sections", where, "see docs in --help"
        )
    unknown = sorted(set(data) - {"organisations", "persons"})
    if unknown:
        raise ConfigError(
            f"unknown section '{unknown[0]}'", where, "use 'organisations' or 'persons'"
        )
    return Curation(
        organisations=_decisions(data.get("organisations"), f"{where}: organisations"),
        persons=_decisions(data.get("persons"), f"{where}: persons"),
    )


def load_curation(path: str | Path | None) -> Curation:
    """The decisions in `path` (YAML); no file, no decisions."""
    if path is None:
        return Curation()
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read the curation file ({exc})", str(p), "check --curation"
        ) from exc
    return parse_curation(text, str(p))
