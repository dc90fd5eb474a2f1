#!/usr/bin/env bash
# External oracle for `placer allocate --algorithm max-welfare`: compares
# Placer's total welfare on seeded random markets with the optimum SciPy's
# linear_sum_assignment finds on the lists Placer saved (with reserves:
# first the most reserved seats held by their groups, then welfare, also
# solved by scipy.optimize.milp; pins honoured), and checks the allocation
# is feasible. See scripts/oracle/compare_max_welfare.py.
#
#   bash scripts/oracle_welfare.sh [--placer PATH] [other options]
#
# Defaults: 1000 instances, 300 brute-force self-test problems, broken
# allocations of the first 100 instances, placer at .build/debug/placer
# (build it first). Later options win, e.g. `--instances N`, `--seed S` to
# show one instance (its files are kept), `--first-seed S`, `--jobs J`.
# Uses the venv of scripts/oracle.sh (.build/oracle-venv) and adds SciPy to
# it. The last line reads `max-welfare-oracle: P passed, F failed`; exit 1
# on any failure or failed self-test.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/oracle/venv.sh
oracle_venv_require "max-welfare oracle" scipy scipy 1.17.1

exec "$oracle_python" scripts/oracle/compare_max_welfare.py \
  --instances 1000 --self-test 300 --mutants 100 "$@"
