#!/usr/bin/env python3
"""Build Fixtures/invalid/: one small market per hostile or unusual input.

Every case is a folder holding learners.csv and listings.csv: a valid base
market (6 learners, 4 listings) with exactly one thing changed. The script
also writes cases.csv (read by Tests/PlacerCLITests/InvalidFixtureTests.swift)
and README.md, both from the same table, so the expected exit code, file, line
and column of each case are stated once, here.

Usage:
    python3 scripts/build_invalid_fixtures.py [--out DIR]

Python 3 standard library only; no randomness, so the output is byte-for-byte
deterministic. Never edit the fixtures by hand: change this script and rerun.
"""

import argparse
import csv
import io
import shutil
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "Fixtures" / "invalid"

LEARNER_HEADER = [
    "learner_id", "skills", "goals", "sectors", "types", "modes", "location",
    "relocate", "term", "year", "group", "preferences", "pinned",
]
LEARNERS = [
    ["L1", "python:4;sql:3", "Build data pipelines for a clinic",
     "software;healthcare", "internship", "", "Toronto", "no", "2026-fall",
     "2", "", "J1;J2", ""],
    ["L2", "javascript:3;react:2", "Design accessible web apps", "software",
     "", "remote;hybrid", "Ottawa", "yes", "2026-fall", "3", "first-gen",
     "J2", ""],
    ["L3", "patient care:4;charting:3",
     "Care for patients in community health", "healthcare",
     "apprenticeship;internship", "onsite", "Hamilton", "no", "2026-fall",
     "1", "", "", ""],
    ["L4", "welding:3;blueprints:2", "Learn structural welding on site",
     "manufacturing", "apprenticeship", "", "Hamilton", "no", "", "1", "",
     "J3", ""],
    ["L5", "excel:3;accounting:2", "Work in finance operations", "finance",
     "co-op", "", "Toronto", "no", "2026-fall", "2", "first-gen", "", ""],
    ["L6", "python:2", "Explore machine learning research", "software", "",
     "", "Waterloo", "yes", "2026-fall", "4", "", "J1", ""],
]

LISTING_HEADER = [
    "listing_id", "type", "capacity", "employer", "title", "description",
    "required_skills", "sectors", "mode", "location", "term", "min_year",
    "programs", "reserve", "preferences", "excluded",
]
LISTINGS = [
    ["J1", "internship", "2", "Maplestack", "Data Intern",
     "Build pipelines in Python and SQL", "python:3;sql:2", "software",
     "hybrid", "Toronto", "2026-fall", "2", "", "", "", ""],
    ["J2", "co-op", "2", "Lumenfold", "Web Co-op", "Build React screens",
     "javascript:3", "software", "remote", "", "2026-fall", "", "",
     "first-gen:1", "", ""],
    ["J3", "apprenticeship", "1", "Ironworks", "Welding Apprentice",
     "Structural welding", "welding:2", "manufacturing", "onsite",
     "Hamilton", "", "1", "", "", "", ""],
    ["J4", "internship", "1", "Harbour Health", "Clinic Assistant",
     "Patient care in a community clinic", "patient care:3", "healthcare",
     "onsite", "Hamilton", "2026-fall", "", "", "", "", ""],
]


