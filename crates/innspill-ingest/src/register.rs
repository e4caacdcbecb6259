//! Importing the municipality register from SSB files.
//!
//! Three shapes are read, told apart by their header:
//!
//! - SSB Klass 131 (municipalities) or 104 (counties) as CSV: `code;parentCode;level;name;…`;
//! - SSB table 07459 (population by region) as CSV, long (`region;statistikkvariabel;år;value`)
//!   or wide (`region;Personer 2025;Personer 2026`), region cells like `1856 Røst` or
//!   `K-1856 Røst`; the latest year is taken;
//! - one combined CSV `kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar,…`
//!   (extra columns ignored), and its county counterpart `fylkesnummer,navn,…`.
//!
//! Files given together are merged by number. County authorities are added from the
//! municipalities' counties when no county file is given (Oslo, 03, has none: Oslo
//! kommune does those tasks).

use std::collections::BTreeMap;
use std::path::Path;

use innspill_model::{Register, RegisterEntry, RegisterSource, RespondentKind};

use crate::{Error, csv::records, decode::decode_text};

#[derive(Debug, Default, Clone)]
struct Partial {
    name: Option<String>,
    fylke: Option<String>,
    population: Option<u64>,
    population_year: Option<u16>,
}

/// Builds a [`Register`] from one or more SSB files.
///
/// ```
/// use innspill_ingest::RegisterImport;
///
/// let mut import = RegisterImport::new();
/// import.add_csv("kommuner.csv", "kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar\n\
///     1856,Røst,18,Nordland,471,2026\n").unwrap();
/// let register = import.finish();
/// assert_eq!(register.get("1856").unwrap().population, Some(471));
/// assert_eq!(register.get("18").unwrap().name, "Nordland");
/// ```
#[derive(Debug, Default, Clone)]
pub struct RegisterImport {
    entries: BTreeMap<String, Partial>,
    /// The file names read, for the register's [`RegisterSource`].
    files: Vec<String>,
}

impl RegisterImport {
    /// An empty import.
    pub fn new() -> RegisterImport {
        RegisterImport::default()
    }

    /// Read one file (any of the three shapes; UTF-8, UTF-16 or Windows-1252).
    pub fn add_file(&mut self, path: &Path) -> Result<(), Error> {
        let bytes = fs_err::read(path)?;
        let text = decode_text(&bytes)
            .map_err(|e| Error::Csv {
                path: path.to_path_buf(),
                line: 1,
                message: e.to_string(),
            })?
            .text;
        self.add_csv(&path.display().to_string(), &text)
    }

