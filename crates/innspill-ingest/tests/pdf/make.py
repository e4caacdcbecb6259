#!/usr/bin/env python3
"""Build the PDF fixtures of innspill-ingest from their source paragraphs, with the real
programs that make such files. Run by make.sh (which says what it needs); CI does not run it.

  make.py sources DOC_JSON   the sources (sources/*.json) from the Røst document ingested
                             from corpus/real/rost-2026.txt and the sample world's truth
  make.py docx NAME          sources/NAME.json -> build/NAME[-2col].docx
  make.py html NAME          sources/NAME.json -> build/NAME.html (for Chromium)

A source is the truth: {"name", "lang", "respondent", "header", "paragraphs": [{"segment",
"kind": heading|paragraph|bullet|numbered|cell, "text", "row"/"col" for cells}]}.
"""
import html
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../../.."))


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def rost_source(doc_json):
    """The Røst case as ingested from the seed text: every paragraph but `other`."""
    doc = json.load(open(doc_json, encoding="utf-8"))
    paras = []
    for seg in doc["segments"]:
        if seg["kind"] == "other":
            continue
        for p in seg["paragraphs"]:
            paras.append({"segment": seg["kind"], "kind": p["kind"], "text": p["text"]})
    return {
        "name": "rost",
        "lang": "nb-NO",
        "respondent": "1856",
        "register": "corpus/real/register.csv",
        "header": "Røst kommune – Saksframlegg 2025/112 – KS debatthefte 2026",
        "paragraphs": paras,
    }


def sample_source(name, file, extra=None):
    truth = json.load(open(os.path.join(ROOT, "corpus/sample/truth.json"), encoding="utf-8"))
    d = next(d for d in truth["documents"] if d["file"] == file)
    r = d["respondent"]
    nn = d["language"] == "nn"
    who = f"{r['name']} kommune"
    paras = [
        {"segment": "statement", "kind": "heading", "text": who},
        {"segment": "statement", "kind": "heading", "text": d["statement"]["title"]},
    ]
    for p in d["statement"]["paragraphs"]:
        paras.append({"segment": "statement", "kind": p["kind"], "text": p["text"]})
        if extra and p["n"] == extra["after"]:
            paras.extend(extra["paragraphs"])
    if d["decision"]:
        paras.append({"segment": "decision", "kind": "heading",
                      "text": "Kommunestyret sitt vedtak" if nn else "Kommunestyrets vedtak"})
        paras.append({"segment": "decision", "kind": "paragraph", "text": d["decision"]})
    return {
        "name": name,
        "lang": "nn-NO" if nn else "nb-NO",
        "respondent": r["kommunenummer"],
        "register": "corpus/sample/register.csv",
        "header": f"{who} – {'Fråsegn' if nn else 'Uttalelse'} til KS debatthefte 2026 – Eksempeldata: fiktiv kommune",
        "paragraphs": paras,
    }


# A numbered list and a small table for the sample statement that gets them.
TABLE_EXTRA = {
    "after": 9,
    "paragraphs": [
        {"segment": "statement", "kind": "paragraph", "text": "Kommunestyret prioriterer tiltakene slik:"},
        {"segment": "statement", "kind": "numbered", "text": "Heltid som hovedregel i helse og omsorg innen utgangen av 2027."},
        {"segment": "statement", "kind": "numbered", "text": "Felles beredskapsplan med nabokommunene, øvd hvert år."},
        {"segment": "statement", "kind": "numbered", "text": "Digital søknad om alle tjenester der innbyggerne ber om det."},
        {"segment": "statement", "kind": "cell", "row": 0, "col": 0, "text": "Tiltak"},
        {"segment": "statement", "kind": "cell", "row": 0, "col": 1, "text": "Ansvar"},
        {"segment": "statement", "kind": "cell", "row": 0, "col": 2, "text": "Frist"},
        {"segment": "statement", "kind": "cell", "row": 1, "col": 0, "text": "Heltidskultur"},
        {"segment": "statement", "kind": "cell", "row": 1, "col": 1, "text": "Kommunedirektøren"},
        {"segment": "statement", "kind": "cell", "row": 1, "col": 2, "text": "Desember 2027"},
        {"segment": "statement", "kind": "cell", "row": 2, "col": 0, "text": "Beredskapsøvelse"},
        {"segment": "statement", "kind": "cell", "row": 2, "col": 1, "text": "Beredskapsrådet"},
        {"segment": "statement", "kind": "cell", "row": 2, "col": 2, "text": "Juni 2026"},
    ],
}


