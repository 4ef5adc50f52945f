"""``detente stances`` over a store of hand-made records, and stances in one record's table view."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.cli_render import render_record_table
from detente.store import Store
from tests.store.conftest import istanbul_record
from tests.store.stance_records import stance_record

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "detente.db"
    with Store(f"sqlite:///{path}") as store:
        store.create()
        assert store.add(stance_record()) and store.add(istanbul_record())
    return str(path)


def _run(*args: str):
    result = runner.invoke(app, ["stances", *args])
    assert result.exit_code == 0, result.output
    return result


def test_stances_json_filters(db: str) -> None:
    items = json.loads(_run("--db", db, "--kind", "desire", "--format", "json").stdout)
    assert [(p["id"], p["holder"], p["time"]) for p in items] == [("p2", "Donald Trump", "2025-06-02")]
    trump = json.loads(_run("--db", db, "--actor", "trump", "--format", "json").stdout)
    assert [p["id"] for p in trump] == ["p5", "p2"]
    assert len(json.loads(_run("--db", db, "--limit", "3", "--format", "json").stdout)) == 3
    assert json.loads(_run("--db", db, "--until", "2025-05-01", "--format", "json").stdout) == []


def test_stances_table_and_csv(db: str) -> None:
    table = _run("--db", db, "--actor", "russia").stdout
    assert "stances (1)" in table and "opposition" in table and "opposes" in table and "Russia" in table
    rows = list(csv.DictReader(io.StringIO(_run("--db", db, "--format", "csv").stdout)))
    assert len(rows) == 5 and {"holder", "kind", "cue", "cue_span", "negated"} <= set(rows[0])
    assert next(r for r in rows if r["id"] == "p5")["negated"] == "True"


def test_unknown_kind_is_one_line_and_exit_2(db: str) -> None:
    result = runner.invoke(app, ["stances", "--db", db, "--kind", "opinion"])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "E303" in lines[0] and "belief" in lines[0]


def test_record_table_shows_stances(capsys: pytest.CaptureFixture[str]) -> None:
    render_record_table(stance_record())
    out = capsys.readouterr().out
    assert "stances (5)" in out and "believes" in out and "Volodymyr Zelenskyy" in out
    assert "2025-06-02" in out  # p2's timex id shown as its value
    render_record_table(istanbul_record())  # a record from before the layer: no stances key
    assert "stances (0)" in capsys.readouterr().out
