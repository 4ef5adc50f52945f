"""Export the whole store as flat files, one per table, for pandas, DuckDB, Spark or a spreadsheet.

Why these choices:

* One file per table with the store's own column names and keys (``article_id`` + local ``id``), so
  the joins an analyst writes are the joins the store uses. Canonical actor names are copied into
  ``events`` (``source_names``/``target_names``) because "who did what to whom" is the first
  question and should not need a three-way join.
* Rows are read and written in chunks (``chunk_rows``) with a fixed column schema, so a store of
  millions of rows exports in bounded memory and every Parquet row group has the same types.
* List columns (aliases, roles, actor ids, mention and evidence spans) stay lists in Parquet and
  JSONL — DuckDB and pandas read them natively — and become JSON text in CSV, which has no lists.
* ``articles.record`` (the whole record as JSON) is left out by default: every part of it is in the
  other tables, and it would double the export. ``include_text=False`` drops article bodies too,
  for sharing a dataset of extractions without redistributing the articles themselves.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import JSON, Boolean, Column, Connection, Float, Integer, select, tuple_

from detente.store import schema
from detente.store.store import Store

Format = Literal["parquet", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("parquet", "jsonl", "csv")

#: Exported tables in order; ``events`` gains source_names / target_names.
TABLES = ("articles", "canonical_actors", "actors", "timexes", "statements", "stances", "events", "event_actors",
          "claims")

_STR_LIST = pa.list_(pa.string())
_SPAN_LIST = pa.list_(pa.list_(pa.int64()))
#: JSON columns with a known shape; any other JSON column is exported as JSON text.
_JSON_TYPES: dict[str, pa.DataType] = {
    "roles": _STR_LIST, "aliases": _STR_LIST, "warnings": _STR_LIST, "sources": _STR_LIST,
    "targets": _STR_LIST, "mentions": _SPAN_LIST, "evidence": _SPAN_LIST,
}


class ExportError(ValueError):
    """An export that cannot be written (unknown format, output path is a file)."""


def _arrow_type(col: Column[Any]) -> pa.DataType:
    if isinstance(col.type, JSON):
        return _JSON_TYPES.get(col.name, pa.string())
    if isinstance(col.type, Boolean):
        return pa.bool_()
    if isinstance(col.type, Integer):
        return pa.int64()
    if isinstance(col.type, Float):
        return pa.float64()
    return pa.string()


def _columns(name: str, include_text: bool, include_record: bool) -> list[Column[Any]]:
    table = schema.metadata.tables[name]
    skip = set()
    if name == "articles":
        skip |= set() if include_text else {"text"}
        skip |= set() if include_record else {"record"}
    return [c for c in table.columns if c.name not in skip]


def _arrow_schema(name: str, cols: list[Column[Any]]) -> pa.Schema:
    fields = [pa.field(c.name, _arrow_type(c)) for c in cols]
    if name == "events":
        fields += [pa.field("source_names", _STR_LIST), pa.field("target_names", _STR_LIST)]
    return pa.schema(fields)


def _names(conn: Connection, article_ids: list[str]) -> dict[tuple[str, str], str]:
    """(article_id, local actor id) -> canonical name, the local name where unresolved."""
    a, c = schema.actors, schema.canonical_actors
    query = (
        select(a.c.article_id, a.c.id, a.c.name, c.c.name.label("canonical"))
        .select_from(a.outerjoin(c, a.c.canonical_id == c.c.id))
        .where(a.c.article_id.in_(article_ids))
    )
    return {(r.article_id, r.id): r.canonical or r.name for r in conn.execute(query)}


def _chunks(
    store: Store, name: str, cols: list[Column[Any]], chunk_rows: int
) -> Iterator[list[dict[str, Any]]]:
    """Rows of one table in primary-key order, ``chunk_rows`` at a time (keyset pagination)."""
    table = schema.metadata.tables[name]
    pk = list(table.primary_key.columns)
    last: tuple[Any, ...] | None = None
    with store.engine.connect() as conn:
        while True:
            query = select(*cols, *[k for k in pk if k not in cols]).order_by(*pk).limit(chunk_rows)
            if last is not None:
                query = query.where(tuple_(*pk) > tuple_(*last))
            rows = [dict(r) for r in conn.execute(query).mappings()]
            if not rows:
                return
            last = tuple(rows[-1][k.name] for k in pk)
            if name == "events":
                names = _names(conn, sorted({r["article_id"] for r in rows}))
                for r in rows:
                    aid = r["article_id"]
                    r["source_names"] = [names.get((aid, x), x) for x in r["sources"] or []]
                    r["target_names"] = [names.get((aid, x), x) for x in r["targets"] or []]
            yield rows
            if len(rows) < chunk_rows:
                return


def _json_text(rows: list[dict[str, Any]], arrow: pa.Schema) -> None:
    """Turn JSON columns without a known list shape into JSON text, in place."""
    text_json = [f.name for f in arrow if f.type == pa.string()]
    for r in rows:
        for key in text_json:
            value = r.get(key)
            if value is not None and not isinstance(value, str):
                r[key] = json.dumps(value, ensure_ascii=False)


def export_store(
    store: Store, out: Path, format: Format = "parquet", *, include_text: bool = True,
    include_record: bool = False, chunk_rows: int = 50_000,
) -> dict[str, tuple[Path, int]]:
    """Write every table of ``store`` under the folder ``out`` as ``TABLE.parquet|jsonl|csv``.

    Returns ``{table: (path, rows written)}``. Existing files of the same names are replaced.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; give a folder to write one file per table into")
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, tuple[Path, int]] = {}
    for name in TABLES:
        cols = _columns(name, include_text, include_record)
        arrow = _arrow_schema(name, cols)
        keep = arrow.names
        path = out / f"{name}.{format}"
        count = 0
        chunks = ([{k: r.get(k) for k in keep} for r in rows] for rows in _chunks(store, name, cols, chunk_rows))
        if format == "parquet":
            with pq.ParquetWriter(path, arrow) as writer:
                for rows in chunks:
                    _json_text(rows, arrow)
                    writer.write_table(pa.Table.from_pylist(rows, schema=arrow))
                    count += len(rows)
        elif format == "jsonl":
            with path.open("w", encoding="utf-8") as fh:
                for rows in chunks:
                    for r in rows:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                    count += len(rows)
        else:
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=keep)
                writer.writeheader()
                for rows in chunks:
                    for r in rows:
                        writer.writerow({k: _csv_cell(v) for k, v in r.items()})
                    count += len(rows)
        written[name] = (path, count)
    return written


def _csv_cell(value: Any) -> Any:
    """Lists and objects as JSON text; booleans as true/false like the other formats."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
