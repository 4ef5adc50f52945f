"""The word lists the claims component reads, loaded once from ``components/claims/*.json``.

Number words, multipliers, qualifier phrases, rate words and unit hints are data, not code
(STYLE practice 6): a coder can extend them without touching the rules, and the loader checks
each file's ``schema`` tag and required keys so a broken edit fails at pipeline build time with
a code and the fix, not silently at extraction time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "claims"

#: file stem -> (schema tag, keys that must be present)
SCHEMAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "numbers": (
        "detente.claims.numbers/1",
        ("units", "tens", "scales", "suffixes", "fractions", "articles", "vague", "ratio_joiners"),
    ),
    "qualifiers": ("detente.claims.qualifiers/1", ("before", "after", "range")),
    "rates": ("detente.claims.rates/1", ("determiners", "periods", "adverbs", "distributive", "not_before")),
    "units": (
        "detente.claims.units/1",
        (
            "time_nouns",
            "months",
            "percent",
            "currencies",
            "definite",
            "definite_max",
            "one_followers",
            "one_generic",
            "irregular_plurals",
            "invariant_plurals",
        ),
    ),
}


class ClaimLexiconError(ValueError):
    """A claims data file is missing, malformed or has the wrong schema (code W-CLM01)."""


@dataclass(frozen=True)
class ClaimLexicon:
    """Every word list the claim rules consult; immutable so one instance is shared safely."""

    units: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]
    suffixes: dict[str, float]
    fractions: dict[str, float]
    articles: frozenset[str]
    vague: frozenset[str]
    ratio_joiners: frozenset[tuple[str, ...]]
    qualifiers_before: dict[tuple[str, ...], str]
    qualifiers_after: dict[tuple[str, ...], str]
    range_qualifier: str
    range_opener: str
    range_opener_joiner: str
    range_joiners: frozenset[str]
    range_not_after: frozenset[str]
    rate_determiners: frozenset[str]
    rate_periods: dict[str, str]
    rate_adverbs: dict[str, str]
    distributive: frozenset[tuple[str, ...]]
    rate_not_before: frozenset[str]
    time_nouns: frozenset[str]
    months: frozenset[str]
    percent: frozenset[tuple[str, ...]]
    currencies: dict[str, str]
    definite: frozenset[str]
    definite_max: float
    one_followers: frozenset[str]
    one_generic: frozenset[str]
    irregular_plurals: dict[str, str]
    invariant_plurals: frozenset[str]

    @cached_property
    def number_starts(self) -> frozenset[str]:
        """Words a spelled-out number can open with ("a thousand", "half a million", "two"): a token
        that is none of these and does not start with a digit starts no number, so the scan skips it."""
        return frozenset((*self.articles, *self.fractions, *self.units, *self.tens, *self.scales))

    def number_word(self, word: str) -> float | None:
        """The value of a single number word ('nine', 'twenty', 'thousand'), else None."""
        w = word.lower()
        for table in (self.units, self.tens, self.scales):
            if w in table:
                return table[w]
        return None


def _phrases(words: list[str] | dict[str, Any]) -> Any:
    """Split multiword entries into token tuples, the unit the rules match on."""
    if isinstance(words, dict):
        return {tuple(k.lower().split()): v for k, v in words.items()}
    return frozenset(tuple(w.lower().split()) for w in words)


def read_file(data_dir: Path, stem: str) -> dict[str, Any]:
    """Read and validate one data file; raise ClaimLexiconError naming the file and the fix."""
    schema, keys = SCHEMAS[stem]
    path = data_dir / f"{stem}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ClaimLexiconError(f"W-CLM01 cannot read {path}: {exc}. Restore the file from git.") from exc
    if not isinstance(data, dict) or data.get("schema") != schema:
        raise ClaimLexiconError(f"W-CLM01 {path}: expected schema {schema!r}. Fix the 'schema' field.")
    missing = [k for k in keys if k not in data]
    if missing:
        raise ClaimLexiconError(f"W-CLM01 {path}: missing keys {missing}. Add them (may be empty).")
    return data


def load_lexicon(data_dir: str | Path | None = None) -> ClaimLexicon:
    """Build the lexicon from the four JSON files (the packaged ones unless ``data_dir`` is given)."""
    root = Path(data_dir) if data_dir else DATA_DIR
    num, qual, rate, unit = (read_file(root, s) for s in ("numbers", "qualifiers", "rates", "units"))
    rng = qual["range"]
    return ClaimLexicon(
        units={k.lower(): float(v) for k, v in num["units"].items()},
        tens={k.lower(): float(v) for k, v in num["tens"].items()},
        scales={k.lower(): float(v) for k, v in num["scales"].items()},
        suffixes={k.lower(): float(v) for k, v in num["suffixes"].items()},
        fractions={k.lower(): float(v) for k, v in num["fractions"].items()},
        articles=frozenset(w.lower() for w in num["articles"]),
        vague=frozenset(w.lower() for w in num["vague"]),
        ratio_joiners=_phrases(num["ratio_joiners"]),
        qualifiers_before=_phrases(qual["before"]),
        qualifiers_after=_phrases(qual["after"]),
        range_qualifier=rng["qualifier"],
        range_opener=rng["opener"].lower(),
        range_opener_joiner=rng["opener_joiner"].lower(),
        range_joiners=frozenset(rng["joiners"]),
        range_not_after=frozenset(w.lower() for w in rng["not_after"]),
        rate_determiners=frozenset(w.lower() for w in rate["determiners"]),
        rate_periods={k.lower(): v for k, v in rate["periods"].items()},
        rate_adverbs={k.lower(): v for k, v in rate["adverbs"].items()},
        distributive=_phrases(rate["distributive"]),
        rate_not_before=frozenset(w.lower() for w in rate["not_before"]),
        time_nouns=frozenset(w.lower() for w in unit["time_nouns"]),
        months=frozenset(w.lower() for w in unit["months"]),
        percent=_phrases(unit["percent"]),
        currencies={k.lower(): v for k, v in unit["currencies"].items()},
        definite=frozenset(w.lower() for w in unit["definite"]),
        definite_max=float(unit["definite_max"]),
        one_followers=frozenset(w.lower() for w in unit["one_followers"]),
        one_generic=frozenset(w.lower() for w in unit["one_generic"]),
        irregular_plurals={k.lower(): v for k, v in unit["irregular_plurals"].items()},
        invariant_plurals=frozenset(w.lower() for w in unit["invariant_plurals"]),
    )
