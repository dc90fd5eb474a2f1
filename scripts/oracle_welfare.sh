#!/usr/bin/env bash
# External oracle for `placer allocate --algorithm max-welfare`: compares
# Placer's total welfare on seeded random markets with the optimum SciPy's
# linear_sum_assignment finds on the lists Placer saved, and checks the
# allocation is feasible. See scripts/oracle/compare_max_welfare.py.
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

venv=.build/oracle-venv
python="$venv/bin/python"
want_scipy=1.17.1

if ! "$python" -c "" >/dev/null 2>&1; then  # missing or broken: (re)create
  rm -rf "$venv"
  mkdir -p .build
  python3 -m venv "$venv"
fi
if ! "$python" -c "import scipy, sys; sys.exit(scipy.__version__ != '$want_scipy')" \
    >/dev/null 2>&1; then
  echo "max-welfare oracle: installing scipy==$want_scipy into $venv" >&2
  "$python" -m pip install --quiet --disable-pip-version-check \
    "scipy==$want_scipy" >&2
fi

exec "$python" scripts/oracle/compare_max_welfare.py \
  --instances 1000 --self-test 300 --mutants 100 "$@"
