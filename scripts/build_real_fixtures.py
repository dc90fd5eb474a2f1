#!/usr/bin/env python3
"""Copies the real-export and taxonomy fixtures out of the shared data folder.

Every record is copied byte for byte; only whole records are left out, by
fixed rules, so the fixtures are deterministic and carry no edits. The
subsets keep the end-to-end test short: the scraped listings tie on almost
every score, and tied pairs are all rescored exactly.

  Fixtures/internshala/listings.csv        every 8th record of the Internshala
                                           scrape (rows 0, 8, 16, ...), without
                                           the `Company Name` and `Links`
                                           columns: many postings are made by
                                           individual recruiters under their
                                           own names, and the links repeat
                                           them; the other cells are copied
                                           byte for byte
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
    "internshala-scrape/whole_Internshala_scraped2.csv",
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


def without_fields(record, drop):
    """The raw record (line end kept) without the fields at positions
    `drop`; the other fields keep their exact bytes, quotes included."""
    body = record.rstrip(b"\r\n")
    end = record[len(body):]
    fields, start, quoted = [], 0, False
    for i, byte in enumerate(body):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x2C and not quoted:
            fields.append(body[start:i])
            start = i + 1
    fields.append(body[start:])
    kept = [f for k, f in enumerate(fields) if k not in drop]
    return b",".join(kept) + end


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

    scrape = records(read(SOURCES[0]))
    header, rows = scrape[0], scrape[1:]
    names = header.rstrip(b"\r\n").split(b",")
    drop = {names.index(b"Company Name"), names.index(b"Links")}
    write(os.path.join(ROOT, "Fixtures/internshala/listings.csv"),
          b"".join(without_fields(r, drop) for r in [header] + rows[0::8]))

    enrollees = records(read(SOURCES[1]))
    write(os.path.join(ROOT, "Fixtures/hr-jobchange/learners.csv"),
          enrollees[0] + b"".join(enrollees[1:][0::4]))

    write(os.path.join(ROOT, "Fixtures/taxonomies/esco-digital-skills.csv"),
          read(SOURCES[2]))

    lines = read(SOURCES[3]).split(b"\n")
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
