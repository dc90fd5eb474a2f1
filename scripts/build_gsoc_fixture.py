#!/usr/bin/env python3
"""Build the Placer fixture Fixtures/gsoc-2024/ from the GSoC 2024 organisation dump.

Every organisation becomes a listing (capacity = number of accepted projects) and
every accepted project becomes a learner whose goals are the project's own title and
description. The learner's skills and sectors are read from that text only, using the
vocabulary of all organisations together, so the organisation a project went to is
never used to describe the project. truth.csv records where each project went.

Usage:
    python3 scripts/build_gsoc_fixture.py [--source PATH/2024.json] [--out DIR]

Python 3 standard library only. The output is byte-for-byte deterministic.
"""

import argparse
import csv
import hashlib
import html
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent
SOURCE_REL = Path("shared") / "data" / "real" / "gsoc-orgs" / "2024.json"
DEFAULT_OUT = REPO_ROOT / "Fixtures" / "gsoc-2024"

SOURCE_REPO = "nishantwrp/gsoc-organizations"
SOURCE_FILE = "api/data/2024.json"
SOURCE_COMMIT = "ecdf45a9ce2adc22b6b465d66f53aaa4e2ce24cc"

TERM = "2024"
LEVEL = 3  # level given to every skill found in a project's text

# ---------------------------------------------------------------------------
# Matching rules.
#
# Default rule: a vocabulary label matches when it occurs in the text ignoring
# case, not glued to a letter, digit or underscore on the left, nor to a letter,
# digit, underscore, '+' or '#' on the right. Inside a label, a run of spaces,
# hyphens or underscores matches any run of spaces, hyphens or underscores; a dot
# between two letters ("node.js") matches a dot, a space or nothing ("NodeJS").
# Labels of three or more characters ending in a letter also match with a plain
# trailing "s" ("compiler" -> "compilers", "gpu" -> "GPUs").
#
# Labels that are single letters, English words with another common meaning, or
# short acronyms that collide with ordinary words use the stricter patterns below
# instead (all other labels use the default rule).
# ---------------------------------------------------------------------------

# label -> list of regular expressions (searched case-sensitively unless (?i) is used)
STRICT_PATTERNS = {
    # "C" in capitals, standing alone; not C++ / C# / Objective-C / "C/R"
    # (checkpoint/restore) / "C. elegans".
    "c": [r"(?<![\w+#/.\-])C(?![\w+#]|/R\b|\.\s*[a-z])"],
    # "R" in capitals, standing alone; not after "/" ("C/R", "S/R") or "[" (type
    # parameters such as "Monad[R, X]"), not in "R&D".
    "r": [r"(?<![\w+#.\-/\[])R(?![\w+#&\]])"],
    # "Go" with capital G, standing alone, never at the start of a sentence
    # (checked in code), or "Golang" in any case.
    "go": [r"(?<![\w+#.\-])Go(?![\w+#\-])", r"(?i)(?<![\w])golang(?![\w])"],
    # the build tool, not the verb
    "make": [r"(?i)(?<![\w])makefiles?(?![\w])", r"(?i)(?<![\w])gnu\s+make(?![\w])"],
    # the JavaScript runtime, not a graph/tree node
    "node": [r"(?i)(?<![\w])node(?:\.|\s)?js(?![\w])"],
    # the CPU architecture, not a limb or a robot arm
    "arm": [r"(?<![\w])ARM(?:v\d+|64)?(?![\w])", r"(?i)(?<![\w])(?:arm64|aarch64)(?![\w])"],
    # the Java framework, not the season or a mechanical spring
    "spring": [r"(?<![\w])Spring\s+(?:Boot|Framework|framework|MVC|Security|Cloud|Data)(?![\w])"],
    # proper nouns that are also ordinary English words: capitalised form only
    "swift": [r"(?<![\w])Swift(?![\w])"],
    "spark": [r"(?<![\w])Spark(?![\w])"],
    "electron": [r"(?<![\w])Electron(?:JS|js)?(?![\w])"],
    "textual": [r"(?<![\w])Textual(?![\w])"],
    "chisel": [r"(?<![\w])Chisel(?![\w])"],
    "rails": [r"(?<![\w])Rails(?![\w])"],
    # acronyms that collide with ordinary words or word pieces: capitals only
    "ci": [r"(?<![\w])CI(?![\w])"],
    "zap": [r"(?<![\w])ZAP(?![\w])"],
    "cups": [r"(?<![\w])CUPS(?![\w])"],
    "ros": [r"(?<![\w])ROS\s?2?(?![\w])"],
    "os": [r"(?<![\w])OS(?:es)?(?![\w])"],
    "soc": [r"(?<![\w])(?:SoC|SOC)s?(?![\w])"],
    "cam": [r"(?<![\w])CAM(?![\w])"],
    "agi": [r"(?<![\w])AGI(?![\w])"],
}

