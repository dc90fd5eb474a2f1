#!/usr/bin/env python3
"""External oracle for `placer allocate --algorithm max-welfare`.

Makes seeded random small markets, runs Placer with `--algorithm max-welfare
--save-preferences`, and checks its allocation against an optimum computed by
SciPy (`scipy.optimize.linear_sum_assignment`) on the lists Placer saved.

What is modelled (README "Matching", Sources/PlacerCore/Matching/MaxWelfare.swift,
AllocationRun.pairWeights):
  * acceptable pairs: (learner, listing) on both saved lists, i.e. a row of
    learner_preferences.csv and a row of listing_preferences.csv;
  * weight of a pair: learner_utility + employer_utility from those rows;
  * each learner takes at most one listing, each listing at most its
    `capacity` (from listings.csv) learners, and leaving a learner out adds 0;
  * objective: the largest total weight. Ties between optima are not
    modelled: any allocation of optimal welfare passes.
Reserved seats (`reserve`) and pins (`pinned`) change the objective and the
seats; the oracle never uses them (generated markets have both columns
removed).

Two weights are compared for every pair, both derived from the printed
6-decimal utilities:
  * decimal: the printed values as integers of 1e-6 (exact). Placer's
    allocation must reach the decimal optimum within 1e-5 (Placer optimizes
    Float32 values that differ from the printed decimals by < 1.2e-7 per
    pair, so on these sizes an optimum is never more than ~7e-6 short);
  * float: what Placer itself adds (Swift `quantized`: Float(Double(k)/1e6)
    for the printed k, summed as Double), rebuilt bit for bit with NumPy.
    Placer's allocation must reach that optimum within 1e-9.

SciPy model: one row per learner; one column per seat (a listing with
capacity c and a acceptable learners gets min(c, a) seat columns), plus one
"unmatched" column per learner (cost 0, allowed for that learner only);
cost -weight on acceptable pairs and +inf (forbidden) elsewhere.

Other checks on each run: allocations.csv names known ids, each learner at
most once, only acceptable pairs, no listing over capacity, utilities equal
to the saved lists'; every learner is in exactly one of allocations.csv and
unmatched.csv, with reason `not_selected` exactly when its list is not
empty; fill.csv counts; summary.json's welfare equals the allocation's, and
both stable extremes it reports are no better than the optimum.

Self-tests (run before the comparisons): --self-test N random abstract
problems (ties, zero weights, capacity 0) solved by SciPy and by brute-force
enumeration; brute force also re-solves every real instance small enough;
and --mutants K: Placer's allocations on the first K instances are broken on
purpose (worse but feasible, over capacity, unacceptable pair, duplicate
learner, wrong utility, dropped learner) and each broken version must be
reported.

Last line: `max-welfare-oracle: P passed, F failed` (one per instance);
exit 0 when F is 0 and every self-test passed, else 1 (2 on usage errors).
"""

import argparse
import concurrent.futures
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

import numpy as np
from scipy.optimize import linear_sum_assignment

# Decimal check tolerance in units of 1e-6 (see the docstring).
TOLERANCE_MICROS = 10
# Float check tolerance: Placer's successive shortest paths are optimal up to
# rounding, about 1e-12 relative to the sum of weights.
TOLERANCE_FLOAT = 1e-9
# Summary values are printed with six decimals.
TOLERANCE_SUMMARY = 1.5e-6
# Brute force re-solves real instances with at most this many assignments.
BRUTE_FORCE_LIMIT = 20000

MODES = ("scores", "stated", "extend")
UNMATCHED_EMPTY_LIST = {"no_eligible_listing", "below_min_score",
                        "no_stated_preferences"}


# ---------------------------------------------------------------- problem

def micros(text):
    """A printed utility as an integer number of 1e-6 (exact)."""
    value = Decimal(text.strip()) * 1_000_000
    if value != value.to_integral_value():
        raise ValueError(f"utility {text!r} has more than six decimals")
    return int(value)


def placer_float(k):
    """The Float32 Placer holds for printed utility k * 1e-6, as a Python
    float: Swift's quantized() is Float(Double(k) / 1e6); k / 1e6 is the
    same correctly rounded Double division, np.float32 the same rounding."""
    return float(np.float32(k / 1e6))