def render(header, rows, newline="\n"):
    """CSV text with minimal quoting, as an office export would write it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def line_of(index):
    """1-based line of data row `index` in a file without multi-line cells."""
    return index + 2


class Market:
    """A copy of the base market that one case changes."""

    def __init__(self):
        self.learner_header = list(LEARNER_HEADER)
        self.learners = [list(row) for row in LEARNERS]
        self.listing_header = list(LISTING_HEADER)
        self.listings = [list(row) for row in LISTINGS]
        self.learner_bytes = None  # set to override rendering
        self.listing_bytes = None

    def learner(self, learner_id, column, value):
        row = next(r for r in self.learners if r[0] == learner_id)
        row[self.learner_header.index(column)] = value
        return line_of(self.learners.index(row))

    def listing(self, listing_id, column, value):
        row = next(r for r in self.listings if r[0] == listing_id)
        row[self.listing_header.index(column)] = value
        return line_of(self.listings.index(row))

    def files(self):
        learners = self.learner_bytes
        if learners is None:
            learners = render(self.learner_header, self.learners)
        listings = self.listing_bytes
        if listings is None:
            listings = render(self.listing_header, self.listings)
        return learners, listings


# Each case: (name, summary, build) where build(market) changes the market
# and returns (exit, strict_exit, file, line, column, message fragment).
# file/line/column/message are blank for inputs that must load silently.
CASES = []


def case(name, summary):
    def register(build):
        CASES.append((name, summary, build))
        return build
    return register


# Valid inputs that must load.

@case("bom", "both files start with a UTF-8 byte order mark (valid)")
def _(m):
    learners, listings = m.files()
    m.learner_bytes = b"\xef\xbb\xbf" + learners
    m.listing_bytes = b"\xef\xbb\xbf" + listings
    return 0, 0, "", "", "", ""


@case("crlf", "both files end lines with CRLF (valid)")
def _(m):
    m.learner_bytes = render(m.learner_header, m.learners, "\r\n")
    m.listing_bytes = render(m.listing_header, m.listings, "\r\n")
    return 0, 0, "", "", "", ""


@case("quoted-newlines",
      "L1's goals span four lines inside quotes (valid); L6, further down, "
      "names an unknown listing, so its warning shows the physical line")
def _(m):
    m.learner("L1", "goals", "Build data pipelines\nfor a clinic,\n\nthen more")
    m.learner("L6", "preferences", "J1;J7")
    # L6 is data row 6: line 7 without the three line breaks inside L1.
    return 0, 65, "learners.csv", 7 + 3, "preferences", "no listing has id 'J7'"


# Structural errors.

@case("unterminated-quote",
      "L4's goals open a quote that is never closed")
def _(m):
    learners = render(m.learner_header, m.learners).decode()
    learners = learners.replace(
        "Learn structural welding on site", '"Learn structural welding')
    m.learner_bytes = learners.encode()
    return 65, 65, "learners.csv", 5, "goals", "is never closed"


@case("ragged-short", "J2's row stops three fields early")
def _(m):
    index = 1
    m.listings[index] = m.listings[index][:-3]
    column = LISTING_HEADER[len(m.listings[index])]
    return 65, 65, "listings.csv", line_of(index), column, "found 13"


@case("ragged-long",
      "L2's goals hold an unquoted comma, giving one field too many")
def _(m):
    learners = render(m.learner_header, m.learners).decode()
    learners = learners.replace(
        "Design accessible web apps", "Design accessible, usable web apps")
    m.learner_bytes = learners.encode()
    return 65, 65, "learners.csv", 3, "pinned", "found 14"


@case("empty-file", "learners.csv has no bytes at all")
def _(m):
    m.learner_bytes = b""
    return 65, 65, "learners.csv", 1, "", "the file is empty"


@case("header-only", "learners.csv has a header row and no learners")
def _(m):
    m.learners = []
    return 65, 65, "learners.csv", 2, "", "no learner rows"


@case("header-only-listings", "listings.csv has a header row and no listings")
def _(m):
    m.listings = []
    return 65, 65, "listings.csv", 2, "", "no listing rows"


@case("duplicate-header", "listings.csv names the column 'location' twice")
def _(m):
    m.listing_header.append("location")
    for row in m.listings:
        row.append(row[LISTING_HEADER.index("location")])
    return 65, 65, "listings.csv", 1, "location", "appears twice in the header"


@case("duplicate-ids", "two learners share the id L2")
def _(m):
    line = m.learner("L5", "learner_id", "L2")
    return 65, 65, "learners.csv", line, "learner_id", "first seen on line 3"


@case("invalid-utf8", "L3's goals hold a Latin-1 byte (0xE9)")
def _(m):
    m.learner("L3", "goals", "Care for patients at the caf\u00e9 clinic")
    learners = render(m.learner_header, m.learners)
    m.learner_bytes = learners.replace("\u00e9".encode(), b"\xe9")
    return 65, 65, "learners.csv", 4, "goals", "not valid UTF-8 (byte 0xE9)"


# Cell values.

for name, value, listing in [
    ("capacity-negative", "-1", "J1"),
    ("capacity-text", "abc", "J2"),
    ("capacity-exponent", "1e9", "J3"),
]:
    @case(name, f"{listing}'s capacity is '{value}'")
    def _(m, value=value, listing=listing):
        line = m.listing(listing, "capacity", value)
        return 65, 65, "listings.csv", line, "capacity", f"got '{value}'"

for name, value, learner in [
    ("level-zero", "python:0;sql:3", "L1"),
    ("level-six", "patient care:6;charting:3", "L3"),
    ("level-text", "python:high", "L6"),
]:
    @case(name, f"{learner}'s skills are '{value}'")
    def _(m, value=value, learner=learner):
        line = m.learner(learner, "skills", value)
        return 65, 65, "learners.csv", line, "skills", "a skill level from 1 to 5"


@case("reserve-exceeds-capacity",
      "J2 has 2 seats but reserves 3 (first-gen:2;veterans:1)")
def _(m):
    line = m.listing("J2", "reserve", "first-gen:2;veterans:1")
    return 65, 65, "listings.csv", line, "reserve", "sum to 3"


@case("pin-full-listing",
      "L3 and L4 are both pinned to J3, which has 1 seat; L4's pin fails")
def _(m):
    m.learner("L3", "pinned", "J3")
    line = m.learner("L4", "pinned", "J3")
    return 65, 65, "learners.csv", line, "pinned", "already pinned"


@case("pin-unknown-listing", "L6 is pinned to J9, which does not exist")
def _(m):
    line = m.learner("L6", "pinned", "J9")
    return 65, 65, "learners.csv", line, "pinned", "got 'J9'"


# Repairable problems: warnings, errors under --strict.

@case("unknown-preference-id", "L2 states the unknown listing J8")
def _(m):
    line = m.learner("L2", "preferences", "J2;J8")
    return 0, 65, "learners.csv", line, "preferences", "no listing has id 'J8'"


@case("repeated-preference-id", "L1 states J1 twice")
def _(m):
    line = m.learner("L1", "preferences", "J1;J2;J1")
    return 0, 65, "learners.csv", line, "preferences", "more than once"


@case("unknown-excluded-id", "J1 excludes L99, who does not exist")
def _(m):
    line = m.listing("J1", "excluded", "L99")
    return 0, 65, "listings.csv", line, "excluded", "no learner has id 'L99'"


@case("empty-list-entry",
      "L5's skills have a doubled and a trailing separator")
def _(m):
    line = m.learner("L5", "skills", "excel:3;;accounting:2;")
    return 0, 65, "learners.csv", line, "skills", "has an empty entry"


@case("unknown-column", "learners.csv has an extra column 'email'")
def _(m):
    m.learner_header.append("email")
    for row in m.learners:
        row.append(row[0].lower() + "@example.org")
    # Header findings name the column in the message, not as a location.
    return 0, 65, "learners.csv", 1, "", "unknown column 'email'"


CASE_COLUMNS = [
    "case", "exit", "strict_exit", "file", "line", "column", "message",
    "summary",
]


def build(out):
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    table = []
    for name, summary, change in CASES:
        market = Market()
        result = change(market)
        learners, listings = market.files()
        folder = out / name
        folder.mkdir()
        (folder / "learners.csv").write_bytes(learners)
        (folder / "listings.csv").write_bytes(listings)
        table.append([name, *map(str, result), summary])
    if len({row[0] for row in table}) != len(table):
        sys.exit("build_invalid_fixtures: duplicate case name")

    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerow(CASE_COLUMNS)
    csv.writer(text, lineterminator="\n").writerows(table)
    (out / "cases.csv").write_text(text.getvalue(), encoding="utf-8")
    (out / "README.md").write_text(readme(table), encoding="utf-8")


def readme(table):
    lines = [
        "# Hostile and unusual inputs",
        "",
        "Built by `scripts/build_invalid_fixtures.py`; do not edit by hand.",
        "Each folder holds `learners.csv` and `listings.csv`: the same valid",
        "6-learner, 4-listing market with exactly one thing changed.",
        "`cases.csv` holds the table below for",
        "`Tests/PlacerCLITests/InvalidFixtureTests.swift`, which runs",
        "`placer allocate` (and `--strict`) on every folder and checks the exit",
        "code, the `file:line: column 'name'` of the message and that no",
        "output directory appears on failure. Lines are 1-based physical",
        "lines where the record starts; `-` means the message names no column.",
        "Two more cases are generated by the tests at run time instead of",
        "being committed: a 10 MB cell (exit 65: cells are limited to 1 MiB)",
        "and a file of one million learner rows, after a record with a",
        "quoted line break, whose last row has a field too many (exit 65 at",
        "line 1,000,003).",
        "",
        "| case | exit | with `--strict` | file | line | column | what |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, exit_code, strict, file, line, column, _, summary in table:
        lines.append(
            f"| `{name}` | {exit_code} | {strict} | {file or '-'} | "
            f"{line or '-'} | {column or '-'} | {summary} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    build(parser.parse_args().out)


if __name__ == "__main__":
    main()
