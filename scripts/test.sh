#!/usr/bin/env bash
# Set-up plus the whole test suite: unit, property and end-to-end tests
# (swift test), then the external oracle (the PyPI `matching` package) on
# seeded random instances in stated mode.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build 2>&1 | tail -n 1
swift test
bash scripts/oracle.sh --placer .build/debug/placer