# Labels after which a match at the start of a sentence is rejected.
NOT_SENTENCE_INITIAL = {"go"}

# Topic/category labels too generic to say anything about a project when they
# appear in its text. They stay on the listings, but are never read from a
# learner's text.
GENERIC_SECTORS = {
    "application", "applications", "apps", "architecture", "architectures",
    "bus", "communication", "communications", "data", "declarative",
    "dependencies", "design", "dj", "engineering", "framework", "inclusive",
    "innovation", "integrations", "internet", "jingle", "language", "languages",
    "learning", "libraries", "library", "license", "mentoring", "offline",
    "open source", "other", "packages", "platform", "programming",
    "reproducible", "research", "runtime", "science", "search", "software",
    "space", "standards", "tools", "tooling", "travel",
}


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
KNOWN_TAGS = {
    "a", "b", "i", "u", "p", "br", "hr", "em", "strong", "code", "pre", "ul",
    "ol", "li", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "table", "tr", "td", "th", "sup", "sub", "img",
}


def strip_html(text):
    """Remove real HTML tags (known element names only), then decode entities.

    Only known element names are removed so that code such as `tree<>` or
    `<fuz@FreeBSD.org>` in a proposal survives.
    """
    def drop(match):
        name = re.match(r"</?([A-Za-z][A-Za-z0-9]*)", match.group(0)).group(1).lower()
        return " " if name in KNOWN_TAGS else match.group(0)

    return html.unescape(TAG_RE.sub(drop, text))


