#!/usr/bin/env python3
"""Build the Placer fixture Fixtures/sample/: a small invented cohort.

60 learners and 15 listings spread over five cities, three listing types, three
work modes and several sectors. Everything here is made up by the Placer team; no
real person is described. The script checks the properties that the fixture's
README promises and stops with an error if any of them does not hold.

Usage:
    python3 scripts/build_sample_fixture.py [--out DIR]

Python 3 standard library only; seeded with random.Random(2026), so the output is
byte-for-byte deterministic.
"""

import argparse
import csv
import io
import math
import random
import sys
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent
DEFAULT_OUT = REPO_ROOT / "Fixtures" / "sample"
SEED = 2026

FALL = "2026-fall"
SPRING = "2027-spring"

# name -> (lat, lon). Kingston hosts no listing; it is a home location only.
CITIES = {
    "Toronto": (43.6532, -79.3832),
    "Waterloo": (43.4643, -80.5204),
    "Hamilton": (43.2557, -79.8711),
    "Ottawa": (45.4215, -75.6972),
    "Montreal": (45.5019, -73.5674),
    "Kingston": (44.2312, -76.4860),
}

LEARNER_COLUMNS = [
    "learner_id", "skills", "goals", "sectors", "types", "modes", "location",
    "relocate", "lat", "lon", "max_distance_km", "term", "program", "year", "group",
    "preferences", "pinned",
]
LISTING_COLUMNS = [
    "listing_id", "type", "capacity", "employer", "title", "description",
    "required_skills", "preferred_skills", "sectors", "mode", "location", "lat", "lon",
    "term", "min_year", "programs", "reserve", "preferences", "excluded",
]

# ---------------------------------------------------------------------------
# Listings (hand-written). Skills are (name, level) pairs. The `preferences` and
# `excluded` cells are filled in later from the generated learners.
# ---------------------------------------------------------------------------

