//! Issue 17 end to end: `innspill run` on statements written here (two fictional
//! municipalities and two of KS' own regional bodies, one in Nynorsk), then the tables,
//! the report's respondent list, the Norwegian workbook and search.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{innspill, stdout};

const REGISTER: &str = "kommunenummer,navn,fylkesnummer,fylke,folketall\n\
99,Fiktivfylke,99,Fiktivfylke,40000\n\
9901,Eksempelvik,99,Fiktivfylke,1200\n\
9902,Prøvestad,99,Fiktivfylke,25000\n\
9903,Tenktby,99,Fiktivfylke,6000\n";

const STATEMENTS: &[(&str, &str)] = &[
    (
        "eksempelvik.txt",
        "Eksempelvik kommune\n\nUttalelse til KS' debatthefte 2026\n\n\
         Kommunestyret i Eksempelvik kommune vedtok følgende uttalelse:\n\n\
         Eksempeldata: fiktiv kommune. Kommunen mangler sykepleiere og må rekruttere flere \
         fagfolk. Beredskapen må styrkes, og staten må finansiere nye oppgaver fullt ut.\n",
    ),
    (
        "provestad.txt",
        "Prøvestad kommune\n\nUttalelse til KS' debatthefte 2026\n\n\
         Kommunestyret i Prøvestad kommune vedtok følgende uttalelse:\n\n\
         Eksempeldata: fiktiv kommune. Kommunen ber om mer lokalt handlingsrom og mindre \
         statlig detaljstyring, og vil rekruttere flere sykepleiere.\n",
    ),
    (
        "ks-fiktivfylke.txt",
        "KS Fiktivfylke\n\nUttalelse til KS' debatthefte 2026\n\n\
         Fylkesstyret i KS Fiktivfylke vedtok følgende uttalelse i møte 12. mars 2026:\n\n\
         Eksempeldata: fiktiv uttalelse. Kommunene i fylket mangler sykepleiere og må \
         rekruttere flere. Eksempelvik kommune og Prøvestad kommune har bidratt.\n",
    ),
    (
        "ks-more-og-romsdal.txt",
        "Fråsegn til KS sitt debatthefte 2026\n\n\
         KS Møre og Romsdal sitt fylkesmøte vedtok denne fråsegna:\n\n\
         Eksempeldata: fiktiv fråsegn. Kommunane treng fleire sjukepleiarar, og dei må \
         rekruttere fleire. Beredskapen må styrkjast, og staten må finansiere nye oppgåver.\n",
    ),
];

/// Run `innspill run` on the statements; returns (store, report folder).
fn run(tmp: &Path) -> (PathBuf, PathBuf) {
    let input = tmp.join("inn");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("register.csv"), REGISTER).unwrap();
    for (name, text) in STATEMENTS {
        std::fs::write(input.join(name), text).unwrap();
    }
    let (store, out) = (tmp.join("store"), tmp.join("rapport"));
    let o = innspill(
        &[
            "--store",
            store.to_str().unwrap(),
            "run",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (store, out)
}

/// The columns `cols` of a CSV file the aggregator wrote (no quoted commas in them), one
/// line per row.
fn csv_columns(path: &Path, cols: &[&str]) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let idx: Vec<usize> = cols
        .iter()
        .map(|c| header.iter().position(|h| h == c).unwrap())
        .collect();
    let mut out = vec![cols.join(" | ")];
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        out.push(
            idx.iter()
                .map(|&i| fields.get(i).copied().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" | ")
                .trim_end()
                .to_string(),
        );
    }
    out.join("\n")
}