class Problem:
    """An assignment problem: learners, capacities and acceptable pairs.

    pairs: (learner, listing) -> (learner micros, employer micros)."""

    def __init__(self, learners, capacity, pairs):
        self.learners = list(learners)
        self.capacity = dict(capacity)
        self.pairs = dict(pairs)
        self.options = {l: [] for l in self.learners}
        for (l, j) in sorted(self.pairs):
            self.options[l].append(j)

    def weight_micros(self, l, j):
        lu, eu = self.pairs[(l, j)]
        return lu + eu

    def weight_float(self, l, j):
        lu, eu = self.pairs[(l, j)]
        return placer_float(lu) + placer_float(eu)

    def weigher(self, kind):
        return self.weight_micros if kind == "micros" else self.weight_float

    def welfare(self, assignment, kind):
        """Total weight of a feasible assignment (learner -> listing)."""
        w = self.weigher(kind)
        total = 0 if kind == "micros" else 0.0
        for l in sorted(assignment):
            total += w(l, assignment[l])
        return total


def solve_scipy(problem, kind):
    """(optimum, assignment) by linear_sum_assignment on seat copies."""
    w = problem.weigher(kind)
    rows = [l for l in problem.learners if problem.options[l]]
    if not rows:
        return (0 if kind == "micros" else 0.0), {}
    applicants = {}
    for (l, j) in problem.pairs:
        applicants[j] = applicants.get(j, 0) + 1
    seat_listing = []
    for j in sorted(problem.capacity):
        seats = min(problem.capacity[j], applicants.get(j, 0))
        seat_listing += [j] * seats
    n, s = len(rows), len(seat_listing)
    cost = np.full((n, s + n), np.inf)
    column_of = {}
    for c, j in enumerate(seat_listing):
        column_of.setdefault(j, []).append(c)
    for r, l in enumerate(rows):
        cost[r, s + r] = 0.0                    # this learner unmatched
        for j in problem.options[l]:
            for c in column_of.get(j, ()):
                cost[r, c] = -float(w(l, j))
    row_ind, col_ind = linear_sum_assignment(cost)
    assignment = {}
    for r, c in zip(row_ind, col_ind):
        if c < s:
            assignment[rows[r]] = seat_listing[c]
    return problem.welfare(assignment, kind), assignment


def brute_force(problem, kind, limit=None):
    """Best welfare over all feasible assignments by enumeration, or None
    when there are more than `limit` combinations to try."""
    w = problem.weigher(kind)
    learners = [l for l in problem.learners if problem.options[l]]
    if limit is not None:
        count = 1
        for l in learners:
            count *= 1 + len(problem.options[l])
            if count > limit:
                return None
    best = [0 if kind == "micros" else 0.0]
    load = {j: 0 for j in problem.capacity}

    def walk(i, total):
        if i == len(learners):
            best[0] = max(best[0], total)
            return
        l = learners[i]
        walk(i + 1, total)
        for j in problem.options[l]:
            if load[j] < problem.capacity[j]:
                load[j] += 1
                walk(i + 1, total + w(l, j))
                load[j] -= 1

    walk(0, best[0])
    return best[0]


# --------------------------------------------------------------- instances

class Instance:
    """A market on disk plus the `placer allocate` options to run it with."""

    def __init__(self, seed, source, options):
        self.seed = seed
        self.source = source          # "handmade" or "generated"
        self.options = options        # list of extra CLI arguments
        self.learner_ids = []
        self.capacity = {}

    def mode(self):
        return self.options[self.options.index("--preferences") + 1]

    def top_k(self):
        return int(self.options[self.options.index("--top-k") + 1])

    def describe(self):
        return (f"seed={self.seed} {self.source} learners={len(self.learner_ids)} "
                f"listings={len(self.capacity)} options: {' '.join(self.options)}")


def draw_options(rng):
    mode = rng.choice(["scores", "scores", "stated", "stated", "extend"])
    top_k = rng.choice([1, 2, 3, 3, 3, 5, 50])
    options = ["--preferences", mode, "--top-k", str(top_k),
               "--seed", str(rng.randint(0, 999)),
               "--tie-break", rng.choice(["single", "multiple"])]
    if rng.random() < 0.15:
        options += ["--min-score", rng.choice(["0.05", "0.1", "0.2"])]
    if rng.random() < 0.3:
        # Zero weights collapse utilities and make ties common.
        for view in ("learner", "employer"):
            for comp in rng.sample(["skills", "goals", "sectors", "location",
                                    "preferred_skills", "stated"], 2):
                options += ["--weight",
                            f"{view}.{comp}={rng.choice(['0', '0.5', '1'])}"]
    return options


def draw_capacities(rng, count):
    style = rng.choice(["scarce", "ample", "unit", "mixed", "zeros"])
    if style == "scarce":
        return [rng.choice([0, 1, 1, 2]) for _ in range(count)]
    if style == "ample":
        return [rng.choice([2, 3, 4, 6]) for _ in range(count)]
    if style == "unit":
        return [rng.choice([0, 1, 1, 1]) for _ in range(count)]
    if style == "zeros":
        return [rng.choice([0, 0, 1, 3]) for _ in range(count)]
    return [rng.randint(0, 4) for _ in range(count)]


