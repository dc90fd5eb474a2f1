"""Builds the benchmark table of scripts/bench.sh from the raw outputs in
Benchmarks/results/tmp/ (bench-pipeline `json:` lines and the peer's JSON
lines).

    python3 scripts/peer/bench_report.py --cap 600 --methods "tfidf lsa" \
        10000x1000 50000x5000
"""

import argparse
import json
import os
import platform
import subprocess

TMP = "Benchmarks/results/tmp"


def last_json(path, prefix=""):
    if not os.path.exists(path):
        return None
    record = None
    for line in open(path):
        if line.startswith(prefix):
            try:
                record = json.loads(line[len(prefix):])
            except ValueError:
                pass
    return record


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def gemm_cell(p):
    if not p.get("gemm_flops"):
        return "no GEMM"
    eff = p["gemm_gflops_per_thread"] / p["raw_sgemm_gflops"]
    return (f"{100 * eff:.0f}% ({p['gemm_gflops_per_thread']:.0f} of "
            f"{p['raw_sgemm_gflops']:.0f} GFLOP/s)")


def peer_cells(peer, p, cap):
    if peer is None:
        return "not run", ""
    if peer.get("complete"):
        return f"{peer['total']:.1f}", f"{peer['total'] / p['total']:.0f}x"
    reached = ", ".join(peer["stages"])
    return f"> {cap:.0f} (cap; done: {reached})", f"> {cap / p['total']:.0f}x"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=float, default=600)
    parser.add_argument("--methods", default="tfidf lsa")
    parser.add_argument("sizes", nargs="+")
    args = parser.parse_args()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    print(f"Machine: {os.cpu_count()} cores, {cpu_name()}, "
          f"{memory / 2**30:.0f} GiB; seed 0; default options (top-k 50, "
          f"learner-proposing) but for the goal method. Seconds of wall "
          f"time.\n")
    columns = [
        "size (learners x listings)", "goals", "parse", "vectorize", "lsa",
        "skill embedding", "score: GEMM", "score: sparse", "score: top-K",
        "lists", "match", "check", "write", "total", "peak RSS",
        "products / pairs", "GEMM efficiency", "Python peer total",
        "peer / Placer"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for size in args.sizes:
        peer = last_json(f"{TMP}/{size}.peer.txt")
        for method in args.methods.split():
            p = last_json(f"{TMP}/{size}.{method}.placer.txt", "json: ")
            if p is None:
                continue
            s = p["stages"]
            # The peer computes TF-IDF cosines, so it is set against the
            # TF-IDF row only.
            peer_text, ratio = (peer_cells(peer, p, args.cap)
                                if method == "tfidf" else ("", ""))
            cells = [size.replace("x", " x "), method] + [
                f"{x:.2f}" for x in (
                    s["parse"], s["vectorize"], s.get("lsa", 0),
                    s.get("skill_embedding", 0), p["score_gemm"],
                    p["score_sparse"], p["score_top_k"], s["lists"],
                    s["match"], s["check"], s["write"], p["total"])]
            cells += [f"{p['peak_rss_bytes'] / 2**20:.0f} MiB",
                      f"{p['products'] / p['pairs']:.3f}",
                      gemm_cell(p), peer_text, ratio]
            print("| " + " | ".join(cells) + " |")
    print()
    for size in args.sizes:
        peer = last_json(f"{TMP}/{size}.peer.txt")
        if peer:
            st = ", ".join(f"{k} {v:.2f}" for k, v in peer["stages"].items())
            print(f"- Python peer, {size}: {st}; peak "
                  f"{peer['peak_rss_bytes'] / 2**20:.0f} MiB.")


if __name__ == "__main__":
    main()
