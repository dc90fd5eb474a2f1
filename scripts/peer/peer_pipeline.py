"""Peer pipeline: what a data scientist would write with numpy,
scikit-learn and the PyPI `matching` package, doing Placer's default job.

Reads learners.csv and listings.csv, checks the hard constraints of
CONTRACT.md section 1, scores both views with the default weights (skills
coverage, preferred skills, TF-IDF goal cosine, sectors, location decay,
stated ranks), keeps each learner's top 50 eligible listings, ranks each
listing's applicants by employer utility, runs learner-proposing deferred
acceptance with matching.games.HospitalResident and writes allocations.csv.
Per-stage wall times and peak memory go to stdout as one JSON line per
stage reached (the last one has "complete": true).

It is a peer for timing, not an oracle: tokenization, tie-breaking and
float rounding differ from Placer's, so lists can differ at ties.

    python peer_pipeline.py --learners L.csv --listings J.csv --out DIR
"""

import argparse
import csv
import json
import os
import resource
import sys
import threading
import time
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

LEARNER_W = dict(skills=.20, preferred=.05, goals=.45, sectors=.10,
                 location=.10, stated=.10)
EMPLOYER_W = dict(skills=.35, preferred=.10, goals=.35, sectors=.05,
                  location=.05, stated=.10)
TYPES = ["internship", "apprenticeship", "co-op"]
MODES = ["onsite", "hybrid", "remote"]
TOP_K = 50
BLOCK = 1024
SCALE_KM = 50.0


def split(cell):
    return [x.strip() for x in cell.split(";") if x.strip()]


def skills(cell):
    out = []
    for entry in split(cell):
        name, _, level = entry.rpartition(":")
        if not name:
            name, level = entry, "3"
        out.append((name.strip().lower(), int(level)))
    return out


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


class Codes(dict):
    def __call__(self, label):
        if not label:
            return -1
        return self.setdefault(label, len(self))


def mask(labels, names):
    if not labels:
        return (1 << len(names)) - 1
    return sum(1 << names.index(x) for x in labels)


def prepare(learners, listings):
    """Arrays for eligibility and sparse feature matrices for scoring."""
    n, m = len(learners), len(listings)
    place, term, prog = Codes(), Codes(), Codes()
    L = {}
    L["types"] = np.array([mask(split(r["types"]), TYPES) for r in learners])
    L["modes"] = np.array([mask(split(r["modes"]), MODES) for r in learners])
    L["place"] = np.array([place(r["location"].strip().lower())
                           for r in learners])
    L["reloc"] = np.array([r["relocate"].strip().lower() in ("yes", "true",
                                                             "1", "y")
                           for r in learners])
    L["lat"] = np.array([float(r["lat"]) if r["lat"] else np.nan
                         for r in learners])
    L["lon"] = np.array([float(r["lon"]) if r["lon"] else np.nan
                         for r in learners])
    L["limit"] = np.array([float(r["max_distance_km"])
                           if r["max_distance_km"] else np.nan
                           for r in learners])
    L["term"] = np.array([term(r["term"].strip().lower()) for r in learners])
    L["year"] = np.array([int(r["year"]) if r["year"] else 0
                          for r in learners])
    L["prog"] = np.array([prog(r["program"].strip().lower())
                          for r in learners])
    J = {}
    J["type"] = np.array([mask([r["type"]], TYPES) for r in listings])
    J["mode"] = np.array([mask([r["mode"] or "onsite"], MODES)
                          for r in listings])
    J["place"] = np.array([place(r["location"].strip().lower())
                           for r in listings])
    J["lat"] = np.array([float(r["lat"]) if r["lat"] else np.nan
                         for r in listings])
    J["lon"] = np.array([float(r["lon"]) if r["lon"] else np.nan
                         for r in listings])
    J["term"] = np.array([term(r["term"].strip().lower()) for r in listings])
    J["minyear"] = np.array([int(r["min_year"]) if r["min_year"] else 0
                             for r in listings])
    rows, cols = [], []
    for j, r in enumerate(listings):
        for p in split(r["programs"]):
            rows.append(j)
            cols.append(prog(p.lower()))
    J["progs"] = sp.csr_matrix((np.ones(len(rows), bool), (rows, cols)),
                               shape=(m, max(1, len(prog))))
    J["anyprog"] = np.asarray(J["progs"].sum(axis=1)).ravel() == 0
    learner_ids = {r["learner_id"]: i for i, r in enumerate(learners)}
    listing_ids = {r["listing_id"]: j for j, r in enumerate(listings)}
    J["excluded"] = {(learner_ids[x], j) for j, r in enumerate(listings)
                     for x in split(r["excluded"]) if x in learner_ids}
    J["capacity"] = np.array([int(r["capacity"]) for r in listings])
    return L, J, learner_ids, listing_ids


