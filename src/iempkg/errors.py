"""One exception hierarchy for everything a user can cause.

The CLI turns any `IempkgError` into one line, ``error: <what>, <where>, <what to do>``,
and the exit code in `IempkgError.exit_code`; anything else is a bug and shows a traceback
only with ``--debug``.
"""

from __future__ import annotations

import re


class IempkgError(Exception):
    """Base of every error iempkg raises on purpose."""

    exit_code = 2

    def __init__(self, what: str, where: str | None = None, hint: str | None = None) -> None:
        self.what = what
        self.where = where
        self.hint = hint
        super().__init__(self.message())

    def message(self) -> str:
        """One line: what went wrong, where, and what to do."""
        parts = [self.what]
        if self.where:
            parts.append(self.where)
        if self.hint:
            parts.append(self.hint)
        return _NEWLINES.sub(" ", ", ".join(parts))


_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def yaml_problem(exc: Exception) -> str:
    """A YAML parser's complaint in one line: 'line 2, column 9: expected ...'."""
    mark = getattr(exc, "problem_mark", None)
    lines = str(exc).splitlines()
    problem = getattr(exc, "problem", None) or (lines[0] if lines else type(exc).__name__)
    if mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
    return str(problem)


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
