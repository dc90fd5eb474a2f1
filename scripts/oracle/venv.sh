# Sourced by scripts/oracle.sh and scripts/oracle_welfare.sh: the shared
# Python venv of the external oracles, .build/oracle-venv.
#
#   oracle_venv_require LABEL MODULE PACKAGE VERSION
#
# (Re)creates the venv when it is missing or broken, then installs
# PACKAGE==VERSION unless MODULE.__version__ is already VERSION. Sets
# $oracle_python to the venv's interpreter.

oracle_venv=.build/oracle-venv
oracle_python="$oracle_venv/bin/python"

oracle_venv_require() {
  local label="$1" module="$2" package="$3" version="$4"
  if ! "$oracle_python" -c "" >/dev/null 2>&1; then
    rm -rf "$oracle_venv"
    mkdir -p .build
    python3 -m venv "$oracle_venv"
  fi
  if ! "$oracle_python" -c \
      "import $module, sys; sys.exit($module.__version__ != '$version')" \
      >/dev/null 2>&1; then
    echo "$label: installing $package==$version into $oracle_venv" >&2
    "$oracle_python" -m pip install --quiet --disable-pip-version-check \
      "$package==$version" >&2
  fi
}
