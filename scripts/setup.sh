#!/usr/bin/env bash
# Installs what Placer needs on a Debian machine, only where it is missing:
# BLAS/LAPACK headers to build against, OpenBLAS as the run-time provider,
# libcrypto for input hashes, and Python's venv for the oracle tests.
set -euo pipefail

packages=(pkg-config libblas-dev liblapack-dev liblapacke-dev
  libopenblas0-pthread libssl-dev python3-venv)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null \
    | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

# python3-venv is only needed when the interpreter lacks a working venv.
if python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  filtered=()
  for package in "${missing[@]}"; do
    [ "$package" = python3-venv ] || filtered+=("$package")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    "${missing[@]}" >/dev/null
fi

# Swift lives in /opt/swift on our machines; put it on PATH when it is not.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null 2>&1 || {
  echo "setup: swift is not installed; install Swift 6.3 first" >&2
  exit 1
}
