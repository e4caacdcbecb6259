//! Every kind of input, good and bad, through `Ingester::ingest_into` in a temporary
//! folder: each is accounted for in the report with a specific reason.

use std::path::{Path, PathBuf};

use innspill_ingest::{
    Ingester, NoReporter, RegisterImport,
    fixtures::{DocxPara, PdfOptions, docx, pdf_with, zip_parts},
};
use innspill_model::{DetectedBy, Format, IngestOutcome, IngestReportEntry, SegmentKind, Store};

const REGISTER: &str = "kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar\n\
    1856,Røst,18,Nordland,471,2026\n\
    1818,Herøy,18,Nordland,1874,2026\n\
    1515,Herøy,15,Møre og Romsdal,9003,2026\n\
    4024,Hjartdal,40,Telemark,1638,2026\n\
    5622,Porsanger - Porsáŋgu - Porsanki,56,Finnmark,3866,2026\n\
    3907,Sandefjord,39,Vestfold,67062,2026\n";

fn ingester(max: u64) -> Ingester {
    let mut r = RegisterImport::new();
    r.add_csv("register.csv", REGISTER).unwrap();
    Ingester::builder()
        .register(r.finish())
        .max_file_size(max)
        .build()
}

fn statement_pages() -> Vec<Vec<String>> {
    let p = |s: &str| s.to_string();
    vec![
        vec![
            p("Uttalelse fra Sandefjord kommune"),
            p(""),
            p("Kommunestyret i Sandefjord kommune mener at mangelen på arbeids-"),
            p("kraft er den største utfordringen for tjenestene."),
            p(""),
            p("• rekruttering av sykepleiere"),
            p("• heltidskultur"),
        ],
        vec![
            p("Beredskap"),
            p(""),
            p("Kommunen må styrke beredskapen i en helt ny sikkerhetspolitisk situasjon."),
        ],
    ]
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn entry<'a>(entries: &'a [IngestReportEntry], name: &str) -> &'a IngestReportEntry {
    entries
        .iter()
        .find(|e| e.path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} is not in the report"))
}

fn failed_with(entries: &[IngestReportEntry], name: &str, needle: &str) {
    let e = entry(entries, name);
    assert_eq!(e.outcome, IngestOutcome::Failed, "{name}: {e:?}");
    let reason = e.reason.as_deref().unwrap_or("");
    assert!(
        reason.contains(needle),
        "{name}: reason {reason:?} does not say {needle:?}\nhelp: every failure needs a specific reason"
    );
}

