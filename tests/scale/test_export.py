"""Export round trip: every table, every format, the row counts the store reports (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from detente.export import TABLES, ExportError, export_store
from detente.store import queries
from tests.scale.conftest import variant


@pytest.fixture
def full(store):
    for i in range(7):
        assert store.add(variant(i))
    return store


def _read(path, fmt):
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_round_trips_row_counts(full, tmp_path, fmt):
    counts = queries.stats(full)
    written = export_store(full, tmp_path / "out", fmt, chunk_rows=5)  # several chunks per table
    assert set(written) == set(TABLES)
    for table, (path, n) in written.items():
        rows = _read(path, fmt)
        assert n == len(rows) == counts[table], table
    events = _read(written["events"][0], fmt)
    e1 = next(r for r in events if r["article_id"] == "istanbul-0" and r["id"] == "e1")
    names = e1["source_names"] if fmt != "csv" else json.loads(e1["source_names"])
    assert names == ["Donald Trump"]
    articles = _read(written["articles"][0], fmt)
    assert "record" not in articles[0] and articles[0]["text"].endswith("Ref 0.")


def test_export_parquet_types_and_options(full, tmp_path):
    written = export_store(full, tmp_path, "parquet", include_text=False)
    articles = pq.read_table(written["articles"][0])
    assert "text" not in articles.column_names
    actors = pq.read_table(written["actors"][0]).to_pylist()
    assert isinstance(actors[0]["mentions"], list) and isinstance(actors[0]["mentions"][0], list)
    events = pq.read_table(written["events"][0])
    assert str(events.schema.field("negated").type) == "bool"


def test_export_refuses_bad_format_or_file(full, tmp_path):
    with pytest.raises(ExportError, match="format"):
        export_store(full, tmp_path, "xlsx")  # type: ignore[arg-type]
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(ExportError, match="folder"):
        export_store(full, target, "csv")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_writes_the_stances(store, tmp_path, fmt):
    from tests.store.stance_records import STANCE_TEXT, stance_record

    assert store.add(stance_record())
    written = export_store(store, tmp_path, fmt)
    path, n = written["stances"]
    rows = {r["id"]: r for r in _read(path, fmt)}
    assert n == len(rows) == 5 and path.name == f"stances.{fmt}"
    p1 = rows["p1"]
    assert (p1["kind"], p1["holder"], p1["cue"]) == ("belief", "a1", "believes")
    assert STANCE_TEXT[int(p1["holder_start"]):int(p1["holder_end"])] == "Zelenskyy"
    assert rows["p5"]["negated"] in (True, "true") and rows["p1"]["negated"] in (False, "false")
