"""The per-article time limit: a hung extraction is stopped, reported as E202, and the rest of its
batch is stored (``detente.deadline``)."""

from __future__ import annotations

import threading
import time

import pytest
from spacy.language import Language

from detente.deadline import ExtractionTimeout, time_limit
from detente.ingest import ingest_articles
from detente.pipeline import build_nlp
from detente.store import Store, queries
from tests.scale.articles import short_articles


def test_limit_stops_a_busy_loop_and_restores_the_outer_timer() -> None:
    started = time.perf_counter()
    with pytest.raises(ExtractionTimeout, match="E202"), time_limit(0.2):
        while True:
            pass
    assert time.perf_counter() - started < 2
    with time_limit(5):  # an outer limit survives an inner one that did not fire
        with time_limit(0.5):
            pass
        with pytest.raises(ExtractionTimeout), time_limit(0.2):
            time.sleep(1)


def test_no_limit_means_none_and_threads_run_unlimited() -> None:
    with time_limit(None):
        time.sleep(0.05)
    errors: list[BaseException] = []

    def in_thread() -> None:
        try:
            with time_limit(0.01):  # signals cannot reach a thread: no limit, and no error
                time.sleep(0.1)
        except BaseException as err:  # pragma: no cover - the failure being tested for
            errors.append(err)

    t = threading.Thread(target=in_thread)
    t.start()
    t.join()
    assert errors == []


@pytest.fixture(scope="module")
def hanging_nlp() -> Language:
    def hang(doc):
        if "HANG" in doc.text:
            while True:  # a component that never returns on this article
                time.sleep(0.01)
        return doc

    if not Language.has_factory("detente_test_hang"):
        Language.component("detente_test_hang", func=hang)
    nlp = build_nlp()
    nlp.add_pipe("detente_test_hang", first=True)
    return nlp


def test_a_hung_article_is_reported_and_its_batch_goes_in(tmp_path, hanging_nlp) -> None:
    articles = short_articles(5, prefix="ok")
    stuck = short_articles(1, prefix="stuck")[0]
    stuck = type(stuck)(id="stuck", text=stuck.text + " HANG", published=stuck.published, origin="stuck.txt")
    batch = [*articles[:2], stuck, *articles[2:]]
    with Store(f"sqlite:///{tmp_path / 't.db'}") as store:
        started = time.perf_counter()
        summary = ingest_articles(batch, store, nlp=hanging_nlp, batch_size=8, time_limit=0.5)
        assert time.perf_counter() - started < 30
        assert summary.added == 5
        assert [origin for origin, _ in summary.failed] == ["stuck.txt"]
        assert "E202" in summary.failed[0][1] and "0.5 s" in summary.failed[0][1]
        assert queries.stats(store)["articles"] == 5