#[test]
fn every_input_is_accounted_for() {
    let fx = Fixture::new();
    let good_pdf = pdf_with(
        &statement_pages(),
        PdfOptions {
            header: Some("Sandefjord kommune – Saksframlegg".into()),
            footer: Some("Side {page} av {pages}".into()),
            ..PdfOptions::default()
        },
    );
    fx.write("in/sandefjord.pdf", &good_pdf);
    fx.write("in/zz/sandefjord-kopi.pdf", &good_pdf);
    fx.write(
        "in/hjartdal.docx",
        &docx(&[
            DocxPara::heading("Fråsegn frå Hjartdal kommune"),
            DocxPara::text(
                "Kommunestyret i Hjartdal kommune meiner at kommunane treng meir handlingsrom, \
                 og at det ikkje er nok berre å seie at ein skal prioritere.",
            ),
            DocxPara::item("rekruttering av fagfolk"),
        ]),
    );
    fx.write(
        "in/porsanger.html",
        "<html><body><nav>Meny</nav><h1>Uttalelse</h1><p>Kommunestyret i Porsáŋgu kommune \
         vedtok uttalelsen om beredskap.</p></body></html>"
            .as_bytes(),
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in
        "Røst kommune\n\nKommunestyret i Røst kommune mener at øykommuner trenger handlingsrom.\n"
            .encode_utf16()
    {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    fx.write("in/rost-utf16.txt", &utf16);
    fx.write(
        "in/rost-1252.txt",
        b"Kommunestyret i R\xF8st kommune mener at \xF8ykommuner trenger handlingsrom.\n",
    );
    fx.write(
        "in/herøy.txt",
        "Kommunestyret i Herøy kommune vedtok uttalelsen.\n".as_bytes(),
    );
    fx.write(
        "in/ukjent.txt",
        "Vi mener kommunene trenger mer handlingsrom.\n".as_bytes(),
    );
    fx.write(
        "in/manifest-only.txt",
        "Vi mener kommunene trenger mer handlingsrom.\n\nMed hilsen ordføreren\n".as_bytes(),
    );
    fx.write(
        "in/manifest.csv",
        b"file,kommunenummer,year\nmanifest-only.txt,4024,2026\n",
    );
    fx.write("in/README.md", b"# not an input\n");
    // Bad inputs.
    fx.write("in/tom.pdf", b"");
    fx.write(
        "in/skannet.pdf",
        &pdf_with(
            &[vec![], vec![], vec![]],
            PdfOptions {
                no_text: true,
                ..PdfOptions::default()
            },
        ),
    );
    fx.write(
        "in/kryptert.pdf",
        &pdf_with(
            &[vec!["Hemmelig".into()]],
            PdfOptions {
                encrypted: true,
                ..PdfOptions::default()
            },
        ),
    );
    fx.write("in/avkuttet.pdf", &good_pdf[..good_pdf.len() / 3]);
    fx.write("in/ikke-zip.docx", b"Dette er ikke en zip-fil.");
    let spaces = vec![b' '; 9 << 20];
    fx.write(
        "in/bombe.docx",
        &zip_parts(&[("word/document.xml", &spaces)]),
    );
    fx.write(
        "in/binær.txt",
        &[
            0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0,
        ],
    );
    fx.write("in/stor.txt", &vec![b'a'; 300_000]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(fx.path("in/finnes-ikke.pdf"), fx.path("in/lenke.pdf")).unwrap();

    let store = Store::new(fx.path("store"));
    let ingester = ingester(200_000);
    let run = ingester
        .ingest_into(&[fx.path("in")], &store, &NoReporter)
        .unwrap();
    let inputs = &run.report.inputs;

    // Sorted by path, every file: the inputs, and manifest.csv and README.md skipped
    // with the reason.
    let mut sorted: Vec<&str> = inputs.iter().map(|e| e.path.as_str()).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        inputs.iter().map(|e| e.path.as_str()).collect::<Vec<_>>()
    );
    assert_eq!(
        inputs.len(),
        if cfg!(unix) { 20 } else { 19 },
        "{inputs:#?}"
    );
    let counts = run.counts();
    assert_eq!(counts.skipped, 2, "{inputs:#?}");
    assert_eq!(counts.inputs(), run.report.taken().count());
    for (name, reason) in [
        ("in/manifest.csv", "manifest of this folder"),
        (
            "in/README.md",
            "not a statement format (.md); inputs are .pdf, .docx",
        ),
    ] {
        let e = entry(inputs, name);
        assert_eq!(e.outcome, IngestOutcome::Skipped, "{e:?}");
        assert!(e.reason.as_deref().unwrap().starts_with(reason), "{e:?}");
        assert_eq!((&e.doc_id, &e.sha256), (&None, &None), "{e:?}");
    }

    failed_with(inputs, "tom.pdf", "empty file");
    failed_with(inputs, "skannet.pdf", "without a text layer (3 pages");
    failed_with(inputs, "skannet.pdf", "PDF without a text layer");
    failed_with(inputs, "kryptert.pdf", "encrypted PDF");
    failed_with(inputs, "avkuttet.pdf", "PDF");
    failed_with(inputs, "ikke-zip.docx", "not a zip archive");
    failed_with(inputs, "bombe.docx", "zip bomb");
    failed_with(inputs, "binær.txt", "binary data");
    failed_with(inputs, "stor.txt", "over the size limit of 200000 bytes");
    #[cfg(unix)]
    failed_with(inputs, "lenke.pdf", "broken symbolic link");

    // Good inputs.
    let docs = store.read_documents().unwrap();
    assert_eq!(docs.len(), run.documents.len());
    let by_path = |name: &str| {
        let id = entry(inputs, name).doc_id.clone().unwrap();
        docs.iter().find(|d| d.id == id).unwrap().clone()
    };
    let sandefjord = by_path("in/sandefjord.pdf");
    assert_eq!(sandefjord.source.format, Format::Pdf);
    assert_eq!(sandefjord.source.pages, Some(2));
    assert_eq!(sandefjord.respondent.kommunenummer.as_deref(), Some("3907"));
    assert!(
        sandefjord
            .paragraphs()
            .any(|(_, p)| p.text.contains("mangelen på arbeidskraft er"))
    );
    assert!(
        sandefjord
            .paragraphs()
            .any(|(_, p)| p.page == Some(2) && p.text.starts_with("Kommunen må styrke"))
    );
    let others: Vec<&str> = sandefjord
        .paragraphs()
        .filter(|(k, _)| *k == SegmentKind::Other)
        .map(|(_, p)| p.text.as_str())
        .collect();
    assert_eq!(
        others,
        [
            "Sandefjord kommune – Saksframlegg",
            "Side 1 av 2",
            "Sandefjord kommune – Saksframlegg",
            "Side 2 av 2"
        ],
        "running headers and page labels are `other`"
    );
    let dup = entry(inputs, "sandefjord-kopi.pdf");
    assert!(
        dup.duplicate_of
            .as_deref()
            .is_some_and(|d| d.ends_with("in/sandefjord.pdf")),
        "{dup:?}"
    );
    assert_eq!(dup.doc_id, entry(inputs, "in/sandefjord.pdf").doc_id);

    let hjartdal = by_path("hjartdal.docx");
    assert_eq!(hjartdal.respondent.kommunenummer.as_deref(), Some("4024"));
    assert_eq!(hjartdal.language, Some(innspill_model::Lang::Nn));
    assert_eq!(
        by_path("porsanger.html")
            .respondent
            .kommunenummer
            .as_deref(),
        Some("5622")
    );

    let utf16 = entry(inputs, "rost-utf16.txt");
    assert_eq!(utf16.outcome, IngestOutcome::OkWithWarnings);
    assert!(utf16.warnings[0].contains("UTF-16LE"));
    let cp1252 = by_path("rost-1252.txt");
    assert!(cp1252.text.contains("Røst"));
    assert!(cp1252.warnings[0].contains("Windows-1252"));
    // Same words, different bytes: two documents.
    assert_ne!(by_path("rost-utf16.txt").id, cp1252.id);

    let heroy = entry(inputs, "herøy.txt");
    assert_eq!(heroy.outcome, IngestOutcome::OkWithWarnings);
    assert!(heroy.doc_id.as_deref().unwrap().starts_with("ukjent-0000-"));
    assert!(
        heroy
            .warnings
            .iter()
            .any(|w| w.contains("«Herøy» is the name of")),
        "{heroy:?}"
    );
    let unknown = by_path("ukjent.txt");
    assert_eq!(unknown.respondent.detected_by, DetectedBy::Unknown);
    let manifest = by_path("manifest-only.txt");
    assert_eq!(manifest.respondent.detected_by, DetectedBy::Manifest);
    assert_eq!(manifest.respondent.name.as_deref(), Some("Hjartdal"));
    assert_eq!(manifest.year, Some(2026));

    // The report on disk is the report returned, and a re-run writes the same bytes.
    assert_eq!(store.read_ingest_report().unwrap().unwrap(), run.report);
    let snapshot = read_dir_bytes(&fx.path("store"));
    let again = ingester
        .ingest_into(&[fx.path("in")], &store, &NoReporter)
        .unwrap();
    assert_eq!(again.report, run.report);
    assert_eq!(
        read_dir_bytes(&fx.path("store")),
        snapshot,
        "re-runs must be byte-identical"
    );
}

fn read_dir_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walk(dir) {
        out.push((e.display().to_string(), std::fs::read(&e).unwrap()));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn unreadable_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let fx = Fixture::new();
    let p = fx.write("låst.txt", "Kommunestyret i Røst kommune.".as_bytes());
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // Running as root: permissions do not stop reading, so this cannot be shown here
        // (the reason's wording is tested in the library with a synthetic error).
        println!("skipped: running as root, file permissions do not stop reading");
        return;
    }
    let run = ingester(1 << 20).ingest_paths(&[p], &NoReporter).unwrap();
    failed_with(
        &run.report.inputs,
        "låst.txt",
        "cannot read file: Permission denied",
    );
}

#[test]
fn missing_input_is_reported_not_fatal() {
    let fx = Fixture::new();
    let run = ingester(1 << 20)
        .ingest_paths(&[fx.path("finnes-ikke.txt")], &NoReporter)
        .unwrap();
    failed_with(&run.report.inputs, "finnes-ikke.txt", "cannot read file");
    assert!(ingester(1).ingest_paths(&[], &NoReporter).is_err());
}

#[test]
fn reference_texts_in_an_input_folder_are_not_inputs() {
    let fx = Fixture::new();
    let reference = fx.write(
        "in/reference/hefte.txt",
        "KS spør\n\nHva må vi gjøre for å øke endringstakten i vår kommune?\n".as_bytes(),
    );
    fx.write(
        "in/uttale.txt",
        "Kommunestyret i Røst kommune vedtok uttalelsen.\n".as_bytes(),
    );
    let ingester = Ingester::builder()
        .reference_file(&reference)
        .unwrap()
        .build();
    let run = ingester
        .ingest_paths(&[fx.path("in")], &NoReporter)
        .unwrap();
    assert_eq!(run.report.taken().count(), 1, "{:?}", run.report);
    let hefte = entry(&run.report.inputs, "hefte.txt");
    assert_eq!(hefte.outcome, IngestOutcome::Skipped);
    assert!(
        hefte
            .reason
            .as_deref()
            .is_some_and(|r| r.starts_with("reference text")),
        "{hefte:?}"
    );
    // Given explicitly, it is an input like any other, even next to its folder.
    let run = ingester
        .ingest_paths(std::slice::from_ref(&reference), &NoReporter)
        .unwrap();
    assert_eq!(run.report.inputs.len(), 1);
    assert!(run.report.inputs[0].outcome.is_input());
    let run = ingester
        .ingest_paths(&[fx.path("in"), reference], &NoReporter)
        .unwrap();
    assert_eq!(run.report.inputs.len(), 2, "{:?}", run.report);
    assert!(run.report.inputs.iter().all(|e| e.outcome.is_input()));
}
