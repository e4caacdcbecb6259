//! HTML building blocks: escaping, Norwegian number formats, the page shell with its
//! inline style sheet.

use std::fmt::Write;

/// Escape text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An integer with a narrow no-break space between thousands (`12 345`).
pub(crate) fn int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// A share 0–1 as a whole percentage (`31 %`), `–` when unknown.
pub(crate) fn pct(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{:.0}\u{A0}%", x * 100.0),
        _ => "–".to_string(),
    }
}

/// A decimal number with a decimal comma (`1,25`), `–` when unknown.
pub(crate) fn dec(v: Option<f64>, places: usize) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.places$}").replace('.', ","),
        _ => "–".to_string(),
    }
}

/// A p- or q-value: three decimals, `< 0,001` below that.
pub(crate) fn pval(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() && x < 0.001 => "<\u{A0}0,001".to_string(),
        other => dec(other, 3),
    }
}

/// Significance stars from a q-value: `**` below 0.01, `*` below 0.05.
pub(crate) fn stars(q: Option<f64>) -> &'static str {
    match q {
        Some(q) if q < 0.01 => "**",
        Some(q) if q < 0.05 => "*",
        _ => "",
    }
}

/// A safe file stem for a document id (letters, digits, `-` and `_`).
pub(crate) fn file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "_".to_string() } else { s }
}

/// The relative link from `index.html` to a respondent's page.
pub(crate) fn respondent_href(doc_id: &str) -> String {
    format!("respondenter/{}.html", file_stem(doc_id))
}

/// Number of highlight styles; themes beyond it reuse them in turn.
pub(crate) const THEME_STYLES: usize = 6;

/// The style sheet shared by every page. Highlights differ by underline pattern as well as
/// by colour, so they can be told apart printed in black and white.
pub(crate) const CSS: &str = r#"
:root { --ink: #111; --muted: #555; --rule: #bbb; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; margin: 0; line-height: 1.5; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
header.top { border-bottom: 3px solid var(--ink); margin-bottom: 1rem; }
h1 { font-size: 1.9rem; margin: 0.5rem 0 0.2rem; }
h2 { font-size: 1.45rem; border-bottom: 1px solid var(--rule); margin-top: 2.5rem; padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
p.lead { font-size: 1.05rem; }
.muted, .note { color: var(--muted); font-size: 0.9rem; }
nav.toc ol { columns: 2; padding-left: 1.2rem; }
nav.toc a { text-decoration: none; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; width: 100%; }
th, td { border: 1px solid var(--rule); padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
table.facts { width: auto; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
tr.sig td { font-weight: 600; }
.figures { display: flex; flex-wrap: wrap; gap: 0.6rem; padding: 0; list-style: none; }
.figures li { border: 1px solid var(--ink); padding: 0.4rem 0.8rem; min-width: 9rem; }
.figures b { display: block; font-size: 1.5rem; }
figure { margin: 1rem 0; }
figure svg { width: 100%; max-width: 54rem; height: auto; }
figcaption { font-size: 0.85rem; color: var(--muted); }
blockquote { margin: 0.6rem 0; padding: 0.3rem 0.9rem; border-left: 4px solid var(--ink); background: #f6f6f6; }
blockquote footer { font-size: 0.85rem; color: var(--muted); margin-top: 0.2rem; }
details { margin: 0.5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.warning { border: 2px solid var(--ink); padding: 0.4rem 0.8rem; }
.flag { font-size: 0.8rem; border: 1px solid var(--muted); padding: 0 0.25rem; white-space: nowrap; }
.para { margin: 0.6rem 0; padding-left: 3.2rem; position: relative; }
.para .pn { position: absolute; left: 0; width: 2.8rem; text-align: right; color: var(--muted); font-size: 0.8rem; }
.para.heading { font-weight: 700; margin-top: 1.2rem; }
.para.bullet > .pt::before { content: "• "; }
.chips { font-size: 0.8rem; color: var(--muted); }
.chip { display: inline-block; border: 1px solid var(--muted); border-radius: 0.6rem; padding: 0 0.45rem; margin: 0.1rem 0.2rem 0 0; }
.demand { font-size: 0.85rem; border-left: 3px double var(--ink); padding-left: 0.5rem; margin: 0.2rem 0; }
mark { background: none; color: inherit; padding: 0 1px; }
mark.t0 { background: #fde68a; border-bottom: 2px solid #000; }
mark.t1 { background: #bfdbfe; border-bottom: 2px dashed #000; }
mark.t2 { background: #bbf7d0; border-bottom: 3px dotted #000; }
mark.t3 { background: #fbcfe8; border-bottom: 4px double #000; }
mark.t4 { background: #e9d5ff; text-decoration: underline wavy #000; }
mark.t5 { background: #fed7aa; border-bottom: 2px solid #000; border-top: 1px solid #000; }
mark.multi { outline: 1px solid #000; }
@media print { nav.toc { display: none; } h2 { break-before: page; } figure, tr, blockquote { break-inside: avoid; } }
"#;

/// A full HTML page around `body`.
pub(crate) fn page(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + CSS.len() + 400);
    out.push_str("<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    out.push_str("<style>");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    out.push_str(body);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A table from a header and rows of already-escaped cells. Header cells starting with
/// `#` are numeric (right-aligned; the `#` is dropped).
pub(crate) fn table(header: &[&str], rows: &[(String, Vec<String>)]) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for h in header {
        match h.strip_prefix('#') {
            Some(h) => {
                let _ = write!(out, "<th class=\"num\">{}</th>", esc(h));
            }
            None => {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (class, cells) in rows {
        if class.is_empty() {
            out.push_str("<tr>");
        } else {
            let _ = write!(out, "<tr class=\"{}\">", esc(class));
        }
        for (i, c) in cells.iter().enumerate() {
            if header.get(i).is_some_and(|h| h.starts_with('#')) {
                let _ = write!(out, "<td class=\"num\">{c}</td>");
            } else {
                let _ = write!(out, "<td>{c}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(
            esc(r#"<b>"Røst" & 'KS'</b>"#),
            "&lt;b&gt;&quot;Røst&quot; &amp; &#39;KS&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn norwegian_numbers() {
        assert_eq!(int(471), "471");
        assert_eq!(int(1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(pct(Some(0.306)), "31\u{A0}%");
        assert_eq!(pct(None), "–");
        assert_eq!(dec(Some(1.25), 2), "1,25");
        assert_eq!(pval(Some(0.0004)), "<\u{A0}0,001");
        assert_eq!(pval(Some(0.0213)), "0,021");
        assert_eq!(stars(Some(0.004)), "**");
        assert_eq!(stars(Some(0.03)), "*");
        assert_eq!(stars(Some(0.2)), "");
        assert_eq!(stars(None), "");
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("1856-2026-9f2c1a"), "1856-2026-9f2c1a");
        assert_eq!(file_stem("../x y"), "___x_y");
        assert_eq!(respondent_href("a/b"), "respondenter/a_b.html");
    }

    #[test]
    fn tables_escape_header_and_align_numbers() {
        let t = table(
            &["Gruppe", "#Andel"],
            &[("total".into(), vec!["alle".into(), "31 %".into()])],
        );
        assert!(t.contains("<th class=\"num\">Andel</th>"));
        assert!(t.contains("<tr class=\"total\"><td>alle</td><td class=\"num\">31 %</td>"));
    }
}