SKILLS = ["python", "sql", "excel", "welding", "cad", "nursing", "accounting"]
SECTORS = ["health", "finance", "energy", "software"]
WORDS = ["data", "patients", "bridges", "audit", "circuits", "design",
         "research", "care", "build", "analysis"]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def make_handmade(rng, directory):
    """Dense small market written directly; returns (learner ids,
    capacities). Small vocabularies (and a "flat" style in which all
    learners and all listings look alike) give many equal utilities."""
    if rng.random() < 0.15:   # bigger and contested: long augmenting paths
        n_listings = rng.randint(6, 15)
        n_learners = rng.randint(20, 60)
    else:
        n_listings = rng.randint(1, 8)
        n_learners = rng.randint(1, 22)
    flat = rng.random() < 0.2
    vocab = SKILLS[:rng.randint(2, len(SKILLS))]
    learner_ids = [f"L{i}" for i in range(1, n_learners + 1)]
    listing_ids = [f"J{j}" for j in range(1, n_listings + 1)]
    capacities = draw_capacities(rng, n_listings)

    def skills(max_n, level_range):
        if flat:
            return "python:3;sql:2"
        k = rng.randint(0, min(max_n, len(vocab)))
        return ";".join(f"{s}:{rng.randint(*level_range)}"
                        for s in rng.sample(vocab, k))

    def words(k):
        return " ".join(rng.choice(WORDS) for _ in range(k)) if not flat else "data"

    p_no_eligible = rng.choice([0.0, 0.1, 0.3])
    learner_rows = []
    for l in learner_ids:
        stated = rng.sample(listing_ids, rng.randint(0, n_listings))
        if rng.random() < 0.05:
            stated.append("J999")             # unknown id: a warning
        types = ""
        if rng.random() < p_no_eligible:
            types = "apprenticeship"          # every listing is an internship
        learner_rows.append([
            l, skills(3, (1, 5)), words(rng.randint(0, 4)),
            "" if flat else ";".join(rng.sample(SECTORS, rng.randint(0, 2))),
            types, "", rng.choice(["", "north", "south"]),
            rng.choice(["no", "no", "yes"]), ";".join(stated)])
    listing_rows = []
    for j, cap in zip(listing_ids, capacities):
        stated = []
        if rng.random() < 0.6:
            stated = rng.sample(learner_ids, rng.randint(0, n_learners))
        excluded = []
        if rng.random() < 0.2:
            excluded = rng.sample(learner_ids, min(n_learners, rng.randint(1, 2)))
        mode = rng.choice(["remote", "remote", "onsite", "hybrid"])
        listing_rows.append([
            j, "internship", cap, words(2), words(rng.randint(0, 6)),
            skills(2, (1, 4)), "" if flat else skills(2, (1, 5)),
            "" if flat else ";".join(rng.sample(SECTORS, rng.randint(0, 2))),
            mode, "" if mode == "remote" else rng.choice(["north", "south"]),
            ";".join(stated), ";".join(excluded)])
    rng.shuffle(learner_rows)                  # row order must not matter
    rng.shuffle(listing_rows)
    write_csv(os.path.join(directory, "learners.csv"),
              ["learner_id", "skills", "goals", "sectors", "types", "modes",
               "location", "relocate", "preferences"], learner_rows)
    write_csv(os.path.join(directory, "listings.csv"),
              ["listing_id", "type", "capacity", "title", "description",
               "required_skills", "preferred_skills", "sectors", "mode",
               "location", "preferences", "excluded"], listing_rows)
    return learner_ids, dict(zip(listing_ids, capacities))


