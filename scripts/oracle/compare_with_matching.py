#!/usr/bin/env python3
"""External oracle for Placer's stable matchings in `--preferences stated` mode.

Generates seeded random learner/listing instances, runs `placer allocate` with
`--algorithm learner-proposing` and `--algorithm listing-proposing`, and
compares each learner -> listing map with the resident-optimal and the
hospital-optimal matching computed by the PyPI package `matching` (1.4.x,
`matching.games.HospitalResident`).

Acceptability follows CONTRACT.md §3 in stated mode: a learner-listing pair is
acceptable iff each names the other in its stated list. `matching` requires
consistent lists, so one-sided entries are removed before the game is built;
players left with an empty list and listings with capacity 0 are left out of
the game and expected unmatched / empty.

Generator choice (CONTRACT.md §3): a listing WITHOUT a stated list ranks
applicants by employer utility, which this oracle cannot model. So every
listing gets a non-empty stated list (at least one learner). Learners may have
empty lists; Placer must then report them unmatched with reason
`no_stated_preferences`.

Before comparing with Placer, the oracle itself is checked: both of its
matchings must be valid and stable (our own blocking-pair check), match the same
learners and fill each listing equally (rural hospitals theorem), and every
learner must weakly prefer the resident-optimal to the hospital-optimal
matching. With --self-test N, N tiny instances are also solved by brute force
(all stable matchings enumerated) to confirm both optima exactly.

Counting: one comparison per (instance, algorithm), so a run of N instances
makes 2N comparisons; the last line is `oracle: P passed, F failed`.
Exit status 0 when F is 0 and no self-check failed, else 1 (2 on usage errors).
"""

import argparse
import concurrent.futures
import csv
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import warnings

ALGORITHMS = (
    ("learner-proposing", "resident"),
    ("listing-proposing", "hospital"),
)


# ---------------------------------------------------------------- instances

class Instance:
    """learners: list of (id, [listing ids]); listings: list of (id, capacity,
    [learner ids]). Row order is the order written to the CSV files."""

    def __init__(self, seed, learners, listings):
        self.seed = seed
        self.learners = learners
        self.listings = listings

    def size(self):
        return f"learners={len(self.learners)} listings={len(self.listings)}"

    def copy(self):
        return Instance(
            self.seed,
            [(l, list(p)) for l, p in self.learners],
            [(j, c, list(p)) for j, c, p in self.listings],
        )


