"""The ``detente`` command line: parse arguments, call one library function, render.

No logic lives here. Every ``DetenteError`` becomes one line on stderr and a non-zero exit; a
traceback means a bug.
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli_render import render_record_table, render_rows, render_summary
from detente.errors import DetenteError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="detente: conflict and diplomacy news in, a sourced and queryable record out.")

DEFAULT_DB = "sqlite:///detente.db"
DbOption = Annotated[str | None, typer.Option("--db", help="Store URL (default: $DETENTE_DB or ./detente.db).")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor name or alias (substring).")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")]
StatusOpt = Annotated[str | None, typer.Option("--status", help="occurred, planned, possible, ...")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD, inclusive.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="YYYY-MM-DD, inclusive.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="At most this many rows.")]
ActorsOpt = Annotated[list[Path] | None, typer.Option(
    "--actors", help="Your own actor dictionary file (TSV, schemas in components/actors/README.md); "
                     "repeatable; also $DETENTE_ACTORS. Takes precedence over the packaged one.")]


def _nlp_with(actors: list[Path] | None, learned_attributions: bool = False) -> Any:
    """The default pipeline, or one whose actor dictionary includes the user's files, or that adds
    the learned attributions."""
    from detente.components.lexicon import user_dictionaries

    # later files take precedence: the environment's, then the ones given on the command line
    extra = [str(p) for p in user_dictionaries(os.environ)] + [str(p) for p in actors or []]
    if not extra and not learned_attributions:
        return None
    missing = [p for p in extra if not Path(p).is_file()]
    if missing:
        _fail(DetenteError(f"E120 actor dictionary not found: {missing[0]} (check --actors / $DETENTE_ACTORS)"))
    from detente.pipeline import build_nlp

    return build_nlp(component_config={"detente_actors": {"extra_dictionaries": extra}},
                     learned_attributions=learned_attributions)


class RecordFormat(StrEnum):
    json = "json"
    table = "table"
    plover = "plover"
    cameo = "cameo"


class RowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _db_url(db: str | None) -> str:
    url = db or os.environ.get("DETENTE_DB") or DEFAULT_DB
    if "://" not in url:  # a bare path
        url = f"sqlite:///{url}"
    return url


def _fail(err: Exception) -> None:
    typer.echo(f"detente: {err}", err=True)
    raise typer.Exit(code=2)


def _store(db: str | None, must_exist: bool = True) -> Any:
    from detente.store.store import Store

    url = _db_url(db)
    if must_exist and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        _fail(DetenteError(f"E301 no store at {url}: run `detente ingest PATH --db {url}` first"))
    return Store(url)


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A .txt, .html or .json article.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (anchor of times).")] = None,
    format: Annotated[RecordFormat, typer.Option(
        "--format", help="json: the record; table: a summary; plover: PLOVER records; cameo: GDELT-style tab lines.",
    )] = RecordFormat.json,
    actors: ActorsOpt = None,
    learned_attributions: Annotated[bool, typer.Option(
        "--learned-attributions", help="Also list, as stances of kind 'attributed', the attributions a "
                                       "learned model finds beyond the cue lexicons (broader, less precise).",
    )] = False,
) -> None:
    """Print the record of one article."""
    from detente.extractor import extract as run_extract
    from detente.ingest import article_meta
    from detente.inputs import read_article

    try:
        article = read_article(path)
        record = run_extract(article.text, published or article.published, nlp=_nlp_with(actors, learned_attributions),
                             **article_meta(article))
    except DetenteError as err:
        _fail(err)
        return
    data = record.to_dict()
    if format is RecordFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    elif format is RecordFormat.plover:
        from detente.export_plover import plover_records

        sys.stdout.write(json.dumps(plover_records(data), ensure_ascii=False, indent=1) + "\n")
    elif format is RecordFormat.cameo:
        from detente.export_plover import CAMEO_HEADER, cameo_lines

        sys.stdout.write("\n".join([CAMEO_HEADER, *cameo_lines(data)]) + "\n")
    else:
        render_record_table(data)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or .jsonl feeds.")],
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per nlp.pipe batch.")] = 16,
    write_batch: Annotated[int, typer.Option(help="Articles per store transaction (larger is faster; a "
                                                  "killed ingest redoes at most this many).")] = 64,
    workers: Annotated[int, typer.Option(help="Processes that parse (0 = one per CPU); 1 parses in this "
                                              "process.")] = 1,
    dask: Annotated[str | None, typer.Option(help="Run extraction on a Dask cluster: a scheduler address "
                                                  "or local:N for a local cluster of N workers.")] = None,
    parquet: Annotated[Path | None, typer.Option(help="With --dask: write records as Parquet partitions "
                                                      "here before merging them into the store.")] = None,
    actors: ActorsOpt = None,
    time_limit: Annotated[float, typer.Option(help="Seconds one article may take to extract; a slower one is "
                                                   "reported (E202) and skipped. 0 = no limit.")] = 60.0,
) -> None:
    """Extract and store articles; re-running adds nothing twice."""
    from rich.progress import Progress

    url = _db_url(db)
    store = _store(db, must_exist=False)
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("ingesting", total=None)

        def tick(origin: str, outcome: str) -> None:
            progress.advance(task)

        if dask:
            from detente.dask_runner import ingest_dask

            summary = ingest_dask(paths, url, dask, out_dir=parquet, batch_size=batch_size, on_article=tick,
                                  write_batch=write_batch)
        elif workers != 1:
            from detente.parallel import ingest_parallel

            summary = ingest_parallel(paths, url, workers, batch_size=batch_size, on_article=tick,
                                      time_limit=time_limit or None, write_batch=write_batch)
        else:
            from detente.ingest import ingest_paths

            summary = ingest_paths(paths, store, nlp=_nlp_with(actors), batch_size=batch_size, on_article=tick,
                                   time_limit=time_limit or None, write_batch=write_batch)
    render_summary(summary)
    if summary.failed and not summary.added and not summary.skipped:
        raise typer.Exit(code=1)


class ExportFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Folder to write one file per table into.")],
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.parquet,
    text: Annotated[bool, typer.Option(help="Include the article texts.")] = True,
) -> None:
    """Export the whole store for pandas, DuckDB or Spark: one Parquet, JSONL or CSV file per table."""
    from detente.export import export_store

    written = export_store(_store(db), out, format.value, include_text=text)
    for table, (path, rows) in written.items():
        typer.echo(f"{table}: {rows} rows -> {path}")


@app.command()
def migrate(db: DbOption = None) -> None:
    """Bring a store's schema to the newest version (Alembic; SQLite and PostgreSQL)."""
    from detente.store.migrate import current, ensure

    url = _db_url(db)
    ensure(url)
    typer.echo(f"{url}: schema at {current(url)}")