    /// Read one file's text; `name` is used in error messages.
    pub fn add_csv(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let recs = records(text);
        let path = Path::new(name).to_path_buf();
        let file = path
            .file_name()
            .map_or_else(|| name.to_string(), |f| f.to_string_lossy().into_owned());
        if !self.files.contains(&file) {
            self.files.push(file);
        }
        let header_at = recs
            .iter()
            .position(|(_, r)| {
                let lower: Vec<String> = r.iter().map(|f| f.to_lowercase()).collect();
                lower.iter().any(|f| {
                    f == "kommunenummer" || f == "fylkesnummer" || f == "code" || f == "region"
                })
            })
            .ok_or_else(|| Error::RegisterFormat {
                path: path.clone(),
                header: recs.first().map(|r| r.1.join(",")).unwrap_or_default(),
            })?;
        let header: Vec<String> = recs[header_at].1.iter().map(|f| f.to_lowercase()).collect();
        let col = |name: &str| header.iter().position(|h| h == name);
        let rows = &recs[header_at + 1..];
        if let (Some(nr), Some(navn)) = (col("kommunenummer"), col("navn")) {
            let fylke = col("fylke");
            let folketall = col("folketall");
            let aar = col("folketall_aar");
            for (line, r) in rows {
                // Two digits: a county authority in the same file.
                let raw = r.get(nr).map(String::as_str).unwrap_or("").trim();
                let width = if raw.len() <= 2 { 2 } else { 4 };
                let code = number(&path, *line, r.get(nr), width)?;
                let e = self.entries.entry(code).or_default();
                e.name = r.get(navn).filter(|s| !s.is_empty()).cloned();
                if let Some(f) = fylke.and_then(|i| r.get(i)).filter(|s| !s.is_empty()) {
                    e.fylke = Some(f.clone());
                }
                if let Some(p) = folketall.and_then(|i| r.get(i)).and_then(|s| population(s)) {
                    e.population = Some(p);
                    e.population_year = aar.and_then(|i| r.get(i)).and_then(|s| s.parse().ok());
                }
            }
            return Ok(());
        }
        if let (Some(nr), Some(navn)) = (col("fylkesnummer"), col("navn")) {
            let folketall = col("folketall");
            let aar = col("folketall_aar");
            for (line, r) in rows {
                let code = number(&path, *line, r.get(nr), 2)?;
                let e = self.entries.entry(code).or_default();
                e.name = r.get(navn).cloned();
                e.fylke = r.get(navn).cloned();
                if let Some(p) = folketall.and_then(|i| r.get(i)).and_then(|s| population(s)) {
                    e.population = Some(p);
                    e.population_year = aar.and_then(|i| r.get(i)).and_then(|s| s.parse().ok());
                }
            }
            return Ok(());
        }
        if let (Some(code), Some(name)) = (col("code"), col("name")) {
            // SSB Klass: 4-digit municipality codes (131) or 2-digit county codes (104).
            for (line, r) in rows {
                let raw = r.get(code).map(String::as_str).unwrap_or("").trim();
                let width = if raw.len() <= 2 { 2 } else { 4 };
                let c = number(&path, *line, r.get(code), width)?;
                let (n, qualifier) = split_qualifier(r.get(name).map(String::as_str).unwrap_or(""));
                let e = self.entries.entry(c).or_default();
                e.name = Some(n.to_string());
                if width == 2 {
                    e.fylke = Some(n.to_string());
                } else if let Some(q) = qualifier {
                    e.fylke.get_or_insert_with(|| q.to_string());
                }
            }
            return Ok(());
        }
        if let Some(region) = col("region") {
            return self.add_population(&header, region, rows);
        }
        Err(Error::RegisterFormat {
            path,
            header: header.join(","),
        })
    }

    fn add_population(
        &mut self,
        header: &[String],
        region: usize,
        rows: &[(usize, Vec<String>)],
    ) -> Result<(), Error> {
        let year_col = header
            .iter()
            .position(|h| h == "år" || h == "tid" || h == "year");
        // Long: one value column (the last); wide: columns named with a year.
        let wide: Vec<(usize, u16)> = header
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != region && Some(*i) != year_col)
            .filter_map(|(i, h)| year_in(h).map(|y| (i, y)))
            .collect();
        for (_, r) in rows {
            let Some((code, label)) = r.get(region).and_then(|s| region_code(s)) else {
                continue;
            };
            let (value, year) = if year_col.is_some() || wide.is_empty() {
                let v = r.last().and_then(|s| population(s));
                let y = year_col.and_then(|i| r.get(i)).and_then(|s| year_in(s));
                (v, y)
            } else {
                let &(i, y) = wide.iter().max_by_key(|(_, y)| *y).expect("not empty");
                (r.get(i).and_then(|s| population(s)), Some(y))
            };
            let Some(value) = value else { continue };
            if code.len() != 4 {
                continue;
            }
            let e = self.entries.entry(code).or_default();
            if e.name.is_none() && !label.is_empty() {
                e.name = Some(split_qualifier(&label).0.to_string());
            }
            if e.population_year
                .is_none_or(|old| year.is_some_and(|y| y >= old))
            {
                e.population = Some(value);
                e.population_year = year;
            }
        }
        Ok(())
    }

    /// The merged register.
    pub fn finish(self) -> Register {
        let mut counties: BTreeMap<String, (Option<String>, u64, Option<u16>, bool)> =
            BTreeMap::new();
        for (code, e) in &self.entries {
            if code.len() == 4 {
                let c = counties.entry(code[..2].to_string()).or_default();
                if c.0.is_none() {
                    c.0.clone_from(&e.fylke);
                }
                match e.population {
                    Some(p) => c.1 += p,
                    None => c.3 = true,
                }
                c.2 = c.2.or(e.population_year);
            }
        }
        let mut entries = Vec::new();
        for (code, e) in &self.entries {
            let kind = if code.len() == 2 {
                RespondentKind::Fylkeskommune
            } else {
                RespondentKind::Kommune
            };
            let fylkesnummer = code[..2].to_string();
            let fylke = e
                .fylke
                .clone()
                .or_else(|| self.entries.get(&fylkesnummer).and_then(|c| c.name.clone()))
                .or_else(|| counties.get(&fylkesnummer).and_then(|c| c.0.clone()))
                .unwrap_or_default();
            let name = e.name.clone().unwrap_or_else(|| code.clone());
            entries.push(RegisterEntry {
                kommunenummer: code.clone(),
                fylke: short_county(&fylke),
                name,
                kind,
                fylkesnummer,
                population: e.population,
                population_year: e.population_year,
            });
        }
        {
            for (nr, (name, pop, year, missing)) in counties {
                // Oslo is a county without a county authority; counties given in the
                // files are kept as given.
                if nr == "03" || self.entries.contains_key(&nr) {
                    continue;
                }
                let Some(name) = name else { continue };
                entries.push(RegisterEntry {
                    kommunenummer: nr.clone(),
                    name: name.clone(),
                    kind: RespondentKind::Fylkeskommune,
                    fylkesnummer: nr,
                    fylke: short_county(&name),
                    population: (!missing).then_some(pop),
                    population_year: year,
                });
            }
        }
        let latest = entries.iter().filter_map(|e| e.population_year).max();
        let source = (!self.files.is_empty()).then(|| RegisterSource {
            name: format!("importert fra {}", self.files.join(", ")),
            as_of: latest.map(|y| format!("{y}-01-01")),
            builtin: false,
        });
        let mut register = Register {
            entries,
            source,
            ..Register::default()
        };
        register.normalize();
        register
    }
}

