"""Score ``detente_timexes`` against the normalised dates of GUM's Wikinews documents.

Corpus: the 24 Wikinews news documents of GUM (Georgetown University Multilayer corpus), read from
``../shared/data/gum-wikinews/xml`` (Wikinews text CC BY 2.5, GUM annotations CC BY 4.0). Each
document is rebuilt from its tokens (no space before punctuation, none inside a ``<w>`` word, one
sentence a line, as ``eval_timeml`` rebuilds MEANTIME) and anchored on its ``dateCreated``.

GUM marks only some date expressions, ``<date when="2015-05-15">`` (or ``from``/``to``,
``notBefore``/``notAfter`` for periods), so: span recall = gold dates that a system timex overlaps
(one-to-one, in text order); span precision is indicative only: over the system's DATE and TIME
timexes (and the DURATIONs that overlap a gold period), it counts as false positives the many
dates GUM leaves unmarked. The headline is value
accuracy = exact ``value == when`` over the matched ``when`` dates. ``same period`` also counts a
matched ``from``/``to`` date whose value names exactly that period (``2015-W38`` for 2015-09-14 to
2015-09-20, ``1960`` decade for 1960-01-01 to 1969-12-31); it is reported apart, never added to
the headline.

    .venv/bin/python benchmarks/eval_gum_dates.py [--misses 40] [--split train|dev|test|all]
    .venv/bin/python benchmarks/eval_gum_dates.py --overlap   # shared word 8-grams with MEANTIME, counts only
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from eval_timeml import _NO_SPACE_BEFORE, _f1, corpus, first_overlap

GUM = Path(__file__).resolve().parents[2] / "shared" / "data" / "gum-wikinews"
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SPLITS = {"dev": ("homeopathic", "iodine"), "test": ("nasa", "sensitive")}


@dataclass(frozen=True)
class GoldDate:
    start: int
    end: int
    attrs: dict[str, str] = field(hash=False)

    @property
    def when(self) -> str | None:
        return self.attrs.get("when")


@dataclass
class GumDoc:
    name: str
    text: str
    created: date
    dates: list[GoldDate]


def read_gum(path: Path) -> GumDoc:
    """One GUM vertical-XML file: tokens are the non-tag lines (word first), ``<date>`` spans kept."""
    text = ""
    created: date | None = None
    dates: list[GoldDate] = []
    open_dates: list[tuple[int, dict[str, str]]] = []
    in_word = glued = new_sentence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("<"):
            tag = line[1:].split(" ", 1)[0].rstrip(">")
            if tag == "text":
                created = date.fromisoformat(dict(_ATTR.findall(line))["dateCreated"])
            elif tag == "s":
                new_sentence = bool(text)
            elif tag in ("w", "/w"):
                in_word, glued = tag == "w", False  # inside <w>, only the first token takes a space
            elif tag == "date":
                open_dates.append((-1, dict(_ATTR.findall(line))))
            elif tag == "/date":
                start, attrs = open_dates.pop()
                dates.append(GoldDate(start, len(text), attrs))
            continue
        word = line.split("\t", 1)[0]
        if new_sentence:
            text += "\n"
        elif text and not glued and not _NO_SPACE_BEFORE.match(word) and not text.endswith(("(", "$", "``", "“")):
            text += " "
        new_sentence = False
        if open_dates and open_dates[-1][0] < 0:
            open_dates = [(len(text) if s < 0 else s, a) for s, a in open_dates]
        text += word
        glued = in_word
    if created is None:
        raise ValueError(f"{path}: no dateCreated")
    return GumDoc(path.stem.removeprefix("GUM_news_"), text, created, sorted(dates, key=lambda d: d.start))


def load(split: str = "all") -> list[GumDoc]:
    docs = [read_gum(p) for p in sorted((GUM / "xml").glob("GUM_news_*.xml"))]
    if split == "all":
        return docs
    held = {n for names in _SPLITS.values() for n in names}
    if split == "train":
        return [d for d in docs if d.name not in held]
    return [d for d in docs if d.name in _SPLITS[split]]


def _period(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value names (day, week, weekend, month, year, decade, century)."""
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        d = date(*map(int, m.groups()))
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return (monday + timedelta(5), monday + timedelta(6)) if m.group(3) else (monday, monday + timedelta(6))
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if m := re.fullmatch(r"(\d{4})-(SU|SP|FA|WI)", value):  # meteorological seasons, as GUM writes them
        y = int(m.group(1))
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(2)]
        last = date(y + (first == 12), first % 12 + 2, 1) + timedelta(days=31)
        return date(y, first, 1), last.replace(day=1) - timedelta(days=1)
    if re.fullmatch(r"\d{1,4}", value):
        y0 = int(value) * 10 ** (4 - len(value))
        return date(max(y0, 1), 1, 1), date(y0 + 10 ** (4 - len(value)) - 1, 12, 31)
    return None