def make_generated(rng, placer, directory):
    """`placer generate`, then `reserve` and `pinned` removed (the oracle does
    not model them); optionally denser (remote, no term/year/program rules)
    and with other capacities."""
    raw = os.path.join(directory, "raw")
    n, m = rng.randint(2, 40), rng.randint(1, 10)
    proc = subprocess.run(
        [placer, "generate", "--learners", str(n), "--listings", str(m),
         "--seed", str(rng.randint(0, 10**6)), "--out", raw, "--quiet"],
        capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"placer generate exited {proc.returncode}: "
                           f"{proc.stderr.strip()[-300:]}")
    densify = rng.random() < 0.6
    new_capacities = rng.random() < 0.5

    def rewrite(name, drop, edit):
        with open(os.path.join(raw, name), newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        header = [c for c in rows[0].keys() if c not in drop] if rows else []
        for row in rows:
            edit(row)
        write_csv(os.path.join(directory, name), header,
                  [[row[c] for c in header] for row in rows])
        return rows

    def edit_learner(row):
        if densify:
            row["modes"] = ""

    caps = draw_capacities(rng, m) if new_capacities else None

    def edit_listing(row):
        if densify:
            row["mode"] = "remote"
            for c in ("term", "min_year", "programs"):
                row[c] = ""
        if caps is not None:
            row["capacity"] = str(caps.pop())

    learners = rewrite("learners.csv", {"pinned"}, edit_learner)
    listings = rewrite("listings.csv", {"reserve"}, edit_listing)
    shutil.rmtree(raw, ignore_errors=True)
    return ([r["learner_id"] for r in learners],
            {r["listing_id"]: int(r["capacity"]) for r in listings})


def make_instance(seed, placer, directory):
    rng = random.Random(seed)
    source = "generated" if rng.random() < 0.4 else "handmade"
    inst = Instance(seed, source, draw_options(rng))
    if source == "generated":
        inst.learner_ids, inst.capacity = make_generated(rng, placer, directory)
    else:
        inst.learner_ids, inst.capacity = make_handmade(rng, directory)
    return inst


# ------------------------------------------------------------------ placer

def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


class Run:
    """What one `placer allocate` run wrote."""

    def __init__(self):
        self.error = None
        self.allocations = []    # rows of allocations.csv (dicts)
        self.unmatched = []
        self.fill = []
        self.summary = {}
        self.learner_lists = {}  # learner -> [(rank, listing, micros)]
        self.listing_lists = {}  # listing -> [(rank, learner, micros)]


def run_placer(placer, inst, directory):
    out = os.path.join(directory, "out")
    cmd = [placer, "allocate", "--learners", os.path.join(directory, "learners.csv"),
           "--listings", os.path.join(directory, "listings.csv"), "--out", out,
           "--algorithm", "max-welfare", "--save-preferences", "--force",
           "--quiet"] + inst.options
    env = dict(os.environ)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    run = Run()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=120, env=env)
    except (subprocess.TimeoutExpired, OSError) as e:
        run.error = f"placer did not run: {e}"
        return run
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        run.error = f"placer exited {proc.returncode}: " + " | ".join(tail)
        return run
    try:
        run.allocations = read_rows(os.path.join(out, "allocations.csv"))
        run.unmatched = read_rows(os.path.join(out, "unmatched.csv"))
        run.fill = read_rows(os.path.join(out, "fill.csv"))
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            run.summary = json.load(f)
        for row in read_rows(os.path.join(out, "learner_preferences.csv")):
            run.learner_lists.setdefault(row["learner_id"], []).append(
                (int(row["rank"]), row["listing_id"], micros(row["learner_utility"])))
        for row in read_rows(os.path.join(out, "listing_preferences.csv")):
            run.listing_lists.setdefault(row["listing_id"], []).append(
                (int(row["rank"]), row["learner_id"], micros(row["employer_utility"])))
    except (OSError, KeyError, ValueError) as e:
        run.error = f"cannot read placer output: {e!r}"
    return run


def problem_from_lists(inst, run):
    """The acceptable pairs and weights the saved lists define, plus any
    inconsistency in the lists themselves."""
    issues = []
    known_l, known_j = set(inst.learner_ids), set(inst.capacity)
    learner_side, listing_side = {}, {}
    for owner, lists, side, items, known_owner in (
            ("learner", run.learner_lists, learner_side, known_j, known_l),
            ("listing", run.listing_lists, listing_side, known_l, known_j)):
        for o, entries in lists.items():
            if o not in known_owner:
                issues.append(f"saved {owner} list of unknown id {o}")
                continue
            ranks = sorted(r for r, _, _ in entries)
            if ranks != list(range(1, len(entries) + 1)):
                issues.append(f"saved {owner} list of {o}: ranks {ranks}")
            for _, item, u in entries:
                if item not in items:
                    issues.append(f"saved {owner} list of {o} names unknown {item}")
                    continue
                key = (o, item) if owner == "learner" else (item, o)
                if key in side:
                    issues.append(f"saved {owner} list of {o} names {item} twice")
                side[key] = u
    top_k = inst.top_k()
    for l, entries in run.learner_lists.items():
        if len(entries) > top_k:
            issues.append(f"{l}'s saved list has {len(entries)} > top-k {top_k} entries")
    # A listing's list holds only learners whose lists hold it (all of them
    # unless a stated list in stated mode keeps fewer).
    for key in sorted(set(listing_side) - set(learner_side)):
        issues.append(f"listing list of {key[1]} holds {key[0]}, whose list "
                      f"does not hold {key[1]}")
    if inst.mode() != "stated":
        for key in sorted(set(learner_side) - set(listing_side)):
            issues.append(f"{key[0]} lists {key[1]} but is not on its list "
                          f"({inst.mode()} mode)")
    pairs = {k: (learner_side[k], listing_side[k])
             for k in learner_side if k in listing_side}
    return Problem(inst.learner_ids, inst.capacity, pairs), issues