/// `Finnmark - Finnmárku - Finmarkku` → `Finnmark`.
fn short_county(name: &str) -> String {
    name.split(" - ").next().unwrap_or(name).trim().to_string()
}

/// `Herøy (Nordland)` → (`Herøy`, `Some("Nordland")`).
fn split_qualifier(name: &str) -> (&str, Option<&str>) {
    let name = name.trim();
    if let Some(open) = name.rfind(" (")
        && name.ends_with(')')
    {
        return (&name[..open], Some(&name[open + 2..name.len() - 1]));
    }
    (name, None)
}

fn number(path: &Path, line: usize, field: Option<&String>, width: usize) -> Result<String, Error> {
    let raw = field.map(String::as_str).unwrap_or("").trim();
    let raw = raw
        .strip_prefix("K-")
        .or_else(|| raw.strip_prefix("F-"))
        .unwrap_or(raw);
    if raw.is_empty() || raw.len() > width || !raw.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::Csv {
            path: path.to_path_buf(),
            line,
            message: format!("invalid number {raw:?} (expected {width} digits)"),
        });
    }
    Ok(format!("{raw:0>width$}"))
}

/// `1 234`, `471`, `471.0` → population; SSB's `..` and `.` (missing) → `None`.
fn population(s: &str) -> Option<u64> {
    let digits: String = s
        .trim()
        .trim_end_matches(".0")
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn year_in(s: &str) -> Option<u16> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1900..=2200).contains(y))
}