def _show(kind: str, query: str, db: str | None, fmt: RowFormat, /, **filters: Any) -> None:
    """Run one query of ``detente.store.queries`` and render its rows (positional-only parameters, so a
    filter may be called ``kind`` too)."""
    from detente.store import queries

    try:
        rows = getattr(queries, query)(_store(db), **filters)
    except DetenteError as err:
        _fail(err)
        return
    render_rows(kind, rows, fmt.value)


@app.command()
def events(actor: ActorOpt = None, type: TypeOpt = None, status: StatusOpt = None, since: SinceOpt = None,
           until: UntilOpt = None, limit: LimitOpt = None, db: DbOption = None,
           format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Events in the store, newest article first."""
    _show("events", "events", db, format, actor=actor, type=type, status=status, since=since, until=until,
          limit=limit)


@app.command()
def timeline(actor: ActorOpt = None, type: TypeOpt = None, status: StatusOpt = None, since: SinceOpt = None,
             until: UntilOpt = None, limit: LimitOpt = None, db: DbOption = None,
             format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Events in the order of their own time, with status and source article."""
    _show("timeline", "timeline", db, format, actor=actor, type=type, status=status, since=since, until=until,
          limit=limit)


@app.command()
def actors(actor: ActorOpt = None, country: Annotated[str | None, typer.Option(help="ISO alpha-3.")] = None,
           limit: LimitOpt = None, db: DbOption = None,
           format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Canonical actors across articles, with roles, country and mention counts."""
    _show("actors", "actors", db, format, name=actor, country=country, limit=limit)


@app.command()
def statements(actor: ActorOpt = None, since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None,
               db: DbOption = None,
               format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Who said what, with the exact words."""
    _show("statements", "statements", db, format, actor=actor, since=since, until=until, limit=limit)


@app.command()
def stances(actor: ActorOpt = None,
            kind: Annotated[str | None, typer.Option(
                "--kind", help="belief, desire, intention, support, opposition, finding, topic, characterization.")
            ] = None,
            since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None, db: DbOption = None,
            format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Positions held rather than said: who believes, wants, plans, backs, opposes or found what."""
    _show("stances", "stances", db, format, actor=actor, kind=kind, since=since, until=until, limit=limit)


@app.command()
def claims(actor: ActorOpt = None, since: SinceOpt = None, until: UntilOpt = None, limit: LimitOpt = None,
           db: DbOption = None,
           format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Numeric claims and who asserts them."""
    _show("claims", "claims", db, format, actor=actor, since=since, until=until, limit=limit)


@app.command()
def commitments(status: StatusOpt = None, db: DbOption = None,
                today: Annotated[str | None, typer.Option(help="Reference date for overdue (default: the "
                                                                "latest publication date in the store).")] = None,
                horizon: Annotated[int, typer.Option(min=0, help="Days after a promise without a date of its "
                                                                 "own in which an act can still keep it.")] = 365,
                format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Agreements and planned acts followed over time: open, partly fulfilled, fulfilled, broken, overdue."""
    from detente.cli_render import commitment_row
    from detente.story import commitments as find_commitments

    try:
        rows = find_commitments(_store(db), status=status, today=today, horizon_days=horizon)
    except DetenteError as err:
        _fail(err)
        return
    if format is RowFormat.table:
        render_rows("commitment board", [commitment_row(c) for c in rows], "table")
    else:
        render_rows("commitments", rows, format.value)


@app.command()
def schedule(db: DbOption = None,
             ical: Annotated[Path | None, typer.Option(help="Also write the schedule as iCalendar.")] = None,
             format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """Planned events with resolved times (UTC and local), optionally as an .ics calendar."""
    from detente.story import schedule as find_schedule
    from detente.story import to_ical

    entries = find_schedule(_store(db))
    if ical is not None:
        ical.write_bytes(to_ical(entries))
        typer.echo(f"wrote {len(entries)} events to {ical}", err=True)
    render_rows("schedule", entries, format.value)


@app.command()
def clusters(db: DbOption = None, disputed: Annotated[bool, typer.Option(
                 help="Only clusters whose reports disagree.")] = False,
             format: Annotated[RowFormat, typer.Option("--format")] = RowFormat.table) -> None:
    """The same real event across articles: sources, first report, status history, disagreements."""
    from detente.story import clusters as find_clusters

    render_rows("clusters", find_clusters(_store(db), disputed=disputed), format.value)


@app.command()
def story(query: Annotated[str, typer.Argument(help="An actor, a place or a phrase.")], db: DbOption = None,
          format: Annotated[RecordFormat, typer.Option("--format")] = RecordFormat.table) -> None:
    """A chronological digest: matching events, commitments, claims and statements, with evidence."""
    from detente.story import story as digest

    result = digest(_store(db), query)
    if format is RecordFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    render_rows(f"story: {query}", result.get("timeline", []), "table")


@app.command()
def serve(db: DbOption = None,
          host: Annotated[str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless behind a proxy.")] = (
              "127.0.0.1"),
          port: Annotated[int, typer.Option(help="TCP port.")] = 8000) -> None:
    """Serve the store as an HTTP API (OpenAPI at /openapi.json) and a web UI at /.

    Writes (POST /articles) need `Authorization: Bearer $DETENTE_TOKEN`; without a token the
    service is read-only.
    """
    from detente.api import serve as run_server

    run_server(_db_url(db), host=host, port=port)


@app.command()
def report(db: DbOption = None) -> None:
    """What the store holds: the timeline, the statements and the open commitments."""
    from detente.cli_render import commitment_row
    from detente.store import queries
    from detente.story import commitments as find_commitments

    store = _store(db)
    render_rows("timeline", queries.timeline(store), "table")
    render_rows("statements", queries.statements(store), "table")
    render_rows("commitment board", [commitment_row(c) for c in find_commitments(store)], "table")


@app.command(name="eval")
def eval_(gold: Annotated[Path, typer.Argument(help="A gold folder or file (gold/FORMAT.md).")],
          format: Annotated[RecordFormat, typer.Option("--format")] = RecordFormat.table,
          show_misses: Annotated[bool, typer.Option("--show-misses")] = False) -> None:
    """Score the pipeline against gold annotations: precision, recall and F1 per measure."""
    from detente.evaluate import evaluate
    from detente.extractor import extract as run_extract

    def _extract(text: str, published: str, doc_id: str) -> dict[str, Any]:
        return run_extract(text, published, id=doc_id).to_dict()

    try:
        result = evaluate(gold, _extract)
    except (DetenteError, OSError, ValueError) as err:
        _fail(err)
        return
    if format is RecordFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=1, sort_keys=True))
    else:
        render_rows("eval", [{"measure": k, **v} for k, v in result.to_dict().items()], "table")
    if show_misses:
        for miss in result.misses:
            typer.echo(miss)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
