#!/usr/bin/env python3
"""One-off preparation of eval/candidates.tsv from the committed seed copy.

Cuts corpus/real/rost-2026.txt (chapters «Taktskifte for bærekraftig velferd»,
«Nok arbeidskraft og kompetanse», «Taktskifte for skjerpet beredskap» and Røst's
statement) into paragraphs the way a reader sees them: blank lines separate
paragraphs, a line starting with a bullet (•, →) or a list number starts its own item,
a short line without final punctuation that is followed by a capitalised line is a
heading. Words split over line ends are joined when the line has no trailing space
and the next line starts in lower case (`sikker-` / `hetspolitisk`, `Kommune` /
`sektoren`). The output was then labelled by hand (labels.tsv); this script is kept
so the cut can be reproduced, it is not part of the product.
"""
import re, sys, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
lines = (ROOT / "corpus/real/rost-2026.txt").read_text(encoding="utf-8").split("\n")
RANGES = [(121, 350, "velferd"), (351, 572, "arbeidskraft"), (573, 1012, "beredskap"), (1013, 1120, "statement")]
PAGE_HEADER = re.compile(r"^\d+Taktskifte for bærekraftig velferd\s*$")
# Short first lines of a paragraph that the heading rule would take for headings.
NOT_HEADINGS = {737, 766, 786}
BULLET = re.compile(r"^\s*(•|→|\d+\.\t|\d+\.\s)")

def join(raw):
    out = ""
    for i, l in enumerate(raw):
        if i == 0:
            out = l.strip() if not l.endswith(" ") else l.strip() + " "
            out = l
            continue
        prev = out
        nxt = l.lstrip()
        if prev and not prev.endswith(" ") and nxt[:1].islower():
            if prev.endswith("-") and not prev.endswith(" -"):
                out = prev[:-1] + nxt
            else:
                out = prev + nxt
        else:
            out = prev.rstrip() + " " + nxt
    out = re.sub(r"^\s*(•|→)\s*", "", out)
    return re.sub(r"\s+", " ", out).strip()

items = []
for a, b, chapter in RANGES:
    cur, start = [], None
    def flush(end):
        global cur, start
        if cur:
            text = join(cur)
            if re.search(r"[A-Za-zæøåÆØÅ]", text):
                items.append((chapter, start, end, text, bool(BULLET.match(cur[0]))))
        cur, start = [], None
    for n in range(a, b + 1):
        l = lines[n - 1]
        if not l.strip() or PAGE_HEADER.match(l):
            flush(n - 1)
            continue
        st = l.strip()
        is_heading = (len(st) < (70 if not l.endswith(" ") else 50) and st[:1].isupper()
                      and not st.endswith((".", ":", ",", "?", "!", "»", "-"))
                      and n < b and lines[n].strip()[:1].isupper()
                      and not BULLET.match(l) and n not in NOT_HEADINGS)
        if BULLET.match(l) or l.startswith(" ") or is_heading:
            flush(n - 1)
        cur.append(l)
        if start is None:
            start = n
        if is_heading or (l.strip().endswith(":") and BULLET.match(lines[n] if n < len(lines) else "")):
            flush(n)
    flush(b)

# A paragraph cut by a page break or a photo continues in lower case: join it back.
merged = []
for it in items:
    if merged and not it[4] and it[3][:1].islower() and merged[-1][0] == it[0] and not merged[-1][3].endswith((".", ":", "?", "!")):
        c, s0, _, t0, b0 = merged[-1]
        merged[-1] = (c, s0, it[2], t0 + " " + it[3], b0)
    else:
        merged.append(it)
items = merged
section = ""

for i, (chapter, s, e, t, bullet) in enumerate(items):
    kind = "bullet" if bullet else "paragraph"
    if s == e and len(t) < 70 and not t.endswith((".", ":", "?", "!", ")", "»")) and not re.match(r"^\s*(•|→|\d+\.\t)", lines[s - 1]):
        kind = "heading"
        section = t
        print(f"{s}-{e}\t{chapter}\t{kind}\t\t{t}")
        continue
    print(f"{s}-{e}\t{chapter}\t{kind}\t{section}\t{t}")
