"""Guarantee 6: clear errors.

Every failure a user can cause, in every command, prints exactly one line on stderr starting
with 'error:' that names the file or option at fault and says what to do, exits non-zero and
shows no traceback; --debug (or IEMPKG_DEBUG=1) shows the traceback as well.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from iempkg.cli import cli

from .conftest import SEED

# {kg}: a built kg.ttl; {out}: its build directory; {bad}: a directory of bad inputs (below);
# {tmp}: a fresh directory. Each case: the arguments and a part of the one line expected.
CASES: list[tuple[str, list[str], str]] = [
    # build
    ("build: missing input", ["build", "{tmp}/missing.txt", "-o", "{tmp}/o"], "missing.txt"),
    ("build: no input", ["build", "-o", "{tmp}/o"], "INPUTS"),
    ("build: nothing readable", ["build", "{bad}/empty.txt", "-o", "{tmp}/o"], "empty.txt"),
    ("build: out is a file", ["build", str(SEED), "-o", str(SEED)], "give a directory with -o"),
    ("build: out below a file", ["build", str(SEED), "-o", f"{SEED}/sub"], "-o"),
    ("build: bad base", ["build", str(SEED), "-o", "{tmp}/o", "--base", "not an iri"], "--base"),
    ("build: bad jobs", ["build", str(SEED), "-o", "{tmp}/o", "-j", "0"], "'-j'"),
    ("build: bad limit", ["build", str(SEED), "-o", "{tmp}/o", "--max-entities", "x"], "--max-entities"),
    ("build: unknown option", ["build", str(SEED), "-o", "{tmp}/o", "--bogus"], "--bogus"),
    ("build: curated missing", ["build", str(SEED), "-o", "{tmp}/o", "--curated", "{tmp}/no.json"], "--curated"),
    ("build: curated not JSON", ["build", str(SEED), "-o", "{tmp}/o", "--curated", "{bad}/record.json"], "record.json"),
    ("build: curated wrong field", ["build", str(SEED), "-o", "{tmp}/o", "--curated", "{bad}/wrong.yaml"], "events[0].kind"),
    ("build: curated not UTF-8", ["build", str(SEED), "-o", "{tmp}/o", "--curated", "{bad}/latin1.json"], "latin1.json"),
    ("build: gazetteer missing", ["build", str(SEED), "-o", "{tmp}/o", "--gazetteer", "{tmp}/no.yaml"], "no.yaml"),
    ("build: gazetteer not YAML", ["build", str(SEED), "-o", "{tmp}/o", "--gazetteer", "{bad}/gaz.yaml"], "gaz.yaml"),
    ("build: gazetteer wrong shape", ["build", str(SEED), "-o", "{tmp}/o", "--gazetteer", "{bad}/gaz-shape.yaml"], "gaz-shape.yaml"),
    ("build: gazetteer unknown type", ["build", str(SEED), "-o", "{tmp}/o", "--gazetteer", "{bad}/gaz.txt"], "gaz.txt"),
    ("build: curation missing", ["build", str(SEED), "-o", "{tmp}/o", "--curation", "{tmp}/no.yaml"], "no.yaml"),
    ("build: curation not YAML", ["build", str(SEED), "-o", "{tmp}/o", "--curation", "{bad}/gaz.yaml"], "gaz.yaml"),
    ("build: curation wrong shape", ["build", str(SEED), "-o", "{tmp}/o", "--curation", "{bad}/curation.yaml"], "curation.yaml"),
    ("build: store is a file", ["build", str(SEED), "-o", "{tmp}/o", "--store", str(SEED)], "--store"),
    ("build: store holds other files", ["build", str(SEED), "-o", "{tmp}/o", "--store", "{bad}"], "--store"),
    # extract
    ("extract: missing input", ["extract", "{tmp}/missing.txt"], "missing.txt"),
    ("extract: nothing readable", ["extract", "{bad}/empty.txt"], "empty.txt"),
    ("extract: bad format", ["extract", str(SEED), "--format", "xml"], "--format"),
    ("extract: output below a file", ["extract", str(SEED), "-o", f"{SEED}/x.jsonl"], "x.jsonl"),
    # validate
    ("validate: missing KG", ["validate", "{tmp}/missing.ttl"], "missing.ttl"),
    ("validate: bad KG", ["validate", "{bad}/broken.ttl"], "broken.ttl"),
    ("validate: bad JSON-LD", ["validate", "{bad}/broken.jsonld"], "broken.jsonld"),
    ("validate: unknown KG type", ["validate", "{bad}/empty.txt"], "empty.txt"),
    ("validate: KG is a build directory", ["validate", "{out}"], "kg.ttl"),
    ("validate: KG not UTF-8", ["validate", "{bad}/latin1.ttl"], "latin1.ttl"),
    # export
    ("export: bad format option", ["export", "{kg}", "--format", "xml"], "--format"),
    ("export: no format", ["export", "{kg}"], "--format"),
    ("export: bad KG", ["export", "{bad}/broken.ttl", "--format", "turtle"], "broken.ttl"),
    ("export: output is a directory", ["export", "{kg}", "--format", "turtle", "-o", "{tmp}"], "{tmp}"),
    ("export: bad base", ["export", "{kg}", "--format", "turtle", "--base", "nope"], "--base"),
    # query
    ("query: unknown query", ["query", "nosuch", "{kg}"], "nosuch"),
    ("query: no graph", ["query", "events"], "KG"),
    ("query: two graphs", ["query", "events", "{kg}", "--endpoint", "http://127.0.0.1:9/q"], "KG"),
    ("query: bad parameter form", ["query", "partners", "{kg}", "-p", "org"], "-p"),
    ("query: unknown parameter", ["query", "partners", "{kg}", "-p", "x=1"], "x"),
    ("query: bad parameter value", ["query", "events-per-year", "{kg}", "-p", "from=soon"], "from"),
    ("query: unknown organisation", ["query", "partners", "{kg}", "-p", "org=Nobody At All"], "Nobody"),
    ("query: bad output format", ["query", "events", "{kg}", "--format", "xml"], "--format"),
    ("query: syntax error", ["query", "{bad}/syntax.rq", "{kg}"], "line 1"),
    ("query: missing query file", ["query", "{tmp}/missing.rq", "{kg}"], "missing.rq"),
    ("query: update refused", ["query", "{bad}/update.rq", "{kg}"], "--allow-update"),
    ("query: store missing", ["query", "events", "--store", "{tmp}/nostore"], "--store"),
    ("query: endpoint down", ["query", "events", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "2"], "127.0.0.1:9"),
    ("query: bad timeout", ["query", "events", "{kg}", "--timeout", "0"], "--timeout"),
    # entities
    ("entities: missing records", ["entities", "{tmp}/missing"], "missing"),
    ("entities: no records", ["entities", "{tmp}"], "{tmp}"),
    ("entities: bad record", ["entities", "{bad}/record.json"], "record.json"),
    ("entities: bad curation", ["entities", "{out}", "--curation", "{bad}/curation.yaml"], "curation.yaml"),
    ("entities: bad kind", ["entities", "{out}", "--kind", "place"], "--kind"),
    # push
    ("push: endpoint down", ["push", "{kg}", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "2"], "127.0.0.1:9"),
    ("push: bad KG", ["push", "{bad}/broken.ttl", "--endpoint", "http://127.0.0.1:9/query"], "broken.ttl"),
    ("push: bad endpoint URL", ["push", "{kg}", "--endpoint", "not a url"], "--endpoint"),
    # network
    ("network: no graph", ["network", "-o", "{tmp}/n"], "KG"),
    ("network: bad KG", ["network", "{bad}/broken.ttl", "-o", "{tmp}/n"], "broken.ttl"),
    ("network: bad sdg", ["network", "{kg}", "-o", "{tmp}/n", "--sdg", "x"], "--sdg"),
    ("network: bad date", ["network", "{kg}", "-o", "{tmp}/n", "--from", "yesterday"], "--from"),
    ("network: unknown organisation", ["network", "{kg}", "-o", "{tmp}/n", "--around", "Nobody At All"], "Nobody"),
    ("network: out is a file", ["network", "{kg}", "-o", "{kg}"], "kg.ttl"),
    # evaluate
    ("evaluate: missing gold", ["evaluate", "--gold", "{tmp}/gold", "{bad}/record.json"], "--gold"),
    ("evaluate: bad predictions", ["evaluate", "--gold", "{out}/records", "{bad}/record.json"], "record.json"),
    # the command itself
    ("unknown command", ["frobnicate"], "frobnicate"),
]  # fmt: skip


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("errors")
    out = root / "out"
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    bad = root / "bad"
    bad.mkdir()
    files = {
        "empty.txt": "",
        "record.json": '{"source": "a.txt", "events": [',
        "wrong.yaml": f"source: {SEED.name}\nevents:\n  - kind: party\n",
        "gaz.yaml": "- name: [unclosed\n",
        "gaz-shape.yaml": "- kind: nothing-known\n",
        "gaz.txt": "an organisation\n",
        "curation.yaml": "organisations:\n  same: 42\n",
        "broken.ttl": "<http://a> <http://b> .\n",
        "broken.jsonld": '{"@id": "http://a", ',
        "syntax.rq": "SELEC ?x WHERE { ?x ?y ?z }\n",
        "update.rq": "DELETE WHERE { ?s ?p ?o }\n",
    }
    for name, text in files.items():
        (bad / name).write_text(text, "utf-8")
    (bad / "latin1.json").write_bytes('{"source": "Genève"}'.encode("latin-1"))
    (bad / "latin1.ttl").write_bytes('<http://a> <http://b> "Genève" .'.encode("latin-1"))
    fresh = root / "fresh"
    fresh.mkdir()
    return {"kg": str(out / "kg.ttl"), "out": str(out), "bad": str(bad), "tmp": str(fresh)}


def _args(args: list[str], places: dict[str, str]) -> list[str]:
    return [a.format(**places) for a in args]


@pytest.mark.parametrize(("case", "args", "names"), CASES, ids=[c[0] for c in CASES])
def test_each_failure_is_one_line(
    case: str, args: list[str], names: str, places: dict[str, str]
) -> None:
    result = CliRunner().invoke(cli, _args(args, places))
    lines = result.stderr.splitlines()
    assert result.exit_code not in (0, 70), (case, result.exit_code, result.output)
    assert len(lines) == 1 and lines[0].startswith("error: "), (case, result.stderr)
    assert names.format(**places) in lines[0], (case, lines[0])
    assert "Traceback" not in result.output
    # what to do: the line goes on after naming the problem ("..., check the path")
    assert lines[0].count(",") >= 1 or "--help" in lines[0], lines[0]


def test_debug_shows_the_traceback(places: dict[str, str]) -> None:
    args = ["validate", "{bad}/broken.ttl"]
    plain = CliRunner().invoke(cli, _args(args, places))
    assert "Traceback" not in plain.stderr
    debug = CliRunner().invoke(cli, ["--debug", *_args(args, places)])
    assert debug.exit_code == plain.exit_code == 2
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.rstrip().splitlines()[-1] == plain.stderr.strip()
    env = CliRunner(env={"IEMPKG_DEBUG": "1"}).invoke(cli, _args(args, places))
    assert "Traceback" in env.stderr


def test_a_bug_says_so_and_how_to_report_it(monkeypatch: pytest.MonkeyPatch, places: dict[str, str]) -> None:
    import iempkg.validate

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(iempkg.validate, "validate", broken)
    result = CliRunner().invoke(cli, ["validate", places["kg"]])
    assert result.exit_code == 70
    assert result.stderr.splitlines() == [
        "error: internal error (ZeroDivisionError: a bug), rerun with --debug and report the traceback"
    ]


def test_every_command_has_a_failure_case() -> None:
    commands = set(cli.list_commands(None)) - {"queries"}  # type: ignore[arg-type]
    assert commands <= {args[0] for _, args, _ in CASES}


def test_help_is_still_help() -> None:
    bare = CliRunner().invoke(cli, [])
    assert "Commands:" in bare.output and "error:" not in bare.output
    for args in (["--help"], ["build", "--help"], ["--version"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "error:" not in result.output, args
