#!/usr/bin/env bash
# External oracle: compares Placer's learner-optimal and listing-optimal stable
# matchings (`--preferences stated`) with the PyPI package `matching` on seeded
# random instances. See scripts/oracle/compare_with_matching.py.
#
#   bash scripts/oracle.sh [--instances N] [--placer PATH] [other options]
#
# Defaults: 300 instances, placer at .build/debug/placer (build it first).
# Other options go to the Python script as they are, e.g. `--seed S` to show
# one instance with both results, `--minimize` to shrink the smallest failing
# instance, `--first-seed S`, `--jobs J`, `--self-test N`.
# Counts one comparison per (instance, algorithm): N instances give 2N. The
# last line reads `oracle: P passed, F failed`; exit 1 on any disagreement,
# Placer failure or oracle self-check failure.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/oracle/venv.sh
oracle_venv_require oracle matching matching 1.4.3

# The brute-force self-test of the library takes a few seconds; skip it with
# ORACLE_SELF_TEST=0.
exec "$oracle_python" scripts/oracle/compare_with_matching.py \
  --self-test "${ORACLE_SELF_TEST:-400}" "$@"
