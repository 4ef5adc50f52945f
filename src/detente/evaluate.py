"""Score detente records against hand-written gold files (``gold/FORMAT.md``).

Users who annotate their own articles need numbers they can trust and compare: this module gives
exactly the figures of the project's reference scorer (``eval/score.py``) for any gold/record pair,
as a library — typed results, no printing — so the CLI, notebooks and tests can all call it.

Every section is scored by its own function that adds counts to an :class:`EvalReport`; counts are
summed over documents first and turned into P/R/F1 at the end (micro-averaging), as the reference
scorer does. The events section lives in :mod:`detente.evaluate_events`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ACTOR_KINDS = ("person", "organization", "state", "group")
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})


# ---------------------------------------------------------------- text and value normalization


def norm(s: str | None) -> str:
    """Compare names and quotes as a reader would: case, typography, spacing and outer punctuation
    are not part of what was said or who said it."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).translate(_TYPOGRAPHY)
    return re.sub(r"\s+", " ", s.lower()).strip().strip(" .,;:'\"-")


def words(s: str | None) -> set[str]:
    """The alphanumeric words of a normalized string, for overlap tests that ignore word order."""
    return set(re.findall(r"[a-z0-9]+", norm(s)))


def jaccard(a: str | None, b: str | None) -> float:
    """Word overlap (intersection over union); 0 when either side has no words."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def same_text(a: str | None, b: str | None) -> bool:
    """Two statement spans agree when one contains the other or they share half their words, so a
    system is not punished for where exactly it cut a quote."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    return na in nb or nb in na or jaccard(a, b) >= 0.5


def norm_value(v: str | None) -> str:
    """TIMEX3 values compared without zero seconds and without a UTC offset (in that order: a value
    with both keeps its seconds, as in the reference scorer)."""
    if not v:
        return ""
    v = v.strip().upper()
    v = re.sub(r"(T\d\d:\d\d):00(\.0+)?$", r"\1", v)
    return re.sub(r"([+-]\d\d:\d\d|Z)$", "", v)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class PRF:
    """Counts behind one measure. Precision and recall keep separate numerators because one gold
    item may be matched by several predictions (actors) or none may be charged (optional items)."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp_pred + other.tp_pred, self.n_pred + other.n_pred,
                   self.tp_gold + other.tp_gold, self.n_gold + other.n_gold)

    @property
    def p(self) -> float:
        """Nothing predicted is perfect precision only when there was nothing to find."""
        if self.n_pred:
            return self.tp_pred / self.n_pred
        return 1.0 if self.n_gold == 0 else 0.0

    @property
    def r(self) -> float:
        """Nothing to find is perfect recall."""
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """Summed counts per measure, plus one line per gold item missed or prediction unmatched."""

    measures: dict[str, PRF] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> None:
        self.measures[key] = self.measures.get(key, PRF()) + PRF(tp_pred, n_pred, tp_gold, n_gold)

    def to_dict(self) -> dict[str, dict[str, float | int]]:
        """The reference scorer's JSON summary: P/R/F1 rounded to 4 places, with pred/gold counts."""
        return {
            k: {"p": round(v.p, 4), "r": round(v.r, 4), "f1": round(v.f1, 4), "pred": v.n_pred, "gold": v.n_gold}
            for k, v in sorted(self.measures.items())
        }


# ---------------------------------------------------------------- actors


class ActorIndex:
    """Resolves predicted actor ids to gold actor names. Gold names the actors; a record names them
    by id, so every section that points at actors goes through here."""

    def __init__(self, gold_actors: list[dict[str, Any]], pred_actors: list[dict[str, Any]]) -> None:
        self.gold = gold_actors
        self.by_id = {a.get("id"): a for a in pred_actors}
        self.names: dict[str, str] = {}
        for g in gold_actors:
            for n in [g["name"], *g.get("aliases", [])]:
                self.names[norm(n)] = g["name"]

    def resolve(self, pred: dict[str, Any] | None, allow_country: bool = True) -> str | None:
        """Name or alias first, then a person's last name (longer than three letters), then —
        for arguments, not for actor discovery — a state, organization or group stands for its
        country's gold state."""
        if not pred:
            return None
        candidates = [norm(c) for c in [pred.get("name"), *(pred.get("aliases") or [])]]
        for c in candidates:
            if c in self.names:
                return self.names[c]
        for c in candidates:
            last = c.split(" ")[-1] if c else ""
            if len(last) > 3:
                for g in self.gold:
                    if g.get("kind") == "person" and norm(g["name"]).split(" ")[-1] == last:
                        return g["name"]
        if allow_country and pred.get("kind") in ("state", "organization", "group") and pred.get("country"):
            for g in self.gold:
                if g.get("kind") == "state" and g.get("country") == pred.get("country"):
                    return g["name"]
        return None

    def resolve_id(self, pid: Any) -> str | None:
        return self.resolve(self.by_id.get(pid))

    def pred_country(self, pid: Any) -> str | None:
        a = self.by_id.get(pid)
        return a.get("country") if a else None

    def gold_country(self, name: str) -> str | None:
        return next((g.get("country") for g in self.gold if g["name"] == name), None)