def generate(seed, max_learners=30, max_listings=10, contested=False):
    """A random instance; the same seed always gives the same instance.
    `contested` forces the style built for several stable matchings."""
    rng = random.Random(seed)
    n_listings = rng.randint(1, max_listings)

    # Per-instance styles so that the runs cover sparse and dense markets,
    # truncated lists, scarce and abundant seats, and markets with several
    # stable matchings (distinct learner- and listing-optimal ones), which are
    # common when seats and learners balance, lists are long and the two sides
    # disagree ("opposed").
    if rng.random() < 0.35 or contested:  # "contested"
        capacity_style = rng.choice(["unit", "balanced"])
        learner_style = rng.choice(["full", "full", "long"])
        listing_style = "opposed"
        p_empty_learner = 0.0
    else:
        capacity_style = rng.choice(["uniform", "scarce", "ample", "unit",
                                     "balanced"])
        learner_style = rng.choice(["subset", "full", "long", "short"])
        listing_style = rng.choice(["subset", "full", "short", "reciprocal",
                                    "opposed"])
        p_empty_learner = rng.choice([0.0, 0.05, 0.2])

    if capacity_style == "scarce":
        capacities = [rng.choice([0, 1, 1, 1, 2]) for _ in range(n_listings)]
    elif capacity_style == "ample":
        capacities = [rng.choice([0, 2, 3, 4, 4]) for _ in range(n_listings)]
    elif capacity_style == "unit":
        capacities = [rng.choice([0, 1, 1, 1, 1, 1]) for _ in range(n_listings)]
    else:
        capacities = [rng.randint(0, 4) for _ in range(n_listings)]
    if capacity_style in ("unit", "balanced"):
        seats = sum(capacities)
        n_learners = max(1, min(max_learners, seats + rng.choice([-1, 0, 0, 0, 1])))
    else:
        n_learners = rng.randint(1, max_learners)
    learner_ids = [f"L{i}" for i in range(1, n_learners + 1)]
    listing_ids = [f"J{j}" for j in range(1, n_listings + 1)]

    def learner_list():
        if rng.random() < p_empty_learner:
            return []
        if learner_style == "full":
            k = n_listings
        elif learner_style == "long":  # truncated by one or two entries
            k = max(0, n_listings - rng.randint(1, 2))
        elif learner_style == "short":
            k = rng.randint(0, min(2, n_listings))
        else:
            k = rng.randint(0, n_listings)
        return rng.sample(listing_ids, k)

    learners = [(l, learner_list()) for l in learner_ids]
    listed = {l: set(p) for l, p in learners}
    listing_rows = []
    for j, cap in zip(listing_ids, capacities):
        if listing_style in ("reciprocal", "opposed"):
            # Mostly the learners who list j, a few drop-outs and extras, so
            # that mutual pairs and competition are dense. "opposed" ranks
            # first the learners who rank j lowest (with some noise), which
            # puts the two sides in conflict.
            applicants = [(p.index(j) / len(p), l) for l, p in learners if j in p]
            chosen = [(pos, l) for pos, l in applicants if rng.random() < 0.9]
            chosen += [(rng.random(), l) for l in learner_ids
                       if j not in listed[l] and rng.random() < 0.1]
            if listing_style == "opposed":
                chosen.sort(key=lambda t: -t[0] + rng.uniform(-0.3, 0.3))
                chosen = [l for _, l in chosen]
            else:
                chosen = [l for _, l in chosen]
                rng.shuffle(chosen)
        elif listing_style == "full":
            chosen = rng.sample(learner_ids, n_learners)
        elif listing_style == "short":
            chosen = rng.sample(learner_ids, rng.randint(1, min(3, n_learners)))
        else:
            chosen = rng.sample(learner_ids, rng.randint(1, n_learners))
        if not chosen:  # never leave a listing without a stated list
            chosen = [rng.choice(learner_ids)]
        listing_rows.append((j, cap, chosen))

    rng.shuffle(learners)       # row order must not matter
    rng.shuffle(listing_rows)
    return Instance(seed, learners, listing_rows)


def write_instance(inst, directory):
    learners_csv = os.path.join(directory, "learners.csv")
    listings_csv = os.path.join(directory, "listings.csv")
    with open(learners_csv, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["learner_id", "skills", "preferences"])
        for l, prefs in inst.learners:
            w.writerow([l, "", ";".join(prefs)])
    with open(listings_csv, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["listing_id", "type", "capacity", "preferences"])
        for j, cap, prefs in inst.listings:
            w.writerow([j, "internship", cap, ";".join(prefs)])
    return learners_csv, listings_csv


# ------------------------------------------------------------------ matching

def mutual_lists(inst):
    """Both sides' lists restricted to mutually acceptable pairs, in their
    stated order. Capacity-0 listings are kept here (with their lists), the
    game builder leaves them out."""
    learner_sets = {l: set(p) for l, p in inst.learners}
    listing_sets = {j: set(p) for j, _, p in inst.listings}
    res = {l: [j for j in p if j in listing_sets and l in listing_sets[j]]
           for l, p in inst.learners}
    hosp = {j: [l for l in p if l in learner_sets and j in learner_sets[l]]
            for j, _, p in inst.listings}
    caps = {j: c for j, c, _ in inst.listings}
    return res, hosp, caps


def game_lists(inst):
    """Lists for the `matching` game: mutual pairs only, no capacity-0
    listings, no player with an empty list."""
    res, hosp, caps = mutual_lists(inst)
    open_listings = {j for j, c in caps.items() if c > 0}
    res = {l: [j for j in p if j in open_listings] for l, p in res.items()}
    res = {l: p for l, p in res.items() if p}
    hosp = {j: [l for l in p if l in res] for j, p in hosp.items()
            if j in open_listings}
    hosp = {j: p for j, p in hosp.items() if p}
    return res, hosp, {j: caps[j] for j in hosp}