def sources(doc_json):
    os.makedirs(os.path.join(HERE, "sources"), exist_ok=True)
    out = [
        rost_source(doc_json),
        sample_source("elvehaug", "dokumenter/brefjorden/8201-elvehaug-ks-debatthefte-2026.pdf"),
        sample_source("seljevatn", "dokumenter/havbygda/8133-seljevatn-ks-debatthefte-2026.txt"),
        sample_source("lyngbygd", "dokumenter/nordkysten/8512-lyngbygd-ks-debatthefte-2026.pdf", TABLE_EXTRA),
        sample_source("mosestrand", "dokumenter/brefjorden/8220-mosestrand-ks-debatthefte-2026.pdf"),
    ]
    for s in out:
        write_json(os.path.join(HERE, "sources", s["name"] + ".json"), s)


def load(name):
    return json.load(open(os.path.join(HERE, "sources", name + ".json"), encoding="utf-8"))


def docx(name, columns):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    src = load(name)
    d = Document()
    lang = src["lang"]
    # Norwegian on every run, through the document defaults, so LibreOffice hyphenates.
    rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), lang)
    rpr.append(el)
    settings = d.settings.element
    settings.append(OxmlElement("w:autoHyphenation"))
    zone = OxmlElement("w:hyphenationZone")
    zone.set(qn("w:val"), "284")
    settings.append(zone)
    normal = d.styles["Normal"]
    # Carlito is metric-compatible with Word's Calibri (and has its «ti», «ft» ligatures).
    normal.font.name = "Carlito" if src["name"] == "rost" else "Liberation Serif"
    normal.font.size = Pt(11)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.space_after = Pt(6)
    sect = d.sections[0]
    sect.page_width, sect.page_height = Mm(210), Mm(297)
    if columns == 2:
        cols = sect._sectPr.xpath("./w:cols")
        c = cols[0] if cols else OxmlElement("w:cols")
        c.set(qn("w:num"), "2")
        c.set(qn("w:space"), "567")
        if not cols:
            sect._sectPr.append(c)
    # Running header, and a «Side X av Y» footer from fields.
    sect.header.paragraphs[0].text = src["header"]
    foot = sect.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def field(p, instr):
        f = OxmlElement("w:fldSimple")
        f.set(qn("w:instr"), instr)
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        f.append(r)
        p._p.append(f)

    foot.add_run("Side ")
    field(foot, "PAGE")
    foot.add_run(" av ")
    field(foot, "NUMPAGES")

    table = None
    for p in src["paragraphs"]:
        k = p["kind"]
        if k == "cell":
            if table is None or p["row"] == 0 and p["col"] == 0:
                rows = 1 + max(q["row"] for q in src["paragraphs"] if q["kind"] == "cell")
                cols_n = 1 + max(q["col"] for q in src["paragraphs"] if q["kind"] == "cell")
                table = d.add_table(rows=rows, cols=cols_n)
                table.style = "Table Grid"
            cell = table.cell(p["row"], p["col"])
            cell.paragraphs[0].text = p["text"]
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            continue
        if k == "heading":
            d.add_heading(p["text"], level=2)
        elif k == "bullet":
            d.add_paragraph(p["text"], style="List Bullet")
        elif k == "numbered":
            d.add_paragraph(p["text"], style="List Number")
        else:
            d.add_paragraph(p["text"])
    suffix = "-2col" if columns == 2 else ""
    d.save(os.path.join(HERE, "build", f"{name}{suffix}.docx"))


def html_page(name):
    src = load(name)
    lang = src["lang"][:2]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html.escape(src['header'])}</title>",
        "<style>@page{size:A4}body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;line-height:1.35;"
        "margin:0 1cm;text-align:justify}h2{font-size:13pt}"
        "table{border-collapse:collapse}td{border:1px solid #999;padding:2pt 6pt}</style>",
        "</head><body>",
    ]
    in_list = None
    rows = {}
    for p in src["paragraphs"] + [{"kind": "end"}]:
        k = p["kind"]
        want = {"bullet": "ul", "numbered": "ol"}.get(k)
        if in_list and want != in_list:
            out.append(f"</{in_list}>")
            in_list = None
        if k != "cell" and rows:
            out.append("<table>")
            for r in sorted(rows):
                out.append("<tr>" + "".join(f"<td>{html.escape(t)}</td>" for _, t in sorted(rows[r])) + "</tr>")
            out.append("</table>")
            rows = {}
        if want and not in_list:
            out.append(f"<{want}>")
            in_list = want
        if k == "end":
            break
        t = html.escape(p["text"])
        if k == "heading":
            out.append(f"<h2>{t}</h2>")
        elif want:
            out.append(f"<li>{t}</li>")
        elif k == "cell":
            rows.setdefault(p["row"], []).append((p["col"], p["text"]))
        else:
            out.append(f"<p>{t}</p>")
    out.append("</body></html>")
    with open(os.path.join(HERE, "build", f"{name}.html"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    os.makedirs(os.path.join(HERE, "build"), exist_ok=True)
    cmd = sys.argv[1]
    if cmd == "sources":
        sources(sys.argv[2])
    elif cmd == "docx":
        docx(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    elif cmd == "html":
        html_page(sys.argv[2])
    else:
        sys.exit(f"unknown command {cmd}")