# ---------------------------------------------------------------- judging

def judge(inst, run, problem, optimum, allocation_rows=None):
    """Problems with Placer's run (empty = pass). `optimum` holds the
    decimal and float optima; `allocation_rows` replaces allocations.csv
    (the mutation self-test passes broken ones)."""
    rows = run.allocations if allocation_rows is None else allocation_rows
    problems = []
    assignment = {}
    load = {}
    for row in rows:
        l, j = row["learner_id"], row["listing_id"]
        if l not in problem.options:
            problems.append(f"allocations.csv: unknown learner {l}")
            continue
        if j not in problem.capacity:
            problems.append(f"allocations.csv: unknown listing {j}")
            continue
        if l in assignment:
            problems.append(f"allocations.csv: {l} placed twice")
            continue
        if (l, j) not in problem.pairs:
            problems.append(f"allocations.csv: ({l},{j}) is not an acceptable pair")
            continue
        assignment[l] = j
        load[j] = load.get(j, 0) + 1
        lu, eu = problem.pairs[(l, j)]
        try:
            got = (micros(row["learner_utility"]), micros(row["employer_utility"]))
        except (KeyError, ValueError) as e:
            problems.append(f"allocations.csv: bad utilities for {l}: {e!r}")
            continue
        if got != (lu, eu):
            problems.append(f"allocations.csv: ({l},{j}) utilities {got} differ "
                            f"from the saved lists' {(lu, eu)}")
    for j, count in sorted(load.items()):
        if count > problem.capacity[j]:
            problems.append(f"{j} over capacity: {count} > {problem.capacity[j]}")
    if problems:
        return problems, assignment     # welfare of an infeasible allocation means nothing

    # Every learner once, in allocations.csv or unmatched.csv, with a reason
    # that matches its list.
    unmatched = {}
    for row in run.unmatched:
        if row["learner_id"] in unmatched:
            problems.append(f"unmatched.csv lists {row['learner_id']} twice")
        unmatched[row["learner_id"]] = row["reason"]
    for l in inst.learner_ids:
        listed = l in run.learner_lists
        if l in assignment and l in unmatched:
            problems.append(f"{l} is in allocations.csv and unmatched.csv")
        elif l not in assignment and l not in unmatched:
            problems.append(f"{l} is in neither allocations.csv nor unmatched.csv")
        elif l in unmatched:
            reason = unmatched[l]
            if listed and reason != "not_selected":
                problems.append(f"{l} has a list but reason {reason}")
            if not listed and reason not in UNMATCHED_EMPTY_LIST:
                problems.append(f"{l} has an empty list but reason {reason}")
            if reason == "no_stated_preferences" and inst.mode() != "stated":
                problems.append(f"{l}: no_stated_preferences in {inst.mode()} mode")
    for l in set(unmatched) - set(inst.learner_ids):
        problems.append(f"unmatched.csv: unknown learner {l}")

    # The objective, on both weights.
    got_d = problem.welfare(assignment, "micros")
    got_f = problem.welfare(assignment, "float")
    if got_d > optimum["micros"] + TOLERANCE_MICROS:
        problems.append(f"ORACLE: placer's welfare {got_d / 1e6:.6f} exceeds the "
                        f"SciPy optimum {optimum['micros'] / 1e6:.6f}")
    if optimum["micros"] - got_d > TOLERANCE_MICROS:
        problems.append(f"welfare {got_d / 1e6:.6f} (printed utilities) is "
                        f"{(optimum['micros'] - got_d) / 1e6:.6f} short of the "
                        f"optimum {optimum['micros'] / 1e6:.6f}")
    if optimum["float"] - got_f > TOLERANCE_FLOAT:
        problems.append(f"welfare {got_f!r} (Placer's Float32 utilities) is "
                        f"{optimum['float'] - got_f:.3g} short of the optimum "
                        f"{optimum['float']!r}")

    # fill.csv and summary.json agree with the allocation.
    for row in run.fill:
        j = row["listing_id"]
        if int(row["filled"]) != load.get(j, 0):
            problems.append(f"fill.csv: {j} filled {row['filled']}, "
                            f"allocations.csv {load.get(j, 0)}")
    try:
        pos = run.summary["stability"]["price_of_stability"]
        reported = pos["max-welfare"]["welfare"]
        if abs(reported - got_f) > TOLERANCE_SUMMARY:
            problems.append(f"summary.json: max-welfare welfare {reported} but "
                            f"allocations.csv sums to {got_f:.6f}")
        for name in ("learner-proposing", "listing-proposing"):
            stable = pos[name]["welfare"]
            if stable > optimum["float"] + TOLERANCE_SUMMARY:
                problems.append(f"summary.json: {name} welfare {stable} beats "
                                f"the optimum {optimum['float']:.6f}")
        total = run.summary["utilities"]["welfare"]
        if abs(total - got_f) > TOLERANCE_SUMMARY:
            problems.append(f"summary.json: utilities.welfare {total} but "
                            f"allocations.csv sums to {got_f:.6f}")
    except (KeyError, TypeError) as e:
        problems.append(f"summary.json: missing {e!r}")
    return problems, assignment