def solve_with_matching(inst, optimal):
    """learner -> listing map from matching.games.HospitalResident."""
    from matching.games import HospitalResident

    res, hosp, caps = game_lists(inst)
    if not res:
        return {}
    with warnings.catch_warnings():
        # Any warning means the lists we built are inconsistent: fail loudly.
        warnings.simplefilter("error")
        game = HospitalResident.create_from_dictionaries(res, hosp, caps)
        solution = game.solve(optimal=optimal)
    result = {}
    for hospital, residents in solution.items():
        for resident in residents:
            if resident.name in result:
                raise AssertionError(f"matching placed {resident.name} twice")
            result[resident.name] = hospital.name
    return result


# ----------------------------------------------------------- our own checks

def blocking_pairs(inst, assignment):
    """Problems of `assignment` (learner -> listing) under the mutual lists:
    invalid pairs, over-full listings and blocking pairs. Empty = stable."""
    res, hosp, caps = mutual_lists(inst)
    problems = []
    members = {j: [] for j in caps}
    for l, j in sorted(assignment.items()):
        if l not in res or j not in caps:
            problems.append(f"unknown pair ({l},{j})")
            continue
        if j not in res[l]:
            problems.append(f"({l},{j}) not mutually acceptable")
            continue
        members[j].append(l)
    for j, m in members.items():
        if len(m) > caps[j]:
            problems.append(f"{j} over capacity: {len(m)} > {caps[j]}")
    for l, prefs in res.items():
        current = assignment.get(l)
        better = prefs if current not in prefs else prefs[:prefs.index(current)]
        for j in better:
            if caps[j] == 0:
                continue
            if len(members[j]) < caps[j]:
                problems.append(f"blocking pair ({l},{j}): {j} has a free seat")
                continue
            rank = hosp[j].index
            worst = max(members[j], key=rank)
            if rank(l) < rank(worst):
                problems.append(f"blocking pair ({l},{j}): {j} prefers {l} to {worst}")
    return problems


def prefers_or_equal(prefs, a, b):
    """True when a learner with list `prefs` weakly prefers a to b (None =
    unmatched, worst of all)."""
    if a == b:
        return True
    if a is None:
        return False
    if b is None:
        return True
    return prefs.index(a) < prefs.index(b)


def check_oracle(inst, learner_opt, listing_opt):
    """Self-checks of the library's two matchings. Returns problems."""
    problems = []
    for name, assignment in (("resident-optimal", learner_opt),
                             ("hospital-optimal", listing_opt)):
        problems += [f"{name}: {p}" for p in blocking_pairs(inst, assignment)]
    if set(learner_opt) != set(listing_opt):
        problems.append("the two optima match different learners")
    fill_a, fill_b = {}, {}
    for j in learner_opt.values():
        fill_a[j] = fill_a.get(j, 0) + 1
    for j in listing_opt.values():
        fill_b[j] = fill_b.get(j, 0) + 1
    if fill_a != fill_b:
        problems.append("the two optima fill listings differently")
    res, _, _ = mutual_lists(inst)
    for l, prefs in res.items():
        a, b = learner_opt.get(l), listing_opt.get(l)
        if a in prefs or a is None:
            if (b in prefs or b is None) and not prefers_or_equal(prefs, a, b):
                problems.append(f"{l} prefers the hospital-optimal match {b} to {a}")
    return problems


def brute_force_optima(inst):
    """All stable matchings by enumeration (tiny instances only); returns the
    learner-optimal and learner-pessimal assignments."""
    res, _, caps = mutual_lists(inst)
    learners = sorted(res)
    options = [[None] + [j for j in res[l] if caps[j] > 0] for l in learners]
    stable = []
    for choice in itertools.product(*options):
        assignment = {l: j for l, j in zip(learners, choice) if j is not None}
        counts = {}
        for j in assignment.values():
            counts[j] = counts.get(j, 0) + 1
        if any(counts[j] > caps[j] for j in counts):
            continue
        if not blocking_pairs(inst, assignment):
            stable.append(assignment)
    if not stable:
        raise AssertionError("no stable matching found by enumeration")

    def extreme(best):
        out = {}
        for l in learners:
            key = lambda a: (len(res[l]) if a.get(l) is None
                             else res[l].index(a[l]))
            pick = (min if best else max)(stable, key=key).get(l)
            if pick is not None:
                out[l] = pick
        return out

    return extreme(True), extreme(False), len(stable)


