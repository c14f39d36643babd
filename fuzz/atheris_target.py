"""The atheris target of `make fuzz`: bytes in as a file of any layout the ingest reads, through
ingest, extraction, resolution and mapping to N-Triples. A crash is any exception that is not
one of iempkg's own errors, an extracted record that `Article.from_dict` would refuse, or an
input that takes longer than libFuzzer's -timeout.

Run by fuzz/run.py (`python fuzz/atheris_target.py [libFuzzer flags] CORPUS_DIR`); the first
byte of an input picks the file's suffix, the rest is the file.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["iempkg"]):
    from iempkg.errors import IempkgError
    from iempkg.export import serialize
    from iempkg.extract import extract_article
    from iempkg.ingest import read_documents
    from iempkg.limits import record_problem
    from iempkg.pipeline import BuildOptions, assemble

SUFFIXES = (".txt", ".html", ".md", ".jsonl", ".json")
WORK = Path(tempfile.mkdtemp(prefix="iempkg-fuzz-"))
OPTIONS = BuildOptions()


def test_one_input(data: bytes) -> None:
    if not data:
        return
    path = WORK / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    docs, problems = read_documents(path, source=path.name)
    for p in problems:
        assert p.reason and "\n" not in p.reason, p
    articles = []
    for doc in docs:
        try:
            article = extract_article(doc)
        except IempkgError:
            continue
        problem = record_problem(article)
        assert problem is None, problem
        articles.append(article)
    if articles:
        kg, _ = assemble(docs, articles, OPTIONS)
        serialize(kg, "ntriples")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
