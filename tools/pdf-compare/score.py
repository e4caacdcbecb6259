#!/usr/bin/env python3
"""Score PDF text readers on the fixtures of crates/innspill-ingest/tests/pdf against
their source paragraphs. Usage: score.py PDF-COMPARE-BINARY (see README.md)."""
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.normpath(os.path.join(HERE, "../../crates/innspill-ingest/tests/pdf"))
FILES = [
    ("rost", "rost-lo.pdf"),
    ("rost", "rost-2col-lo.pdf"),
    ("rost", "rost-lo-pdfa.pdf"),
    ("rost", "rost-chromium.pdf"),
    ("rost", "rost-gs.pdf"),
    ("rost", "rost-aes256.pdf"),
    ("elvehaug", "elvehaug-rc4.pdf"),
    ("seljevatn", "seljevatn-2col-lo.pdf"),
    ("lyngbygd", "lyngbygd-chromium.pdf"),
]
READERS = ["pdftotext", "lopdf", "pdf-extract", "pdf_oxide", "innspill"]
WORD = re.compile(r"\w+")


def words(t):
    return [w.lower() for w in WORD.findall(t)]


def read(reader, binary, path):
    if reader == "pdftotext":
        best = 1e9
        for _ in range(5):
            t = time.perf_counter()
            out = subprocess.run(["pdftotext", path, "-"], capture_output=True).stdout
            best = min(best, (time.perf_counter() - t) * 1e3)
        return out.decode("utf-8", "replace"), best
    p = subprocess.run([binary, reader, path], capture_output=True)
    try:
        ms = float(p.stderr.decode().strip().splitlines()[-1])
    except Exception:
        ms = float("nan")
    return p.stdout.decode("utf-8", "replace"), ms


def main():
    binary = sys.argv[1]
    print("| file | reader | recall | precision | foreign words | bigrams kept | ms | ms/page |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, f in FILES:
        src = json.load(open(os.path.join(FIX, "sources", name + ".json"), encoding="utf-8"))
        truth = [words(p["text"]) for p in src["paragraphs"]]
        want = Counter(w for p in truth for w in p)
        vocab = set(want)
        bigrams = set((a, b) for p in truth for a, b in zip(p, p[1:]))
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", os.path.join(FIX, f)], capture_output=True, text=True).stdout).group(1))
        for r in READERS:
            text, ms = read(r, binary, os.path.join(FIX, f))
            got_words = words(text)
            got = Counter(got_words)
            hits = sum(min(n, got[w]) for w, n in want.items())
            foreign = sum(n for w, n in got.items() if w not in vocab)
            got_bigrams = set(zip(got_words, got_words[1:]))
            kept = len(bigrams & got_bigrams) / max(1, len(bigrams))
            print(f"| {f} | {r} | {hits / max(1, sum(want.values())):.3f} | {hits / max(1, sum(got.values())):.3f} | {foreign} | {kept:.3f} | {ms:.0f} | {ms / pages:.1f} |")


if __name__ == "__main__":
    main()
