"""The gazetteer of organisations, shipped as package data (read with importlib.resources).

`organisations.yaml` is the shipped list. This package has the same dotted name as the loader
module ``src/iempkg/gazetteer.py`` and shadows it, so it re-exports the loader (lazily, so that
``importlib.resources.files("iempkg.gazetteer")`` stays cheap and free of import cycles).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "KINDS",
    "Gazetteer",
    "GazetteerEntry",
    "default_gazetteer",
    "load_gazetteer",
    "parse_entries",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from iempkg.extract import _org_gazetteer

        return getattr(_org_gazetteer, name)
    raise AttributeError(name)