# ------------------------------------------------------------------ placer

def run_placer(placer, inst, algorithm, workdir):
    """Runs Placer once. Returns (error or None, assignment, unmatched)."""
    d = tempfile.mkdtemp(prefix=f"s{inst.seed}-{algorithm}-", dir=workdir)
    try:
        learners_csv, listings_csv = write_instance(inst, d)
        out = os.path.join(d, "out")
        cmd = [placer, "allocate", "--learners", learners_csv,
               "--listings", listings_csv, "--out", out,
               "--preferences", "stated", "--algorithm", algorithm,
               "--top-k", "1000", "--quiet"]
        env = dict(os.environ)
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=120, env=env)
        except subprocess.TimeoutExpired:
            return "placer timed out after 120 s", {}, {}
        except OSError as e:
            return f"cannot start placer: {e}", {}, {}
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            return (f"placer exited {proc.returncode}: " + " | ".join(tail),
                    {}, {})
        assignment, unmatched = {}, {}
        try:
            with open(os.path.join(out, "allocations.csv"), newline="",
                      encoding="utf-8-sig") as f:
                for row in csv.DictReader(f):
                    l, j = row["learner_id"], row["listing_id"]
                    if l in assignment:
                        return f"allocations.csv lists {l} twice", {}, {}
                    assignment[l] = j
            with open(os.path.join(out, "unmatched.csv"), newline="",
                      encoding="utf-8-sig") as f:
                for row in csv.DictReader(f):
                    unmatched[row["learner_id"]] = row["reason"]
        except (OSError, KeyError) as e:
            return f"cannot read placer output: {e!r}", {}, {}
        return None, assignment, unmatched
    finally:
        shutil.rmtree(d, ignore_errors=True)


def compare(inst, algorithm, expected, placer_result):
    """Problems with one Placer run (empty list = agreement)."""
    error, got, unmatched = placer_result
    if error:
        return [error]
    problems = []
    for l in sorted(set(got) | set(expected), key=natural):
        if got.get(l) != expected.get(l):
            problems.append(f"{l}: placer {got.get(l) or '-'}, "
                            f"oracle {expected.get(l) or '-'}")
    # Every learner appears exactly once in allocations.csv or unmatched.csv;
    # a learner with an empty stated list is unmatched for that reason.
    ids = {l for l, _ in inst.learners}
    both = set(got) & set(unmatched)
    if both:
        problems.append(f"in allocations.csv and unmatched.csv: {sorted(both)}")
    missing = ids - set(got) - set(unmatched)
    if missing:
        problems.append(f"in neither output file: {sorted(missing, key=natural)}")
    for l, prefs in inst.learners:
        if not prefs and l in unmatched and unmatched[l] != "no_stated_preferences":
            problems.append(f"{l} has no stated list but reason {unmatched[l]}")
    return problems


def coverage_features(inst):
    """Which edge cases an instance exercises (for the summary line)."""
    res, _, caps = mutual_lists(inst)
    one_sided = (sum(len(p) for _, p in inst.learners)
                 + sum(len(p) for _, _, p in inst.listings)
                 - 2 * sum(len(p) for p in res.values()))
    return {
        "empty learner list": any(not p for _, p in inst.learners),
        "capacity-0 listing": any(c == 0 for c in caps.values()),
        "more seats than learners": sum(caps.values()) > len(inst.learners),
        "one-sided entries": one_sided > 0,
        "learner with no mutual pair": any(p and not res[l]
                                           for l, p in inst.learners),
    }


def natural(s):
    return (s[:1], int(s[1:])) if s[1:].isdigit() else (s, 0)


