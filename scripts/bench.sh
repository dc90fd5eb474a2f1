#!/usr/bin/env bash
# Pipeline benchmark (issue 5): generates synthetic markets, runs
# Benchmarks/bench-pipeline (release) on each, runs the Python peer pipeline
# (scripts/peer/peer_pipeline.py) under a time cap on the smaller sizes, and
# writes Benchmarks/results/pipeline.md.
#
#   bash scripts/bench.sh [--sizes "10000x1000 50000x5000"]
#                         [--peer-sizes "10000x1000"] [--peer-cap SECONDS]
#                         [--methods "tfidf lsa"] [--scratch DIR]
#
# Defaults: sizes 10000x1000 50000x5000 200000x20000 600000x125000, the peer
# on the first two with a 600 s cap, seed 0, Placer with both goal methods
# (TF-IDF, the default, whose products are all sparse, and LSA, whose goal
# cosines are GEMMs); the peer uses TF-IDF like the default. Markets are generated once into
# Benchmarks/results/data/ and reused. --scratch DIR builds into DIR/root and
# DIR/bench instead of the packages' .build folders.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="10000x1000 50000x5000 200000x20000 600000x125000"
peer_sizes="10000x1000 50000x5000"
peer_cap=600
methods="tfidf lsa"
scratch=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --peer-sizes) peer_sizes="$2"; shift 2 ;;
    --peer-cap) peer_cap="$2"; shift 2 ;;
    --methods) methods="$2"; shift 2 ;;
    --scratch) scratch="$2"; shift 2 ;;
    *) echo "bench: unknown option $1" >&2; exit 64 ;;
  esac
done

data=Benchmarks/results/data
tmp=Benchmarks/results/tmp
mkdir -p "$data" "$tmp"

root_build=()
bench_build=()
if [ -n "$scratch" ]; then
  root_build=(--scratch-path "$scratch/root")
  bench_build=(--scratch-path "$scratch/bench")
fi
echo "bench: building placer and bench-pipeline (release)" >&2
swift build -c release "${root_build[@]}" --product placer >&2
placer="$(swift build -c release "${root_build[@]}" --show-bin-path)/placer"
(cd Benchmarks &&
  swift build -c release "${bench_build[@]}" --product bench-pipeline >&2)
bench="$(cd Benchmarks &&
  swift build -c release "${bench_build[@]}" --show-bin-path)/bench-pipeline"

venv=.build/peer-venv
if ! "$venv/bin/python" -c "import numpy, sklearn, matching" >/dev/null 2>&1
then
  echo "bench: creating $venv (numpy, scikit-learn, matching 1.4.3)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    numpy scikit-learn matching==1.4.3
fi

for size in $sizes; do
  n=${size%x*}
  m=${size#*x}
  if [ ! -f "$data/$size/learners.csv" ]; then
    "$placer" generate --learners "$n" --listings "$m" --seed 0 \
      --out "$data/$size" --force >&2
  fi
  for method in $methods; do
    echo "bench: placer on $size, goals by $method" >&2
    "$bench" --learners "$data/$size/learners.csv" \
      --listings "$data/$size/listings.csv" --out "$tmp/out-$size" \
      --label "$size" --goal-method "$method" > "$tmp/$size.$method.placer.txt"
    rm -rf "$tmp/out-$size"
  done
  case " $peer_sizes " in
    *" $size "*)
      echo "bench: python peer on $size (cap ${peer_cap}s)" >&2
      timeout "$peer_cap" "$venv/bin/python" scripts/peer/peer_pipeline.py \
        --learners "$data/$size/learners.csv" \
        --listings "$data/$size/listings.csv" --out "$tmp/peer-$size" \
        > "$tmp/$size.peer.txt" || true
      rm -rf "$tmp/peer-$size" ;;
    *) rm -f "$tmp/$size.peer.txt" ;;
  esac
done

python3 scripts/peer/bench_report.py --cap "$peer_cap" --methods "$methods" \
  $sizes \
  > Benchmarks/results/pipeline.md
cat Benchmarks/results/pipeline.md
