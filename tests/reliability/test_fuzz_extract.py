"""Fuzzing ``extract`` and the readers with hypothesis: any input either yields a valid record or
raises one ``DetenteError`` with a one-line message — never another exception.

A short run lives here (CI); `benchmarks/fuzz_long.py` runs many more examples on demand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.errors import DetenteError
from detente.extractor import extract
from detente.inputs import iter_articles
from detente.validation import reference_errors, schema_errors

pytestmark = pytest.mark.slow

NEWSY = st.sampled_from([
    "Russia and Ukraine agreed to swap 300 prisoners on Friday.",
    "“We will not attend,” the minister said.",
    "KYIV, May 3 — Talks failed.",
    "President Ramaphosa met Xi Jinping in Beijing last week.",
    "The army said it had killed 12 militants, a claim the rebels denied.",
])
ODD = st.sampled_from(["\u200b", "\u200f", "\u202e", "\ufeff", "\x0b", "\u2028", "“", "”", "‘", "«", "»", "\t", "\n\n",
                       "…", "—", "\u0301", "🇺🇦", "<script>", "&amp;", "\\", "\x1f"])
TEXT = st.lists(st.one_of(NEWSY, ODD, st.text(min_size=0, max_size=40)), min_size=1, max_size=12).map("".join)


def _check(nlp, text: str) -> None:
    try:
        record = extract(text, "2025-05-17", nlp=nlp).to_dict()
    except DetenteError as err:
        assert "\n" not in str(err) and str(err)
        return
    assert schema_errors(record) == []
    assert reference_errors(record) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extract_never_crashes(nlp, text: str) -> None:
    _check(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "word " * 10_000,  # one sentence of 10,000 words
        ("The talks continued. " * 30 + "\n") * 40,
        "“" * 300 + "Peace now." + "”" * 10,
        "Kyiv " + "\u202e" * 50 + " said " + "\u200b" * 50 + " talks failed.",
        "<html><body><script>alert(1)</script>Ukraine and Russia met.</body></html>",
    ],
)
def test_extract_odd_articles(nlp, text: str) -> None:
    _check(nlp, text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(
    st.builds(lambda t: json.dumps({"text": t, "published": "2025-01-02"}), NEWSY),
    st.text(max_size=30).map(lambda s: "{" + s),
    st.just(""),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
), min_size=1, max_size=8))
def test_jsonl_bad_lines_never_stop_the_feed(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    path = Path(tmp_path_factory.mktemp("feed")) / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    items = list(iter_articles([path]))
    good = sum(1 for ln in lines if ln.startswith('{"text"'))
    assert sum(1 for i in items if not isinstance(i, DetenteError)) == good


@pytest.mark.issue(10)
def test_dateline_reparse_found_by_fuzzing(nlp) -> None:
    """Found by benchmarks/fuzz_long.py: the dateline re-parse left a head cycle (spaCy E039)."""
    _check(nlp, "KYIV, May 3 — Talks failed.\u00be\u00ca\u00c5<\U000a03c5\U0009c00e\u00b3&")