LISTINGS = [
    dict(listing_id="J01", type="internship", capacity=5, employer="Maplestack Software",
         title="Backend Developer Intern",
         description="Join the platform team that builds the APIs behind our scheduling "
                     "product. You will write Python services, tune SQL queries and ship "
                     "code through review.",
         required=[("python", 3), ("sql", 2), ("git", 2)],
         preferred=[("docker", 2), ("testing", 2)],
         sectors=["software"], mode="hybrid", location="Toronto", term=FALL),
    dict(listing_id="J02", type="co-op", capacity=5, employer="Lumenfold Apps",
         title="Front-End Developer Co-op",
         description="Build accessible web screens in React for a clinic booking app, "
                     "working closely with our designers and releasing every sprint.",
         required=[("javascript", 3), ("react", 2)],
         preferred=[("git", 2), ("testing", 2)],
         sectors=["software", "healthcare"], mode="remote", location="", term=FALL),
    dict(listing_id="J03", type="internship", capacity=4, employer="Harbourline Insurance",
         title="Data Analyst Intern",
         description="Turn claims data into weekly dashboards and help the pricing team "
                     "spot trends. Strong spreadsheet habits and careful SQL matter more "
                     "than fancy tools.",
         required=[("sql", 3), ("excel", 3), ("statistics", 2)],
         preferred=[("python", 2), ("tableau", 2)],
         sectors=["finance", "data"], mode="onsite", location="Toronto", term=FALL),
    dict(listing_id="J04", type="apprenticeship", capacity=4,
         employer="Ferncliff Community Health",
         title="Clinical Support Apprentice",
         description="Support nurses on a busy community ward: patient intake, vital "
                     "signs and charting, with a mentor on every shift.",
         required=[("patient care", 2), ("medical terminology", 2)],
         preferred=[("infection control", 2), ("charting", 2)],
         sectors=["healthcare"], mode="onsite", location="Hamilton", term=FALL,
         programs=["nursing"]),
    dict(listing_id="J05", type="apprenticeship", capacity=3, employer="Forgepoint Fabrication",
         title="Welding Apprentice",
         description="Learn MIG and TIG welding on structural steel assemblies in our "
                     "shop, reading drawings and following strict safety practice.",
         required=[("welding", 2), ("blueprint reading", 2), ("safety procedures", 2)],
         preferred=[("cad", 1)],
         sectors=["manufacturing"], mode="onsite", location="Hamilton", term=FALL),
    dict(listing_id="J06", type="co-op", capacity=3, employer="Tallgrass Robotics",
         title="Mechanical Design Co-op",
         description="Design brackets and enclosures for warehouse robots in CAD, then "
                     "take them to the machine shop and test them.",
         required=[("cad", 3), ("blueprint reading", 2)],
         preferred=[("python", 2), ("machining", 2)],
         sectors=["manufacturing", "software"], mode="hybrid", location="Waterloo",
         term=FALL, min_year=3),
    dict(listing_id="J07", type="co-op", capacity=4, employer="Cedarmark Credit Union",
         title="Financial Analyst Co-op",
         description="Build the monthly forecast models for our lending portfolio and "
                     "prepare the numbers that go to the board.",
         required=[("excel", 4), ("accounting", 3), ("financial modeling", 2)],
         preferred=[("sql", 2)],
         sectors=["finance"], mode="hybrid", location="Toronto", term=FALL, min_year=2),
    dict(listing_id="J08", type="internship", capacity=3,
         employer="Northlight Power Cooperative",
         title="Energy Data Intern",
         description="Analyse meter and weather data to improve our load forecasts for a "
                     "member-owned electricity cooperative.",
         required=[("python", 2), ("statistics", 2), ("excel", 3)],
         preferred=[("sql", 2)],
         sectors=["energy", "data"], mode="onsite", location="Ottawa", term=FALL,
         reserve="first-gen:1"),
    dict(listing_id="J09", type="apprenticeship", capacity=2, employer="Boreal Grid Services",
         title="Electrical Field Apprentice",
         description="Work with line crews on substation upgrades, learning wiring, "
                     "lock-out procedures and control panels.",
         required=[("electrical wiring", 2), ("blueprint reading", 2), ("safety procedures", 3)],
         preferred=[("plc programming", 2)],
         sectors=["energy"], mode="onsite", location="Ottawa", term=SPRING),
    dict(listing_id="J10", type="internship", capacity=3,
         employer="Capital Region Digital Service",
         title="Open Data Intern",
         description="Clean and publish city datasets on the open data portal and write "
                     "short plain-language notes on what each dataset shows.",
         required=[("python", 2), ("sql", 2)],
         preferred=[("statistics", 2), ("report writing", 2)],
         sectors=["public sector", "data"], mode="hybrid", location="Ottawa", term=FALL),
    dict(listing_id="J11", type="co-op", capacity=3, employer="Tamarack Health Network",
         title="Health Informatics Co-op",
         description="Help clinicians get reliable reports out of the electronic health "
                     "record: writing queries, checking codes and documenting fixes.",
         required=[("sql", 2), ("medical terminology", 2)],
         preferred=[("python", 2), ("excel", 2)],
         sectors=["healthcare", "data"], mode="hybrid", location="Montreal", term=FALL),
    dict(listing_id="J12", type="internship", capacity=3, employer="Quillfeather Analytics",
         title="Machine Learning Intern",
         description="Prototype demand-forecasting models for retail clients and compare "
                     "them honestly against simple baselines.",
         required=[("python", 4), ("statistics", 3), ("sql", 2)],
         preferred=[("machine learning", 3)],
         sectors=["software", "data"], mode="remote", location="", term=FALL),
    dict(listing_id="J13", type="apprenticeship", capacity=2, employer="Ledgerline Accounting",
         title="Accounting Apprentice",
         description="Learn the bookkeeping and year-end routine of a small accounting "
                     "firm serving local businesses.",
         required=[("accounting", 2), ("excel", 3)],
         preferred=[("bookkeeping", 2)],
         sectors=["finance"], mode="onsite", location="Montreal", term=SPRING),
    dict(listing_id="J14", type="internship", capacity=4, employer="Kestrel Components",
         title="Quality Engineering Intern",
         description="Measure machined parts, chart process capability and help the "
                     "quality team chase down the causes of defects.",
         required=[("statistics", 2), ("blueprint reading", 2), ("excel", 2)],
         preferred=[("cad", 2)],
         sectors=["manufacturing"], mode="onsite", location="Waterloo", term=FALL),
    dict(listing_id="J15", type="internship", capacity=0,
         employer="Lakeshore Policy Institute",
         title="Energy Policy Research Intern",
         description="Research and write briefs on grid decarbonisation policy. Intake is "
                     "paused this term, so no seats are open.",
         required=[("report writing", 3), ("policy analysis", 2)],
         preferred=[("excel", 2), ("statistics", 2)],
         sectors=["public sector", "energy"], mode="remote", location="", term=FALL),
]

# ---------------------------------------------------------------------------
# Learner vocabularies (hand-written)
# ---------------------------------------------------------------------------

# program -> (skill pool, core skills first; sector pool, primary first; type choices)
PROGRAMS = {
    "computer-science": (
        ["python", "git", "sql", "javascript", "react", "java", "docker", "testing"],
        ["software", "data", "healthcare", "finance"],
        ["", "internship", "internship;co-op", "co-op"]),
    "data-science": (
        ["python", "sql", "statistics", "excel", "machine learning", "tableau", "git"],
        ["data", "software", "finance", "healthcare", "energy", "public sector"],
        ["", "internship", "internship;co-op", "co-op"]),
    "nursing": (
        ["patient care", "medical terminology", "infection control", "charting", "first aid"],
        ["healthcare"],
        ["", "apprenticeship", "apprenticeship;co-op", "apprenticeship;internship",
         "co-op;internship"]),
    "business": (
        ["excel", "accounting", "financial modeling", "bookkeeping", "sql", "report writing"],
        ["finance", "public sector", "software"],
        ["", "internship;co-op", "co-op", "apprenticeship;co-op"]),
    "mechanical-engineering": (
        ["cad", "blueprint reading", "machining", "statistics", "python", "excel"],
        ["manufacturing", "energy"],
        ["", "co-op", "internship;co-op", "apprenticeship"]),
    "skilled-trades": (
        ["welding", "blueprint reading", "safety procedures", "electrical wiring",
         "plc programming", "cad"],
        ["manufacturing", "energy"],
        ["", "apprenticeship"]),
    "public-administration": (
        ["report writing", "policy analysis", "excel", "statistics", "sql"],
        ["public sector", "energy"],
        ["", "internship"]),
}