# ------------------------------------------------------------------- output

def describe(inst, out=sys.stdout):
    print(f"  instance seed={inst.seed} {inst.size()}", file=out)
    print("  learners.csv preferences:", file=out)
    for l, p in sorted(inst.learners, key=lambda r: natural(r[0])):
        print(f"    {l}: {';'.join(p) or '(empty)'}", file=out)
    print("  listings.csv capacity / preferences:", file=out)
    for j, c, p in sorted(inst.listings, key=lambda r: natural(r[0])):
        print(f"    {j} cap {c}: {';'.join(p)}", file=out)


def fmt(assignment):
    return " ".join(f"{l}->{assignment[l]}"
                    for l in sorted(assignment, key=natural)) or "(nobody matched)"


def minimize(placer, inst, algorithm, optimal, workdir):
    """Greedy shrinking of a failing instance: drop learners, listings, list
    entries and seats while Placer still disagrees with the oracle."""

    def fails(candidate):
        expected = solve_with_matching(candidate, optimal)
        result = run_placer(placer, candidate, algorithm, workdir)
        return bool(compare(candidate, algorithm, expected, result))

    def variants(c):
        for i in range(len(c.learners)):
            v = c.copy()
            gone = v.learners.pop(i)[0]
            v.listings = [(j, cap, [l for l in p if l != gone])
                          for j, cap, p in v.listings]
            if v.learners and all(p for _, _, p in v.listings):
                yield v
        for i in range(len(c.listings)):
            v = c.copy()
            gone = v.listings.pop(i)[0]
            v.learners = [(l, [j for j in p if j != gone]) for l, p in v.learners]
            if v.listings:
                yield v
        for i, (l, p) in enumerate(c.learners):
            for k in range(len(p)):
                v = c.copy()
                v.learners[i][1].pop(k)
                yield v
        for i, (j, cap, p) in enumerate(c.listings):
            if len(p) > 1:
                for k in range(len(p)):
                    v = c.copy()
                    v.listings[i][2].pop(k)
                    yield v
            if cap > 0:
                v = c.copy()
                v.listings[i] = (j, cap - 1, list(p))
                yield v

    current = inst
    improved = True
    while improved:
        improved = False
        for v in variants(current):
            if fails(v):
                current, improved = v, True
                break
    return current


# --------------------------------------------------------------------- main