def _same_period(value: str, gold: GoldDate) -> bool:
    lo, hi = gold.attrs.get("from"), gold.attrs.get("to")
    if not (lo and hi) or len(lo) != 10 or len(hi) != 10:
        return False
    return _period(value) == (date.fromisoformat(lo), date.fromisoformat(hi))


def _line(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo : hi if hi >= 0 else len(text)]


def score(docs: list[GumDoc], show: int) -> dict[str, float]:
    from detente.pipeline import COMPONENTS, build_nlp, run

    nlp = build_nlp()
    for name in COMPONENTS[1:]:  # only the timexes are scored: skip the layers built on them
        nlp.remove_pipe(name)
    n_gold = n_sys = matched = n_when = when_ok = n_period = period_ok = 0
    misses: list[str] = []
    for d in docs:
        system = run(nlp, d.text, d.created)._.timexes
        n_gold += len(d.dates)
        used: set[int] = set()
        for g in d.dates:
            hit = first_overlap(system, used, g.start, g.end)
            gold_text = d.text[g.start : g.end]
            attrs = " ".join(f"{k}={v}" for k, v in g.attrs.items() if k != "rend")
            ctx = _line(d.text, g.start, g.end)
            if hit is None:
                misses.append(f"  MISS {d.name} ({d.created}): {gold_text!r} {attrs}\n       | {ctx}")
                continue
            used.add(hit)
            matched += 1
            s = system[hit]
            if g.when is not None:
                n_when += 1
                when_ok += s.value == g.when
                if s.value != g.when:
                    misses.append(
                        f"  VAL  {d.name} ({d.created}): {gold_text!r} {attrs} | sys {s.text!r} {s.type} {s.value}"
                        f"\n       | {ctx}"
                    )
            elif "from" in g.attrs:
                n_period += 1
                period_ok += _same_period(s.value, g)
        # GUM marks spans of time too ("twelve years", notBefore/notAfter): a DURATION or SET counts
        # only when it overlaps one, a DATE or TIME always
        n_sys += sum(t.type in ("DATE", "TIME") or i in used for i, t in enumerate(system))
    p, r = matched / max(n_sys, 1), matched / max(n_gold, 1)
    result = {
        "span_p": p,
        "span_r": r,
        "span_f1": _f1(p, r),
        "value_acc": when_ok / max(n_when, 1),
        "period_acc": period_ok / max(n_period, 1),
    }
    print(f"gum-wikinews: {len(docs)} docs, gold dates {n_gold}, system {n_sys}, matched {matched}")
    print(f"  value: {when_ok}/{n_when} matched `when` dates exact; same period: {period_ok}/{n_period} from/to dates")
    print("  " + "  ".join(f"{k}={v:.3f}" for k, v in result.items()))
    for line in misses[:show]:
        print(line)
    return result


def _grams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def overlap(docs: list[GumDoc]) -> None:
    """Shared word 8-grams between each GUM document and all of MEANTIME English (counts only)."""
    meantime = [_grams(m.text) for m in corpus("meantime")]
    for d in docs:
        mine = _grams(d.text)
        shared = [len(mine & other) for other in meantime]
        print(f"  {d.name:14s} 8-grams {len(mine):5d}  shared {sum(shared):4d}  max with one doc {max(shared):4d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=("all", "train", "dev", "test"))
    parser.add_argument("--misses", type=int, default=0, help="print this many value mismatches and missed dates")
    parser.add_argument("--overlap", action="store_true", help="count word 8-grams shared with MEANTIME, then stop")
    args = parser.parse_args(argv)
    docs = load(args.split)
    if args.overlap:
        overlap(docs)
        return 0
    score(docs, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
