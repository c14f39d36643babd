"""iempkg: knowledge graphs of who met whom, when, where, about what, from organisational news.

The public surface (imported lazily, so that `iempkg --help` stays fast):

- `build(inputs, outdir, options)`: the whole pipeline, writing kg.ttl, kg.jsonld, kg.trig, ...;
- `ingest`, `extract_article`, `resolve`, `validate`: the stages, usable one at a time;
- `KnowledgeGraph`: an Oxigraph store (memory or disk) with `load`, `query`, `replace_graph`;
- `run_query`, `load_query`, `catalogue`, `format_result`: named SPARQL questions;
- the record dataclasses `Article`, `Event`, `Organisation`, `Person`, `Outcome`, `Place`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline",
    "BuildOptions": "pipeline",
    "BuildResult": "pipeline",
    "ingest": "ingest",
    "extract_article": "extract",
    "resolve": "resolve",
    "validate": "validate",
    "KnowledgeGraph": "store",
    "export": "export",
    "run_query": "query",
    "load_query": "query",
    "catalogue": "query",
    "format_result": "query",
    "Article": "model",
    "Document": "model",
    "Event": "model",
    "Organisation": "model",
    "Person": "model",
    "Outcome": "model",
    "Place": "model",
    "IempkgError": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'iempkg' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
