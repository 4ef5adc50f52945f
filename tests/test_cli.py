"""The CLI: one clear line and a non-zero exit for bad input; JSON that is exactly one record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

runner = CliRunner()
ARTICLE = (
    "GENEVA, March 3 — Iran and the United States held talks in Geneva on Monday, officials said. "
    "Foreign Minister Abbas Araghchi said Tehran was ready to meet again next week. "
    "\"We will not accept new conditions,\" he told reporters."
)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "talks.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


@pytest.mark.slow
def test_extract_json_is_one_record(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--published", "2025-03-05", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "detente.record/1"
    assert record["document"]["published"] == "2025-03-05"
    assert record["document"]["text"] == ARTICLE


@pytest.mark.slow
def test_extract_table(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--published", "2025-03-05", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "events" in result.stdout and "statements" in result.stdout


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "E105"),
        (b"   \n\t  ", "E105"),
        (b"\x00\x01\x02binary\x00" * 20, "E104"),
        ("Die Regierung hat am Montag erklärt, dass die Gespräche über einen Waffenstillstand in der "
         "nächsten Woche fortgesetzt werden sollen, und die Opposition hat das kritisiert.".encode(), "E108"),
    ],
)
def test_extract_bad_input_one_line(tmp_path: Path, content: bytes, code: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    result = runner.invoke(app, ["extract", str(p)])
    assert result.exit_code != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and code in lines[0]
    assert "Traceback" not in result.output


def test_extract_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "E101" in result.stderr


def test_extract_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "huge.txt"
    p.write_bytes(b"The talks went on. " * 400_000)  # 7.6 MB, over the 5 MB limit
    result = runner.invoke(app, ["extract", str(p)])
    assert result.exit_code != 0
    assert "E103" in result.stderr


def test_extract_bad_date(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--published", "yesterday"])
    assert result.exit_code != 0
    assert "E201" in result.stderr


def test_queries_without_store_fail_clearly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "E301" in result.stderr


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    missing = [n for n in names if f"detente {n}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_commitments_horizon_option(tmp_path: Path) -> None:
    from detente.store import Store
    from tests.story.conftest import deal, stage

    db = tmp_path / "s.db"
    with Store(f"sqlite:///{db}") as store:
        store.create()
        store.add(deal())
        store.add(stage(1, "2027-01-10", 100, "prisoners"))  # 604 days after the deal

    def status(*extra: str) -> str:
        result = runner.invoke(app, ["commitments", "--db", str(db), "--format", "json", *extra])
        assert result.exit_code == 0, result.output
        return next(c for c in json.loads(result.stdout) if c["id"] == "deal:e1")["status"]

    assert status() == "open"
    assert status("--horizon", "700") == "partly_fulfilled"
    assert runner.invoke(app, ["commitments", "--db", str(db), "--horizon", "-1"]).exit_code != 0


@pytest.mark.slow
def test_extract_adds_learned_attributions_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The senator credited the union with the breakthrough on Monday.", encoding="utf-8")
    kinds = []
    for flags in ([], ["--learned-attributions"]):
        result = runner.invoke(app, ["extract", str(path), "--published", "2025-03-05", *flags])
        assert result.exit_code == 0, result.output
        kinds.append([s["kind"] for s in json.loads(result.stdout)["stances"]])
    assert "attributed" not in kinds[0] and "attributed" in kinds[1]
