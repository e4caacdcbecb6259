//! The XLSX workbook: one sheet per table, written cell by cell from the polars columns,
//! in Norwegian: sheet and column names are the report's words (see [`crate::names`]),
//! and the first sheet, «Om tabellene», says what each column holds and which machine
//! name it has in the CSV and Parquet files.
//!
//! `polars_excel_writer` would pull polars' `temporal` feature, chrono and an autofit
//! engine into the build; the tables hold only text, numbers and booleans, so the cells
//! are written here directly with `rust_xlsxwriter`.
//!
//! The workbook is deterministic: the document properties carry a fixed creation date
//! (rust_xlsxwriter writes the current time by default) and the zip entries already have
//! a fixed time stamp, so identical tables give byte-identical files.

use std::path::Path;

use polars::prelude::{DataFrame, DataType};
use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use innspill_aggregate::ThemeInfo;

use crate::Error;
use crate::names::{self, ABOUT_SHEET};

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Deflate level of the XML inside the workbook: 1, the fastest. At the 100× sample world
/// (3 million cells) level 6, rust_xlsxwriter's default, spent a quarter of the workbook's
/// time in deflate for a file only slightly smaller.
const ZIP_LEVEL: u8 = 2;
/// Excel's limit on rows of a sheet (the header takes one).
const MAX_ROWS: usize = 1_048_575;

/// Write `tables` to the workbook `path`: first the sheet «Om tabellene», then one sheet
/// per table in the order given.
///
/// Sheets and columns have their Norwegian names («Tema etter størrelse», «Andel»,
/// «Befolkningsvektet», «Løft», «q»; `share_workforce` is «Andel» and the label of the
/// theme in `themes`); a table or column without one keeps its machine name. «Om
/// tabellene» gives, for each sheet and column, the machine name used in the CSV and
/// Parquet files and what it holds.
///
/// The first row of each sheet holds the column names (bold, frozen, with an autofilter);
/// numbers are written as numbers, booleans as booleans, text as text and nulls as empty
/// cells. A table longer than Excel's million rows is cut and the sheet says so in its
/// last row.
pub fn write_workbook<'a, I>(tables: I, themes: &[ThemeInfo], path: &Path) -> Result<(), Error>
where
    I: IntoIterator<Item = (&'a str, &'a DataFrame)>,
{
    let wrap = |source| Error::Workbook {
        path: path.to_path_buf(),
        source,
    };
    let mut wb = Workbook::new();
    wb.set_properties(&properties().map_err(wrap)?);
    wb.set_zip_compression_level(ZIP_LEVEL);
    // The sheets are filled side by side (rust_xlsxwriter's stand-alone worksheets, which
    // keep their strings to themselves until the workbook is saved), then added in order.
    let tables: Vec<(&str, &DataFrame)> = tables.into_iter().collect();
    let sheets: Vec<Worksheet> = tables
        .par_iter()
        .map(|&(name, df)| {
            let mut ws = Worksheet::new();
            write_sheet(&mut ws, name, df, themes)?;
            Ok(ws)
        })
        .collect::<Result<_, XlsxError>>()
        .map_err(wrap)?;
    let mut about = Worksheet::new();
    write_about(&mut about, &tables, themes).map_err(wrap)?;
    wb.push_worksheet(about);
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir)?;
    }
    let bytes = wb.save_to_buffer().map_err(wrap)?;
    crate::write_if_changed(path, &bytes)?;
    Ok(())
}

/// Fixed document properties: no creation time of the run, so output is reproducible.
fn properties() -> Result<DocProperties, XlsxError> {
    let date = ExcelDateTime::from_ymd(2026, 1, 1)?;
    Ok(DocProperties::new()
        .set_title("Innspill til KS' debatthefte: tabeller")
        .set_author("innspill")
        .set_creation_datetime(&date))
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if clean.is_empty() {
        "tabell".to_string()
    } else {
        clean
    }
}