/// `1856 Røst`, `K-1856 Røst`, `1856` → (`1856`, `Røst`).
fn region_code(s: &str) -> Option<(String, String)> {
    let s = s.trim();
    let s = s
        .strip_prefix("K-")
        .or_else(|| s.strip_prefix("F-"))
        .unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if !(digits.len() == 4 || digits.len() == 2) {
        return None;
    }
    let label = s[digits.len()..].trim().to_string();
    Some((digits, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_csv_with_extra_columns_and_derived_counties() {
        let mut imp = RegisterImport::new();
        imp.add_csv(
            "k.csv",
            "kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar,navn_ssb_2026\n\
             0301,Oslo,03,Oslo,728714,2026,Oslo - Oslove\n\
             1856,Røst,18,Nordland,471,2026,Røst\n\
             1818,Herøy,18,Nordland,1874,2026,Herøy (Nordland)\n\
             5622,Porsanger - Porsáŋgu - Porsanki,56,Finnmark,3866,2026,x\n",
        )
        .unwrap();
        let reg = imp.finish();
        let nr: Vec<&str> = reg
            .entries
            .iter()
            .map(|e| e.kommunenummer.as_str())
            .collect();
        assert_eq!(nr, ["0301", "18", "1818", "1856", "56", "5622"]);
        let nordland = reg.get("18").unwrap();
        assert_eq!(nordland.kind, RespondentKind::Fylkeskommune);
        assert_eq!(nordland.population, Some(471 + 1874));
        assert_eq!(reg.get("5622").unwrap().short_name(), "Porsanger");
        assert_eq!(reg.get("1856").unwrap().population_year, Some(2026));
    }

    #[test]
    fn klass_and_07459_merge() {
        let mut imp = RegisterImport::new();
        imp.add_csv(
            "klass.csv",
            "\"code\";\"parentCode\";\"level\";\"name\";\"shortName\"\n\
             \"1856\";\"\";\"1\";\"Røst\";\"\"\n\"1818\";\"\";\"1\";\"Herøy (Nordland)\";\"\"\n",
        )
        .unwrap();
        imp.add_csv(
            "fylker.csv",
            "\"code\";\"parentCode\";\"level\";\"name\"\n\"18\";\"\";\"1\";\"Nordland - Nordlánnda\"\n",
        )
        .unwrap();
        imp.add_csv(
            "07459.csv",
            "\"07459: Befolkning, etter region, statistikkvariabel og år\"\n\n\
             \"region\";\"statistikkvariabel\";\"år\";\"07459: Befolkning\"\n\
             \"1856 Røst\";\"Personer\";\"2025\";480\n\
             \"1856 Røst\";\"Personer\";\"2026\";471\n\
             \"K-1818 Herøy (Nordland)\";\"Personer\";\"2026\";1874\n\
             \"0 Hele landet\";\"Personer\";\"2026\";5600000\n",
        )
        .unwrap();
        let reg = imp.finish();
        let rost = reg.get("1856").unwrap();
        assert_eq!(
            (rost.population, rost.population_year),
            (Some(471), Some(2026))
        );
        assert_eq!(rost.fylke, "Nordland");
        let heroy = reg.get("1818").unwrap();
        assert_eq!(heroy.name, "Herøy");
        assert_eq!(heroy.population, Some(1874));
        assert_eq!(reg.get("18").unwrap().name, "Nordland - Nordlánnda");
        assert_eq!(reg.entries.len(), 3);
    }

    #[test]
    fn county_rows_in_the_combined_shape() {
        let mut imp = RegisterImport::new();
        imp.add_csv(
            "k.csv",
            "kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar\n\
             81,Havbygda,81,Havbygda,391477,2026\n8101,Lauvheim,81,Havbygda,1063,2026\n\
             1856,Røst,18,Nordland,471,2026\n",
        )
        .unwrap();
        let reg = imp.finish();
        let nr: Vec<&str> = reg
            .entries
            .iter()
            .map(|e| e.kommunenummer.as_str())
            .collect();
        assert_eq!(nr, ["18", "1856", "81", "8101"]);
        assert_eq!(reg.get("81").unwrap().population, Some(391477));
        assert_eq!(reg.get("81").unwrap().kind, RespondentKind::Fylkeskommune);
    }

    #[test]
    fn wide_07459_takes_the_latest_year() {
        let mut imp = RegisterImport::new();
        imp.add_csv(
            "w.csv",
            "region;Personer 2025;Personer 2026\n1856 Røst;480;471\n",
        )
        .unwrap();
        let reg = imp.finish();
        assert_eq!(reg.get("1856").unwrap().population, Some(471));
    }

    #[test]
    fn errors_name_the_file_line_and_value() {
        let mut imp = RegisterImport::new();
        let e = imp
            .add_csv("k.csv", "kommunenummer,navn\n18x6,Røst\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "k.csv: line 2: invalid number \"18x6\" (expected 4 digits)"
        );
        let e = imp.add_csv("x.csv", "a,b\n1,2\n").unwrap_err();
        assert!(
            e.to_string().starts_with("x.csv: unknown register format"),
            "{e}"
        );
    }
}