def features(learners, listings, learner_ids, listing_ids):
    """Skill threshold encodings, TF-IDF, sectors and stated ranks."""
    n, m = len(learners), len(listings)
    skill_ids = {}
    for r in listings:
        for s, _ in skills(r["required_skills"]) + skills(
                r["preferred_skills"]):
            skill_ids.setdefault(s, len(skill_ids))
    width = 5 * max(1, len(skill_ids))

    def learner_levels():
        rows, cols = [], []
        for i, r in enumerate(learners):
            for s, level in skills(r["skills"]):
                if s in skill_ids:
                    for t in range(level):
                        rows.append(i)
                        cols.append(5 * skill_ids[s] + t)
        return sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                             shape=(n, width))

    def listing_levels(column):
        rows, cols, vals = [], [], []
        for j, r in enumerate(listings):
            entries = skills(r[column])
            for s, level in entries:
                for t in range(level):
                    rows.append(j)
                    cols.append(5 * skill_ids[s] + t)
                    vals.append(1.0 / (level * len(entries)))
        return sp.csr_matrix((np.array(vals, np.float32), (rows, cols)),
                             shape=(m, width))

    F = {"L_skills": learner_levels(),
         "J_required": listing_levels("required_skills"),
         "J_preferred": listing_levels("preferred_skills")}
    F["none_required"] = np.array([not split(r["required_skills"])
                                   for r in listings])
    docs_l = [" ".join([r["goals"]] + split(r["sectors"])) for r in learners]
    docs_j = [" ".join([r["title"], r["description"]] + split(r["sectors"]))
              for r in listings]
    tfidf = TfidfVectorizer(sublinear_tf=True, smooth_idf=True,
                            stop_words="english", dtype=np.float32)
    tfidf.fit(docs_l + docs_j)
    F["L_text"] = tfidf.transform(docs_l)
    F["J_text"] = tfidf.transform(docs_j)
    sector_ids = {}
    for r in listings:
        for s in split(r["sectors"]):
            sector_ids.setdefault(s.lower(), len(sector_ids))
    rows, cols = [], []
    for i, r in enumerate(learners):
        for s in split(r["sectors"]):
            if s.lower() in sector_ids:
                rows.append(i)
                cols.append(sector_ids[s.lower()])
    F["L_sectors"] = sp.csr_matrix(
        (np.ones(len(rows), np.float32), (rows, cols)),
        shape=(n, max(1, len(sector_ids))))
    rows, cols, vals = [], [], []
    for j, r in enumerate(listings):
        ss = split(r["sectors"])
        for s in ss:
            rows.append(j)
            cols.append(sector_ids[s.lower()])
            vals.append(1.0 / len(ss))
    F["J_sectors"] = sp.csr_matrix(
        (np.array(vals, np.float32), (rows, cols)),
        shape=(m, max(1, len(sector_ids))))

    def stated(rows_of, ids, shape, transpose):
        r_, c_, v_ = [], [], []
        for a, r in enumerate(rows_of):
            pref = [ids[x] for x in split(r["preferences"]) if x in ids]
            for k, b in enumerate(pref):
                r_.append(b if transpose else a)
                c_.append(a if transpose else b)
                v_.append(1 - k / len(pref))
        return sp.csr_matrix((np.array(v_, np.float32), (r_, c_)),
                             shape=shape)

    F["L_stated"] = stated(learners, listing_ids, (n, m), False)
    F["J_stated"] = stated(listings, learner_ids, (n, m), True)
    return F


