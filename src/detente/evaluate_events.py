"""Events section of :mod:`detente.evaluate`: four nested levels and the modal measure.

An event is only worth as much as its weakest part, so a predicted event is graded against each gold
event at the highest level it reaches — type and arguments at country level, then the right actors,
then the right status, then the right time — and each level is scored with its own one-to-one
maximum matching: a prediction can stand for one gold event only, however many it resembles.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from detente.evaluate import ActorIndex, EvalReport, norm_value


class Level(IntEnum):
    """How far a prediction agrees with a gold event; each level implies the ones below."""

    NONE = 0
    COUNTRY = 1
    ACTORS = 2
    STATUS = 3
    TIME = 4


MEASURES = {Level.COUNTRY: "events.country", Level.ACTORS: "events.actors",
            Level.STATUS: "events.status", Level.TIME: "events.time"}


def arguments_ok(pred_ids: Sequence[Any], gold_names: Sequence[str] | None, index: ActorIndex,
                 country_level: bool) -> bool:
    """One shared actor suffices (gold lists every acceptable one); an argument gold leaves empty
    accepts anything. At country level, "Moscow" for "Putin" still counts."""
    if not gold_names:
        return True
    names = {index.resolve_id(i) for i in pred_ids} - {None}
    if names & set(gold_names):
        return True
    if not country_level:
        return False
    pred_countries = {index.pred_country(i) for i in pred_ids} - {None}
    gold_countries = {index.gold_country(n) for n in gold_names} - {None}
    return bool(pred_countries & gold_countries)


def _time_value(pred: dict[str, Any]) -> str:
    t = pred.get("time")
    return norm_value(t.get("value") if isinstance(t, dict) else t)


def time_ok(pred: dict[str, Any], gold_time: str | None) -> bool:
    """The predicted value starts with the gold one (a day inside the gold month is right), or is a
    coarser value of at least a month that the gold value starts with."""
    if not gold_time:
        return True
    pt, gt = _time_value(pred), norm_value(gold_time)
    return pt.startswith(gt) or bool(pt and gt.startswith(pt) and len(pt) >= 7)


def event_level(pred: dict[str, Any], gold: dict[str, Any], index: ActorIndex) -> Level:
    """The highest level ``pred`` reaches against ``gold``; symmetric gold events (talks, swaps)
    accept sources and targets swapped."""
    if pred.get("type") not in gold["type"]:
        return Level.NONE
    src, tgt = pred.get("sources") or [], pred.get("targets") or []
    orientations = [(src, tgt), (tgt, src)] if gold.get("symmetric") else [(src, tgt)]

    def fits(country_level: bool) -> bool:
        return any(arguments_ok(s, gold.get("sources"), index, country_level)
                   and arguments_ok(t, gold.get("targets"), index, country_level) for s, t in orientations)

    if fits(country_level=False):
        if pred.get("status") not in gold["status"]:
            return Level.ACTORS
        return Level.TIME if time_ok(pred, gold.get("time")) else Level.STATUS
    return Level.COUNTRY if fits(country_level=True) else Level.NONE


def maximum_matching(order: Sequence[int], candidates: dict[int, list[int]]) -> dict[int, int]:
    """Gold index -> prediction index, by augmenting paths (Kuhn). Gold events are tried in
    ``order`` and a matched one is never unmatched later, so putting required events first means
    optional ones only take predictions no required event can use."""
    owner: dict[int, int] = {}  # prediction -> gold

    def augment(gi: int, visited: set[int]) -> bool:
        for pi in candidates.get(gi, []):
            if pi in visited:
                continue
            visited.add(pi)
            if pi not in owner or augment(owner[pi], visited):
                owner[pi] = gi
                return True
        return False

    for gi in order:
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


def is_modal(status: Any) -> bool:
    """An event that did not simply occur: planned, possible, not_occurred, denied, ongoing."""
    return status != "occurred"


def score_events(gold: dict[str, Any], record: dict[str, Any], index: ActorIndex, report: EvalReport) -> None:
    """events.country/actors/status/time, and events.modal — the status level restricted to
    gold events whose accepted statuses exclude ``occurred`` (recall) and to predictions that
    do not say ``occurred`` (precision). A prediction matched to an optional gold event counts for
    precision; the optional event is not counted for recall."""
    golds = gold.get("events", [])
    preds = record.get("events") or []
    levels = {(gi, pi): event_level(p, g, index) for gi, g in enumerate(golds) for pi, p in enumerate(preds)}
    required = [gi for gi, g in enumerate(golds) if not g.get("optional")]
    order = required + [gi for gi, g in enumerate(golds) if g.get("optional")]
    best: dict[int, Level] = {}
    matched_somewhere: set[int] = set()
    for level, key in MEASURES.items():
        candidates = {gi: [pi for pi in range(len(preds)) if levels[gi, pi] >= level] for gi in range(len(golds))}
        matching = maximum_matching(order, candidates)
        report.add(key, len(matching), len(preds), sum(1 for gi in required if gi in matching), len(required))
        for gi in matching:
            best[gi] = level
        if level == Level.COUNTRY:
            matched_somewhere = set(matching.values())
        if level == Level.STATUS:
            modal_golds = [gi for gi in required if "occurred" not in golds[gi]["status"]]
            modal_preds = {pi for pi, p in enumerate(preds) if is_modal(p.get("status"))}
            report.add("events.modal", sum(1 for pi in matching.values() if pi in modal_preds), len(modal_preds),
                       sum(1 for gi in modal_golds if gi in matching), len(modal_golds))
    for gi in required:
        g = golds[gi]
        what = f"{g['id']} {'/'.join(g['type'])}"
        if gi not in best:
            report.misses.append(f"event missed: {what} {g.get('evidence', '')[:60]!r}")
        elif best[gi] < Level.TIME:
            report.misses.append(f"event partial (level {int(best[gi])}/4): {what} {g.get('evidence', '')[:50]!r}")
    for pi, p in enumerate(preds):
        if pi not in matched_somewhere:
            trigger = p.get("trigger")
            if isinstance(trigger, dict):
                trigger = trigger.get("text")
            sources = [index.resolve_id(i) for i in p.get("sources") or []]
            targets = [index.resolve_id(i) for i in p.get("targets") or []]
            report.misses.append(f"event spurious: {p.get('type')} {trigger!r} {sources}->{targets} {p.get('status')}")
