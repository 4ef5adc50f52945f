"""POST /articles: the token, the size limit, validation before the model, and one real ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from tests.api.conftest import TOKEN

ARTICLE = {"id": "w1", "text": "Ukraine and Russia agreed on Friday to exchange 1,000 prisoners each, "
           "President Volodymyr Zelenskyy said in Kyiv.", "published": "2025-05-16", "title": "Swap agreed",
           "source": "Test Wire"}


def test_write_without_token_is_401(client):
    response = client.post("/articles", json=ARTICLE)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("header", ["Bearer wrong", f"Bearer {TOKEN}x", "Bearer "])
def test_write_with_a_wrong_token_is_403_or_401(client, header):
    response = client.post("/articles", json=ARTICLE, headers={"Authorization": header})
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"]


def test_basic_auth_scheme_is_not_a_token(client):
    response = client.post("/articles", json=ARTICLE, headers={"Authorization": f"Basic {TOKEN}"})
    assert response.status_code == 401


def test_server_without_token_refuses_every_write(tmp_path, monkeypatch):
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    app = create_app(f"sqlite:///{tmp_path / 'ro.db'}")
    with TestClient(app) as c:
        response = c.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"})
        assert response.status_code == 403 and "DETENTE_TOKEN" in response.json()["error"]["message"]


def test_token_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", "from-env")
    app = create_app(f"sqlite:///{tmp_path / 'env.db'}")
    assert app.state.token == "from-env"


def test_body_over_the_limit_is_413(client, auth):
    big = {**ARTICLE, "text": "word " * 20_000}  # 100 kB against the fixture's 50 kB limit
    response = client.post("/articles", json=big, headers=auth)
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"


def test_chunked_body_over_the_limit_is_413(client, auth):
    def chunks():
        for _ in range(20):
            yield b" " * 5_000

    response = client.post("/articles", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 413


def test_size_limit_applies_before_auth(client):
    response = client.post("/articles", content=b"x" * 60_000, headers={"Content-Type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(("body", "code"), [
    ({"id": "x", "text": ""}, "E105"),
    ({"id": "x"}, "E109"),
    ({"id": "x", "text": "Talks were held.", "published": "last Friday"}, "E110"),
    ({"id": "x", "text": "Der Bundeskanzler hat am Freitag in Berlin mit dem französischen Präsidenten über "
                         "die Lage in der Ukraine gesprochen und dabei die Unterstützung für Kiew bekräftigt, "
                         "hieß es aus Regierungskreisen."}, "E108"),
])
def test_invalid_articles_are_422_before_the_model_loads(client, auth, body, code):
    response = client.post("/articles", json=body, headers=auth)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize("body", [[], "just a string", {"text": 5}, [{"text": "a"}] * 101])
def test_malformed_bodies_are_422(client, auth, body):
    response = client.post("/articles", json=body, headers=auth)
    assert response.status_code == 422 and "error" in response.json()


def test_not_json_is_422(client, auth):
    response = client.post("/articles", content=b"{not json", headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


@pytest.mark.slow
def test_post_articles_ingests_with_the_real_pipeline(tmp_path, nlp):
    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", token=TOKEN, nlp_factory=lambda: nlp)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    sample = Path("samples/corpus/first-swap-2025-05-23.txt").read_text("utf-8")
    batch = [ARTICLE, {"id": "swap", "text": sample, "published": "2025-05-23", "title": "First swap"},
             {"id": "bad", "text": " "}]
    with TestClient(app) as c:
        response = c.post("/articles", json=batch, headers=auth)
        assert response.status_code == 201, response.text
        body = response.json()
        assert (body["added"], body["skipped"], body["failed"]) == (2, 0, 1)
        first = body["items"][0]
        assert first["status"] == "added" and first["record"]["document"]["id"] == "w1"
        assert any(e["type"] == "AGREE" for e in first["record"]["events"])
        assert body["items"][2]["error"]["code"] == "E105"
        again = c.post("/articles", json=ARTICLE, headers=auth)
        assert again.status_code == 200 and again.json()["items"][0]["status"] == "skipped"
        assert again.json()["items"][0]["record"]["document"]["id"] == "w1"
        assert c.get("/events", params={"actor": "zelensk"}).json()["total"] >= 1
        assert c.get("/articles/swap").json()["text"] == sample
