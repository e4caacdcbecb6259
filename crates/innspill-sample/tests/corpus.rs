//! The committed sample world (`corpus/sample/`) is exactly what the generator writes, and
//! its documents say what `truth.json` says they say.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use innspill_sample::{Config, Format, NOTICE, Naming, Sample, TruthDocument};

fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/sample")
}

fn walk(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn sample() -> Sample {
    innspill_sample::generate(&Config::default()).unwrap()
}

#[test]
fn regenerating_gives_the_committed_corpus_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    innspill_sample::write_to(&sample(), tmp.path()).unwrap();
    let fresh = walk(tmp.path());
    let mut old = walk(&committed());
    old.remove("README.md");
    let fresh_names: Vec<&String> = fresh.keys().collect();
    let old_names: Vec<&String> = old.keys().collect();
    assert_eq!(
        fresh_names, old_names,
        "help: the generator changed; run `cargo run -p innspill-sample -- --out corpus/sample --force`"
    );
    for (name, bytes) in &fresh {
        assert!(
            old[name] == *bytes,
            "{name} differs from the committed file\nhelp: the generator changed; run \
             `cargo run -p innspill-sample -- --out corpus/sample --force` and commit"
        );
    }
    let total: usize = fresh.values().map(Vec::len).sum();
    assert!(total < 10_000_000, "committed corpus is {total} bytes");
}

/// Text of a document without whitespace or hyphens, so that line ends, hyphenation and
/// bullet layout do not matter.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{AD}')
        .collect()
}

