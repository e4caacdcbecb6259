//! Build the built-in register (`data/register-2026.csv`) from the reference data in
//! `../shared/data/municipalities/` (SSB and Kartverket; see `data/README.md`).
//!
//! `cargo run -p innspill-ingest --example builtin_data -- ../shared/data/municipalities crates/innspill-ingest/data`
//!
//! The output is one CSV in the register's combined shape
//! (`kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar`): the 357
//! municipalities and, with two-digit numbers, the 14 county authorities (Oslo, 03, is a
//! county without one). Names are SSB Klass 131's of 1 January 2026 with their Sami and
//! Kven forms and without SSB's county qualifier (`Herøy (Nordland)` → `Herøy`), except
//! where SSB's API dropped the letter ŋ (5622 `Porsanger - Porsáŋgu - Porsanki`), where
//! Kartverket's spelling is kept. The gate `builtin_register_is_reproducible` in
//! `tests/gates.rs` runs [`register_csv`] again and compares.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [data, out] = args.as_slice() else {
        eprintln!("usage: builtin_data SHARED_DATA/municipalities OUT_DIR");
        return ExitCode::from(2);
    };
    let read = |f: &str| std::fs::read_to_string(data.join(f));
    let (kommuner, fylker) = match (read("kommuner.csv"), read("fylker.csv")) {
        (Ok(k), Ok(f)) => (k, f),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {}: {e}", data.display());
            return ExitCode::from(2);
        }
    };
    let csv = match register_csv(&kommuner, &fylker) {
        Ok(csv) => csv,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let path = out.join("register-2026.csv");
    if let Err(e) = std::fs::write(&path, csv) {
        eprintln!("error: {}: {e}", path.display());
        return ExitCode::from(2);
    }
    eprintln!("wrote {}", path.display());
    ExitCode::SUCCESS
}

/// The built-in register's CSV from `kommuner.csv` and `fylker.csv` (plain CSV, no quoted
/// fields: the files have none).
pub(crate) fn register_csv(kommuner: &str, fylker: &str) -> Result<String, String> {
    let mut rows: Vec<[String; 6]> = Vec::new();
    for (line, r) in table(kommuner, "kommuner.csv")? {
        let get = |c: &str| {
            r.get(c)
                .cloned()
                .ok_or(format!("kommuner.csv line {line}: no {c}"))
        };
        let kartverket = get("navn")?;
        let ssb = get("navn_ssb_2026")?;
        // SSB writes «Herøy (Nordland)» for names two municipalities share.
        let ssb = match ssb.rfind(" (") {
            Some(i) if ssb.ends_with(')') => ssb[..i].to_string(),
            _ => ssb,
        };
        let name = if kartverket.contains('ŋ') {
            kartverket
        } else {
            ssb
        };
        rows.push([
            get("kommunenummer")?,
            name,
            get("fylkesnummer")?,
            get("fylke")?,
            get("folketall")?,
            get("folketall_aar")?,
        ]);
    }
    for (line, r) in table(fylker, "fylker.csv")? {
        let get = |c: &str| {
            r.get(c)
                .cloned()
                .ok_or(format!("fylker.csv line {line}: no {c}"))
        };
        let nr = get("fylkesnummer")?;
        if nr == "03" {
            continue; // Oslo kommune does the county's tasks.
        }
        rows.push([
            nr.clone(),
            get("navn_offisielt")?,
            nr,
            get("navn")?,
            get("folketall")?,
            get("folketall_aar")?,
        ]);
    }
    rows.sort();
    let mut out = String::from("kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar\n");
    for r in rows {
        if r.iter().any(|f| f.contains([',', '"', '\n'])) {
            return Err(format!("a field of {} needs quoting", r[0]));
        }
        out.push_str(&r.join(","));
        out.push('\n');
    }
    Ok(out)
}

type Row = std::collections::BTreeMap<String, String>;

fn table(text: &str, name: &str) -> Result<Vec<(usize, Row)>, String> {
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .ok_or(format!("{name} is empty"))?
        .1
        .split(',')
        .collect();
    Ok(lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let row = header
                .iter()
                .map(|h| h.to_string())
                .zip(l.split(',').map(str::to_string))
                .collect();
            (i + 1, row)
        })
        .collect())
}
