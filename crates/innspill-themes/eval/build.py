#!/usr/bin/env python3
"""Build dev.jsonl from the seed cut (extract.py), labels.tsv and nynorsk.tsv.

Every third item (0-based index % 3 == 2) is held apart: the codebook is tuned by
looking at the other items only, and the held-apart figure is reported separately.
"""
import json, pathlib, subprocess, sys

HERE = pathlib.Path(__file__).resolve().parent
cand = subprocess.run([sys.executable, str(HERE / "extract.py")], capture_output=True, text=True, check=True).stdout
labels = {}
for line in (HERE / "labels.tsv").read_text(encoding="utf-8").splitlines():
    if line.startswith("#") or not line.strip():
        continue
    lines, themes, subs = line.split("\t")
    labels[lines] = (themes, subs)

def split_list(s):
    return [] if s == "-" else s.split(",")

items = []
for line in cand.splitlines():
    lines, chapter, kind, section, text = line.split("\t")
    themes, subs = labels[lines]
    items.append({"id": f"rost:{lines}", "source": f"corpus/real/rost-2026.txt:{lines}",
                  "lang": "nb", "kind": kind, "section": section or None, "text": text,
                  "themes": split_list(themes), "subs": split_list(subs)})
for n, line in enumerate((HERE / "nynorsk.tsv").read_text(encoding="utf-8").splitlines()):
    if line.startswith("#") or not line.strip():
        continue
    kind, section, text, themes, subs = line.split("\t")
    items.append({"id": f"nn:{len([i for i in items if i['lang'] == 'nn']) + 1}", "source": "written for this set",
                  "lang": "nn", "kind": kind, "section": section or None, "text": text,
                  "themes": split_list(themes), "subs": split_list(subs)})
with open(HERE / "dev.jsonl", "w", encoding="utf-8") as f:
    for i, it in enumerate(items):
        it["split"] = "held" if i % 3 == 2 else "tune"
        f.write(json.dumps(it, ensure_ascii=False) + "\n")
print(len(items), "items", sum(1 for i in items if i["lang"] == "nb"), "from the seed")