# how many of the 60 learners study each program
PROGRAM_MIX = [
    ("computer-science", 14), ("data-science", 10), ("nursing", 9), ("business", 10),
    ("mechanical-engineering", 7), ("skilled-trades", 6), ("public-administration", 4),
]

OPENERS = [
    "I want to", "My goal is to", "I hope to", "I am looking for a chance to",
    "After graduating I plan to", "I would like to", "Long term I aim to",
    "This placement should help me",
]

AIMS = {
    "computer-science": [
        "build reliable backend services for a product team",
        "become a full-stack developer who cares about accessible interfaces",
        "learn how professional teams test and ship software",
        "write software that helps clinics and hospitals run smoothly",
        "grow into a software engineer working on data-heavy products",
    ],
    "data-science": [
        "turn messy data into forecasts people can trust",
        "work as a data analyst and build dashboards that drive decisions",
        "apply machine learning to real problems in energy or finance",
        "use statistics to improve public services",
        "move into a data science role on a product team",
    ],
    "nursing": [
        "work in community health and care directly for patients",
        "gain hands-on ward experience before my clinical rotations",
        "become a registered nurse in a busy hospital",
        "learn how health records and patient care fit together",
    ],
    "business": [
        "become a financial analyst who builds clear forecast models",
        "qualify as an accountant and understand how small firms run",
        "work in budgeting for a public agency",
        "learn corporate finance from the inside at a bank or credit union",
    ],
    "mechanical-engineering": [
        "design mechanical parts for robots and automated machines",
        "work in quality engineering on a manufacturing floor",
        "get practical CAD and machining experience before my final year",
        "help build equipment for renewable energy",
    ],
    "skilled-trades": [
        "finish my welding apprenticeship and earn my ticket",
        "become a licensed electrician working on the power grid",
        "work in a fabrication shop and learn to read complex drawings",
        "build a career in industrial maintenance",
    ],
    "public-administration": [
        "write policy research that shapes energy regulation",
        "work in a government digital team on open data",
        "become a policy analyst in the public service",
    ],
}

SECTOR_PHRASES = {
    "software": "software products",
    "data": "data work",
    "healthcare": "healthcare",
    "finance": "finance",
    "manufacturing": "manufacturing",
    "energy": "the energy transition",
    "public sector": "public service",
}

MODE_CHOICES = ["", "", "", "", "onsite;hybrid", "hybrid;remote", "remote", "hybrid"]
# hands-on programs do not look for remote-only work
HANDS_ON_MODE_CHOICES = ["", "", "onsite;hybrid", "onsite"]
HANDS_ON = {"nursing", "skilled-trades", "mechanical-engineering"}
CITY_WEIGHTS = [("Toronto", 30), ("Ottawa", 20), ("Hamilton", 15), ("Waterloo", 15),
                ("Montreal", 15), ("Kingston", 5)]
# programs whose students cluster near a teaching hospital or trade school
CITY_WEIGHT_OVERRIDES = {
    "nursing": [("Toronto", 20), ("Ottawa", 10), ("Hamilton", 45), ("Waterloo", 10),
                ("Montreal", 10), ("Kingston", 5)],
    "skilled-trades": [("Toronto", 15), ("Ottawa", 25), ("Hamilton", 35), ("Waterloo", 10),
                       ("Montreal", 10), ("Kingston", 5)],
}
MAX_DISTANCE_CHOICES = [80, 120, 200]
LEVEL_CHOICES = [1, 2, 2, 3, 3, 3, 4, 4, 5]