def clean_text(text):
    """Strip tags, drop invisible format characters, collapse whitespace."""
    text = strip_html(text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------
# Keeping personal names out of the learners' text
# ---------------------------------------------------------------------------

URL_RE = re.compile(r"(?:https?://|www\.)\S+")
EMAIL_RE = re.compile(r"<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?")
# "Jane Q. Doe": a capitalised word, initials, a capitalised word
INITIALS_RE = re.compile(r"(?<![\w.])[A-Z][^\W\d_]+\s+(?:[A-Z]\.\s*)+[A-Z][^\W\d_]+(?![\w])")
# citations: "Doe et al.", "Doe, J., et al.", "Jane Doe et al", "Doe et. al"
ET_AL_RE = re.compile(r"(?<![\w])[A-Z][^\W\d_'\u2019-]+(?:\s+[A-Z][^\W\d_'\u2019-]+)?"
                      r"(?:,\s*(?:[A-Z]\.\s*)+,?)?(?=\s+et\.?\s*al\b)")
CAPWORD_RE = re.compile(r"[A-Z][^\W\d_]+")
# Third-party names (authors, maintainers, former contributors) found by
# reviewing the texts and not caught by the rules. Only SHA-256 digests of the
# lower-cased names are kept, so the names themselves are not in this repository.
# A run of one to three capitalised words whose digest is listed is removed.
REVIEWED_NAME_DIGESTS = {
    "072559c5932fa3893923af1abfbf761843a6a9eb75d3ba2d830762b04d630f4e",
    "15a3adb1d5fa3038250d555eafb5869f5f76292b710e406c96af69e1c089346d",
    "1b181ed1f6971e46e9ec0d9f9ad45f83310193c8cb72c85288fe7e62a6ea2d41",
    "237200d4f061e73142d3bc0f25a8b32bef62226ccbc6ea41d31927ebf0256f18",
    "3486959934945e7d1b1e9e355a471781c8610f659ff5575fe40179754cf987a1",
    "369f754be7d2b6d143573b52276e86898055975dde7ef4784c5245ed0d413fcc",
    "49f1f53d9d10cb6f47969c4cd2e6e4a4112ce2b060907ecca214f34aeb458e1e",
    "4a9f9a226dfd9e7a8cf3f2d0bed8afbc1f81393d1bf13fa545fe44b1ec3267dc",
    "6a05650c9022ce1616cd1edf2b1d3d09a5fbd940703af429f2e32edaf1ed466a",
    "79c3f5f8112a835d3a72dcc11013d585394af14286be35c74d105881ba06a700",
    "7e1c2efc1fe2611b337fe2b31bf91a2aa3938fef7e46ba7e6de376809350ce4b",
    "85628582c8f8ecaea875cf6da36e7916560ca0915f10b531221654ba50846cfc",
    "90644cf1b231c162d2b7c5f9ac2e49119c9ae424bd0f0fb6b1330ba39e72b2b3",
    "91a5655f3f2e2d0ef1224c0c64fc4929c440297a9040fcd7f867b2e668708cb2",
    "998a183d09aff3944c115dd656351efd11f8fe6f87867190b690e53b912578b9",
    "a49cf8a5fa99492e1f1f3623e8f8c3791273c250b1c5f86ca6cd1c2356c99533",
    "a94aa234c24baf6a49c6fd2a50cedae0b4ca295a600979993be4fcc2a2a1e285",
    "bdb00901a9cbd5e5f9cbaa16a71426c9ed738ea021ed49339414b734814e32ad",
    "c5bcd85d936cd49ab6f88cbfbac5db7596f59b28d76cda607d1782bd432e8115",
    "d5a5d66b94e8da0cf63d4cd6d66cd489d78e77b697039c6c48e3ff8d81752139",
    "e5b9bc9df7fa8ec07bda1456c607ce7e5e5478ff15e7906681bde7dd7c319577",
    "e9ee7b7ba11f2545adabf798e98c53a1724abbd7294ea9f0c3da3e428d4695b4",
    "e9f9b1c0f6561c9b49c5be356730916356fd06ce17714bc7fa54e11aa6101e77",
    "eae84d181be73773c406e6bb56cf67606654f0df199f45ac69adfa5893d05da4",
    "ee1bf180c3b85b170ee95da576ab08a3b97a57542182294253ee55b616793948",
}
# a person's name after a trigger: an @handle or one or two capitalised words
PERSON = r"(?:@[\w-]+|[A-Z][\w'\-]+)(?:\s+[A-Z][\w'\-]+)?"
PERSON_AFTER = [
    re.compile(r"(\b[Mm]entored\s+by\s+)" + PERSON),
    re.compile(r"(\b[Mm]entors?\s*[,:]?\s+)(?=[@A-Z][\w-])" + PERSON),
    re.compile(r"(\b(?:Prof|Dr)\.?\s+)" + PERSON),
    re.compile(r"(\b(?:I\s+am|I['\u2019]m|[Mm]y\s+name\s+is)\s+)"
               r"(?=[A-Z][a-z]+\s+[A-Z][a-z]+)" + PERSON),
]
REDACTED = "[name]"


def name_tokens(name):
    """Distinctive parts of a contributor's name or handle ('JaneDoe' ->
    'JaneDoe', 'Jane', 'Doe'; 'jane_doe' -> 'jane', 'doe')."""
    parts = re.findall(r"[^\W\d_]+", name or "")
    out = []
    for part in parts:
        out.append(part)
        out.extend(re.findall(r"[A-Z][a-z]+", part))
    return unique(t for t in out if len(t) >= 3)


def redact_reviewed(text):
    words = list(CAPWORD_RE.finditer(text))
    spans = []
    i = 0
    while i < len(words):
        hit = 0
        for n in (3, 2, 1):
            run = words[i:i + n]
            if len(run) < n:
                continue
            # the words must be separated by single spaces only
            if any(text[a.end():b.start()] != " " for a, b in zip(run, run[1:])):
                continue
            key = " ".join(w.group(0) for w in run).lower()
            if hashlib.sha256(key.encode("utf-8")).hexdigest() in REVIEWED_NAME_DIGESTS:
                hit = n
                break
        if hit:
            spans.append((words[i].start(), words[i + hit - 1].end()))
            i += hit
        else:
            i += 1
    for start, end in reversed(spans):
        text = text[:start] + REDACTED + text[end:]
    return text


def scrub(text, own_name, common_words):
    """Remove what identifies a person from a project text: links, e-mail
    addresses, names written with initials, cited authors ("X et al."),
    reviewed third-party names, the contributor's own name (whole, or any
    distinctive part of it), and names that follow 'mentored by', 'mentor',
    'Prof.', 'Dr.', 'I am', 'my name is'. The contributor's name is only read
    here, to delete it."""
    text = URL_RE.sub(" ", text)
    text = EMAIL_RE.sub(" ", text)
    text = INITIALS_RE.sub(REDACTED, text)
    text = ET_AL_RE.sub(REDACTED, text)
    text = redact_reviewed(text)
    own_name = (own_name or "").strip()
    if len(re.sub(r"\W", "", own_name)) >= 4:
        text = re.sub(r"(?<!\w)" + re.escape(own_name) + r"(?!\w)", REDACTED, text,
                      flags=re.IGNORECASE)
    if own_name:
        for tok in name_tokens(own_name):
            if tok.lower() in common_words:
                continue
            text = re.sub(r"(?<!\w)" + re.escape(tok) + r"(?!\w)", REDACTED, text,
                          flags=re.IGNORECASE)
    for pattern in PERSON_AFTER:
        text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
    return text


def norm_label(label):
    """Normalise a technology/topic/category label: NFKC, no invisible
    characters, single spaces, lower case, no stray separators at the ends, and
    no ';' (the list separator) or ':' (the level separator) inside."""
    label = unicodedata.normalize("NFKC", label)
    label = "".join(ch for ch in label if unicodedata.category(ch) != "Cf")
    label = re.sub(r"\s+", " ", label).strip().lower()
    label = label.replace(";", ",").replace(":", " ")
    label = re.sub(r"\s+", " ", label)
    return label.strip(" ,.")


def same_key(label):
    """Labels equal up to spaces/hyphens/underscores count as one inside a cell."""
    return re.sub(r"[\s\-_]+", " ", label)


def unique(seq):
    """Drop empty items and repeats (by same_key), keeping the first spelling."""
    seen = set()
    out = []
    for item in seq:
        key = same_key(item)
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def slugify(name):
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "org"


def default_pattern(label):
    """Regular expression for a label under the default rule (see top of file)."""
    parts = []
    i = 0
    while i < len(label):
        ch = label[i]
        if ch in " -_":
            while i < len(label) and label[i] in " -_":
                i += 1
            parts.append(r"[\s\-_]+")
            continue
        if (ch == "." and 0 < i < len(label) - 1
                and label[i - 1].isalpha() and label[i + 1].isalpha()):
            parts.append(r"[.\s]?")
        else:
            parts.append(re.escape(ch))
        i += 1
    body = "".join(parts)
    if len(label) >= 3 and label[-1].isalpha():
        body += "s?"
    return r"(?i)(?<![\w])" + body + r"(?![\w+#])"


class Matcher:
    """Finds vocabulary labels in free text."""

    def __init__(self, labels, skip=()):
        self.rules = []
        for label in sorted(set(labels)):
            if label in skip:
                continue
            sources = STRICT_PATTERNS.get(label, [default_pattern(label)])
            self.rules.append((label, [re.compile(s) for s in sources]))

    @staticmethod
    def _sentence_initial(text, start):
        before = text[:start].rstrip()
        return before == "" or before[-1] in ".!?:"

    def find(self, text):
        found = []
        for label, patterns in self.rules:
            for pattern in patterns:
                hit = False
                for m in pattern.finditer(text):
                    if label in NOT_SENTENCE_INITIAL and self._sentence_initial(text, m.start()):
                        continue
                    hit = True
                    break
                if hit:
                    found.append(label)
                    break
        return found  # sorted by label, because the rules are


# ---------------------------------------------------------------------------
# CSV output
# ---------------------------------------------------------------------------

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

def find_default_source():
    candidates = [
        REPO_ROOT.parent / SOURCE_REL,        # <clone>/../shared/...
        Path.cwd().parent / SOURCE_REL,       # ../shared/... from the working directory
        Path.cwd() / ".." / SOURCE_REL,
    ]
    for cand in candidates:
        if cand.is_file():
            return cand
    sys.exit("build_gsoc_fixture: source not found; tried:\n  "
             + "\n  ".join(str(c) for c in candidates)
             + "\npass --source PATH/2024.json")


def project_key(url):
    m = re.search(r"/projects/([A-Za-z0-9_-]+)/?$", (url or "").strip())
    return m.group(1) if m else None


def build(source, out_dir):
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    orgs = data["organizations"]

    # --- listings -----------------------------------------------------------
    listings = []
    org_ids = []
    org_techs = []
    used_ids = set()
    for org in orgs:
        base = slugify(org["name"])
        lid, n = base, 2
        while lid in used_ids:
            lid, n = f"{base}-{n}", n + 1
        used_ids.add(lid)
        org_ids.append(lid)
        techs = unique(norm_label(t) for t in org.get("technologies") or [])
        org_techs.append(techs)
        sectors = unique([norm_label(t) for t in org.get("topics") or []]
                         + [norm_label(org.get("category") or "")])
        listings.append({
            "listing_id": lid,
            "type": "internship",
            "capacity": str(int(org.get("num_projects") or 0)),
            "employer": clean_text(org["name"]),
            "title": clean_text(org["name"]),
            "description": clean_text(org.get("description")),
            "required_skills": ";".join(techs),
            "sectors": ";".join(sectors),
            "mode": "remote",
            "term": TERM,
        })

    tech_vocab = sorted({t for techs in org_techs for t in techs})
    sector_vocab = sorted({s for row in listings for s in row["sectors"].split(";") if s})
    skill_matcher = Matcher(tech_vocab)
    sector_matcher = Matcher(sector_vocab, skip=GENERIC_SECTORS)

    # --- learners -----------------------------------------------------------
    projects = []
    for oi, org in enumerate(orgs):
        for proj in org.get("projects") or []:
            projects.append((oi, proj))

    keys = [project_key(p.get("project_url")) for _, p in projects]
    key_count = {}
    for k in keys:
        if k:
            key_count[k] = key_count.get(k, 0) + 1
    width = max(4, len(str(len(projects))))
    learner_ids = []
    used = set()
    fallbacks = 0
    for pos, k in enumerate(keys, start=1):
        if k and key_count[k] == 1 and k not in used:
            lid = k
        else:
            lid = f"p{pos:0{width}d}"
            fallbacks += 1
        if lid in used:
            sys.exit(f"build_gsoc_fixture: id collision on {lid}")
        used.add(lid)
        learner_ids.append(lid)

    # Words found in more than 10 project texts are ordinary words, not names.
    doc_freq = {}
    for _, proj in projects:
        words = set(re.findall(r"[^\W\d_]+",
                               f"{proj.get('title') or ''} {proj.get('description') or ''}".lower()))
        for w in words:
            doc_freq[w] = doc_freq.get(w, 0) + 1
    common_words = {w for w, n in doc_freq.items() if n > 10}

    learners = []
    truth = []
    redactions = 0
    stats = {"zero_skills": 0, "zero_sectors": 0, "true_hit": 0,
             "recall_sum": 0.0, "recall_n": 0, "top_overlap": 0}
    tech_sets = [set(t) for t in org_techs]
    for (oi, proj), lid in zip(projects, learner_ids):
        own = proj.get("student_name") or ""
        title = clean_text(scrub(proj.get("title") or "", own, common_words))
        desc = clean_text(scrub(proj.get("description")
                                or proj.get("short_description") or "", own, common_words))
        redactions += (title + desc).count(REDACTED)
        if title and title[-1] in ".!?":
            goals = f"{title} {desc}".strip()
        else:
            goals = f"{title}. {desc}".strip() if desc else title
        skills = unique(skill_matcher.find(goals))
        sectors = unique(sector_matcher.find(goals))
        learners.append({
            "learner_id": lid,
            "skills": ";".join(f"{s}:{LEVEL}" for s in skills),
            "goals": goals,
            "sectors": ";".join(sectors),
            "term": TERM,
        })
        truth.append({"learner_id": lid, "listing_id": org_ids[oi]})

        # sanity statistics (not used to build anything)
        sk = set(skills)
        if not sk:
            stats["zero_skills"] += 1
        if not sectors:
            stats["zero_sectors"] += 1
        true_techs = tech_sets[oi]
        if sk & true_techs:
            stats["true_hit"] += 1
        if true_techs:
            stats["recall_sum"] += len(sk & true_techs) / len(true_techs)
            stats["recall_n"] += 1
        best = max(len(sk & t) for t in tech_sets)
        if sk and len(sk & true_techs) == best and best > 0:
            stats["top_overlap"] += 1

    # --- write ----------------------------------------------------------------
    out_dir.mkdir(parents=True, exist_ok=True)
    write_csv(out_dir / "listings.csv",
              ["listing_id", "type", "capacity", "employer", "title", "description",
               "required_skills", "sectors", "mode", "term"],
              listings)
    write_csv(out_dir / "learners.csv",
              ["learner_id", "skills", "goals", "sectors", "types", "modes", "location",
               "relocate", "lat", "lon", "max_distance_km", "term", "program", "year",
               "group", "preferences", "pinned"],
              learners)
    write_csv(out_dir / "truth.csv", ["learner_id", "listing_id"], truth)

    n_learn = len(learners)
    counts = {
        "listings": len(listings),
        "zero_capacity": sum(1 for r in listings if r["capacity"] == "0"),
        "seats": sum(int(r["capacity"]) for r in listings),
        "learners": n_learn,
        "fallback_ids": fallbacks,
        "redactions": redactions,
        "api_hits": sum(1 for r in learners if "api:3" in r["skills"].split(";")),
        "tech_vocab": len(tech_vocab),
        "sector_vocab": len(sector_vocab),
        "zero_skills": stats["zero_skills"],
        "zero_sectors": stats["zero_sectors"],
        "true_hit": stats["true_hit"],
        "mean_recall": stats["recall_sum"] / max(1, stats["recall_n"]),
        "top_overlap": stats["top_overlap"],
        "mean_skills": sum(len(r["skills"].split(";")) if r["skills"] else 0
                           for r in learners) / max(1, n_learn),
    }
    if counts["seats"] != n_learn:
        sys.exit(f"build_gsoc_fixture: seats {counts['seats']} != learners {n_learn}")
    (out_dir / "README.md").write_bytes(readme(counts).encode("utf-8"))
    return counts


def pct(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def readme(c):
    n = c["learners"]
    strict = ", ".join(f"`{k}`" for k in sorted(STRICT_PATTERNS))
    generic = ", ".join(f"`{k}`" for k in sorted(GENERIC_SECTORS))
    return f"""# Fixture: gsoc-2024

Real data: the organisations and accepted contributor projects of Google Summer of
Code 2024, turned into Placer inputs. Each organisation is a listing; each accepted
project is a learner; `truth.csv` is where each project actually went (the realised
allocation), so a matching run can be compared with what really happened.

## Source and licence
- Repository `{SOURCE_REPO}`, file `{SOURCE_FILE}`, commit `{SOURCE_COMMIT}`
  (copied unchanged to `shared/data/real/gsoc-orgs/2024.json`; see its PROVENANCE.md).
- The records were scraped from Google's public GSoC archive
  (https://summerofcode.withgoogle.com/archive/2024/organizations/).
- The source repository is licensed GNU GPL v3; it states no separate licence for
  the data. Treat these files accordingly.

## Personal names
No names are included on purpose. The source's `student_name` field is never
written anywhere; learners are keyed by the public project id from `project_url`.
Project texts sometimes name people, so before use each text is scrubbed:
- links and e-mail addresses are removed (they often carry personal handles);
- the contributor's own name is replaced by `[name]`, whole or any distinctive part
  of it (parts of 3+ letters that are not ordinary words of the corpus); this is the
  only use of `student_name`;
- a name after `mentored by`, `mentor`, `Prof.`, `Dr.`, `I am`, `I'm`, `my name is`,
  names written with initials (`Jane Q. Doe`) and cited authors (`Doe et al.`) become
  `[name]`;
- third-party names found by reviewing the remaining texts become `[name]`; the script
  holds only SHA-256 digests of those names, not the names.

{c['redactions']} `[name]` replacements were made. Named laws and theorems (for example
"Moore's law", "Noether's theorem") are kept. Automatic scrubbing of free text cannot be
perfect: report any personal name still found and add it to the reviewed list.

## Files
- `listings.csv`: {c['listings']} listings (every organisation, including the
  {c['zero_capacity']} with no accepted project), {c['seats']} seats in total.
- `learners.csv`: {n} learners, one per accepted project.
- `truth.csv`: `learner_id,listing_id`, one row per learner.

## Regenerate
From the repository root, with `shared/` checked out next to the repository:

    python3 scripts/build_gsoc_fixture.py
    python3 scripts/build_gsoc_fixture.py --source ../shared/data/real/gsoc-orgs/2024.json --out Fixtures/gsoc-2024

Standard-library Python 3 only; the output is byte-for-byte deterministic.
`scripts/fixtures_check.sh` rebuilds into a temporary directory and diffs.

## Field mapping
listings.csv (one row per organisation, in source order):

| column | value |
|---|---|
| listing_id | ASCII slug of the organisation name (lower case, runs of other characters -> `-`); unique |
| type | `internship` |
| capacity | `num_projects` (seats actually filled in 2024) |
| employer, title | organisation name |
| description | organisation description, whitespace collapsed |
| required_skills | the organisation's technologies, normalised, **without a level** (so the default level 3 applies) |
| sectors | the organisation's topics followed by its category, normalised |
| mode | `remote` |
| term | `{TERM}` |

Normalising a label: Unicode NFKC, invisible format characters removed, whitespace
collapsed, lower case, leading/trailing `,` `.` and spaces trimmed, duplicates within a
cell dropped. Spelling is kept as in the source (`javascipt`, `phyton`, `c/c++` next to
`c` and `c++` all stay distinct); mapping aliases is the engine's job.

learners.csv (one row per accepted project, in source order):

| column | value |
|---|---|
| learner_id | project id from `project_url` (`.../projects/krHvyhrX/` -> `krHvyhrX`); `p0001`-style position ids only if missing or duplicated (used {c['fallback_ids']} times) |
| goals | title + `. ` + description (no extra `.` when the title already ends in `.`, `!` or `?`); names, links and e-mail addresses scrubbed (see Personal names), HTML tags stripped, entities decoded, invisible characters dropped, whitespace collapsed |
| skills | technologies of the global vocabulary named in the goals text, each at level {LEVEL}, sorted |
| sectors | topics/categories of the global vocabulary named in the goals text, sorted |
| term | `{TERM}` |
| others | empty (`types`, `modes`, `location`, `relocate`, `lat`, `lon`, `max_distance_km`, `program`, `year`, `group`, `preferences`, `pinned`) |

Within any list cell (listings and learners), labels that differ only by spaces,
hyphens or underscores are kept once, first spelling wins (`machine learning`, not
also `machine-learning`).

## Skill and sector matching rule
The vocabulary is global: the union of all organisations' technologies
({c['tech_vocab']} labels) for skills, and of all topics and categories
({c['sector_vocab']} labels) for sectors. **A learner's own organisation is never used to
pick its skills or sectors**; only the project text is read.

Default rule: a label matches when it occurs in the text, ignoring case, not glued
to a letter/digit/underscore on the left nor to a letter/digit/underscore/`+`/`#` on
the right (so `c++` is not found inside `c++14`, `java` not inside `javascript`). Inside
a label a run of spaces/hyphens/underscores matches any such run (`machine learning`
finds `machine-learning`), and a dot between letters may be a dot, a space or nothing
(`node.js` finds `NodeJS`). Labels of 3+ characters ending in a letter also match a
plural `s` (`compiler` finds `compilers`).

Stricter patterns (mostly case-sensitive) replace the default rule for single
letters, English words with another meaning, and short acronyms ({strict}):
- `c`: a standalone capital `C`, not in `C++`, `C#`, `Objective-C`, `C/R`, `C. elegans`.
- `r`: a standalone capital `R`, not after `/` or `[` (`C/R`, `S/R`, `Monad[R, X]`), not in `R&D`.
- `go`: `Golang` in any case, or a standalone `Go` that does not start a sentence.
- `make`: only `Makefile(s)` or `GNU Make`.
- `node`: only `Node.js` / `NodeJS` / `node js`.
- `arm`: `ARM`, `ARMv8`-style, `arm64`, `aarch64`.
- `spring`: only `Spring Boot` / `Spring Framework` / `Spring MVC|Security|Cloud|Data`.
- `swift`, `spark`, `electron`, `textual`, `chisel`, `rails`: capitalised form only.
- `ci`, `zap`, `cups`, `ros`, `os`, `soc`, `cam`, `agi`: capitals only (`SoC` also).

Ordinary words that do name the technology (`api`, `memory`, `kernel`, `video`,
`hardware`, `mobile`, `compiler`) use the default rule, so they are among the most
frequent skills (`api` alone is found in {c['api_hits']} learners).

Sectors use the same rule, but these generic topic words are never read from a
learner's text (they still appear on listings): {generic}.

## Counts
| item | value |
|---|---|
| listings | {c['listings']} ({c['zero_capacity']} with capacity 0) |
| seats | {c['seats']} |
| learners | {n} |
| learners with zero skills found | {c['zero_skills']} ({pct(c['zero_skills'], n)}) |
| learners with at least one skill | {n - c['zero_skills']} ({pct(n - c['zero_skills'], n)}) |
| mean skills per learner | {c['mean_skills']:.2f} |
| learners with zero sectors found | {c['zero_sectors']} ({pct(c['zero_sectors'], n)}) |

Sanity figures (how much of the answer the text alone recovers; never used to build):
- learners whose skills include at least one technology of the organisation they
  actually went to: {c['true_hit']} ({pct(c['true_hit'], n)});
- mean share of the true organisation's technologies found in the learner's skills:
  {100.0 * c['mean_recall']:.1f}%;
- learners for whom the true organisation has the largest skill overlap of all
  organisations (ties included): {c['top_overlap']} ({pct(c['top_overlap'], n)}).
"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", help="path to the GSoC 2024.json "
                    "(default: ../shared/data/real/gsoc-orgs/2024.json next to the repository)")
    ap.add_argument("--out", help="output directory (default: Fixtures/gsoc-2024 in the repository)")
    args = ap.parse_args(argv)
    source = Path(args.source) if args.source else find_default_source()
    if not source.is_file():
        sys.exit(f"build_gsoc_fixture: source not found: {source}")
    out_dir = Path(args.out) if args.out else DEFAULT_OUT
    c = build(source, out_dir)
    n = c["learners"]
    print(f"gsoc-2024: {c['listings']} listings ({c['zero_capacity']} with capacity 0), "
          f"{c['seats']} seats, {n} learners -> {out_dir}", file=sys.stderr)
    print(f"  skills: {n - c['zero_skills']}/{n} learners with >= 1 skill "
          f"({pct(n - c['zero_skills'], n)}), {c['zero_skills']} with none, "
          f"mean {c['mean_skills']:.2f} per learner", file=sys.stderr)
    print(f"  true org's technologies among learner skills: {c['true_hit']}/{n} "
          f"({pct(c['true_hit'], n)}); mean recall {100.0 * c['mean_recall']:.1f}%; "
          f"true org has max overlap for {c['top_overlap']} ({pct(c['top_overlap'], n)})",
          file=sys.stderr)
    print(f"  sectors: {c['zero_sectors']} learners with none; id fallbacks: {c['fallback_ids']}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