def haversine(lat1, lon1, lat2, lon2):
    p = np.pi / 180
    a = (np.sin((lat2 - lat1) * p / 2) ** 2 + np.cos(lat1 * p)
         * np.cos(lat2 * p) * np.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * 6371 * np.arcsin(np.minimum(1, np.sqrt(a)))


def score_block(rows, L, J, F):
    """Eligibility mask and both views' utilities for learners `rows`."""
    remote = J["mode"] == 4
    ok = (L["types"][rows, None] & J["type"][None, :]) != 0
    ok &= (L["modes"][rows, None] & J["mode"][None, :]) != 0
    lp, jp = L["place"][rows, None], J["place"][None, :]
    same = (lp == jp) & (lp >= 0)
    dist = haversine(L["lat"][rows, None], L["lon"][rows, None],
                     J["lat"][None, :], J["lon"][None, :])
    limit = L["limit"][rows, None]
    has_d = ~np.isnan(dist) & ~np.isnan(limit)
    place_ok = (lp < 0) | (jp < 0) | same | L["reloc"][rows, None]
    located_ok = np.where(has_d, dist <= limit, place_ok)
    ok &= remote[None, :] | located_ok
    lt, jt = L["term"][rows, None], J["term"][None, :]
    ok &= (lt < 0) | (jt < 0) | (lt == jt)
    ok &= L["year"][rows, None] >= J["minyear"][None, :]
    prog = L["prog"][rows]
    allowed = J["progs"][:, np.maximum(prog, 0)].T.toarray()
    allowed &= (prog >= 0)[:, None]
    ok &= J["anyprog"][None, :] | allowed
    for (i, j) in J["excluded"]:
        if rows.start <= i < rows.stop:
            ok[i - rows.start, j] = False

    comp = {}
    cov = (F["L_skills"][rows] @ F["J_required"].T).toarray()
    comp["skills"] = np.where(F["none_required"][None, :], 1.0, cov)
    comp["preferred"] = (F["L_skills"][rows] @ F["J_preferred"].T).toarray()
    comp["goals"] = (F["L_text"][rows] @ F["J_text"].T).toarray()
    comp["sectors"] = (F["L_sectors"][rows] @ F["J_sectors"].T).toarray()
    decay = np.where(np.isnan(dist), 0.0, np.exp(-dist / SCALE_KM))
    comp["location"] = np.where(remote[None, :] | same, 1.0, decay)
    views = []
    for weights, stated in ((LEARNER_W, F["L_stated"]),
                            (EMPLOYER_W, F["J_stated"])):
        total = sum(weights.values())
        u = sum(weights[c] / total * comp[c] for c in comp)
        u = u + weights["stated"] / total * stated[rows].toarray()
        views.append(u)
    return ok, views[0], views[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", required=True)
    parser.add_argument("--listings", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    times = {}
    mark = time.perf_counter()

    def lap(stage):
        nonlocal mark
        now = time.perf_counter()
        times[stage] = now - mark
        mark = now
        report()

    def report(**extra):
        # One line per stage, so a run stopped by a time cap still tells
        # how far it got; the last line is the full record.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps(dict(stages=times, total=sum(times.values()),
                              peak_rss_bytes=peak, **extra),
                         sort_keys=True), flush=True)

    learners, listings = read(args.learners), read(args.listings)
    L, J, learner_ids, listing_ids = prepare(learners, listings)
    lap("parse")
    F = features(learners, listings, learner_ids, listing_ids)
    lap("vectorize")

    n, m = len(learners), len(listings)
    k = min(TOP_K, m)
    lists, employer = [], []
    score_time = topk_time = 0.0
    for start in range(0, n, BLOCK):
        t0 = time.perf_counter()
        rows = slice(start, min(n, start + BLOCK))
        ok, u_l, u_e = score_block(rows, L, J, F)
        t1 = time.perf_counter()
        u_l = np.where(ok, u_l, -np.inf)
        top = np.argpartition(-u_l, k - 1, axis=1)[:, :k]
        for r in range(top.shape[0]):
            cand = top[r][np.isfinite(u_l[r, top[r]])]
            cand = cand[np.lexsort((cand, -u_l[r, cand]))]
            lists.append(cand)
            employer.append(u_e[r, cand])
        score_time += t1 - t0
        topk_time += time.perf_counter() - t1
    times["score"] = score_time
    times["top_k"] = topk_time
    report()
    mark = time.perf_counter()

    applicants = [[] for _ in range(m)]
    for i, (cand, ue) in enumerate(zip(lists, employer)):
        for j, e in zip(cand, ue):
            applicants[j].append((-e, i))
    open_j = {j for j in range(m) if J["capacity"][j] > 0}
    res = {i: [int(j) for j in cand if j in open_j]
           for i, cand in enumerate(lists)}
    res = {i: p for i, p in res.items() if p}
    hosp = {j: [i for _, i in sorted(applicants[j]) if i in res]
            for j in open_j}
    hosp = {j: p for j, p in hosp.items() if p}
    caps = {j: int(J["capacity"][j]) for j in hosp}
    lap("lists")

    from matching.games import HospitalResident
    assignment = {}
    if res:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = HospitalResident.create_from_dictionaries(res, hosp, caps)
            solution = game.solve(optimal="resident")
        for hospital, residents in solution.items():
            for resident in residents:
                assignment[resident.name] = hospital.name
    lap("match")

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "allocations.csv"), "w",
              newline="") as f:
        w = csv.writer(f)
        w.writerow(["learner_id", "listing_id"])
        for i in sorted(assignment):
            w.writerow([learners[i]["learner_id"],
                        listings[assignment[i]]["listing_id"]])
    now = time.perf_counter()
    times["write"] = now - mark
    report(matched=len(assignment), complete=True)


if __name__ == "__main__":
    # `matching` deep-copies its player graph recursively: give it depth
    # and a large stack.
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 30)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
