"""Check that ``detente.evaluate`` gives the same numbers as the reference scorer ``eval/score.py``.

The two are independent implementations of ``gold/FORMAT.md``; users compare their own scores with
published ones, so the library must agree with the script to the last rounded digit. This script
builds many prediction sets from the shared gold files — the gold itself converted to a record,
hand-picked degradations and seeded random mutations — and, for the fuzzed runs, also gold files
with optional flags toggled. It scores each with both implementations and compares every measure
(and the miss lists). Needs the project's ``shared`` folder (default: next to the repository).

Usage: python benchmarks/check_eval_agreement.py [--shared DIR] [--seeds N] [--verbose]
Exit status 1 when any run disagrees.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from detente.evaluate import EvalReport, load_gold, nth_span, score_record

Record = dict[str, Any]
Variant = Callable[[Record, random.Random], Record]


# ---------------------------------------------------------------- gold -> record


def gold_to_record(gold: dict[str, Any], text: str) -> Record:
    """A record that says exactly what the gold says (optional items included): the ceiling."""
    ids = {a["name"]: f"a{i}" for i, a in enumerate(gold.get("actors", []), 1)}
    actors = [{"id": ids[a["name"]], "name": a["name"], "kind": a.get("kind"), "country": a.get("country"),
               "roles": list(a.get("roles") or []), "aliases": list(a.get("aliases") or [])}
              for a in gold.get("actors", [])]
    timexes = []
    for i, t in enumerate(gold.get("timexes", []), 1):
        span = nth_span(text, t["text"], t.get("occurrence", 1))
        timexes.append({"id": f"t{i}", "text": t["text"], "span": list(span) if span else None,
                        "type": t.get("type"), "value": t["value"]})
    statements = [{"id": f"s{i}", "text": s["text"], "kind": s["kind"], "speaker": ids.get(s.get("speaker")),
                   "cue": s.get("cue")} for i, s in enumerate(gold.get("statements", []), 1)]
    claims = [{"id": f"c{i}", "text": c.get("text"), "value": c["value"], "qualifier": c.get("qualifier"),
               "unit": c.get("unit"), "per": c.get("per"), "claimed_by": ids.get(c.get("claimed_by"))}
              for i, c in enumerate(gold.get("claims", []), 1)]
    events = [{"id": f"e{i}", "type": e["type"][0], "mode": e.get("mode"),
               "sources": [ids[n] for n in e.get("sources") or []],
               "targets": [ids[n] for n in e.get("targets") or []],
               "status": e["status"][0], "time": {"timex": None, "value": e["time"]} if e.get("time") else None,
               "trigger": {"text": (e.get("evidence") or "")[:30], "span": None}}
              for i, e in enumerate(gold.get("events", []), 1)]
    return {"schema": "detente.record/1", "document": {"id": gold["document"]["id"]}, "actors": actors,
            "timexes": timexes, "statements": statements, "claims": claims, "events": events}


# ---------------------------------------------------------------- hand-picked degradations

STATUSES = ["occurred", "ongoing", "planned", "possible", "not_occurred", "denied"]


def perfect(rec: Record, rng: random.Random) -> Record:
    return rec


def empty(rec: Record, rng: random.Random) -> Record:
    return {}


def half_events(rec: Record, rng: random.Random) -> Record:
    rec["events"] = rec["events"][::2]
    return rec


def shifted_statuses(rec: Record, rng: random.Random) -> Record:
    for e in rec["events"]:
        e["status"] = STATUSES[(STATUSES.index(e["status"]) + 1) % len(STATUSES)]
    return rec


def renamed_actors(rec: Record, rng: random.Random) -> Record:
    """People by last name only (or a spelling variant), every other actor renamed out of reach."""
    for a in rec["actors"]:
        a["aliases"] = []
        if a["kind"] == "person":
            a["name"] = "Mr. " + a["name"].split()[-1].upper()
        else:
            a["name"] = "Unknown " + a["name"][::-1]
    return rec


def swapped_arguments(rec: Record, rng: random.Random) -> Record:
    for e in rec["events"]:
        e["sources"], e["targets"] = e["targets"], e["sources"]
    return rec


def country_level_only(rec: Record, rng: random.Random) -> Record:
    """Every person replaced by an anonymous state of the same country."""
    extra = []
    for a in rec["actors"]:
        if a["kind"] == "person":
            extra.append({"id": a["id"] + "x", "name": "The government", "kind": "state", "country": a["country"]})
    by_person = {a["id"]: a["id"] + "x" for a in rec["actors"] if a["kind"] == "person"}
    rec["actors"] = [a for a in rec["actors"] if a["kind"] != "person"] + extra
    for e in rec["events"]:
        e["sources"] = [by_person.get(i, i) for i in e["sources"]]
        e["targets"] = [by_person.get(i, i) for i in e["targets"]]
    return rec


def coarse_times(rec: Record, rng: random.Random) -> Record:
    for e in rec["events"]:
        if e.get("time"):
            e["time"]["value"] = e["time"]["value"][:7]
    for t in rec["timexes"]:
        if len(t["value"]) == 10:
            t["value"] += "T10:00:00+03:00"
    return rec


def sloppy_text(rec: Record, rng: random.Random) -> Record:
    """Statements cut to their first half, claims with string values and singular units."""
    for s in rec["statements"]:
        w = s["text"].split()
        s["text"] = " ".join(w[: max(1, len(w) // 2)])
    for c in rec["claims"]:
        c["value"] = str(c["value"])
        c["unit"] = (c["unit"] or "").rstrip("s")
        c["text"] = None
    return rec


def doubled(rec: Record, rng: random.Random) -> Record:
    """Every item predicted twice: one-to-one matching must charge the copies."""
    for key in ("actors", "timexes", "statements", "claims", "events"):
        rec[key] = rec[key] + copy.deepcopy(rec[key])
    return rec


# ---------------------------------------------------------------- random mutations


def _pick(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def fuzz(rec: Record, rng: random.Random) -> Record:
    """Random local damage to every section, at random rates."""
    rate = rng.choice([0.1, 0.3, 0.6])
    ids = [a["id"] for a in rec["actors"]] + ["zz", None]
    for a in rec["actors"]:
        if _pick(rng, rate):
            a["name"] = rng.choice([a["name"].split()[-1], a["name"].lower() + ".", "“" + a["name"] + "”",
                                    "Someone Else", a["name"][:3]])
            a["aliases"] = rng.choice([[], a.get("aliases") or []])
        if _pick(rng, rate):
            a["country"] = rng.choice([None, "", "RUS", "UKR", "USA", "TUR"])
        if _pick(rng, rate):
            a["roles"] = rng.choice([[], ["president"], ["Minister of Defense"], ["spokesman"], [""]])
        if _pick(rng, rate / 2):
            a["kind"] = rng.choice(["person", "state", "organization", "group", "location"])
        if _pick(rng, rate / 4):
            a.pop("id")
    rec["actors"] = [a for a in rec["actors"] if not _pick(rng, rate / 2)]
    for t in rec["timexes"]:
        if _pick(rng, rate) and t["span"]:
            d = rng.randint(-8, 8)
            t["span"] = [t["span"][0] + d, t["span"][1] + rng.choice([0, d, -d])]
        if _pick(rng, rate):
            v = t["value"]
            t["value"] = rng.choice([v[:4], v[:7], v + "T10:00", v + ":00", v + "Z", v.lower(), "2025-05-20", None])
    rec["timexes"] = [t for t in rec["timexes"] if not _pick(rng, rate / 2)]
    for s in rec["statements"]:
        if _pick(rng, rate):
            w = s["text"].split()
            cut = rng.randint(0, len(w))
            s["text"] = rng.choice([" ".join(w[cut:]), " ".join(w[:cut]), s["text"].upper(), "unrelated words"])
        if _pick(rng, rate):
            s["speaker"] = rng.choice(ids)
        if _pick(rng, rate / 2):
            s["kind"] = rng.choice(["direct", "partial", "indirect"])
    rec["statements"] = [s for s in rec["statements"] if not _pick(rng, rate / 2)]
    for c in rec["claims"]:
        if _pick(rng, rate):
            c["value"] = rng.choice([c["value"] + 1, str(c["value"]), None, "n/a", float(c["value"])])
        if _pick(rng, rate):
            c["unit"] = rng.choice([None, "", "people", "prisoner", "troops", "soldiers of war"])
        if _pick(rng, rate):
            c["qualifier"] = rng.choice([None, "exact", "about", "more_than", "nearly"])
        if _pick(rng, rate):
            c["per"] = rng.choice([None, "P1W", "p1w", "P1D"])
        if _pick(rng, rate):
            c["claimed_by"] = rng.choice(ids)
    rec["claims"] = [c for c in rec["claims"] if not _pick(rng, rate / 2)]
    types = ["CONSULT", "AGREE", "RETREAT", "REQUEST", "REJECT", "ASSAULT", "CONCEDE", "SUPPORT"]
    for e in rec["events"]:
        if _pick(rng, rate):
            e["type"] = rng.choice(types)
        if _pick(rng, rate):
            e["sources"], e["targets"] = e["targets"], e["sources"]
        if _pick(rng, rate):
            e[rng.choice(["sources", "targets"])] = rng.sample(ids[:-2], k=min(len(ids) - 2, rng.randint(0, 2)))
        if _pick(rng, rate):
            e["status"] = rng.choice([*STATUSES, None])
        if _pick(rng, rate):
            e["time"] = rng.choice([None, "2025-05", "2025-05-16", {"value": "2025-05-19T10:00"}, {"value": None},
                                    {"value": "2025"}])
    events = [e for e in rec["events"] if not _pick(rng, rate / 2)]
    events += [copy.deepcopy(rng.choice(rec["events"])) for _ in range(rng.randint(0, 3)) if rec["events"]]
    rng.shuffle(events)
    rec["events"] = events
    return rec


def fuzz_gold(gold: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Toggle ``optional`` and ``symmetric`` flags, so both scorers meet other gold shapes too."""
    gold = copy.deepcopy(gold)
    for key in ("actors", "timexes", "statements", "claims", "events"):
        for item in gold.get(key, []):
            if _pick(rng, 0.25):
                item["optional"] = not item.get("optional")
    for e in gold.get("events", []):
        if _pick(rng, 0.2):
            e["symmetric"] = not e.get("symmetric")
    return gold