N_LEARNERS = 60
N_FIRST_GEN = 10
N_WITH_PREFERENCES = 8
NO_LOCATION_LEARNER = "L044"
DISTANCE_MARGIN_KM = 10.0

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def haversine_km(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def split(cell):
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


def skills_cell(pairs):
    return ";".join(f"{name}:{level}" for name, level in pairs)


def parse_skills(cell):
    out = {}
    for item in split(cell):
        name, _, level = item.partition(":")
        out[name] = int(level) if level else 3
    return out


def coords(row):
    if row.get("lat") and row.get("lon"):
        return (float(row["lat"]), float(row["lon"]))
    return None


def weighted_sample(rng, items, k):
    """k distinct items, earlier items more likely (weight len-i)."""
    pool = list(items)
    weights = [len(pool) - i for i in range(len(pool))]
    chosen = []
    for _ in range(k):
        i = rng.choices(range(len(pool)), weights=weights)[0]
        chosen.append(pool.pop(i))
        weights.pop(i)
    return chosen


def ineligibility(learner, listing):
    """Reasons why the pair fails the hard constraints of CONTRACT.md section 1
    (an empty list means eligible)."""
    reasons = []
    types = split(learner["types"])
    if types and listing["type"] not in types:
        reasons.append("type")
    modes = split(learner["modes"])
    mode = listing["mode"] or "onsite"
    if modes and mode not in modes:
        reasons.append("mode")
    if mode in ("onsite", "hybrid"):
        lloc = learner["location"].strip().lower()
        jloc = listing["location"].strip().lower()
        ok = (not lloc or not jloc or lloc == jloc or learner["relocate"] == "yes")
        if not ok and learner["max_distance_km"]:
            a, b = coords(learner), coords(listing)
            if a and b and haversine_km(a, b) <= float(learner["max_distance_km"]):
                ok = True
        if not ok:
            reasons.append("location")
    if learner["term"] and listing["term"] and learner["term"] != listing["term"]:
        reasons.append("term")
    if listing["min_year"]:
        if not learner["year"] or int(learner["year"]) < int(listing["min_year"]):
            reasons.append("min_year")
    programs = split(listing["programs"])
    if programs and learner["program"] not in programs:
        reasons.append("program")
    if learner["learner_id"] in split(listing["excluded"]):
        reasons.append("excluded")
    return reasons


def fit(learner, listing):
    """Rough suitability used only to choose stated preferences in this script."""
    have = parse_skills(learner["skills"])
    req = parse_skills(listing["required_skills"])
    skill = (sum(min(have.get(s, 0), l) / l for s, l in req.items()) / len(req)) if req else 1.0
    lsec = set(split(listing["sectors"]))
    sec = len(lsec & set(split(learner["sectors"]))) / len(lsec) if lsec else 0.0
    return skill + 0.25 * sec


def max_placeable(learners, listings, elig):
    """Size of a maximum capacitated matching on the eligibility graph."""
    cap = {j["listing_id"]: int(j["capacity"]) for j in listings}
    assigned = {jid: [] for jid in cap}

    def augment(lid, seen):
        for jid in elig[lid]:
            if jid in seen:
                continue
            seen.add(jid)
            if len(assigned[jid]) < cap[jid]:
                assigned[jid].append(lid)
                return True
            for other in list(assigned[jid]):
                if augment(other, seen):
                    assigned[jid].remove(other)
                    assigned[jid].append(lid)
                    return True
        return False

    return sum(1 for l in learners if augment(l["learner_id"], set()))


def write_csv(path, header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    path.write_bytes(buf.getvalue().encode("utf-8"))


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------


def listing_rows():
    rows = []
    for spec in LISTINGS:
        loc = spec["location"]
        lat, lon = CITIES[loc] if loc else ("", "")
        rows.append({
            "listing_id": spec["listing_id"],
            "type": spec["type"],
            "capacity": str(spec["capacity"]),
            "employer": spec["employer"],
            "title": spec["title"],
            "description": spec["description"],
            "required_skills": skills_cell(spec["required"]),
            "preferred_skills": skills_cell(spec["preferred"]),
            "sectors": ";".join(spec["sectors"]),
            "mode": spec["mode"],
            "location": loc,
            "lat": f"{lat:.4f}" if loc else "",
            "lon": f"{lon:.4f}" if loc else "",
            "term": spec["term"],
            "min_year": str(spec.get("min_year", "")),
            "programs": ";".join(spec.get("programs", [])),
            "reserve": spec.get("reserve", ""),
            "preferences": "",
            "excluded": "",
        })
    return rows


def make_learner(rng, lid, program):
    pool, sector_pool, type_choices = PROGRAMS[program]
    year = rng.randint(1, 4)
    k = rng.randint(2, min(6, len(pool)))
    skills = []
    for name in weighted_sample(rng, pool, k):
        level = min(rng.choice(LEVEL_CHOICES), 2 + year)  # first-years top out at 3
        if year >= 3 and level < 5 and rng.random() < 0.5:
            level += 1
        skills.append((name, level))

    n_sec = 1 if len(sector_pool) == 1 or rng.random() < 0.5 else 2
    sectors = [sector_pool[0]] if rng.random() < 0.8 else []
    for s in weighted_sample(rng, sector_pool, len(sector_pool)):
        if len(sectors) >= n_sec:
            break
        if s not in sectors:
            sectors.append(s)

    goal = f"{rng.choice(OPENERS)} {rng.choice(AIMS[program])}."
    if rng.random() < 0.5:
        goal += f" I am especially interested in {SECTOR_PHRASES[sectors[0]]}."

    weights = CITY_WEIGHT_OVERRIDES.get(program, CITY_WEIGHTS)
    city = rng.choices([c for c, _ in weights], weights=[w for _, w in weights])[0]
    relocate = "yes" if rng.random() < 0.35 else "no"
    max_dist = ""
    if relocate == "no" and rng.random() < 0.3:
        max_dist = str(rng.choice(MAX_DISTANCE_CHOICES))
    lat, lon = CITIES[city]
    return {
        "learner_id": lid,
        "skills": skills_cell(skills),
        "goals": goal,
        "sectors": ";".join(sectors),
        "types": rng.choice(type_choices),
        "modes": rng.choice(HANDS_ON_MODE_CHOICES if program in HANDS_ON else MODE_CHOICES),
        "location": city,
        "relocate": relocate,
        "lat": f"{lat:.4f}",
        "lon": f"{lon:.4f}",
        "max_distance_km": max_dist,
        "term": FALL,
        "program": program,
        "year": str(year),
        "group": "",
        "preferences": "",
        "pinned": "",
    }


# The two learners who are eligible for nothing (see README).
def special_learners():
    lat_t, lon_t = CITIES["Toronto"]
    lat_k, lon_k = CITIES["Kingston"]
    l059 = {
        "learner_id": "L059",
        "skills": skills_cell([("python", 3), ("sql", 3), ("statistics", 2), ("excel", 4)]),
        "goals": "I want to work as a data analyst close to home while I finish my degree "
                 "part-time.",
        "sectors": "data;finance",
        "types": "internship",
        "modes": "",
        "location": "Toronto", "relocate": "no", "lat": f"{lat_t:.4f}", "lon": f"{lon_t:.4f}",
        "max_distance_km": "",
        "term": SPRING, "program": "data-science", "year": "3",
        "group": "", "preferences": "", "pinned": "",
    }
    l060 = {
        "learner_id": "L060",
        "skills": skills_cell([("welding", 3), ("blueprint reading", 2), ("safety procedures", 3)]),
        "goals": "My goal is to finish a welding apprenticeship without leaving Kingston.",
        "sectors": "manufacturing",
        "types": "apprenticeship",
        "modes": "onsite",
        "location": "Kingston", "relocate": "no", "lat": f"{lat_k:.4f}", "lon": f"{lon_k:.4f}",
        "max_distance_km": "",
        "term": FALL, "program": "skilled-trades", "year": "2",
        "group": "", "preferences": "", "pinned": "",
    }
    return [l059, l060]


def eligibility(learners, listings):
    return {l["learner_id"]: [j["listing_id"] for j in listings if not ineligibility(l, j)]
            for l in learners}


def build(out_dir):
    rng = random.Random(SEED)
    listings = listing_rows()
    by_id = {j["listing_id"]: j for j in listings}

    programs = [p for p, n in PROGRAM_MIX for _ in range(n)]
    assert len(programs) == N_LEARNERS
    # L059 and L060 are written by hand; drop one data-science and one
    # skilled-trades slot for them and shuffle the rest.
    programs.remove("data-science")
    programs.remove("skilled-trades")
    rng.shuffle(programs)

    learners = [make_learner(rng, f"L{i:03d}", p) for i, p in enumerate(programs, start=1)]
    learners += special_learners()

    # One learner without any location: location never blocks it.
    nl = next(l for l in learners if l["learner_id"] == NO_LOCATION_LEARNER)
    nl.update(location="", lat="", lon="", max_distance_km="", relocate="no")

    # Spring-term learners: one skilled-trades and two business learners who
    # start in 2027-spring and will move for an apprenticeship (J09, J13).
    designed = {"L059", "L060", NO_LOCATION_LEARNER}
    for prog, n in (("skilled-trades", 1), ("business", 2)):
        cands = [l for l in learners if l["program"] == prog and l["learner_id"] not in designed]
        for l in rng.sample(cands, n):
            l.update(term=SPRING, relocate="yes", max_distance_km="", modes="",
                     types="apprenticeship" if prog == "skilled-trades" else "")
            designed.add(l["learner_id"])

    # Repair generated learners that came out eligible for nothing (only L059 and
    # L060 should be), and keep max_distance_km away from any real distance.
    eligible_for_nothing = {"L059", "L060"}
    repaired = set()
    for l in learners:
        if l["learner_id"] in eligible_for_nothing:
            continue
        if l["max_distance_km"]:
            home = coords(l)
            d = float(l["max_distance_km"])
            if any(abs(haversine_km(home, coords(j)) - d) < DISTANCE_MARGIN_KM
                   for j in listings if coords(j)):
                l["max_distance_km"] = ""
        steps = [
            lambda r: r.update(modes=""),
            lambda r: r.update(types=""),
            lambda r: r.update(term=FALL),
            lambda r: r.update(relocate="yes", max_distance_km=""),
        ]
        for step in steps:
            if any(not ineligibility(l, j) for j in listings):
                break
            step(l)
            repaired.add(l["learner_id"])

    # Equity group: first-gen on N_FIRST_GEN learners, at least 3 of them
    # eligible for the reserve listing J08.
    elig = eligibility(learners, listings)
    pool = [l["learner_id"] for l in learners if l["learner_id"] not in eligible_for_nothing]
    j08 = [lid for lid in pool if "J08" in elig[lid]]
    first_gen = rng.sample(j08, 3)
    rest = [lid for lid in pool if lid not in first_gen]
    first_gen += rng.sample(rest, N_FIRST_GEN - 3)
    for l in learners:
        if l["learner_id"] in first_gen:
            l["group"] = "first-gen"

    lk = {l["learner_id"]: l for l in learners}

    def ranked_for(jid, k):
        cands = [lid for lid in sorted(elig) if jid in elig[lid]]
        cands.sort(key=lambda lid: (-fit(lk[lid], by_id[jid]), lid))
        return cands[:k]

    # J10 excludes its best-fitting eligible learner.
    excluded = ranked_for("J10", 1)[0]
    by_id["J10"]["excluded"] = excluded
    # Employer preferences on J07 and J12.
    by_id["J07"]["preferences"] = ";".join(ranked_for("J07", 4))
    by_id["J12"]["preferences"] = ";".join(ranked_for("J12", 3))

    # Learner preferences: N_WITH_PREFERENCES learners with >= 2 eligible
    # listings state 2-4 of them, best fit first.
    elig = eligibility(learners, listings)
    cands = [lid for lid in pool if len([j for j in elig[lid] if int(by_id[j]["capacity"]) > 0]) >= 2]
    for lid in sorted(rng.sample(cands, N_WITH_PREFERENCES)):
        open_ = [j for j in elig[lid] if int(by_id[j]["capacity"]) > 0]
        open_.sort(key=lambda j: (-fit(lk[lid], by_id[j]), j))
        n = rng.randint(2, min(4, len(open_)))
        lk[lid]["preferences"] = ";".join(open_[:n])

    props = check(learners, listings)
    props["repaired"] = sorted(repaired)

    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / "listings.csv", LISTING_COLUMNS, listings)
    write_csv(out_dir / "learners.csv", LEARNER_COLUMNS, learners)
    (out_dir / "README.md").write_bytes(readme(props).encode("utf-8"))
    return props


# ---------------------------------------------------------------------------
# Properties promised in the README, checked here
# ---------------------------------------------------------------------------

VOCAB = sorted({s for pool, _, _ in PROGRAMS.values() for s in pool}
               | {s for spec in LISTINGS for s, _ in spec["required"] + spec["preferred"]})


def fail(msg):
    sys.exit(f"build_sample_fixture: property violated: {msg}")


def require(cond, msg):
    if not cond:
        fail(msg)


def check(learners, listings):
    p = {}
    lids = [l["learner_id"] for l in learners]
    jids = [j["listing_id"] for j in listings]
    by_l = dict(zip(lids, learners))
    by_j = dict(zip(jids, listings))

    require(lids == [f"L{i:03d}" for i in range(1, N_LEARNERS + 1)], "learner ids L001..L060")
    require(jids == [f"J{i:02d}" for i in range(1, 16)], "listing ids J01..J15")
    require({j["type"] for j in listings} == {"internship", "apprenticeship", "co-op"},
            "all three types")
    require({j["mode"] for j in listings} == {"onsite", "hybrid", "remote"}, "all three modes")
    seats = sum(int(j["capacity"]) for j in listings)
    p["seats"] = seats
    require(seats == 48, f"48 seats, got {seats}")
    require([j["listing_id"] for j in listings if j["capacity"] == "0"] == ["J15"],
            "J15 is the only listing with capacity 0")
    require(all(0 <= int(j["capacity"]) <= 6 for j in listings), "capacities 0..6")
    for j in listings:
        require(bool(j["location"]) == (j["mode"] != "remote"),
                f"{j['listing_id']}: location set exactly when not remote")
    p["spring_listings"] = [j["listing_id"] for j in listings if j["term"] == SPRING]
    require(p["spring_listings"] == ["J09", "J13"], "2027-spring listings J09, J13")

    for l in learners:
        sk = split(l["skills"])
        require(2 <= len(sk) <= 6, f"{l['learner_id']}: 2-6 skills")
        for item in sk:
            name, _, level = item.partition(":")
            require(name in VOCAB and level.isdigit() and 1 <= int(level) <= 5,
                    f"{l['learner_id']}: skill {item}")
        require(1 <= int(l["year"]) <= 4, f"{l['learner_id']}: year")
        require(l["pinned"] == "", "no pinned")
        require(not (l["relocate"] == "yes" and l["max_distance_km"]),
                f"{l['learner_id']}: relocate=yes never combined with max_distance_km")
        require(l["relocate"] in ("yes", "no"), "relocate yes/no")
        if l["max_distance_km"]:
            for j in listings:
                if coords(j):
                    d = haversine_km(coords(l), coords(j))
                    require(abs(d - float(l["max_distance_km"])) >= DISTANCE_MARGIN_KM,
                            f"{l['learner_id']}: max_distance_km too close to {j['listing_id']}")
    p["no_location"] = [l["learner_id"] for l in learners if not l["location"]]
    require(p["no_location"] == [NO_LOCATION_LEARNER], "one learner without location")

    elig = eligibility(learners, listings)
    p["elig"] = elig
    none = [lid for lid in lids if not elig[lid]]
    p["no_eligible"] = none
    require(none == ["L059", "L060"], f"exactly L059, L060 eligible for nothing, got {none}")
    p["why"] = {lid: {jid: ineligibility(by_l[lid], by_j[jid]) for jid in jids} for lid in none}
    # L059: every fall listing fails on term; both spring listings fail on location.
    for jid in jids:
        r = p["why"]["L059"][jid]
        if by_j[jid]["term"] == FALL:
            require("term" in r, f"L059/{jid} fails on term")
        else:
            require("location" in r, f"L059/{jid} fails on location")
    # L060: every onsite apprenticeship fails on location (J09 also on term), all
    # other listings fail on type or mode.
    for jid in jids:
        r = p["why"]["L060"][jid]
        j = by_j[jid]
        if j["type"] == "apprenticeship" and j["mode"] == "onsite":
            require("location" in r, f"L060/{jid} fails on location")
        else:
            require("type" in r or "mode" in r, f"L060/{jid} fails on type/mode")

    p["first_gen"] = [l["learner_id"] for l in learners if l["group"] == "first-gen"]
    require(len(p["first_gen"]) == N_FIRST_GEN, "10 first-gen learners")
    require({l["group"] for l in learners} == {"", "first-gen"}, "only first-gen group")
    p["first_gen_j08"] = [lid for lid in p["first_gen"] if "J08" in elig[lid]]
    require(len(p["first_gen_j08"]) >= 3, "at least 3 first-gen learners eligible for J08")
    p["j08_eligible"] = [lid for lid in lids if "J08" in elig[lid]]
    require(len(p["j08_eligible"]) > int(by_j["J08"]["capacity"]),
            "J08 has more eligible learners than seats")
    require([j["listing_id"] for j in listings if j["reserve"]] == ["J08"]
            and by_j["J08"]["reserve"] == "first-gen:1", "only J08 reserves, first-gen:1")

    exc = split(by_j["J10"]["excluded"])
    require(len(exc) == 1, "J10 excludes one learner")
    p["excluded"] = exc[0]
    require(ineligibility(by_l[exc[0]], by_j["J10"]) == ["excluded"],
            "the J10-excluded learner fails J10 only because of the exclusion")
    require([j["listing_id"] for j in listings if j["excluded"]] == ["J10"], "only J10 excludes")

    p["employer_prefs"] = {}
    for j in listings:
        if j["preferences"]:
            ids = split(j["preferences"])
            p["employer_prefs"][j["listing_id"]] = ids
            for lid in ids:
                require(j["listing_id"] in elig.get(lid, []),
                        f"{j['listing_id']} prefers eligible learners only ({lid})")
    require(sorted(p["employer_prefs"]) == ["J07", "J12"], "employer preferences on J07, J12")

    p["learner_prefs"] = {}
    for l in learners:
        if l["preferences"]:
            ids = split(l["preferences"])
            p["learner_prefs"][l["learner_id"]] = ids
            require(2 <= len(ids) <= 4 and len(set(ids)) == len(ids),
                    f"{l['learner_id']}: 2-4 distinct stated preferences")
            for jid in ids:
                require(jid in elig[l["learner_id"]] and by_j[jid]["capacity"] != "0",
                        f"{l['learner_id']}: states only eligible open listings ({jid})")
    require(len(p["learner_prefs"]) == N_WITH_PREFERENCES, "8 learners with preferences")

    p["min_year_blocked"] = {
        jid: [lid for lid in lids if ineligibility(by_l[lid], by_j[jid]) == ["min_year"]]
        for jid in ("J06", "J07")}
    require(all(p["min_year_blocked"].values()),
            "min_year alone blocks at least one learner on J06 and on J07")
    p["program_blocked"] = [lid for lid in lids
                            if ineligibility(by_l[lid], by_j["J04"]) == ["program"]]
    require(p["program_blocked"], "programs alone blocks someone on J04")

    p["max_placeable"] = max_placeable(learners, listings, elig)
    require(p["max_placeable"] <= seats, "max placeable <= seats")
    require(N_LEARNERS - p["max_placeable"] >= 12, "at least 12 learners unplaceable")

    p["listing_elig_count"] = {jid: sum(1 for lid in lids if jid in elig[lid]) for jid in jids}
    p["relocate_yes"] = sum(1 for l in learners if l["relocate"] == "yes")
    p["with_max_distance"] = [l["learner_id"] for l in learners if l["max_distance_km"]]
    p["spring_learners"] = [l["learner_id"] for l in learners if l["term"] == SPRING]
    require(len(p["spring_learners"]) == 4 and "L059" in p["spring_learners"], "4 spring learners")
    for lid in p["spring_learners"]:
        if lid != "L059":
            require(elig[lid] and set(elig[lid]) <= {"J09", "J13"},
                    f"{lid}: spring learner eligible for spring listings only")
    p["spring_elig"] = {lid: elig[lid] for lid in p["spring_learners"] if lid != "L059"}
    p["empty_types"] = sum(1 for l in learners if not l["types"])
    p["empty_modes"] = sum(1 for l in learners if not l["modes"])
    p["programs"] = {prog: sum(1 for l in learners if l["program"] == prog) for prog in PROGRAMS}
    p["listings"] = listings
    return p


def readme(p):
    lines_elig = "\n".join(
        f"| {j['listing_id']} | {j['type']} | {j['mode']} | {j['location'] or '-'} | "
        f"{j['term']} | {j['capacity']} | {p['listing_elig_count'][j['listing_id']]} |"
        for j in p["listings"])
    prefs = "\n".join(f"  - `{lid}`: {' > '.join(ids)}" for lid, ids in p["learner_prefs"].items())
    emp = "\n".join(f"  - `{jid}`: {' > '.join(ids)}" for jid, ids in p["employer_prefs"].items())
    progs = ", ".join(f"{k} {v}" for k, v in p["programs"].items())
    return f"""# Fixture: sample

A small, realistic cohort for tests and demos: 60 learners and 15 listings across
five cities (Toronto, Waterloo, Hamilton, Ottawa, Montreal; some learners live in
Kingston, where there is no listing), three listing types, three work modes and the
sectors software, data, healthcare, finance, manufacturing, energy and public sector.

Everything is invented by the Placer team: employers, descriptions and learners
(any likeness to a real organisation is coincidental). No real person is described and no personal names appear; learners are `L001`-`L060`,
listings `J01`-`J15`. City coordinates are the real city centres.

## Regenerate
From the repository root:

    python3 scripts/build_sample_fixture.py            # writes Fixtures/sample/
    python3 scripts/build_sample_fixture.py --out DIR

Standard-library Python 3; seeded with `random.Random({SEED})`; byte-for-byte
deterministic. The script checks every property listed below and exits non-zero if
one fails. `scripts/fixtures_check.sh` rebuilds and diffs.

## Files
- `learners.csv`: columns {", ".join(f"`{c}`" for c in LEARNER_COLUMNS)}.
- `listings.csv`: columns {", ".join(f"`{c}`" for c in LISTING_COLUMNS)}.

## Properties tests may rely on
Eligibility below means the hard constraints of CONTRACT.md section 1, with
great-circle distance on a sphere of radius 6371 km; `max_distance_km` is read as an
extra way to be location-compatible (the contract's list: same location, either side
empty, `relocate=yes`, or within `max_distance_km`).

Counts
- 60 learners, 15 listings, **48 seats** in total; `J15` has capacity 0 (intake paused).
- Programs: {progs}.
- `relocate=yes`: {p['relocate_yes']} learners; `max_distance_km` set on
  {len(p['with_max_distance'])} learners ({", ".join(p['with_max_distance'])}); no learner has
  both `relocate=yes` and `max_distance_km`, and every `max_distance_km` is at least
  {DISTANCE_MARGIN_KM:.0f} km away from every learner-listing distance, so small differences in
  the distance formula cannot change eligibility.
- Empty `types` (= all): {p['empty_types']} learners; empty `modes` (= all): {p['empty_modes']}.
- `{NO_LOCATION_LEARNER}` has no location or coordinates, so location never blocks it.
- Every learner has 2-6 skills with levels 1-5, a `year` 1-4 and a `program`.
- `pinned` is present and empty for everyone.
- Terms: all listings are `{FALL}` except `J09` and `J13` (`{SPRING}`); learners with
  term `{SPRING}`: {", ".join(p['spring_learners'])}. Apart from L059 (see below) they have
  `relocate=yes` and are eligible only for spring listings:
  {"; ".join(f"{lid}: {', '.join(js)}" for lid, js in p['spring_elig'].items())}.

Eligibility
- Exactly two learners are eligible for no listing (`unmatched.csv` reason
  `no_eligible_listing`):
  - `L059` (Toronto, `relocate=no`, term `{SPRING}`, internships only): every fall
    listing fails on term; the two spring listings (J09 Ottawa, J13 Montreal) are
    onsite elsewhere (and are apprenticeships).
  - `L060` (Kingston, `relocate=no`, apprenticeships only, onsite only, term `{FALL}`):
    every onsite apprenticeship is in another city (J09 also fails on term); every
    other listing fails on type or mode.
- Every other learner is eligible for at least one listing.
- `J04` accepts only program `nursing` (`programs`); {len(p['program_blocked'])} learners
  fail J04 on program alone.
- `min_year`: `J06` = 3, `J07` = 2. Learners failing only on `min_year`: J06
  {", ".join(p['min_year_blocked']['J06'])}; J07 {", ".join(p['min_year_blocked']['J07'])}.
- `J10` excludes `{p['excluded']}`, who meets every other constraint of J10.
- The largest number of learners that can be placed at all (maximum capacitated
  matching on the eligibility graph, ignoring scores) is **{p['max_placeable']}**, so at
  least {60 - p['max_placeable']} learners stay unmatched under any algorithm.

Equity group and reserve
- `group=first-gen` on {len(p['first_gen'])} learners: {", ".join(p['first_gen'])}; all other
  learners have an empty group.
- `J08` (3 seats) reserves `first-gen:1`. First-gen learners eligible for J08:
  {", ".join(p['first_gen_j08'])}; all learners eligible for J08: {len(p['j08_eligible'])}.

Stated preferences (all ids exist; every stated pair is eligible and the listing has
capacity > 0)
- Learners ({len(p['learner_prefs'])}):
{prefs}
- Employers:
{emp}

Per-listing eligibility

| listing | type | mode | location | term | capacity | eligible learners |
|---|---|---|---|---|---|---|
{lines_elig}
"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="output directory (default: Fixtures/sample in the repository)")
    args = ap.parse_args(argv)
    out_dir = Path(args.out) if args.out else DEFAULT_OUT
    p = build(out_dir)
    print(f"sample: 60 learners, 15 listings, {p['seats']} seats, "
          f"max placeable {p['max_placeable']}, no eligible listing: "
          f"{', '.join(p['no_eligible'])}; generated learners repaired to be eligible: "
          f"{len(p['repaired'])} -> {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