def _optional_first(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Optional gold items get the first pick, so a prediction they absorb is neither credited nor
    charged, and required items are matched from what is left."""
    items = list(items)
    return [g for g in items if g.get("optional")] + [g for g in items if not g.get("optional")]


def score_actors(gold: dict[str, Any], record: dict[str, Any], index: ActorIndex, report: EvalReport) -> None:
    """actors (found), actors.country and actors.roles (both over the gold actors found)."""
    required = [g for g in gold.get("actors", []) if not g.get("optional")]
    optional = {g["name"] for g in gold.get("actors", []) if g.get("optional")}
    found: dict[str, dict[str, Any]] = {}
    tp_pred = n_pred = 0
    for a in record.get("actors") or []:
        if a.get("kind") not in ACTOR_KINDS:
            continue
        name = index.resolve(a, allow_country=False)
        if name in optional:
            continue
        n_pred += 1
        if name:
            tp_pred += 1
            found.setdefault(name, a)
    report.add("actors", tp_pred, n_pred, len(found), len(required))
    country_ok = role_ok = with_roles = 0
    for g in required:
        a = found.get(g["name"])
        if a is None:
            report.misses.append(f"actor missed: {g['name']}")
            continue
        if (a.get("country") or None) == (g.get("country") or None):
            country_ok += 1
        if g.get("roles"):
            with_roles += 1
            pairs = ((r, gr) for r in a.get("roles") or [] for gr in g["roles"])
            if any(jaccard(r, gr) >= 0.5 or norm(gr) in norm(r) for r, gr in pairs):
                role_ok += 1
    report.add("actors.country", country_ok, len(required), country_ok, len(required))
    report.add("actors.roles", role_ok, with_roles, role_ok, with_roles)


# ---------------------------------------------------------------- timexes


def nth_span(text: str, needle: str, occurrence: int) -> tuple[int, int] | None:
    """Gold names a timex by its text and which appearance it is, not by offsets, so that gold
    survives edits elsewhere in the article. Appearances may overlap."""
    start = -1
    for _ in range(max(1, occurrence)):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def timex_value_ok(pred_value: str | None, gold_value: str) -> bool:
    """Equal after normalization, or a TIME that starts with the gold DATE (``2025-05-19T10:00`` for
    ``2025-05-19``: the system merged "Monday, at 10:00 a.m." into one expression)."""
    pv, gv = norm_value(pred_value), norm_value(gold_value)
    return pv == gv or (len(gv) >= 10 and pv.startswith(gv))


def score_timexes(gold: dict[str, Any], record: dict[str, Any], text: str, report: EvalReport) -> None:
    """timexes.span and timexes.value: each gold timex takes the free prediction that overlaps it
    most (first one on ties)."""
    golds: list[tuple[tuple[int, int], dict[str, Any]]] = []
    for g in _optional_first(gold.get("timexes", [])):
        span = nth_span(text, g["text"], g.get("occurrence", 1))
        if span is None:
            raise ValueError(f"gold timex not found in text: {g['text']!r}")
        golds.append((span, g))
    preds = [(tuple(p["span"]), p) for p in record.get("timexes") or [] if p.get("span")]
    used: set[int] = set()
    tp = ok = 0
    n_pred = len(preds)
    for (gs, ge), g in golds:
        best, best_overlap = None, 0
        for i, ((ps, pe), _) in enumerate(preds):
            overlap = min(ge, pe) - max(gs, ps)
            if i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            if not g.get("optional"):
                report.misses.append(f"timex missed: {g['text']!r} = {g['value']}")
            continue
        used.add(best)
        if g.get("optional"):
            n_pred -= 1
            continue
        tp += 1
        pred_value = preds[best][1].get("value")
        if timex_value_ok(pred_value, g["value"]):
            ok += 1
        else:
            report.misses.append(f"timex value: {g['text']!r} gold {g['value']} pred {pred_value}")
    n_gold = sum(1 for _, g in golds if not g.get("optional"))
    report.add("timexes.span", tp, n_pred, tp, n_gold)
    report.add("timexes.value", ok, n_pred, ok, n_gold)


# ---------------------------------------------------------------- statements

STATEMENT_GROUPS = {"quotes": ("direct", "partial"), "indirect": ("indirect",)}


def score_statements(gold: dict[str, Any], record: dict[str, Any], index: ActorIndex, report: EvalReport) -> None:
    """quotes.* (direct and partial together: the line between them is a matter of taste) and
    indirect.*: span, then speaker over the spans found."""
    for group, kinds in STATEMENT_GROUPS.items():
        golds = _optional_first(g for g in gold.get("statements", []) if g.get("kind") in kinds)
        preds = [p for p in record.get("statements") or [] if p.get("kind") in kinds]
        used: set[int] = set()
        tp = ok = 0
        n_pred = len(preds)
        for g in golds:
            hit = next((i for i, p in enumerate(preds) if i not in used and same_text(p.get("text", ""), g["text"])),
                       None)
            if hit is None:
                if not g.get("optional"):
                    report.misses.append(f"{group} missed: {g['speaker']}: {g['text'][:60]!r}")
                continue
            used.add(hit)
            if g.get("optional"):
                n_pred -= 1
                continue
            tp += 1
            speaker = preds[hit].get("speaker")
            if index.resolve_id(speaker) == g["speaker"]:
                ok += 1
            else:
                said = index.by_id.get(speaker)
                report.misses.append(f"{group} speaker: {g['text'][:40]!r} gold {g['speaker']} "
                                     f"pred {said and said.get('name')}")
        n_gold = sum(1 for g in golds if not g.get("optional"))
        report.add(f"{group}.span", tp, n_pred, tp, n_gold)
        report.add(f"{group}.speaker", ok, n_pred, ok, n_gold)


# ---------------------------------------------------------------- claims


def _same_number(a: Any, b: Any) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def claim_matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Same value, and the gold unit shares a word with the predicted unit or phrase (a plural
    ``s`` aside), so "1,000 prisoners" finds "prisoners of war"."""
    if not _same_number(pred.get("value"), gold["value"]):
        return False
    unit = words(gold.get("unit"))
    if not unit or unit & (words(pred.get("unit")) | words(pred.get("text"))):
        return True
    return any(w.rstrip("s") in norm(pred.get("unit")) for w in unit)


def score_claims(gold: dict[str, Any], record: dict[str, Any], index: ActorIndex, report: EvalReport) -> None:
    """claims.value (found) and claims.full (qualifier, rate and who claims it also right)."""
    golds = _optional_first(gold.get("claims", []))
    preds = record.get("claims") or []
    used: set[int] = set()
    tp = full = 0
    n_pred = len(preds)
    for g in golds:
        hit = next((i for i, p in enumerate(preds) if i not in used and claim_matches(p, g)), None)
        if hit is None:
            if not g.get("optional"):
                report.misses.append(f"claim missed: {g['value']} {g.get('unit')}")
            continue
        used.add(hit)
        if g.get("optional"):
            n_pred -= 1
            continue
        tp += 1
        p = preds[hit]
        by = index.resolve_id(p.get("claimed_by"))
        if ((p.get("qualifier") or "exact") == (g.get("qualifier") or "exact")
                and norm_value(p.get("per")) == norm_value(g.get("per"))
                and by == g.get("claimed_by")):
            full += 1
        else:
            report.misses.append(f"claim detail: {g['value']} gold {g.get('qualifier')}/{g.get('per')}/"
                                 f"{g.get('claimed_by')} pred {p.get('qualifier')}/{p.get('per')}/{by}")
    n_gold = sum(1 for g in golds if not g.get("optional"))
    report.add("claims.value", tp, n_pred, tp, n_gold)
    report.add("claims.full", full, n_pred, full, n_gold)


# ---------------------------------------------------------------- documents


def load_gold(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """A gold folder (every ``*.json`` in it, sorted, so totals do not depend on the file system)
    or a single gold file, each with the path it was read from (texts are found relative to it)."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return [(f, json.loads(f.read_text(encoding="utf-8"))) for f in files]


def score_record(gold: dict[str, Any], record: dict[str, Any], text: str, report: EvalReport) -> None:
    """Add one document's counts and misses (prefixed with its id) to ``report``."""
    from detente.evaluate_events import score_events  # that module builds on this one

    index = ActorIndex(gold.get("actors", []), record.get("actors") or [])
    doc = EvalReport(report.measures)
    score_actors(gold, record, index, doc)
    score_timexes(gold, record, text, doc)
    score_statements(gold, record, index, doc)
    score_claims(gold, record, index, doc)
    score_events(gold, record, index, doc)
    report.misses.extend(f"{gold['document']['id']}: {m}" for m in doc.misses)


def evaluate(gold_path: Path, extract: Callable[[str, str, str], dict[str, Any]]) -> EvalReport:
    """Run ``extract(text, published, doc_id)`` on every gold document and score what it returns.
    Texts are read from ``document.path``, relative to the folder above the gold file's folder."""
    report = EvalReport()
    for gold_file, gold in load_gold(gold_path):
        doc = gold["document"]
        text = (gold_file.parent.parent / doc["path"]).read_text(encoding="utf-8")
        score_record(gold, extract(text, doc["published"], doc["id"]), text, report)
    return report
