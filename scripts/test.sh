#!/usr/bin/env bash
# Set-up plus the whole test suite (unit, property, end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build 2>&1 | tail -n 1
swift test
