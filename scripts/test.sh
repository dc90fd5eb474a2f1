#!/usr/bin/env bash
# Set-up plus the whole test suite: unit, property and end-to-end tests
# (swift test), then the external oracles on seeded random instances: the
# PyPI `matching` package for the stable matchings in stated mode, SciPy's
# linear_sum_assignment for max-welfare.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build 2>&1 | tail -n 1
swift test
bash scripts/oracle.sh --placer .build/debug/placer
bash scripts/oracle_welfare.sh --placer .build/debug/placer