def solve_both(problem):
    optimum, solution = {}, {}
    for kind in ("micros", "float"):
        optimum[kind], solution[kind] = solve_scipy(problem, kind)
        # SciPy's own assignment must be feasible (a cheap self-check).
        load = {}
        for l, j in solution[kind].items():
            assert (l, j) in problem.pairs, f"SciPy used unacceptable ({l},{j})"
            load[j] = load.get(j, 0) + 1
        assert all(c <= problem.capacity[j] for j, c in load.items()), \
            "SciPy overfilled a listing"
    return optimum, solution


# -------------------------------------------------------------- mutations

def mutants(inst, run, problem, optimum):
    """Broken versions of Placer's allocations.csv, each with what the judge
    must say: (name, rows, words expected in one of the problems)."""
    rows = [dict(r) for r in run.allocations]
    out = []
    placed = {r["learner_id"]: r["listing_id"] for r in rows}
    load = {}
    for j in placed.values():
        load[j] = load.get(j, 0) + 1

    # Worse but feasible: drop the pair of largest weight.
    if rows:
        heaviest = max(range(len(rows)), key=lambda k: problem.weight_micros(
            rows[k]["learner_id"], rows[k]["listing_id"]))
        w = problem.weight_micros(rows[heaviest]["learner_id"],
                                  rows[heaviest]["listing_id"])
        if w > TOLERANCE_MICROS:
            broken = rows[:heaviest] + rows[heaviest + 1:]
            out.append(("drop heaviest pair", broken, "short of the optimum"))

    # Worse but feasible: greedy in id order (each learner takes its first
    # acceptable listing alphabetically with a free seat).
    greedy, seats = {}, dict(problem.capacity)
    for l in sorted(problem.options):
        for j in problem.options[l]:
            if seats[j] > 0:
                greedy[l] = j
                seats[j] -= 1
                break
    if optimum["micros"] - problem.welfare(greedy, "micros") > TOLERANCE_MICROS:
        out.append(("greedy allocation", [
            {"learner_id": l, "listing_id": j,
             "learner_utility": f"{problem.pairs[(l, j)][0] / 1e6:.6f}",
             "employer_utility": f"{problem.pairs[(l, j)][1] / 1e6:.6f}"}
            for l, j in sorted(greedy.items())], "short of the optimum"))

    # Over capacity: one more learner in a full listing.
    full = sorted(j for j, c in load.items() if c >= problem.capacity[j])
    spare = sorted(l for l in inst.learner_ids if l not in placed)
    if full and spare:
        j, l = full[0], spare[0]
        extra = {"learner_id": l, "listing_id": j,
                 "learner_utility": "0.000000", "employer_utility": "0.000000"}
        if (l, j) in problem.pairs:
            extra["learner_utility"] = f"{problem.pairs[(l, j)][0] / 1e6:.6f}"
            extra["employer_utility"] = f"{problem.pairs[(l, j)][1] / 1e6:.6f}"
            out.append(("over capacity", rows + [extra], "over capacity"))
        else:
            out.append(("over capacity, unacceptable", rows + [extra],
                        "not an acceptable pair"))

    # Unacceptable pair: a learner moved to a listing not on both lists.
    for l in inst.learner_ids:
        bad = [j for j in sorted(problem.capacity) if (l, j) not in problem.pairs]
        if bad:
            broken = [r for r in rows if r["learner_id"] != l]
            broken.append({"learner_id": l, "listing_id": bad[0],
                           "learner_utility": "0.500000",
                           "employer_utility": "0.500000"})
            out.append(("unacceptable pair", broken, "not an acceptable pair"))
            break

    if rows:
        out.append(("learner twice", rows + [dict(rows[0])], "placed twice"))
        wrong = [dict(r) for r in rows]
        wrong[0]["learner_utility"] = f"{micros(wrong[0]['learner_utility']) / 1e6 + 0.25:.6f}"
        out.append(("wrong utility", wrong, "differ from the saved lists"))
        # A learner dropped from allocations.csv but not added to
        # unmatched.csv (weight 0 pairs included).
        out.append(("learner lost", rows[1:], "in neither"))
    return out


