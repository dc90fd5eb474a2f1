"""Peer timing for bench-matching: the PyPI package `matching` (1.4.x).

Reads an instance written by bench-matching (JSON: learner lists,
listing lists, capacities, as index lists), solves it with
matching.games.HospitalResident for the resident- and hospital-optimal
matchings, and prints one JSON object: seconds to build the game and to
solve each side, and each matching as a per-learner listing index (-1 for
unmatched), so bench-matching can check that both agree with Placer.
"""
import json
import sys
import threading
import time

from matching.games import HospitalResident


def main():
    with open(sys.argv[1]) as f:
        instance = json.load(f)
    learners = instance["learner_lists"]
    listings = instance["listing_lists"]
    capacities = instance["capacities"]
    residents = {f"l{i}": [f"j{j}" for j in lst]
                 for i, lst in enumerate(learners) if lst}
    hospitals = {f"j{j}": [f"l{i}" for i in lst]
                 for j, lst in enumerate(listings) if lst}
    caps = {f"j{j}": capacities[j] for j in range(len(listings))
            if listings[j]}
    out = {}
    for side, optimal in (("learners", "resident"), ("listings", "hospital")):
        start = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, caps)
        built = time.perf_counter()
        solution = game.solve(optimal=optimal)
        solved = time.perf_counter()
        listing_of = [-1] * len(learners)
        for hospital, members in solution.items():
            for resident in members:
                listing_of[int(resident.name[1:])] = int(hospital.name[1:])
        out[side] = {"build_seconds": built - start,
                     "solve_seconds": solved - built,
                     "listing_of": listing_of}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    # The package deep-copies its linked player objects recursively, which
    # needs far more than the default recursion depth at this size.
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 30)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
