#!/usr/bin/env bash
# Make the PDF fixtures of innspill-ingest with the real programs that make such files.
# Needs (Debian 12): libreoffice-writer-nogui hyphen-no fonts-liberation2 fonts-dejavu
# fonts-crosextra-carlito
# chromium ghostscript qpdf python3-docx, and cargo (the Røst source comes from the
# ingest_json example reading corpus/real/rost-2026.txt). CI does not run this: the outputs are
# committed. Producer versions go to versions.txt.
set -euo pipefail
py=${PYTHON:-/usr/bin/python3}   # Debian's, which has python3-docx
cd "$(dirname "$0")"
root=$(cd ../../../.. && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p build
export SOURCE_DATE_EPOCH=1767225600   # 2026-01-01, for the producers that honour it

# 1. Sources (the truth): the Røst case as the seed text reads, four sample statements.
(cd "$root" && cargo run -q -p innspill-ingest --example ingest_json -- corpus/real/rost-2026.txt \
  corpus/real/register.csv corpus/reference/ks-2026-tid-for-taktskifte.txt) > "$tmp/rost.json"
"$py" make.py sources "$tmp/rost.json"

# 2. DOCX (python-docx): Norwegian, justified, automatic hyphenation, running header,
#    «Side X av Y» footer; one and two columns.
for n in rost elvehaug seljevatn lyngbygd mosestrand; do "$py" make.py docx $n; done
for n in rost seljevatn; do "$py" make.py docx $n 2; done

# 3. LibreOffice PDF export (untagged, its default), and PDF/A-2b tagged.
lo() { soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to "$1" --outdir "$2" "$3" >/dev/null 2>&1; }
for f in rost rost-2col elvehaug seljevatn seljevatn-2col lyngbygd mosestrand; do
  lo pdf "$tmp" build/$f.docx
  mv "$tmp/$f.pdf" "$f-lo.pdf"
done
lo 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"}}' "$tmp" build/rost.docx
mv "$tmp/rost.pdf" rost-lo-pdfa.pdf

# 4. Chromium «Print to PDF» (Skia) of the same paragraphs as HTML, with the browser's own
#    header (date, title) and footer (file URL, page n/N).
for n in rost elvehaug lyngbygd seljevatn; do
  "$py" make.py html $n
  cp build/$n.html "$tmp/$n.html"
  chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/chromium" \
    --print-to-pdf="$n-chromium.pdf" "file://$tmp/$n.html" >/dev/null 2>&1
done

# 5. Ghostscript pdfwrite (re-distilled; its ToUnicode maps ligatures badly).
gs -q -dSAFER -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -o rost-gs.pdf rost-lo.pdf

# 6. qpdf encryption, empty user password, extraction forbidden: AES-256 and RC4-128.
qpdf --encrypt "" eier 256 --extract=n -- rost-lo.pdf rost-aes256.pdf
qpdf --allow-weak-crypto --encrypt "" eier 128 --use-aes=n --extract=n -- elvehaug-lo.pdf elvehaug-rc4.pdf

# 7. A scan: page images only (Ghostscript pdfimage8, 8-bit grey, 300 dpi).
gs -q -dSAFER -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r300 -o mosestrand-scan.pdf mosestrand-lo.pdf

# The DOCX renderings are fixtures too (the «same as DOCX» comparison).
for n in rost elvehaug seljevatn lyngbygd; do cp build/$n.docx $n.docx; done
rm -rf build

{
  soffice --version | head -1 || true
  chromium --version
  echo "Ghostscript $(gs --version)"
  qpdf --version | head -1 || true
  "$py" -c 'import docx; print("python-docx", docx.__version__ if hasattr(docx, "__version__") else "?")'
  dpkg-query -W -f='${Package} ${Version}\n' hyphen-no fonts-liberation2 fonts-dejavu-core fonts-crosextra-carlito
} > versions.txt
du -ch ./*.pdf ./*.docx | tail -1
