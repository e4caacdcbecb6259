#!/usr/bin/env python3
"""Pick the real-text dev set's parliament sentences (run once; the picks are committed in
realtext.tsv as pointers, never as text).

Reads ../../../../shared/data/nlp/talk_of_norway_sentences_nbailab/
parliament_speeches_1998_2016_nob_nyn.csv.gz (Talk of Norway, NLOD 2.0; columns
date,language,text; one sentence a row, rows shuffled, so a "paragraph" here is one row).
Row numbers count CSV records from 1 after the header.

Selection, deterministic: for each language and topic, the rows whose lower-cased text
contains one of the topic's words (broad words an analyst would search the debates with,
chosen before the codebook was looked at for this set), ordered by FNV-1a 64 of "row N",
the first PER_TOPIC not taken by an earlier topic; negatives are rows matching no topic
word, the first NEG by the same order. Prints TSV: row, lang, topic, text (for labelling).
"""
import csv, gzip, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "../../../../shared/data/nlp/talk_of_norway_sentences_nbailab/"
                   "parliament_speeches_1998_2016_nob_nyn.csv.gz")
PER_TOPIC = 22
NEG = 40
TOPICS = [
    ("kommuneokonomi", ["kommuneøkonomi", "rammetilskot", "rammetilskud", "inntektssystem",
                        "frie inntekter", "eigedomsskatt", "eiendomsskatt", "skatteinntekt",
                        "kommunebudsjett", "kommunane sin økonomi", "kommunenes økonomi"]),
    ("helse_omsorg", ["sykehjem", "sjukeheim", "omsorg", "fastlege", "samhandlingsreform",
                      "helseteneste", "helsetjeneste", "pleie", "heimeteneste", "hjemmetjeneste"]),
    ("personell", ["rekrutter", "sykepleie", "sjukepleie", "personell", "arbeidskraft",
                   "deltid", "heltid", "sykefravær", "sjukefråvær", "lærermangel",
                   "lærarmangel", "kompetanse", "legar", "leger "]),
    ("beredskap", ["beredskap", "krise", "flom", "skred", "brann", "øvelse", "øving",
                   "nødnett", "samband", "forsvar", "sivilforsvar", "terror", "redning"]),
    ("kommunereform", ["kommunereform", "sammenslåing", "samanslåing", "interkommunal",
                       "generalist", "kommunestruktur"]),
    ("statlig_styring", ["øremerk", "statlig styring", "statleg styring", "detaljstyr",
                         "rapportering", "tilsyn", "lovpålagt", "rammestyr", "selvstyre",
                         "sjølvstyre", "handlingsrom", "statlege krav", "statlige krav"]),
]


def fnv(s: str) -> int:
    h = 0xCBF29CE484222325
    for b in s.encode():
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    with gzip.open(SRC, "rt", encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        next(r)
        rows = [(i + 1, lang, text) for i, (date, lang, text) in enumerate(r)]
    order = sorted(rows, key=lambda x: fnv(f"row {x[0]}"))
    taken = set()
    out = []
    for lang in ("nob", "nno"):
        for topic, words in TOPICS:
            n = 0
            for row, l, text in order:
                if l != lang or row in taken or n >= PER_TOPIC:
                    continue
                low = text.lower()
                if any(w in low for w in words) and len(text.split()) >= 6:
                    taken.add(row)
                    out.append((row, lang, topic, text))
                    n += 1
        n = 0
        allw = [w for _, ws in TOPICS for w in ws]
        for row, l, text in order:
            if l != lang or row in taken or n >= NEG:
                continue
            low = text.lower()
            if not any(w in low for w in allw) and len(text.split()) >= 6:
                taken.add(row)
                out.append((row, lang, "negative", text))
                n += 1
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for o in out:
        w.writerow(o)


if __name__ == "__main__":
    main()
