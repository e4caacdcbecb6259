#!/usr/bin/env python3
"""simplemma's lemma accuracy on the UD Norwegian test sets, measured the same way as
`gates_lemmas.rs` measures innspill's: word tokens (UPOS not PUNCT, SYM, NUM), lemmas
compared case-insensitively, each token lemmatised as it stands (simplemma has no
context). Prints one line per language: `simplemma <version> <lang> <right>/<total> <pct>`.

Usage: simplemma_ud.py ../shared/data/nlp   (needs `pip install simplemma==2.0.0`)
"""
import sys
from importlib.metadata import version

import simplemma

nlp = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/nlp"
sets = [
    ("nb", f"{nlp}/ud_norwegian_bokmaal/no_bokmaal-ud-test.conllu"),
    ("nn", f"{nlp}/ud_norwegian_nynorsk/no_nynorsk-ud-test.conllu"),
]
for lang, path in sets:
    right = total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 10 or "-" in cols[0] or "." in cols[0]:
                continue
            if cols[3] in ("PUNCT", "SYM", "NUM"):
                continue
            total += 1
            if simplemma.lemmatize(cols[1], lang=lang).lower() == cols[2].lower():
                right += 1
    print(f"simplemma {version('simplemma')} {lang} {right}/{total} {100 * right / total:.2f}")
