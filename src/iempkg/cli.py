"""The command line: each command parses its options and calls one library function.

Errors a user can cause are `IempkgError`s and print one line, `error: <what>, <where>, <what to
do>`, with the error's exit code; `--debug` shows the traceback instead.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import IempkgError, InputError
from .limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_ENTITIES,
    DEFAULT_QUERY_TIMEOUT,
)

_DEBUG = "iempkg.debug"


# click >= 8.2 shows a group's help for a bare command through this usage error.
_NO_ARGS: tuple[type[Exception], ...] = tuple(
    e for e in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if isinstance(e, type)
)


class _Group(click.Group):
    """Turns iempkg's errors, and click's usage errors, into one line and an exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:  # a bad option or argument, an unknown command
            if isinstance(exc, _NO_ARGS):  # 'iempkg' alone: the help, as click shows it
                exc.show()
                sys.exit(exc.exit_code)
            command = exc.ctx.command_path if exc.ctx else "iempkg"
            message = " ".join(exc.format_message().split()).rstrip(".")
            click.echo(f"error: {message}, see '{command} --help'", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("error: interrupted, nothing was overwritten", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IempkgError as exc:
            if ctx.meta.get(_DEBUG):
                traceback.print_exc()
            click.echo(f"error: {exc.message()}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("error: interrupted, nothing was overwritten", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (`iempkg ... | head`): stop quietly, as Unix tools do.
            sys.stderr.close()
            ctx.exit(0)
        except Exception as exc:
            if ctx.meta.get(_DEBUG):
                raise
            click.echo(
                f"error: internal error ({type(exc).__name__}: {exc}), "
                "rerun with --debug and report the traceback",
                err=True,
            )
            ctx.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iempkg")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build a knowledge graph of who met whom, when, where and what they agreed, from news.

    \b
    Quick tour:
      iempkg build data/news -o out          # articles -> out/kg.ttl, kg.jsonld, kg.trig
      iempkg validate out/kg.ttl             # check it against the shapes
      iempkg queries                         # the catalogue of named questions
      iempkg query events out/kg.ttl         # ask one
      iempkg export out/kg.ttl --format ntriples -o out/kg.nt
    """
    ctx.meta[_DEBUG] = debug or bool(os.environ.get("IEMPKG_DEBUG"))


def _write(path: Path, text: str, option: str) -> None:
    from .export import atomic_write_text

    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise InputError(
            f"cannot write the output ({exc.strerror or exc})", str(path), f"check {option}"
        ) from exc


def _progress_wanted() -> bool:
    return sys.stderr.isatty()


def _base_option(f: Any) -> Any:
    return click.option(
        "--base",
        default=lambda: os.environ.get("IEMPKG_BASE", "https://w3id.org/iempkg/id/"),
        show_default="https://w3id.org/iempkg/id/ or $IEMPKG_BASE",
        help="Base IRI of the data IRIs minted for articles, events, organisations and persons.",
    )(f)


_LIMITS = (
    (
        "--max-article-bytes",
        DEFAULT_MAX_BYTES,
        "Largest article (a file, or a JSON Lines line) read; bigger ones are skipped unread.",
    ),
    (
        "--max-article-chars",
        DEFAULT_MAX_CHARS,
        "Longest article text (characters, after taking a page's main text) extracted; "
        "longer ones are skipped.",
    ),
    (
        "--max-entities",
        DEFAULT_MAX_ENTITIES,
        "Most organisations and persons one article may name; an article naming more "
        "(a directory, a list of signatories) is skipped, not cut.",
    ),
)


def _limit_options(f: Any) -> Any:
    """The per-article limits (limits.py), each with its default."""
    for name, default, doc in reversed(_LIMITS):
        f = click.option(
            name, type=click.IntRange(min=1), default=default, show_default=True, help=doc
        )(f)
    return f


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Directory for kg.ttl, kg.jsonld, kg.trig, validation.txt, skipped.txt, records/.",
)
@_base_option
@click.option(
    "--curated",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Directory or file of hand-written records (JSON/YAML) used instead of extraction.",
)
@click.option(
    "--gazetteer",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra gazetteer file (YAML or CSV) of organisations, added to the shipped one.",
)
@click.option(
    "--curation",
    type=click.Path(path_type=Path),
    help="A curator's entity decisions (YAML: same, different, canonical); see iempkg entities.",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    help="Also keep the graph in this on-disk Oxigraph store directory.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="every core",
    help="Processes used for extraction, mapping and writing large graph files (results never "
    "depend on it).",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Build cache directory (records and article graphs of unchanged articles are reused).  [default: OUT/.iempkg-cache]",
)
@click.option(
    "--no-cache", is_flag=True, help="Extract and map every article again and keep no cache."
)
@click.option(
    "--formats",
    default="turtle,jsonld,trig",
    show_default=True,
    help="Graph files to write, comma-separated (turtle, jsonld, trig, ntriples, nquads), or "
    "'none' (with --store, export later with iempkg export --store). A previous build's file "
    "of a format not written is removed, so that no output is older than the others.",
)
@click.option(
    "--full-validation",
    is_flag=True,
    help="Check the whole graph against the shapes, even the articles that did not change.",
)
@_limit_options
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) when any article is skipped or the graph does not conform.",
)
def build(
    inputs: Sequence[Path],
    outdir: Path,
    base: str,
    curated: Sequence[Path],
    gazetteer: Sequence[Path],
    curation: Path | None,
    store: Path | None,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
    formats: str,
    full_validation: bool,
    max_article_bytes: int,
    max_article_chars: int,
    max_entities: int,
    strict: bool,
) -> None:
    """Build the knowledge graph of news articles (files or directories).

    Ingest, extract, resolve, map, validate and export. Outputs replace the previous ones only
    when the whole build succeeded. A rebuild reuses what the cache holds for unchanged
    articles, so it costs about as much as the articles that changed.

    \b
    Example:
      iempkg build data/news -o out
    Exit codes: 0 built and valid; 1 the graph does not conform to the shapes (see
    validation.txt) or --strict failed; 2 unusable input; 3 built, but some articles were
    skipped (see skipped.txt, which also notes articles built without a date, an event or
    any names: those alone do not change the exit code).
    """
    from .pipeline import BuildOptions, parse_formats
    from .pipeline import build as run_build

    options = BuildOptions(
        base=base,
        curated=curated,
        gazetteers=gazetteer,
        curation=curation,
        jobs=jobs,
        cache=cache_dir,
        use_cache=not no_cache,
        formats=parse_formats(formats),
        full_validation=full_validation,
        max_bytes=max_article_bytes,
        max_chars=max_article_chars,
        max_entities=max_entities,
        store=store,
        progress=_progress_wanted(),
    )
    result = run_build(inputs, outdir, options)
    orgs = len(result.resolution.organisations)
    persons = len(result.resolution.persons)
    click.echo(
        f"built {len(result.articles)} article(s): {result.events} event(s), {orgs} organisation(s), "
        f"{persons} person(s), "
        + (
            f"{result.triples} triples"
            if result.triples is not None
            else f"{result.statements} statements in named graphs"
        )
    )
    click.echo(
        f"validation: {'conforms' if result.report.conforms else 'DOES NOT CONFORM'}"
        f" ({len(result.report.violations)} problem(s))"
    )
    skipped = [p for p in result.problems if not p.built]
    notes = [p for p in result.problems if p.built]
    for p in result.problems:
        click.echo(f"{'note' if p.built else 'skipped'}: {p.where()}: {p.reason}", err=True)
    for ref in sorted(set(result.resolution.unmatched_curation)):
        click.echo(f"note: the curation file names '{ref}', which no article writes", err=True)
    if result.problems:
        click.echo(
            f"skipped {len(skipped)} article(s), {len(notes)} built with something missing: "
            f"see {result.outdir / 'skipped.txt'}"
        )
    click.echo(f"outputs in {result.outdir}/:")
    for f in result.files:
        click.echo(f"  {f}")
    if not result.report.conforms:
        sys.exit(1)
    if skipped:
        sys.exit(1 if strict else 3)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "yaml"]),
    default="json",
    show_default=True,
    help="json: one record per line (JSON Lines); yaml: a YAML document per record.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout."
)
@_limit_options
def extract(
    inputs: Sequence[Path],
    fmt: str,
    output: Path | None,
    max_article_bytes: int,
    max_article_chars: int,
    max_entities: int,
) -> None:
    """Extract the record of each article, without building a graph.

    Each record's `source` is the input file's name. Records are the shape documented in
    docs/record.md; a curator can correct one and give it to `build --curated`.

    \b
    Example:
      iempkg extract data/news/000_a23b3f09f4b03236.txt
      iempkg extract data/news --format yaml -o records.yaml
    """
    import yaml

    from .ingest import ingest
    from .pipeline import BuildOptions, extract_documents

    ingested = ingest(inputs, max_article_bytes, max_article_chars)
    options = BuildOptions(max_entities=max_entities)
    articles, problems = extract_documents(ingested.documents, options, curated={})
    problems = [*ingested.problems, *problems]
    if not articles and problems:
        p = problems[0]
        raise InputError(p.reason, p.where(), "check the input")
    if fmt == "json":
        text = "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)
    else:
        text = yaml.safe_dump_all(
            [a.to_dict() for a in articles], allow_unicode=True, sort_keys=False, width=100
        )
    if output:
        _write(output, text, "-o")
    else:
        click.echo(text, nl=False)
    for p in problems:
        click.echo(f"{'note' if p.built else 'skipped'}: {p.where()}: {p.reason}", err=True)
    if any(not p.built for p in problems):
        sys.exit(3)


@cli.command()
@click.argument("kg", type=click.Path(path_type=Path))
@click.option(
    "--examples",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Focus nodes shown per shape.",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "pyshacl"]),
    default="oxigraph",
    show_default=True,
    help="oxigraph: the shapes compiled to SPARQL (fast); pyshacl: the reference engine.",
)
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI",
    help="Check only what this named graph describes (repeatable), against the whole store.",
)
def validate(kg: Path, examples: int, engine: str, graphs: tuple[str, ...]) -> None:
    """Check a built graph against the project's SHACL shapes.

    Prints, per shape and severity, the count and the first focus nodes with their messages.
    Exit 0 when it conforms, 1 when there are violations, 2 for unusable input.

    \b
    Example:
      iempkg validate out/kg.ttl
      iempkg validate out/kg.trig --graph https://w3id.org/iempkg/id/graph/000-a23b3f09f4b03236-txt
      iempkg validate out/kg.ttl --engine pyshacl
    """
    from .store import KnowledgeGraph
    from .validate import validate as run_validate

    report = run_validate(
        KnowledgeGraph.load(kg),
        graphs=set(graphs) or None,
        engine="pyshacl" if engine == "pyshacl" else "oxigraph",
    )
    click.echo(report.text(examples), nl=False)
    sys.exit(0 if report.conforms else 1)


@cli.command("export")
@click.argument("kg", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["turtle", "ntriples", "trig", "nquads", "jsonld", "jsonld-framed"]),
    help="Output format; jsonld-framed: one object per event, for web pages.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="File to write (stdout if omitted)."
)
@_base_option
def export_cmd(kg: Path, fmt: str, output: Path | None, base: str) -> None:
    """Convert a built graph (file or store directory) to another RDF format.

    Output is deterministic: the same graph always gives the same bytes. JSON-LD is compact, with
    the project's context embedded (never fetched); jsonld-framed nests each event's participants,
    place, outcomes and SDGs in one object per event, readable without an RDF library.

    \b
    Example:
      iempkg export out/kg.trig --format jsonld -o out/kg.jsonld
    """
    from .export import export, serialize
    from .store import KnowledgeGraph
    from .vocab import check_base

    check_base(base)
    graph = KnowledgeGraph.load(kg)
    jobs = os.cpu_count() or 1  # a large graph is written in parts, in parallel (same bytes)
    if output:
        export(graph, output, fmt, base, jobs)
    else:
        sys.stdout.buffer.write(serialize(graph, fmt, base, jobs=jobs))


@cli.command("queries")
def queries_cmd() -> None:
    """List the catalogue of named questions with their parameters.

    \b
    Example:
      iempkg queries
    """
    from .query import catalogue

    for q in catalogue():
        click.echo(f"{q.name}: {q.title}")
        if q.description:
            click.echo(f"    {q.description}")
        for p in q.parameters:
            default = f", default {p.default}" if p.default is not None else ""
            click.echo(f"    -p {p.name}=<{p.type}{default}>  {p.doc}")
        for ex in q.examples:
            click.echo(f"    e.g. {ex}")


@cli.command("query")
@click.argument("name")
@click.argument("kg", type=click.Path(path_type=Path), required=False)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of the query; repeat for several.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "md"]),
    default="table",
    show_default=True,
)
@click.option(
    "--store",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Ask this on-disk Oxigraph store (from build --store) instead of a KG file.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Ask a SPARQL 1.1 endpoint instead (e.g. http://localhost:7878/query).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_QUERY_TIMEOUT,
    show_default=True,
    help="Seconds the query may take (on a KG file, a --store or an --endpoint).",
)
@click.option(
    "--allow-update", is_flag=True, help="Allow SPARQL Update (changes a --store directory)."
)
@click.option("--allow-service", is_flag=True, help="Allow SERVICE calls to remote endpoints.")
def query_cmd(
    name: str,
    kg: Path | None,
    params: Sequence[str],
    fmt: str,
    store: Path | None,
    endpoint: str | None,
    timeout: float,
    allow_update: bool,
    allow_service: bool,
) -> None:
    """Run a named question from the catalogue, or a SPARQL file, on a built graph.

    The graph is KG (a file such as out/kg.ttl, or a store directory), --store DIR or --endpoint
    URL. Parameters are bound as RDF terms, never pasted into the query; an organisation or person
    may be given by name or acronym as well as by IRI.

    \b
    Example:
      iempkg query events out/kg.ttl
      iempkg query partners out/kg.ttl -p org=UNEP-IEMP --format csv
      iempkg query my-question.rq out/kg.ttl
      iempkg query people --endpoint http://localhost:7878/query -p org=CAS
    """
    from .errors import QueryError
    from .limits import call_with_timeout
    from .query import QueryTarget, format_result, load_query, run_query

    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(
                f"parameter '{item}' is not NAME=VALUE", "option -p", "write -p org=UNEP-IEMP"
            )
        values[key.strip()] = value
    if sum(x is not None for x in (kg, store, endpoint)) != 1:
        raise QueryError(
            "say which graph to ask",
            "the command line",
            "give one of KG, --store DIR, --endpoint URL",
        )
    q = load_query(name)
    target: QueryTarget
    if endpoint is not None:
        from .endpoint import Endpoint

        target = Endpoint(endpoint, timeout=timeout)
    else:
        from .store import KnowledgeGraph

        target = KnowledgeGraph.open(store) if store else KnowledgeGraph.load(kg or "")
    result = call_with_timeout(
        lambda: run_query(
            target, q, values, allow_update=allow_update, allow_service=allow_service
        ),
        timeout,
        "the query",
        "narrow it (a LIMIT, a more specific pattern) or give a longer --timeout",
    )
    click.echo(format_result(result, fmt), nl=False)


@cli.command("entities")
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind", type=click.Choice(["org", "person"]), help="Only organisations or only persons."
)
@click.option("--suspects", is_flag=True, help="Show near-misses worth a human look instead.")
@click.option("--curation", type=click.Path(path_type=Path), help="Apply this curation file first.")
@click.option(
    "--gazetteer",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra gazetteer file (YAML or CSV), as given to build.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def entities_cmd(
    records: Sequence[Path],
    kind: str | None,
    suspects: bool,
    curation: Path | None,
    gazetteer: Sequence[Path],
    fmt: str,
) -> None:
    """List the organisations and persons of a build, each with its spellings and articles.

    RECORDS is a build's output directory (its records/ are read), or record files. With
    --suspects, pairs that were not merged but look alike (or an acronym that stands for
    several names) are listed with the reason; decide them in a curation file and rebuild
    with --curation.

    \b
    Example:
      iempkg entities out --kind org
      iempkg entities out --suspects
      iempkg build data/news -o out --curation curation.yaml
    """
    from .curation import load_curation
    from .entities import entity_listing, read_records
    from .gazetteer import load_gazetteer

    listing = entity_listing(
        read_records(records), load_gazetteer(list(gazetteer)), load_curation(curation), kind
    )
    click.echo(listing.json() if fmt == "json" else listing.text(suspects), nl=False)


@cli.command("push")
@click.argument("kg", type=click.Path(path_type=Path))
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's SPARQL query endpoint (e.g. http://localhost:7878/query).",
)
@click.option(
    "--graph-store",
    metavar="URL",
    help="Its Graph Store Protocol URL, when not the usual one for --endpoint (see README).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for each request.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Also delete the store's article graphs that this build no longer has.",
)
def push_cmd(kg: Path, endpoint: str, graph_store: str | None, timeout: float, prune: bool) -> None:
    """Load a build into a triple store, one named graph per article.

    Each named graph of KG (kg.trig or a store directory: one per article, plus the entities and
    vocabulary graphs) is sent with an HTTP PUT, which replaces that graph in the store: pushing
    again after a rebuild updates it and never duplicates facts.

    \b
    Example:
      oxigraph serve --location kgstore --union-default-graph &
      iempkg push out/kg.trig --endpoint http://localhost:7878/query --prune
      iempkg query partners --endpoint http://localhost:7878/query -p org=UNEP-IEMP
    """
    from .endpoint import push
    from .store import KnowledgeGraph

    report = push(KnowledgeGraph.load(kg), endpoint, graph_store, timeout, prune=prune)
    click.echo(f"pushed {report.graphs} named graph(s), {report.triples} triples")
    if report.pruned:
        click.echo(f"deleted {len(report.pruned)} graph(s) of articles no longer in the build")
    if report.default_graph_triples:
        click.echo(
            f"{kg} has no named graphs: {report.default_graph_triples} triples went to the store's "
            "default graph (push kg.trig to keep one graph per article)",
            err=True,
        )
    if report.store_quads is not None:
        click.echo(f"the store's named graphs now hold {report.store_quads} triples")


def _list_option(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


@cli.command("network")
@click.argument("kg", required=False, type=click.Path(path_type=Path))
@click.option(
    "--store",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Read this on-disk Oxigraph store (from build --store) instead of a KG file.",
)
@click.option(
    "-o",
    "--out",
    "outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="Directory for network.html, .graphml, .gexf, .png, .svg and metrics.csv.",
)
@click.option("--from", "start", metavar="DATE", help="Events on or after DATE (YYYY[-MM[-DD]]).")
@click.option("--to", "end", metavar="DATE", help="Events on or before DATE (YYYY[-MM[-DD]]).")
@click.option("--kind", metavar="KINDS", help="Event kinds, comma-separated: meeting,signing,...")
@click.option("--sdg", metavar="GOALS", help="Events about any of these SDGs, e.g. 15 or 13,15.")
@click.option("--around", metavar="ORG", help="Only this organisation (name, acronym or IRI)...")
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="...and its partners up to this many hops away.",
)
@click.option(
    "--min-weight",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Keep only ties of at least this many shared events.",
)
@click.option("--persons", is_flag=True, help="Add persons, linked to their organisations.")
def network_cmd(
    kg: Path | None,
    store: Path | None,
    outdir: Path,
    start: str | None,
    end: str | None,
    kind: str | None,
    sdg: str | None,
    around: str | None,
    depth: int,
    min_weight: int,
    persons: bool,
) -> None:
    """Partner network of the organisations: an interactive page, Gephi files, pictures, metrics.

    KG is a built graph (kg.ttl, kg.trig, kg.jsonld or a store directory), or give --store DIR.
    Two organisations are linked when they took part in the same event or are parties to the
    same outcome; the link's weight is the number of events they shared. The page works offline.

    \b
    Example:
      iempkg network out/kg.ttl -o out/network
      iempkg network out/kg.ttl -o out/iemp --around UNEP-IEMP --depth 2 --from 2023
      iempkg network --store kgstore -o out/mou --kind signing --sdg 15 --min-weight 2
    """
    from .errors import ConfigError
    from .network import (
        NetworkOptions,
        network_metrics,
        network_summary,
        partner_network,
        write_network,
    )
    from .store import KnowledgeGraph

    if (kg is None) == (store is None):
        raise ConfigError(
            "say which graph to read", "the command line", "give one of KG or --store DIR"
        )
    goals = _list_option(sdg)
    if not all(g.isdigit() for g in goals):
        raise ConfigError(f"'{sdg}' is not a list of SDG numbers", "option --sdg", "write 15,13")
    options = NetworkOptions(
        start=start,
        end=end,
        kinds=_list_option(kind),
        sdgs=tuple(int(g) for g in goals),
        around=around,
        depth=depth,
        min_weight=min_weight,
        persons=persons,
    )
    source = KnowledgeGraph.open(store) if store else KnowledgeGraph.load(kg or "")
    graph = partner_network(source, options)
    metrics = network_metrics(graph)
    click.echo(network_summary(graph, metrics), nl=False)
    click.echo(f"outputs in {outdir}/:")
    for f in write_network(graph, outdir, metrics):
        click.echo(f"  {f.name}")


@cli.command()
@click.option(
    "--gold",
    required=True,
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Directory of gold records (*.json).",
)
@click.argument("predictions", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable figures.")
@click.option(
    "--errors", "show_errors", is_flag=True, help="Also list what each article got wrong."
)
def evaluate(gold: Path, predictions: Path, as_json: bool, show_errors: bool) -> None:
    """Score extracted records against gold records (the rules of the evaluation README).

    \b
    Example:
      iempkg extract corpus/ -o predictions.jsonl
      iempkg evaluate --gold gold/ predictions.jsonl
      iempkg evaluate --gold gold/ predictions.jsonl --errors
    """
    from .evaluate import evaluate as run_evaluate
    from .evaluate import format_errors, format_table, load_records, to_json

    result = run_evaluate(load_records(gold), load_records(predictions))
    if as_json:
        click.echo(json.dumps(to_json(result), indent=1))
        return
    click.echo(format_table(result), nl=False)
    if show_errors:
        click.echo()
        click.echo(format_errors(result), nl=False)


def main() -> None:
    cli(prog_name="iempkg")
