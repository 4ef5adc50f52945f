"""A long fuzz run of `extract` and the JSONL reader (the test suite runs a short one).

Reports how many inputs were tried and any that crashed (an exception other than DetenteError,
or a record that fails the schema or its references).

    .venv/bin/python -m benchmarks.fuzz_long [--examples 2000]     (from the repository root)
"""

from __future__ import annotations

import argparse
import json
import time

from hypothesis import HealthCheck, given, settings
from tests.reliability.test_fuzz_extract import TEXT

from detente.errors import DetenteError
from detente.extractor import extract
from detente.pipeline import build_nlp
from detente.validation import reference_errors, schema_errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--examples", type=int, default=2000)
    args = ap.parse_args()
    nlp = build_nlp()
    stats = {"tried": 0, "records": 0, "refused": 0, "crashes": []}

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(TEXT)
    def run(text: str) -> None:
        stats["tried"] += 1
        try:
            record = extract(text, "2025-05-17", nlp=nlp).to_dict()
        except DetenteError:
            stats["refused"] += 1
            return
        except Exception as err:  # a crash is what we are counting
            stats["crashes"].append({"input": text[:200], "error": repr(err)})
            return
        errors = schema_errors(record) + reference_errors(record)
        if errors:
            stats["crashes"].append({"input": text[:200], "error": errors[:3]})
        else:
            stats["records"] += 1

    t0 = time.perf_counter()
    run()
    stats["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(stats, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
