"""One exception hierarchy for everything a user can cause.

The CLI turns any `IempkgError` into one line, ``error: <what>, <where>, <what to do>``,
and the exit code in `IempkgError.exit_code`; anything else is a bug and shows a traceback
only with ``--debug``.
"""

from __future__ import annotations


class IempkgError(Exception):
    """Base of every error iempkg raises on purpose."""

    exit_code = 2

    def __init__(self, what: str, where: str | None = None, hint: str | None = None) -> None:
        self.what = what
        self.where = where
        self.hint = hint
        super().__init__(self.message())

    def message(self) -> str:
        parts = [self.what]
        if self.where:
            parts.append(self.where)
        if self.hint:
            parts.append(self.hint)
        return ", ".join(parts)


class InputError(IempkgError):
    """An input file or article cannot be read (missing, empty, undecodable, malformed)."""


class RecordError(InputError):
    """A hand-written or stored record does not have the documented shape."""


class ConfigError(IempkgError):
    """An option, base IRI, gazetteer or curation file is unusable."""


class GraphError(IempkgError):
    """A knowledge-graph file or store cannot be loaded or written."""


class QueryError(IempkgError):
    """A SPARQL query is malformed, refused, or its parameters are wrong."""


class LimitError(IempkgError):
    """A configured limit (article size, entities per article, query time) was hit."""


class ValidationFailed(IempkgError):
    """The graph does not conform to the shapes (used by --strict builds)."""

    exit_code = 1
