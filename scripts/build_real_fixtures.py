#!/usr/bin/env python3
"""Copies the real-export and taxonomy fixtures out of the shared data folder.

The Internshala scrape is not copied: it may not be redistributed (see
scripts/build_internshala_lookalike.py for the committed stand-in).

Every record is copied byte for byte; only whole records are left out, by
fixed rules, so the fixtures are deterministic and carry no edits. The
subset keeps the end-to-end test short.

  Fixtures/hr-jobchange/learners.csv       every 4th record of aug_test.csv
  Fixtures/taxonomies/esco-digital-skills.csv
                                           ESCO digitalSkillsCollection_en.csv,
                                           whole
  Fixtures/taxonomies/onet-technology-skills.txt
                                           O*NET Technology Skills.txt: the
                                           first row of each product that is a
                                           Hot Technology or In Demand anywhere

Usage: scripts/build_real_fixtures.py [--source DIR]   (default
../shared/data/real next to the repository, else /work/shared/data/real)
"""

import argparse
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The source files, relative to the shared data folder.
SOURCES = [
    "hr-jobchange-learners/aug_test.csv",
    "esco-1.2.0/digitalSkillsCollection_en.csv",
    "onet-29.3/Technology Skills.txt",
]


def records(data):
    """Splits CSV bytes into raw records (each with its line end), keeping
    quoted line breaks inside their record."""
    out, start, quoted, i = [], 0, False, 0
    while i < len(data):
        byte = data[i]
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x0A and not quoted:
            out.append(data[start:i + 1])
            start = i + 1
        i += 1
    if start < len(data):
        out.append(data[start:])
    return out


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{os.path.relpath(path, ROOT)}: {len(data):,} bytes, "
          f"sha256 {hashlib.sha256(data).hexdigest()[:16]}")


def main():
    parser = argparse.ArgumentParser()
    default = os.path.join(os.path.dirname(ROOT), "shared", "data", "real")
    if not os.path.isdir(default):
        default = "/work/shared/data/real"
    parser.add_argument("--source", default=default)
    source = parser.parse_args().source

    def read(name):
        with open(os.path.join(source, name), "rb") as f:
            return f.read()

    enrollees = records(read(SOURCES[0]))
    write(os.path.join(ROOT, "Fixtures/hr-jobchange/learners.csv"),
          enrollees[0] + b"".join(enrollees[1:][0::4]))

    write(os.path.join(ROOT, "Fixtures/taxonomies/esco-digital-skills.csv"),
          read(SOURCES[1]))

    lines = read(SOURCES[2]).split(b"\n")
    keep = {l.split(b"\t")[2] for l in lines[1:]
            if l and (l.split(b"\t")[5] == b"Y" or l.split(b"\t")[6] == b"Y")}
    seen, chosen = set(), [lines[0] + b"\n"]
    for line in lines[1:]:
        if not line:
            continue
        example = line.split(b"\t")[2]
        if example in keep and example not in seen:
            seen.add(example)
            chosen.append(line + b"\n")
    write(os.path.join(ROOT, "Fixtures/taxonomies/onet-technology-skills.txt"),
          b"".join(chosen))


if __name__ == "__main__":
    sys.exit(main())