/// The sheets of a workbook with their cells as text, row by row (shared strings
/// resolved, numbers as written): enough of SpreadsheetML to check names and headers.
fn workbook(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    let between = |s: &str, open: &str, close: &str| -> Vec<String> {
        s.split(open)
            .skip(1)
            .map(|p| p.split(close).next().unwrap().to_string())
            .collect()
    };
    let shared: Vec<String> = between(&part("xl/sharedStrings.xml"), "<si>", "</si>")
        .iter()
        .map(|si| {
            let t = si.split_once('>').map_or("", |(_, rest)| rest);
            unescape(t.split("</t>").next().unwrap())
        })
        .collect();
    let names: Vec<String> = between(&part("xl/workbook.xml"), "<sheet name=\"", "\"")
        .iter()
        .map(|n| unescape(n))
        .collect();
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let xml = part(&format!("xl/worksheets/sheet{}.xml", i + 1));
            let rows = between(&xml, "<row ", "</row>")
                .iter()
                .map(|row| {
                    let mut cells: Vec<String> = Vec::new();
                    for c in between(row, "<c ", "</c>") {
                        // The column from the reference (`r="C7"`): empty cells are not written.
                        let reference = between(&c, "r=\"", "\"").remove(0);
                        let col = reference
                            .chars()
                            .take_while(char::is_ascii_uppercase)
                            .fold(0, |n, ch| n * 26 + (ch as usize - 'A' as usize + 1))
                            - 1;
                        let v = between(&c, "<v>", "</v>").pop().unwrap_or_default();
                        let v = if c.contains("t=\"s\"") {
                            shared[v.parse::<usize>().unwrap()].clone()
                        } else {
                            v
                        };
                        cells.resize(cells.len().max(col + 1), String::new());
                        cells[col] = v;
                    }
                    cells
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// KS' regional bodies are respondents of their own kind (`ks_region`, with their county),
/// counted apart from the members in the tables, and listed in the report.
#[test]
fn issue17_ks_regional_bodies_are_respondents_of_their_own() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, out) = run(tmp.path());
    let tables = store.join("tables");
    let respondents = csv_columns(
        &tables.join("respondents.csv"),
        &[
            "doc_id",
            "kommunenummer",
            "name",
            "kind",
            "fylke",
            "size_class",
        ],
    );
    insta::assert_snapshot!(respondents, @r"
    doc_id | kommunenummer | name | kind | fylke | size_class
    ks-2026-125bc7 |  | KS Møre og Romsdal | ks_region | Møre og Romsdal |
    ks-2026-4478e8 |  | KS Fiktivfylke | ks_region | Fiktivfylke |
    9901-2026-c51c7c | 9901 | Eksempelvik | kommune | Fiktivfylke | liten
    9902-2026-0f9438 | 9902 | Prøvestad | kommune | Fiktivfylke | stor
    ");
    // Theme table: the two KS regions are a group of their own; `alle` holds the members.
    let workforce: String = csv_columns(
        &tables.join("themes_by_size.csv"),
        &["group", "theme", "respondents", "raising"],
    )
    .lines()
    .filter(|l| l.starts_with("group") || l.contains("| workforce |"))
    .collect::<Vec<_>>()
    .join("\n");
    insta::assert_snapshot!(workforce, @r"
    group | theme | respondents | raising
    liten | workforce | 1 | 1
    stor | workforce | 1 | 1
    ks_region | workforce | 2 | 2
    alle | workforce | 2 | 2
    ");
    let county = csv_columns(
        &tables.join("themes_by_county.csv"),
        &["group", "theme", "respondents"],
    );
    assert!(county.contains("Fiktivfylke | workforce | 2"), "{county}");
    assert!(county.contains("ks_region | workforce | 2"), "{county}");
    // Response rates are about the register: 2 of 3 municipalities.
    let rate = csv_columns(
        &tables.join("response_rate.csv"),
        &["dimension", "group", "in_register", "answered"],
    );
    assert!(rate.contains("kind | kommune | 3 | 2"), "{rate}");

    // The report's respondent list and overview.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for want in [
        ">KS Fiktivfylke</a>",
        ">KS Møre og Romsdal</a>",
        "<td>KS-region</td>",
        "<b>2</b>fra KS-regioner",
        "telles ikke med i størrelsesgruppene, fylkene eller «alle»",
    ] {
        assert!(index.contains(want), "missing {want:?} in index.html");
    }

    // Search names them too.
    let o = innspill(
        &[
            "--store",
            store.to_str().unwrap(),
            "search",
            "sjukepleiarar",
            "--json",
        ],
        "",
    );
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["name"], "KS Møre og Romsdal");
    assert_eq!(first["kind"], "ks_region");
}

/// The workbook speaks Norwegian: sheets and columns in the report's words, and «Om
/// tabellene» maps each column to the machine name that CSV and Parquet keep.
#[test]
fn issue17_the_workbook_is_in_norwegian_and_explains_its_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, out) = run(tmp.path());
    let book = workbook(&out.join("innspill.xlsx"));
    let sheets: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    insta::assert_snapshot!(sheets.join("\n"), @r"
    Om tabellene
    Respondenter
    Svarprosent
    Tema etter størrelse
    Tema etter fylke
    Undertema etter størrelse
    Ord som skiller gruppene
    Felles tekst
    Krav
    Typiske sitater
    ");
    let by_name: BTreeMap<&str, &Vec<Vec<String>>> =
        book.iter().map(|(n, rows)| (n.as_str(), rows)).collect();
    insta::assert_snapshot!(by_name["Tema etter størrelse"][0].join(" | "), @r"
    År | Størrelse | Tema | Undertema | Respondenter | Tar opp | Andel | Befolkningsvektet | Løft | p | q | Få | Test
    ");
    // «Om tabellene»: the rows of one sheet, Norwegian name → machine name.
    let about: Vec<String> = by_name["Om tabellene"]
        .iter()
        .filter(|r| r.first().is_some_and(|s| s == "Tema etter størrelse") && r.len() >= 3)
        .map(|r| {
            let column = if r[1].is_empty() { "(arket)" } else { &r[1] };
            format!("{column} → {}", r[2])
        })
        .collect();
    insta::assert_snapshot!(about.join("\n"), @r"
    (arket) → themes_by_size.csv, themes_by_size.parquet
    År → year
    Størrelse → group
    Tema → theme
    Undertema → sub
    Respondenter → respondents
    Tar opp → raising
    Andel → share
    Befolkningsvektet → pop_weighted_share
    Løft → lift
    p → p_value
    q → q_value
    Få → small_cell
    Test → test
    ");
    assert!(by_name["Respondenter"][0].contains(&"Andel Arbeidskraft og kompetanse".to_string()));
    // CSV keeps the machine names, for scripts.
    let csv = std::fs::read_to_string(out.join("tables/themes_by_size.csv")).unwrap();
    assert!(
        csv.starts_with(
            "year,group,theme,sub,respondents,raising,share,pop_weighted_share,lift,p_value,q_value"
        ),
        "{csv}"
    );
}