VARIANTS: dict[str, Variant] = {f.__name__: f for f in (
    perfect, empty, half_events, shifted_statuses, renamed_actors, swapped_arguments, country_level_only,
    coarse_times, sloppy_text, doubled)}


# ---------------------------------------------------------------- the comparison


def reference(score_py: Path, gold_dir: Path, pred_dir: Path) -> tuple[dict[str, Any], list[str]]:
    out = subprocess.run([sys.executable, str(score_py), "--gold", str(gold_dir), "--pred", str(pred_dir), "--json",
                          "--show-misses"], capture_output=True, text=True, check=True)
    summary, end = json.JSONDecoder().raw_decode(out.stdout)
    return summary, [line for line in out.stdout[end:].splitlines() if line]


def ours(gold_dir: Path, records: dict[str, Record]) -> EvalReport:
    report = EvalReport()
    for gold_file, gold in load_gold(gold_dir):
        text = (gold_file.parent.parent / gold["document"]["path"]).read_text(encoding="utf-8")
        score_record(gold, records[gold["document"]["id"]], text, report)
    return report


def run_case(name: str, score_py: Path, gold_dir: Path, records: dict[str, Record], work: Path,
             verbose: bool) -> bool:
    pred_dir = work / "pred"
    shutil.rmtree(pred_dir, ignore_errors=True)
    pred_dir.mkdir()
    for doc_id, rec in records.items():
        (pred_dir / f"{doc_id}.json").write_text(json.dumps(rec), encoding="utf-8")
    # both sides read the records back from JSON, so they see the same values
    records = {d: json.loads((pred_dir / f"{d}.json").read_text(encoding="utf-8")) for d in records}
    ref_summary, ref_misses = reference(score_py, gold_dir, pred_dir)
    report = ours(gold_dir, records)
    mine = report.to_dict()
    ok = True
    for key in sorted(set(ref_summary) | set(mine)):
        if ref_summary.get(key) != mine.get(key):
            ok = False
            print(f"  DISAGREE {name} {key}: reference {ref_summary.get(key)} ours {mine.get(key)}")
    if ref_misses != report.misses:
        ok = False
        print(f"  DISAGREE {name}: miss lists differ ({len(ref_misses)} vs {len(report.misses)})")
    if verbose:
        f1 = " ".join(f"{k}={v['f1']:.2f}" for k, v in mine.items())
        print(f"  {'ok ' if ok else 'BAD'} {name}: {f1}")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--seeds", type=int, default=200, help="fuzzed prediction sets (half also fuzz the gold)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    score_py, gold_dir = args.shared / "eval" / "score.py", args.shared / "gold"
    if not score_py.exists() or not gold_dir.is_dir():
        print(f"no reference scorer or gold under {args.shared}", file=sys.stderr)
        return 2
    golds = load_gold(gold_dir)
    texts = {g["document"]["id"]: (f.parent.parent / g["document"]["path"]).read_text(encoding="utf-8")
             for f, g in golds}
    base = {g["document"]["id"]: gold_to_record(g, texts[g["document"]["id"]]) for _, g in golds}
    cases = passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, variant in VARIANTS.items():
            rng = random.Random(name)
            records = {d: variant(copy.deepcopy(r), rng) for d, r in base.items()}
            cases += 1
            passed += run_case(name, score_py, gold_dir, records, work, args.verbose)
        fixtures = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "eval"
        for pred_file in sorted((fixtures / "pred").glob("*.json")):  # the unit tests' hand-counted cases
            records = {g["document"]["id"]: json.loads(pred_file.read_text(encoding="utf-8"))
                       for _, g in load_gold(fixtures / "gold")}
            cases += 1
            passed += run_case(f"fixture-{pred_file.stem}", score_py, fixtures / "gold", records, work, args.verbose)
        fuzz_root = work / "fuzzgold"
        (fuzz_root / "gold").mkdir(parents=True)
        for f, g in golds:  # texts sit where the copied gold files will look for them
            target = fuzz_root / g["document"]["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f.parent.parent / g["document"]["path"], target)
        for seed in range(args.seeds):
            rng = random.Random(seed)
            case_gold = gold_dir
            if seed % 2:
                case_gold = fuzz_root / "gold"
                for f, g in golds:
                    (case_gold / f.name).write_text(json.dumps(fuzz_gold(g, rng)), encoding="utf-8")
            records = {d: fuzz(copy.deepcopy(r), rng) for d, r in base.items()}
            cases += 1
            passed += run_case(f"fuzz-{seed}{'-gold' if seed % 2 else ''}", score_py, case_gold, records, work,
                               args.verbose)
    print(f"{passed}/{cases} prediction sets: every measure {'agrees' if passed == cases else 'DOES NOT agree'}"
          " with eval/score.py")
    return 0 if passed == cases else 1


if __name__ == "__main__":
    sys.exit(main())