def check_mutants(inst, run, problem, optimum, tally):
    """Judges each mutant; tally: name -> [made, reported]. Returns the
    messages for mutants that went unreported."""
    messages = []
    for name, rows, expect in mutants(inst, run, problem, optimum):
        counts = tally.setdefault(name, [0, 0])
        counts[0] += 1
        found, _ = judge(inst, run, problem, optimum, allocation_rows=rows)
        if any(expect in p for p in found):
            counts[1] += 1
        else:
            messages.append(f"mutant '{name}' of seed {inst.seed} not reported "
                            f"(expected '{expect}'; got {found[:3]})")
    return messages


# --------------------------------------------------------------- self-test

def random_problem(rng):
    n = rng.randint(1, 6)
    m = rng.randint(1, 3)
    learners = [f"l{i}" for i in range(n)]
    capacity = {f"j{j}": rng.choice([0, 1, 1, 2, 3]) for j in range(m)}
    values = [0, 0, 100000, 250000, 250000, 500000, 999999, 1000000]
    pairs = {}
    for l in learners:
        for j in capacity:
            if rng.random() < 0.6:
                pairs[(l, j)] = (rng.choice(values), rng.choice(values))
    return Problem(learners, capacity, pairs)


def self_test(count, first_seed):
    problems = 0
    for k in range(count):
        rng = random.Random(f"self-test-{first_seed + k}")
        p = random_problem(rng)
        for kind in ("micros", "float"):
            opt, assignment = solve_scipy(p, kind)
            brute = brute_force(p, kind)
            load = {}
            for l, j in assignment.items():
                load[j] = load.get(j, 0) + 1
            feasible = (all((l, j) in p.pairs for l, j in assignment.items())
                        and all(c <= p.capacity[j] for j, c in load.items()))
            if not feasible or abs(opt - brute) > 1e-9:
                problems += 1
                print(f"ORACLE SELF-TEST FAILED ({kind}) problem {k}: SciPy "
                      f"{opt} {assignment} feasible={feasible}, brute force {brute}")
                print(f"  capacities {p.capacity} pairs {p.pairs}")
    print(f"max-welfare oracle self-test: {count} random problems, SciPy optimum "
          f"= brute force on both weights, {problems} problems")
    return problems == 0


# -------------------------------------------------------------------- main

def evaluate(placer, seed, workdir, keep):
    """Everything for one seed; returns a result dict."""
    d = tempfile.mkdtemp(prefix=f"w{seed}-", dir=workdir)
    result = {"seed": seed, "problems": [], "features": {}}
    try:
        inst = make_instance(seed, placer, d)
        result["inst"] = inst
        run = run_placer(placer, inst, d)
        if run.error:
            result["problems"] = [run.error]
            return result
        problem, issues = problem_from_lists(inst, run)
        optimum, solution = solve_both(problem)
        found, assignment = judge(inst, run, problem, optimum)
        result.update(problems=issues + found, run=run, problem=problem,
                      optimum=optimum, solution=solution, assignment=assignment)
        brute = brute_force(problem, "micros", BRUTE_FORCE_LIMIT)
        result["brute"] = brute
        if brute is not None and brute != optimum["micros"]:
            result["problems"].append(
                f"ORACLE: SciPy optimum {optimum['micros']} != brute force {brute}")
        weights = [problem.weight_micros(l, j) for l, j in problem.pairs]
        price_of_stability = ((run.summary.get("stability") or {})
                              .get("price_of_stability") or {})
        lists = [len(v) for v in run.learner_lists.values()]
        result["features"] = {
            inst.mode() + " mode": True,
            "capacity-0 listing": any(c == 0 for c in inst.capacity.values()),
            "more seats than learners":
                sum(inst.capacity.values()) > len(inst.learner_ids),
            "learner with no eligible listing": any(
                r["reason"] == "no_eligible_listing" for r in run.unmatched),
            "not_selected learner": any(
                r["reason"] == "not_selected" for r in run.unmatched),
            "tied pair weights": len(set(weights)) < len(weights),
            "a list cut at top-k 1-5": inst.top_k() <= 5 and any(
                n == inst.top_k() for n in lists),
            "another optimum than SciPy's": assignment != solution["micros"],
            "stable allocation below the optimum": any(
                v["welfare"] < optimum["float"] - TOLERANCE_SUMMARY
                for k, v in price_of_stability.items() if k != "max-welfare"),
        }
        if keep:
            result["kept"] = d
        return result
    except Exception as e:  # a crash in the oracle is a failure, not a pass
        result["problems"].append(f"ORACLE ERROR: {e!r}")
        return result
    finally:
        if not keep:
            shutil.rmtree(d, ignore_errors=True)