def self_test(count, first_seed):
    """Brute-force check of the library on tiny instances."""
    problems = 0
    multi = 0
    for k in range(count):
        inst = generate(first_seed + k, max_learners=7, max_listings=4,
                        contested=k % 2 == 1)
        learner_opt = solve_with_matching(inst, "resident")
        listing_opt = solve_with_matching(inst, "hospital")
        best, worst, n_stable = brute_force_optima(inst)
        multi += n_stable > 1
        issues = check_oracle(inst, learner_opt, listing_opt)
        if learner_opt != best:
            issues.append(f"resident-optimal {fmt(learner_opt)} != brute force {fmt(best)}")
        if listing_opt != worst:
            issues.append(f"hospital-optimal {fmt(listing_opt)} != brute force {fmt(worst)}")
        if issues:
            problems += 1
            print(f"ORACLE SELF-TEST FAILED seed={inst.seed} {inst.size()}")
            for i in issues:
                print(f"  {i}")
            describe(inst)
    print(f"oracle self-test: {count} tiny instances checked by enumeration "
          f"({multi} with several stable matchings), {problems} problems")
    return problems == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--placer", default=".build/debug/placer")
    ap.add_argument("--instances", type=int, default=300)
    ap.add_argument("--first-seed", type=int, default=1,
                    help="instances use seeds first-seed .. first-seed+N-1")
    ap.add_argument("--seed", type=int,
                    help="run only this seed and print the instance and results")
    ap.add_argument("--jobs", type=int, default=max(2, (os.cpu_count() or 2)))
    ap.add_argument("--self-test", type=int, default=0, metavar="N",
                    help="first check the library by enumeration on N tiny instances")
    ap.add_argument("--minimize", action="store_true",
                    help="shrink the first failing instance and print it")
    args = ap.parse_args()

    ok = True
    if args.self_test:
        ok = self_test(args.self_test, args.first_seed)

    placer = os.path.abspath(args.placer)
    if not (os.path.isfile(placer) and os.access(placer, os.X_OK)):
        print(f"oracle: placer binary not found at {args.placer} "
              "(run `swift build` first)", file=sys.stderr)
        return 1

    seeds = ([args.seed] if args.seed is not None
             else range(args.first_seed, args.first_seed + args.instances))
    workdir = tempfile.mkdtemp(prefix="placer-oracle-")
    passed = failed = distinct_optima = 0
    coverage = {}
    failures = []
    try:
        # The oracle runs here (warnings filters are not thread-safe); only
        # the Placer processes run in the pool.
        jobs = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for seed in seeds:
                inst = generate(seed)
                expected = {opt: solve_with_matching(inst, opt)
                            for _, opt in ALGORITHMS}
                issues = check_oracle(inst, expected["resident"], expected["hospital"])
                if issues:
                    ok = False
                    print(f"ORACLE SELF-CHECK FAILED seed={seed} {inst.size()}")
                    for i in issues:
                        print(f"  {i}")
                distinct_optima += expected["resident"] != expected["hospital"]
                for name, present in coverage_features(inst).items():
                    coverage[name] = coverage.get(name, 0) + present
                for algorithm, opt in ALGORITHMS:
                    future = pool.submit(run_placer, placer, inst, algorithm, workdir)
                    jobs.append((inst, algorithm, opt, expected[opt], future))

            for inst, algorithm, opt, expected, future in jobs:
                result = future.result()
                problems = compare(inst, algorithm, expected, result)
                if args.seed is not None:
                    if algorithm == ALGORITHMS[0][0]:
                        describe(inst)
                    print(f"  {algorithm}: placer {fmt(result[1])}"
                          + (f" [{result[0]}]" if result[0] else ""))
                    print(f"  {algorithm}: oracle {fmt(expected)}")
                if not problems:
                    passed += 1
                    continue
                failed += 1
                failures.append((inst, algorithm, opt))
                print(f"FAIL seed={inst.seed} {inst.size()} algorithm={algorithm}")
                for p in problems[:12]:
                    print(f"  {p}")
                if len(problems) > 12:
                    print(f"  ... {len(problems) - 12} more")
                if not result[0]:
                    stability = blocking_pairs(inst, result[1])
                    print("  placer's matching is "
                          + ("stable (but not the "
                             + ("learner" if opt == "resident" else "listing")
                             + "-optimal one)" if not stability
                             else "NOT stable: " + "; ".join(stability[:3])))

        if failures:
            seeds_failed = sorted({i.seed for i, _, _ in failures})
            print(f"failing seeds: {' '.join(map(str, seeds_failed))}")
            smallest = min(failures, key=lambda f: (
                len(f[0].learners) + len(f[0].listings), f[0].seed))
            print(f"smallest failing instance: seed={smallest[0].seed} "
                  f"{smallest[0].size()} algorithm={smallest[1]}; reproduce with "
                  f"`bash scripts/oracle.sh --placer {args.placer} "
                  f"--seed {smallest[0].seed}` (add --minimize to shrink it)")
            if args.minimize:
                inst, algorithm, opt = smallest
                small = minimize(placer, inst, algorithm, opt, workdir)
                print(f"minimized ({algorithm}):")
                describe(small)
                print(f"  placer: {fmt(run_placer(placer, small, algorithm, workdir)[1])}")
                print(f"  oracle: {fmt(solve_with_matching(small, opt))}")
                print("  placer's blocking pairs: "
                      + ("; ".join(blocking_pairs(
                          small, run_placer(placer, small, algorithm, workdir)[1]))
                         or "none"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"instances: {len(seeds)}; with distinct learner- and listing-optimal "
          f"matchings: {distinct_optima}")
    print("instances with: " + ", ".join(f"{n} {k}" for k, n in coverage.items()))
    print(f"oracle: {passed} passed, {failed} failed")
    return 0 if ok and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