fn unescape(t: &str) -> String {
    t.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// Read a stored (uncompressed) zip entry by name.
fn stored_entry(zip: &[u8], name: &str) -> Option<String> {
    let mut i = 0;
    while i + 30 <= zip.len() && zip[i..i + 4] == [0x50, 0x4b, 3, 4] {
        let le16 = |o: usize| u16::from_le_bytes([zip[o], zip[o + 1]]) as usize;
        let size = u32::from_le_bytes(zip[i + 18..i + 22].try_into().unwrap()) as usize;
        let (nlen, xlen) = (le16(i + 26), le16(i + 28));
        let entry = std::str::from_utf8(&zip[i + 30..i + 30 + nlen]).unwrap();
        let data = i + 30 + nlen + xlen;
        if entry == name {
            return Some(String::from_utf8(zip[data..data + size].to_vec()).unwrap());
        }
        i = data + size;
    }
    None
}

fn docx_text(bytes: &[u8]) -> String {
    let xml = stored_entry(bytes, "word/document.xml").expect("document.xml");
    let mut out = String::new();
    for part in xml.split("<w:t xml:space=\"preserve\">").skip(1) {
        out.push_str(&unescape(part.split("</w:t>").next().unwrap()));
        out.push(' ');
    }
    out
}

fn txt_text(bytes: &[u8], encoding: Option<&str>) -> String {
    match encoding {
        Some("utf-16le-bom") => {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        Some("windows-1252") => bytes
            .iter()
            .map(|&b| match b {
                0x92 => '’',
                0x96 => '–',
                0x95 => '•',
                0x93 => '“',
                0x94 => '”',
                0x85 => '…',
                b => char::from(b),
            })
            .collect(),
        Some("utf-8-bom") => String::from_utf8(bytes[3..].to_vec()).unwrap(),
        _ => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

/// Drop the running headers and footers that a paragraph may be split by.
fn without_running_lines(text: &str) -> String {
    let running = |l: &str| {
        let l = l.trim();
        l.starts_with(&format!("{NOTICE} ·"))
            || l.starts_with(&format!("{NOTICE} (fiktiv fylkeskommune) ·"))
            || (l.starts_with("Side ") && l.contains(" av "))
    };
    text.lines()
        .filter(|l| !running(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn text_of(doc: &TruthDocument, bytes: &[u8]) -> String {
    match doc.format {
        Format::Pdf => pdf_text(bytes),
        Format::Docx => docx_text(bytes),
        Format::Html => strip_tags(std::str::from_utf8(bytes).unwrap()),
        Format::Txt => txt_text(bytes, doc.encoding),
    }
}

#[test]
fn every_readable_document_holds_its_statement_and_the_notice() {
    let s = sample();
    let files: BTreeMap<&str, &[u8]> = s
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    let mut checked = 0;
    for doc in s.truth.documents.iter().filter(|d| d.broken.is_none()) {
        let text = text_of(doc, files[doc.file.as_str()]);
        let flat = squash(&without_running_lines(&text));
        assert!(text.contains(NOTICE), "{}: no notice", doc.file);
        let st = doc.statement.as_ref().unwrap();
        assert!(
            flat.contains(&squash(&st.title)),
            "{}: title {:?}",
            doc.file,
            st.title
        );
        for p in &st.paragraphs {
            assert!(
                flat.contains(&squash(&p.text)),
                "{}: paragraph {} missing: {:?}",
                doc.file,
                p.n,
                p.text
            );
        }
        let full = if doc.respondent.kind == "kommune" {
            format!("{} kommune", doc.respondent.name)
        } else {
            format!("{} fylkeskommune", doc.respondent.name)
        };
        let mentions = text.matches(&full).count();
        match doc.named_in {
            Naming::Text => assert!(mentions >= 2, "{}: {mentions} mentions of {full}", doc.file),
            Naming::Letterhead => {
                assert_eq!(mentions, 1, "{}: {full} outside the letterhead", doc.file)
            }
            Naming::Manifest => {
                assert_eq!(mentions, 0, "{}: {full} named", doc.file);
                assert!(
                    !doc.file.contains(&doc.respondent.kommunenummer),
                    "{}",
                    doc.file
                );
            }
        }
        checked += 1;
    }
    assert!(checked > 140, "{checked}");
}

#[test]
fn metadata_says_the_data_are_fictional() {
    let s = sample();
    for f in s.files.iter().filter(|f| f.path.starts_with("dokumenter/")) {
        let doc = s.truth.documents.iter().find(|d| d.file == f.path).unwrap();
        if doc.broken.is_some() {
            continue;
        }
        match doc.format {
            Format::Pdf => {
                let pdf = lopdf::Document::load_mem(&f.bytes).unwrap();
                let info = pdf
                    .trailer
                    .get(b"Info")
                    .and_then(|o| o.as_reference())
                    .unwrap();
                let dict = pdf.get_dictionary(info).unwrap();
                let subject = lopdf::decode_text_string(dict.get(b"Subject").unwrap()).unwrap();
                assert!(subject.starts_with(NOTICE), "{}: {subject}", f.path);
            }
            Format::Docx => {
                let core = stored_entry(&f.bytes, "docProps/core.xml").unwrap();
                assert!(
                    core.contains(&format!("<dc:subject>{NOTICE}")),
                    "{}",
                    f.path
                );
            }
            Format::Html => {
                let html = String::from_utf8(f.bytes.clone()).unwrap();
                assert!(
                    html.contains(&format!("<meta name=\"description\" content=\"{NOTICE}")),
                    "{}",
                    f.path
                );
            }
            Format::Txt => {}
        }
    }
}

#[test]
fn broken_files_are_broken_the_way_truth_says() {
    let s = sample();
    let broken: Vec<&TruthDocument> = s
        .truth
        .documents
        .iter()
        .filter(|d| d.broken.is_some())
        .collect();
    let kinds: Vec<&str> = broken
        .iter()
        .map(|d| d.broken.as_ref().unwrap().kind)
        .collect();
    for k in ["scanned", "empty", "truncated", "not_a_zip"] {
        assert!(kinds.contains(&k), "{k} missing in {kinds:?}");
    }
    for d in broken {
        let bytes = &s.files.iter().find(|f| f.path == d.file).unwrap().bytes;
        match d.broken.as_ref().unwrap().kind {
            "scanned" => assert!(pdf_text(bytes).trim().is_empty()),
            "empty" => assert!(bytes.is_empty()),
            "truncated" => {
                assert!(lopdf::Document::load_mem(bytes).is_err() || !bytes.ends_with(b"%%EOF\n"))
            }
            "not_a_zip" => assert!(!bytes.starts_with(b"PK")),
            k => panic!("unknown kind {k}"),
        }
        assert!(
            d.in_manifest,
            "{}: a broken file must be attributable through the manifest",
            d.file
        );
    }
}

#[test]
fn manifest_and_register_cover_the_documents() {
    let s = sample();
    let file = |name: &str| {
        String::from_utf8(
            s.files
                .iter()
                .find(|f| f.path == name)
                .unwrap()
                .bytes
                .clone(),
        )
        .unwrap()
    };
    let manifest = file("manifest.csv");
    let register = file("register.csv");
    let numbers: Vec<&str> = register
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(numbers.len(), 208);
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 3);
        let doc = s
            .truth
            .documents
            .iter()
            .find(|d| d.file == cols[0])
            .expect(cols[0]);
        assert_eq!(doc.respondent.kommunenummer, cols[1]);
        assert_eq!(cols[2], "2026");
    }
    for d in &s.truth.documents {
        assert!(numbers.contains(&d.respondent.kommunenummer.as_str()));
        if d.named_in == Naming::Manifest {
            assert!(
                manifest.contains(&format!("{},{}", d.file, d.respondent.kommunenummer)),
                "{}",
                d.file
            );
        }
    }
    // Counties answer too.
    assert!(
        s.truth
            .documents
            .iter()
            .any(|d| d.respondent.kind == "fylkeskommune")
    );
}

#[test]
fn planted_differences_came_out_with_their_sign() {
    let s = sample();
    for d in &s.truth.size_class_differences {
        let share = |c: &str| d.realised.iter().find(|r| r.size_class == c).unwrap().share;
        let gap = share(d.planted.higher) - share(d.planted.lower);
        assert!(
            gap > 0.2,
            "{}: {} vs {}",
            d.planted.sub,
            share(d.planted.higher),
            share(d.planted.lower)
        );
    }
    let docs = &s.truth.documents;
    let nn = docs
        .iter()
        .filter(|d| d.language == innspill_sample::Lang::Nn)
        .count() as f64
        / docs.len() as f64;
    assert!((0.2..0.35).contains(&nn), "Nynorsk share {nn}");
    // Regional drafts: adopted unchanged by several in most counties.
    let drafts = &s.truth.regional_drafts;
    assert!(drafts.len() >= 5);
    assert!(drafts.iter().filter(|d| d.unchanged.len() >= 3).count() >= 4);
}

#[test]
fn unchanged_adopters_share_the_draft_text() {
    let s = sample();
    for draft in &s.truth.regional_drafts {
        for file in &draft.unchanged {
            let doc = s.truth.documents.iter().find(|d| &d.file == file).unwrap();
            let Some(st) = &doc.statement else { continue };
            assert_eq!(st.paragraphs.len(), draft.paragraphs.len(), "{file}");
            for (a, b) in st.paragraphs.iter().zip(&draft.paragraphs) {
                assert_eq!(a.tags, b.tags, "{file}");
            }
        }
    }
}