/// The sheet «Om tabellene»: one row per sheet, then one per column of it, each with
/// its Norwegian name, its machine name and what it holds.
fn write_about(
    ws: &mut Worksheet,
    tables: &[(&str, &DataFrame)],
    themes: &[ThemeInfo],
) -> Result<(), XlsxError> {
    ws.set_name(ABOUT_SHEET)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let header = [
        "Ark",
        "Kolonne",
        "Maskinnavn (CSV og Parquet)",
        "Forklaring",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut rows: Vec<[String; 4]> = vec![[
        ABOUT_SHEET.to_string(),
        String::new(),
        String::new(),
        "Hvert ark er én tabell fra innspill, med norske navn. De samme tabellene ligger i \
         mappen tables/ som CSV og Parquet med maskinnavnene (for skript): tables/NAVN.csv. \
         Tall er tall, SANN/USANN er sannhetsverdier, tomme celler er ukjente verdier."
            .to_string(),
    ]];
    for &(name, df) in tables {
        let known = names::table(name);
        let sheet = sheet_name(names::sheet(name));
        rows.push([
            sheet.clone(),
            String::new(),
            format!("{name}.csv, {name}.parquet"),
            known.map_or("(ingen forklaring)", |t| t.about).to_string(),
        ]);
        for col in df.columns() {
            let machine = col.name().as_str();
            let (label, about) = match known {
                Some(t) => (
                    t.label(machine, themes).into_owned(),
                    t.column(machine).map_or("(ingen forklaring)", |c| c.about),
                ),
                None => (machine.to_string(), "(ingen forklaring)"),
            };
            rows.push([sheet.clone(), label, machine.to_string(), about.to_string()]);
        }
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                let fmt = if c == 3 { &wrap } else { &Format::new() };
                ws.write_string_with_format(row(r), c as u16, text, fmt)?;
            }
        }
    }
    for (c, width) in [(0u16, 26.0), (1, 30.0), (2, 30.0), (3, 100.0)] {
        ws.set_column_width(c, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row(rows.len() - 1), 3)?;
    Ok(())
}

fn write_sheet(
    ws: &mut Worksheet,
    name: &str,
    df: &DataFrame,
    themes: &[ThemeInfo],
) -> Result<(), XlsxError> {
    ws.set_name(sheet_name(names::sheet(name)))?;
    let known = names::table(name);
    let bold = Format::new().set_bold();
    let rows = df.height().min(MAX_ROWS);
    for (ci, col) in df.columns().iter().enumerate() {
        let c = u16::try_from(ci).map_err(|_| XlsxError::RowColumnLimitError)?;
        let machine = col.name().as_str();
        let title = known.map_or(std::borrow::Cow::Borrowed(machine), |t| {
            t.label(machine, themes)
        });
        let title = title.as_ref();
        ws.write_string_with_format(0, c, title, &bold)?;
        let mut width = title.chars().count();
        let dtype = col.dtype();
        if dtype.is_primitive_numeric() {
            let Ok(cast) = col.cast(&DataType::Float64) else {
                continue;
            };
            let Ok(ca) = cast.f64() else { continue };
            for (r, v) in ca.iter().take(rows).enumerate() {
                match v {
                    Some(x) if x.is_finite() => {
                        ws.write_number(row(r), c, x)?;
                        width = width.max(number_width(x));
                    }
                    Some(x) => {
                        ws.write_string(row(r), c, x.to_string())?;
                    }
                    None => {}
                }
            }
        } else if dtype == &DataType::Boolean {
            let Ok(ca) = col.bool() else { continue };
            for (r, v) in ca.iter().take(rows).enumerate() {
                if let Some(b) = v {
                    ws.write_boolean(row(r), c, b)?;
                    width = width.max(5);
                }
            }
        } else {
            let Ok(cast) = col.cast(&DataType::String) else {
                continue;
            };
            let Ok(ca) = cast.str() else { continue };
            for (r, v) in ca.iter().take(rows).enumerate() {
                if let Some(s) = v {
                    let s = truncate(s);
                    width = width.max(s.chars().count());
                    ws.write_string(row(r), c, s)?;
                }
            }
        }
        // Wide enough for the longest value, but long texts wrap at 80 characters.
        ws.set_column_width(c, (width.min(80) + 2) as f64)?;
    }
    if df.height() > rows {
        ws.write_string(
            row(rows),
            0,
            format!(
                "… tabellen har {} rader; Excel viser de første {rows}",
                df.height()
            ),
        )?;
    }
    if df.width() > 0 {
        let last_col = u16::try_from(df.width() - 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, row(rows.saturating_sub(1)).max(1), last_col)?;
    }
    Ok(())
}

fn row(r: usize) -> u32 {
    // `r` < MAX_ROWS, so the header offset cannot overflow.
    r as u32 + 1
}

fn number_width(x: f64) -> usize {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}").len()
    } else {
        10
    }
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    #[test]
    fn identical_tables_give_identical_bytes() {
        let df = df!(
            "group" => ["liten", "stor"],
            "raising" => [3u32, 7],
            "share" => [Some(0.25f64), None],
            "small_cell" => [true, false],
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xlsx");
        let b = dir.path().join("b.xlsx");
        write_workbook([("themes_by_size", &df)], &[], &a).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        write_workbook([("themes_by_size", &df)], &[], &b).unwrap();
        let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
        assert!(a.starts_with(b"PK"), "not a zip file");
        assert_eq!(a, b, "the workbook changed between two runs");
    }

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("themes_by_county"), "themes_by_county");
        assert_eq!(sheet_name("a/b"), "a_b");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(sheet_name(""), "tabell");
    }

    #[test]
    fn long_cells_are_cut_on_a_char_boundary() {
        let s = "ø".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(truncate(&s).chars().count(), MAX_CELL_CHARS);
        assert_eq!(truncate("Røst"), "Røst");
    }
}
