#!/usr/bin/env python3
"""Share of learners a run placed at the listing that really took them.

Usage: scripts/realised_share.py RUN_DIR TRUTH_CSV
TRUTH_CSV has columns learner_id,listing_id (the realised allocation).
"""
import csv
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    run_dir, truth_path = sys.argv[1], sys.argv[2]
    with open(truth_path, newline="", encoding="utf-8") as f:
        truth = {r["learner_id"]: r["listing_id"] for r in csv.DictReader(f)}
    with open(f"{run_dir}/allocations.csv", newline="", encoding="utf-8") as f:
        placed = {r["learner_id"]: r["listing_id"] for r in csv.DictReader(f)}
    hits = sum(1 for k, v in placed.items() if truth.get(k) == v)
    total = len(truth)
    print(f"placed {len(placed)} of {total} learners; {hits} "
          f"({100.0 * hits / total:.1f}%) at their real listing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
