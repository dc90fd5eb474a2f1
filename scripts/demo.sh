#!/usr/bin/env bash
# Set-up plus the main job: build in release mode and allocate the bundled
# sample cohort into out/sample (replaced on each run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build -c release 2>&1 | tail -n 1 >&2
mkdir -p out
.build/release/placer allocate \
  --learners Fixtures/sample/learners.csv \
  --listings Fixtures/sample/listings.csv \
  --out out/sample --force "$@"
echo "demo: wrote $(ls out/sample | tr '\n' ' ')" >&2
