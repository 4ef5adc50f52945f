"""Write N varied, realistic conflict and diplomacy articles for scale benchmarks.

    .venv/bin/python benchmarks/make_corpus.py N OUT_DIR [--seed 7] [--format jsonl|txt]

Why generated: the benchmarks must measure 1k, 10k and 100k articles without redistributing
copyrighted news, and repeating a few samples would let caches and the store's deduplication flatter
the numbers. Every article here is distinct text built from this file's own templates, filled with
countries, people and organizations from detente's actor dictionaries (``components/actors/*.tsv``),
dates written the ways newsrooms write them (weekdays, "on May 16", "next month"), numbers with
qualifiers ("at least 1,200"), quotes with attribution, and events that occurred, are planned,
failed or were denied — the mix the extractor handles in real news. Deterministic for a seed.

Output: ``OUT_DIR/corpus.jsonl`` (one article object a line, what ``detente ingest`` reads), or with
``--format txt`` one ``NAME.txt`` + ``NAME.meta.json`` per article.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

ACTORS = Path(__file__).resolve().parent.parent / "src" / "detente" / "components" / "actors"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CITIES = ("Geneva", "Istanbul", "Doha", "Vienna", "Riyadh", "Cairo", "Oslo", "Nairobi", "Jeddah", "Minsk",
          "Abu Dhabi", "Brussels", "Addis Ababa", "Muscat", "Helsinki")
OUTLETS = ("Wire A", "Wire B", "Daily Courier", "Global Desk", "Evening Post", "Frontline News")
QUALIFIERS = ("at least", "more than", "nearly", "about", "some", "", "", "")
UNITS = ("civilians", "soldiers", "prisoners", "people", "fighters", "refugees", "children")


def _rows(name: str) -> list[dict[str, str]]:
    with (ACTORS / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def vocab() -> tuple[list[str], list[tuple[str, str, str]], list[str]]:
    """(country names, (person, role, country name), organization names) from the dictionaries."""
    countries = {r["iso3"]: r["name"] for r in _rows("countries.tsv") if not r.get("parent")}
    people = []
    for r in _rows("people.tsv"):
        role = (r.get("roles") or "").split("|")[0] or "official"
        if r.get("country") in countries and r.get("name"):
            people.append((r["name"], role, countries[r["country"]]))
    orgs = [r["name"] for r in _rows("organizations.tsv") if r.get("kind") == "organization" and r.get("name")]
    return sorted(countries.values()), people, orgs


def _number(rng: random.Random) -> str:
    n = rng.choice((rng.randint(2, 60), rng.randint(60, 900), rng.randint(1000, 25000)))
    q = rng.choice(QUALIFIERS)
    return f"{q} {n:,}".strip()


def article(i: int, rng: random.Random, countries: list[str], people: list[tuple[str, str, str]],
            orgs: list[str]) -> dict[str, object]:
    """One article: a lede (planned, occurred, failed or denied event), a quote, a figure, context."""
    published = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365))
    a, b = rng.sample(countries, 2)
    (p1, r1, c1), (p2, r2, c2) = rng.sample(people, 2)
    org, city = rng.choice(orgs), rng.choice(CITIES)
    day = WEEKDAYS[(published - timedelta(days=rng.randint(1, 6))).weekday()]
    future = published + timedelta(days=rng.randint(2, 40))
    when_next = rng.choice(
        (f"on {future:%B} {future.day}", "next week", "next month", f"on {WEEKDAYS[future.weekday()]}")
    )
    num, unit = _number(rng), rng.choice(UNITS)
    ledes = [
        f"{a} and {b} agreed on {day} to hold a new round of talks in {city} {when_next}, officials said.",
        f"{r1} {p1} will travel to {city} {when_next} to meet {p2}, his office said on {day}.",
        f"Talks between {a} and {b} in {city} collapsed on {day} after {c2} refused to sign a ceasefire.",
        f"{a} accused {b} of launching drone strikes on {day} that killed {num} {unit}.",
        f"{p1} said on {day} that {c1} would not withdraw its troops from the border region.",
        f"{a} released {num} prisoners held in {b} on {day}, in an exchange brokered by {org}.",
        f"{b} denied that its forces had shelled villages in {a} on {day}, calling the report false.",
        f"{org} condemned an attack on a convoy in {a} on {day} and demanded an investigation.",
        f"{p2} threatened on {day} to impose new sanctions on {a} if the blockade was not lifted.",
        f"{a} and {b} signed an agreement in {city} on {day} to reopen their border crossings {when_next}.",
    ]
    quotes = [
        f'"We are ready to talk, but not under pressure," {p1} told reporters in {city}.',
        f'"This is a violation of every agreement we have signed," {r2} {p2} said in a statement.',
        f'{p2} said the two sides had made "real progress" and that a deal could be reached {when_next}.',
        f'"There will be no ceasefire until the attacks stop," a spokesman for {p1} said.',
        f'According to {org}, {num} {unit} have been displaced since the fighting began.',
    ]
    context = [
        f"{org} has called on both sides to respect international law.",
        f"{c1} and {c2} have held several rounds of talks since {published.year - rng.randint(1, 4)}.",
        f"Officials in {b} did not respond to a request for comment.",
        f"{p2} is expected to brief lawmakers on the talks {when_next}.",
        f"The previous meeting in {rng.choice(CITIES)} ended without an agreement.",
        f"Aid agencies say {_number(rng)} {rng.choice(UNITS)} need urgent assistance.",
        f"{a} has denied sending troops across the border.",
        f"A planned visit by {p1} to {b} was postponed last month.",
    ]
    paragraphs = [rng.choice(ledes), rng.choice(quotes), *rng.sample(context, rng.randint(3, 6))]
    if rng.random() < 0.5:
        paragraphs.insert(2, rng.choice(quotes))
    title = paragraphs[0].split(",")[0][:90]
    return {
        "id": f"gen-{i:07d}", "title": title, "published": published.isoformat(), "source": rng.choice(OUTLETS),
        "url": f"https://example.org/gen/{i}", "text": "\n\n".join(paragraphs),
    }


def generate(n: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    countries, people, orgs = vocab()
    return [article(i, rng, countries, people, orgs) for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    args = ap.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    items = generate(args.n, args.seed)
    if args.format == "jsonl":
        with (args.out_dir / "corpus.jsonl").open("w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    else:
        for item in items:
            meta = {k: v for k, v in item.items() if k != "text"}
            (args.out_dir / f"{item['id']}.txt").write_text(str(item["text"]), encoding="utf-8")
            (args.out_dir / f"{item['id']}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    print(f"wrote {len(items)} articles to {args.out_dir}")


if __name__ == "__main__":
    main()
