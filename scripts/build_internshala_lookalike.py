#!/usr/bin/env python3
"""Writes Fixtures/internshala/listings-lookalike.csv: invented listings in
the exact shape of the Internshala scrape (same header, same cell formats,
same defects), for the tests that CI runs on a clean clone.

The real scrape may not be redistributed (its PROVENANCE.md: third-party
commercial site, internal testing only), so no real record is committed.
What carries over are formats and rough shares measured on the real file:
an unnamed index column; `Location` as a Python-style nested list, about
39% `[['Work From Home']]` and about 8% naming several cities; `Start Date`
and `Duration` mis-scraped ("Immediately" / "Starts immediatelyImmediately",
a few date ranges wrapped in a line break and spaces inside the quotes);
stipends as text; `Status` as the posting's age; a detail-page link.
Titles, companies and links are invented. Deterministic: fixed seed.

Usage: scripts/build_internshala_lookalike.py
"""

import csv
import io
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fixtures/internshala/listings-lookalike.csv")
ROWS = 832

TITLES = [
    "Business Development (Sales)", "Graphic Design", "Web Development",
    "Content Writing", "Digital Marketing", "Human Resources (HR)",
    "Data Science", "Flutter Development", "Video Editing", "Telecalling",
    "Social Media Marketing", "Accounts", "Python Development",
    "Customer Service", "UI/UX Design", "Operations", "Market Research",
    "Teaching (Part Time/Remote)", "Fashion Design", "Law/Legal",
]
CITIES = [
    "Mumbai", "Delhi", "Bangalore", "Gurgaon", "Noida", "Pune", "Hyderabad",
    "Chennai", "Kolkata", "Ahmedabad", "Jaipur", "Lucknow", "Indore",
    "Chandigarh", "Dehradun", "Guwahati", "Kochi", "Bhopal",
]
STIPENDS = [
    "₹ 10,000 /month", "₹ 5,000 /month", "₹ 15,000 /month",
    "₹ 5,000-10,000 /month", "₹ 8,000 /month", "Unpaid",
    "₹ 15,000 lump sum", "10% of Revenue Generated",
]
AGES = ["1 week ago", "2 days ago", "3 days ago", "4 days ago", "1 day ago",
        "3 weeks ago"]


def location(rng):
    draw = rng.random()
    if draw < 0.39:
        names = ["Work From Home"]
    elif draw < 0.47:
        names = rng.sample(CITIES, rng.choice([2, 3, 5]))
    else:
        names = [rng.choice(CITIES)]
    return "[[" + ", ".join(f"'{n}'" for n in names) + "]]"


def dates(rng):
    if rng.random() < 0.99:
        return "Immediately", "Starts immediatelyImmediately"
    span = f"{rng.randint(1, 28)} Mar - {rng.randint(1, 28)} Apr' 24"
    return "\n" + " " * 32 + span + " " * 28, span


def main():
    rng = random.Random(2024)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["", "Title", "Company Name", "Location", "Start Date",
                     "Duration", "Stipend", "Status", "Links"])
    for index in range(ROWS):
        start, duration = dates(rng)
        title = rng.choice(TITLES)
        slug = title.lower().replace(" ", "-").replace("/", "-")
        writer.writerow([
            index, title, f"Company {rng.randint(1, 400):03d}",
            location(rng), start, duration, rng.choice(STIPENDS),
            rng.choice(AGES),
            f"https://example.invalid/internship/detail/{slug}-{index}",
        ])
    data = buffer.getvalue().encode("utf-8")
    with open(OUT, "wb") as f:
        f.write(data)
    print(f"{os.path.relpath(OUT, ROOT)}: {ROWS} listings, {len(data):,} bytes")


if __name__ == "__main__":
    main()