def show(result):
    inst = result.get("inst")
    print(f"  instance {inst.describe() if inst else result['seed']}")
    if "optimum" in result:
        p = result["problem"]
        print(f"  capacities: " + " ".join(
            f"{j}={c}" for j, c in sorted(result['problem'].capacity.items())))
        print(f"  acceptable pairs (learner,listing: learner+employer utility):")
        for l in p.learners:
            if p.options[l]:
                print(f"    {l}: " + " ".join(
                    f"{j}={p.pairs[(l, j)][0] / 1e6:.6f}+{p.pairs[(l, j)][1] / 1e6:.6f}"
                    for j in p.options[l]))
        a, s = result["assignment"], result["solution"]["micros"]
        print(f"  placer: welfare {p.welfare(a, 'micros') / 1e6:.6f}: "
              + " ".join(f"{l}->{a[l]}" for l in sorted(a)))
        print(f"  scipy:  welfare {result['optimum']['micros'] / 1e6:.6f}: "
              + " ".join(f"{l}->{s[l]}" for l in sorted(s)))
    if result.get("kept"):
        print(f"  files kept in {result['kept']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--placer", default=".build/debug/placer")
    ap.add_argument("--instances", type=int, default=200)
    ap.add_argument("--first-seed", type=int, default=1,
                    help="instances use seeds first-seed .. first-seed+N-1")
    ap.add_argument("--seed", type=int,
                    help="run only this seed, print it and keep its files")
    ap.add_argument("--jobs", type=int, default=max(2, (os.cpu_count() or 2)))
    ap.add_argument("--self-test", type=int, default=0, metavar="N",
                    help="first check SciPy against brute force on N problems")
    ap.add_argument("--mutants", type=int, default=0, metavar="K",
                    help="break Placer's allocation of the first K instances "
                         "in several ways and require each to be reported")
    args = ap.parse_args()
    if args.instances < 0 or args.self_test < 0 or args.mutants < 0:
        ap.error("counts must be >= 0")

    ok = True
    if args.self_test:
        ok = self_test(args.self_test, args.first_seed)

    placer = os.path.abspath(args.placer)
    if not (os.path.isfile(placer) and os.access(placer, os.X_OK)):
        print(f"max-welfare oracle: placer binary not found at {args.placer} "
              "(run `swift build` first)", file=sys.stderr)
        return 1

    seeds = ([args.seed] if args.seed is not None
             else list(range(args.first_seed, args.first_seed + args.instances)))
    keep = args.seed is not None
    workdir = tempfile.mkdtemp(prefix="placer-welfare-oracle-")
    passed = failed = 0
    coverage, by_source = {}, {}
    brute_checked = 0
    tally = {}
    failures = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(
                lambda s: evaluate(placer, s, workdir, keep), seeds))
        for k, result in enumerate(results):
            inst = result.get("inst")
            if inst is not None:
                by_source[inst.source] = by_source.get(inst.source, 0) + 1
            for name, present in result["features"].items():
                coverage[name] = coverage.get(name, 0) + present
            brute_checked += result.get("brute") is not None
            if keep:
                show(result)
            if result["problems"]:
                failed += 1
                failures.append(result)
                print(f"FAIL {inst.describe() if inst else result['seed']}")
                for p in result["problems"][:12]:
                    print(f"  {p}")
                if len(result["problems"]) > 12:
                    print(f"  ... {len(result['problems']) - 12} more")
                continue
            passed += 1
            if k < args.mutants:
                messages = check_mutants(inst, result["run"], result["problem"],
                                         result["optimum"], tally)
                for msg in messages:
                    ok = False
                    print(f"ORACLE SELF-TEST FAILED: {msg}")
        if failures:
            print("failing seeds: " + " ".join(str(r["seed"]) for r in failures))
            smallest = min(failures, key=lambda r: (
                len(r["inst"].learner_ids) if r.get("inst") else 0, r["seed"]))
            print(f"reproduce one with `bash scripts/oracle_welfare.sh --placer "
                  f"{args.placer} --seed {smallest['seed']}`")
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)

    if args.mutants:
        made = sum(m for m, _ in tally.values())
        caught = sum(c for _, c in tally.values())
        print(f"max-welfare oracle self-test: {made} broken allocations of "
              f"{min(args.mutants, len(seeds))} instances, {caught} reported ("
              + ", ".join(f"{name} {c}/{m}" for name, (m, c) in tally.items())
              + ")")
        if made == 0 or "drop heaviest pair" not in tally:
            ok = False
            print("ORACLE SELF-TEST FAILED: no broken allocation was made")
    print(f"instances: {len(seeds)} ("
          + ", ".join(f"{n} {s}" for s, n in sorted(by_source.items()))
          + f"); optimum also confirmed by brute force on {brute_checked}")
    print("instances with: " + ", ".join(f"{n} {k}" for k, n in coverage.items()))
    print(f"max-welfare-oracle: {passed} passed, {failed} failed")
    return 0 if ok and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
