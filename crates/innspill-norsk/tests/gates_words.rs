//! Evaluation gates for the word stages of `innspill-norsk`: dehyphenation on the seed
//! document, compound splitting against Norsk Ordbank's `Leddanalyse`, Bokmål/Nynorsk
//! against labelled parliament sentences. They need `../shared/data` (never committed)
//! and are ignored by default; `.ci/run` runs them with
//! `cargo test -p innspill-norsk --test gates_words -- --ignored --nocapture`.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use innspill_norsk::{CompoundSplitter, Lang, Lexicon, dehyphenate, guess_language};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn nlp(rel: &str) -> PathBuf {
    shared().join("data/nlp").join(rel)
}

fn read_gz(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut s = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut s)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    s
}

fn read_xz(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    lzma_rs::xz_decompress(&mut BufReader::new(file), &mut out)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// SplitMix64: a fixed-seed generator so that samples are the same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher–Yates shuffle.
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

// ---------------------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------------------

/// Accuracy of `guess_language` on labelled texts: (correct, total, nb wrong, nn wrong).
fn accuracy<'a>(items: impl Iterator<Item = (&'a str, Lang)>) -> (usize, usize, usize, usize) {
    let (mut ok, mut n, mut nb_wrong, mut nn_wrong) = (0, 0, 0, 0);
    for (text, lang) in items {
        n += 1;
        if guess_language(text).lang == lang {
            ok += 1;
        } else if lang == Lang::Nb {
            nb_wrong += 1;
        } else {
            nn_wrong += 1;
        }
    }
    (ok, n, nb_wrong, nn_wrong)
}

fn print_accuracy(name: &str, (ok, n, nb_wrong, nn_wrong): (usize, usize, usize, usize)) -> f64 {
    let a = pct(ok, n);
    println!(
        "  {name}: {a:.2} % ({ok} of {n}; Bokmål taken for Nynorsk {nb_wrong}, Nynorsk taken for Bokmål {nn_wrong})"
    );
    a
}

fn ud_sentences(rel: &str) -> Vec<String> {
    let text = std::fs::read_to_string(nlp(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    text.lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .map(str::to_string)
        .collect()
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn language_gate() {
    let dir = "talk_of_norway_sentences_nbailab";
    let nob = read_gz(&nlp(&format!(
        "{dir}/sentences_talk_of_norway_cleaned_10k_nob.txt.gz"
    )));
    let nno = read_gz(&nlp(&format!(
        "{dir}/sentences_talk_of_norway_cleaned_10k_nno.txt.gz"
    )));
    let mut dev = Vec::new();
    let mut held_out = Vec::new();
    for (lines, lang) in [(&nob, Lang::Nb), (&nno, Lang::Nn)] {
        for (i, line) in lines.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            if i % 2 == 0 {
                dev.push((line, lang));
            } else {
                held_out.push((line, lang));
            }
        }
    }
    let csv = read_gz(&nlp(&format!(
        "{dir}/parliament_speeches_1998_2016_nob_nyn.csv.gz"
    )));
    let speeches = parse_speeches(&csv);
    let ud_nb = ud_sentences("ud_norwegian_bokmaal/no_bokmaal-ud-dev.conllu");
    let ud_nn = ud_sentences("ud_norwegian_nynorsk/no_nynorsk-ud-dev.conllu");

    println!("language gate: guess_language on labelled sentences (one guess per sentence)");
    println!(
        "  Talk of Norway 10k+10k sentences split by line number: even lines were used while \
         writing the marker lists (dev), odd lines were not looked at (held out)"
    );
    print_accuracy(
        "ToN sentences, dev (even lines)",
        accuracy(dev.iter().copied()),
    );
    if std::env::var_os("GATE_SHOW_ERRORS").is_some() {
        for &(t, l) in &dev {
            let g = guess_language(t);
            if g.lang != l {
                println!(
                    "    dev error ({}→{}, {:.2}): {t}",
                    l.as_str(),
                    g.lang.as_str(),
                    g.confidence
                );
            }
        }
    }
    let held = print_accuracy(
        "ToN sentences, held out (odd lines)",
        accuracy(held_out.iter().copied()),
    );
    let sp = print_accuracy(
        "parliament speeches CSV (3,000 nob + 3,000 nno rows, held out)",
        accuracy(speeches.iter().map(|(t, l)| (t.as_str(), *l))),
    );
    if std::env::var_os("GATE_SHOW_ERRORS").is_some() {
        for (t, l) in ud_nb
            .iter()
            .map(|s| (s, Lang::Nb))
            .chain(ud_nn.iter().map(|s| (s, Lang::Nn)))
        {
            let g = guess_language(t);
            if g.lang != l {
                println!(
                    "    ud error ({}→{}, {:.2}): {t}",
                    l.as_str(),
                    g.lang.as_str(),
                    g.confidence
                );
            }
        }
    }
    print_accuracy(
        "UD dev sentences (nb dev + nn dev, dev)",
        accuracy(
            ud_nb
                .iter()
                .map(|s| (s.as_str(), Lang::Nb))
                .chain(ud_nn.iter().map(|s| (s.as_str(), Lang::Nn))),
        ),
    );
    assert!(held >= 98.0, "held-out ToN accuracy {held:.2} % < 98 %");
    assert!(sp >= 98.0, "speeches accuracy {sp:.2} % < 98 %");
}

/// Rows of `date,language,text` with quoted fields.
fn parse_speeches(csv: &str) -> Vec<(String, Lang)> {
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut fields));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push(fields);
    }
    rows.into_iter()
        .skip(1)
        .filter(|r| r.len() >= 3)
        .filter_map(|r| {
            let lang = match r[1].as_str() {
                "nob" => Lang::Nb,
                "nno" => Lang::Nn,
                _ => return None,
            };
            Some((r[2].clone(), lang))
        })
        .collect()
}
