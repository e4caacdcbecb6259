//! `index.html`: the overview, one section per theme, demands, keyness, shared text and
//! the list of respondents.

use std::collections::BTreeMap;
use std::fmt::Write;

use innspill_aggregate::{MUNICIPALITIES_2026, SMALL_GROUP, ThemeInfo};
use innspill_model::{IngestOutcome, IngestReport, RegisterSource, ReviewSummary};
use polars::prelude::DataFrame;

use crate::Error;
use crate::chart::{Bar, BarChart, BarStyle};
use crate::frame::Table;
use crate::html::{dec, esc, int, page, pct, pval, respondent_href, stars, table};
use crate::names::{self, KS_REGION_LABEL, group_label, header};
use crate::respondent::{ThemeLabels, language_name};

/// The tables by name, as the report reads them.
#[derive(Debug)]
pub(crate) struct Frames<'a> {
    pub(crate) frames: Vec<(&'a str, &'a DataFrame)>,
}

impl<'a> Frames<'a> {
    pub(crate) fn get(&self, name: &'static str) -> Result<Table<'a>, Error> {
        self.frames
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, df)| Table::new(n, df))
            .ok_or_else(|| Error::MissingTable {
                table: name.to_string(),
            })
    }
}

/// One row of `themes_by_size`, `themes_by_county` or `subthemes_by_size`, as the report
/// and the web workbench read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeRow {
    /// The booklet year the row counts (`None`: documents of no known year). Each year is
    /// counted apart: a respondent that answered two years is a respondent in each.
    pub year: Option<u16>,
    /// The group: a size class, a county, `ks_region` or `alle`.
    pub group: String,
    /// The theme id.
    pub theme: String,
    /// The sub-theme id, in `subthemes_by_size`.
    pub sub: Option<String>,
    /// Respondents in the group.
    pub respondents: u64,
    /// Respondents in the group that raise the theme.
    pub raising: u64,
    /// `raising / respondents`.
    pub share: Option<f64>,
    /// The share weighted by population.
    pub pop_weighted_share: Option<f64>,
    /// The group's share over the share among all.
    pub lift: Option<f64>,
    /// The test's p-value, group against the rest.
    pub p_value: Option<f64>,
    /// Benjamini–Hochberg q-value across the table.
    pub q_value: Option<f64>,
    /// Fewer respondents than [`innspill_aggregate::SMALL_GROUP`]: «få».
    pub small_cell: bool,
    /// The test's name.
    pub test: String,
}

/// The group that stands for all respondents in the theme tables.
const ALL: &str = "alle";

/// The year the report's theme sections show: the latest known year of `rows`, or the
/// unknown year where no row has one.
pub(crate) fn latest_year(rows: &[ThemeRow]) -> Option<u16> {
    rows.iter().filter_map(|r| r.year).max()
}

/// The `year` column of a table; a table written before it had one reads as one year of
/// unknown number.
fn years_of(t: &Table<'_>) -> Result<Vec<Option<u16>>, Error> {
    Ok(if t.has("year") {
        t.floats("year")?
            .into_iter()
            .map(|y| y.map(|y| y as u16))
            .collect()
    } else {
        vec![None; t.height()]
    })
}

pub(crate) fn theme_rows(t: Table<'_>) -> Result<Vec<ThemeRow>, Error> {
    let year = years_of(&t)?;
    let group = t.text("group")?;
    let theme = t.text("theme")?;
    let sub = t.strings("sub")?;
    let respondents = t.counts("respondents")?;
    let raising = t.counts("raising")?;
    let share = t.floats("share")?;
    let pws = t.floats("pop_weighted_share")?;
    let lift = t.floats("lift")?;
    let p = t.floats("p_value")?;
    let q = t.floats("q_value")?;
    let small = t.bools("small_cell")?;
    let test = if t.has("test") {
        t.text("test")?
    } else {
        vec![String::new(); t.height()]
    };
    Ok((0..t.height())
        .map(|i| ThemeRow {
            year: year[i],
            group: group[i].clone(),
            theme: theme[i].clone(),
            sub: sub[i].clone().filter(|s| !s.is_empty()),
            respondents: respondents[i],
            raising: raising[i],
            share: share[i],
            pop_weighted_share: pws[i],
            lift: lift[i],
            p_value: p[i],
            q_value: q[i],
            small_cell: small[i],
            test: test[i].clone(),
        })
        .collect())
}

/// The text after a bar: `12 av 40 (30 %) **`, with `få` for a small cell.
fn bar_text(r: &ThemeRow) -> String {
    let mut s = format!(
        "{} av {} ({})",
        int(r.raising),
        int(r.respondents),
        pct(r.share.or(Some(0.0)))
    );
    if r.group != ALL {
        let st = stars(r.q_value);
        if !st.is_empty() {
            s.push(' ');
            s.push_str(st);
        }
        if r.small_cell {
            s.push_str(" få");
        }
    }
    s
}

/// The chart of one theme over the groups of a table.
pub(crate) fn theme_chart(title: &str, rows: &[&ThemeRow]) -> BarChart {
    BarChart {
        title: title.to_string(),
        x_label: "Andel av respondentene som tar opp temaet".to_string(),
        bars: rows
            .iter()
            .map(|r| Bar {
                label: group_label(&r.group).to_string(),
                value: r.share.unwrap_or(0.0),
                text: bar_text(r),
                style: if r.group == ALL {
                    BarStyle::Total
                } else if stars(r.q_value).is_empty() {
                    BarStyle::Plain
                } else {
                    BarStyle::Marked
                },
            })
            .collect(),
    }
}

fn theme_table(rows: &[&ThemeRow], first: &str) -> String {
    let body: Vec<(String, Vec<String>)> = rows
        .iter()
        .map(|r| {
            let class = if r.group == ALL {
                "total"
            } else if !stars(r.q_value).is_empty() {
                "sig"
            } else {
                ""
            };
            let flag = if r.small_cell && r.group != ALL {
                small_flag()
            } else {
                String::new()
            };
            (
                class.to_string(),
                vec![
                    format!("{}{flag}", esc(group_label(&r.group))),
                    int(r.respondents),
                    int(r.raising),
                    pct(r.share),
                    pct(r.pop_weighted_share),
                    dec(r.lift, 2),
                    pval(r.p_value),
                    format!("{}{}", pval(r.q_value), stars(r.q_value)),
                ],
            )
        })
        .collect();
    // The column names of the workbook (the tables' own words).
    let mut head = vec![first.to_string()];
    head.extend(
        [
            "respondents",
            "raising",
            "share",
            "pop_weighted_share",
            "lift",
            "p_value",
            "q_value",
        ]
        .iter()
        .map(|c| header("themes_by_size", c, true)),
    );
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    table(&head, &body)
}

/// Everything [`render`] needs besides the tables.
#[derive(Debug)]
pub(crate) struct IndexInput<'a> {
    pub(crate) title: &'a str,
    pub(crate) frames: Frames<'a>,
    pub(crate) themes: &'a [ThemeInfo],
    pub(crate) ingest: Option<&'a IngestReport>,
    /// Ids of documents that have a page of their own.
    pub(crate) pages: &'a [String],
    /// Where the register came from.
    pub(crate) register_source: Option<&'a RegisterSource>,
    /// What the reviews amount to.
    pub(crate) reviews: Option<&'a ReviewSummary>,
    /// Which codebook tagged the documents of which year: (year, codebook id, documents).
    pub(crate) codebooks: &'a [(Option<u16>, String, usize)],
}

fn figure(svg: &str, caption: &str) -> String {
    format!(
        "<figure>{svg}<figcaption>{}</figcaption></figure>\n",
        esc(caption)
    )
}

/// What «få» means, in one sentence (from [`SMALL_GROUP`]).
fn small_rule() -> String {
    format!(
        "færre enn {SMALL_GROUP} respondenter i gruppen, så én respondent mer eller mindre \
flytter andelen med minst {} prosentpoeng",
        100 / SMALL_GROUP
    )
}

/// The «få» flag with its rule as a tooltip.
fn small_flag() -> String {
    format!(
        " <span class=\"flag\" title=\"{}\">få</span>",
        esc(&capitalised(&small_rule()))
    )
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// The note under each theme's charts; `ks` when KS' regions have a bar of their own.
fn sig_note(ks: bool) -> String {
    format!(
        "Mørk søyle og * = gruppen skiller seg fra resten (q < 0,05); ** = q < 0,01. \
Hvit søyle = alle respondenter{}. «få» = {}: tolk med varsomhet.",
        if ks {
            " utenom KS-regionene, som er KS' egne organer og telles for seg"
        } else {
            ""
        },
        small_rule()
    )
}

/// Render `index.html`.
pub(crate) fn render(input: &IndexInput<'_>) -> Result<String, Error> {
    let labels = ThemeLabels::new(input.themes);
    let f = &input.frames;
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<header class=\"top\"><h1>{}</h1>\n<p class=\"muted\">Laget av innspill {} fra innleste uttalelser, temamerking og registerdata. \
Alle tall kan etterprøves i regnearket <a href=\"innspill.xlsx\">innspill.xlsx</a> og i tabellene under <a href=\"tables/\">tables/</a>.</p></header>",
        esc(input.title),
        env!("CARGO_PKG_VERSION")
    );

    // Table of contents.
    b.push_str("<nav class=\"toc\"><h2 style=\"margin-top:0\">Innhold</h2><ol>\n<li><a href=\"#oversikt\">Oversikt</a></li>\n");
    for t in input.themes {
        let _ = writeln!(
            b,
            "<li><a href=\"#tema-{}\">{}</a></li>",
            esc(&t.id),
            esc(&t.label)
        );
    }
    b.push_str("<li><a href=\"#krav\">Krav som går igjen</a></li>\n<li><a href=\"#saerpreg\">Ord som skiller gruppene</a></li>\n\
<li><a href=\"#felles-tekst\">Felles tekst</a></li>\n");
    let by_year = f.frames.iter().any(|(n, _)| *n == "themes_by_year");
    if by_year {
        b.push_str("<li><a href=\"#aar-til-aar\">Fra år til år</a></li>\n");
    }
    b.push_str("<li><a href=\"#respondenter\">Respondentene</a></li>\n<li><a href=\"#gjennomgang\">Gjennomgang av merkingen</a></li>\n<li><a href=\"#metode\">Om tallene</a></li>\n</ol></nav>\n");

    overview(&mut b, input)?;
    // The theme sections show one year: the latest (each year is counted apart; the
    // earlier years are in the workbook and in «Fra år til år»).
    let all_size = theme_rows(f.get("themes_by_size")?)?;
    let shown = latest_year(&all_size);
    let mut years: Vec<Option<u16>> = all_size.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let of_shown = |rows: Vec<ThemeRow>| -> Vec<ThemeRow> {
        rows.into_iter().filter(|r| r.year == shown).collect()
    };
    let by_size = of_shown(all_size);
    let by_county = of_shown(theme_rows(f.get("themes_by_county")?)?);
    let subs = of_shown(theme_rows(f.get("subthemes_by_size")?)?);
    if years.len() > 1 {
        let others: Vec<String> = years
            .iter()
            .filter(|y| **y != shown)
            .map(|y| y.map_or("uten år".to_string(), |y| y.to_string()))
            .collect();
        let _ = writeln!(
            b,
            "<p class=\"note\" id=\"temaaar\">Temadelene under viser {}, det siste året i lageret. \
Hvert år telles for seg, så ingen andel blander år. Tallene for {} står i regnearket og i \
<code>tables/</code> (kolonnen <code>year</code>){}.</p>",
            shown.map_or("uttalelsene uten år".to_string(), |y| y.to_string()),
            others.join(", "),
            if by_year {
                ", og endringene fra år til år i <a href=\"#aar-til-aar\">Fra år til år</a>"
            } else {
                ""
            }
        );
    }
    let ks = by_size.iter().any(|r| r.group == "ks_region");
    let quotes = f.get("quotes")?;
    let q_theme = quotes.text("theme")?;
    let q_size = quotes.text("size_class")?;
    let q_doc = quotes.text("doc_id")?;
    let q_text = quotes.text("text")?;
    let q_cit = quotes.text("citation")?;
    // The quotes of the year the sections show (each year has its own).
    let q_year = years_of(&quotes)?;
    let q_by_year = quotes.has("year");
    for t in input.themes {
        let _ = writeln!(
            b,
            "<section id=\"tema-{}\">\n<h2>{}</h2>",
            esc(&t.id),
            esc(&t.label)
        );
        let size: Vec<&ThemeRow> = by_size
            .iter()
            .filter(|r| r.theme == t.id && r.sub.is_none())
            .collect();
        if let Some(all) = size.iter().find(|r| r.group == ALL) {
            let _ = writeln!(
                b,
                "<p class=\"lead\">{}{} av {} respondenter ({}) tar opp temaet.</p>",
                match shown {
                    Some(y) if years.len() > 1 => format!("{y}: "),
                    _ => String::new(),
                },
                int(all.raising),
                int(all.respondents),
                pct(all.share)
            );
        }
        let chart = theme_chart(&format!("{} etter størrelse", t.label), &size).to_svg()?;
        b.push_str(&figure(&chart, &sig_note(ks)));
        b.push_str(&theme_table(&size, "Størrelse"));
        let county: Vec<&ThemeRow> = by_county
            .iter()
            .filter(|r| r.theme == t.id && r.sub.is_none())
            .collect();
        let chart = theme_chart(&format!("{} etter fylke", t.label), &county).to_svg()?;
        b.push_str(&figure(&chart, &sig_note(ks)));
        b.push_str("<details><summary>Tabell etter fylke</summary>\n");
        b.push_str(&theme_table(&county, "Fylke"));
        b.push_str("</details>\n");
        sub_table(&mut b, t, &subs);

        // Quotes, by size class in table order.
        let mut by_class: BTreeMap<usize, (String, Vec<usize>)> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for i in (0..quotes.height())
            .filter(|&i| q_theme[i] == t.id && (!q_by_year || q_year[i] == shown))
        {
            let pos = order
                .iter()
                .position(|s| *s == q_size[i])
                .unwrap_or_else(|| {
                    order.push(q_size[i].clone());
                    order.len() - 1
                });
            by_class
                .entry(pos)
                .or_insert_with(|| (q_size[i].clone(), Vec::new()))
                .1
                .push(i);
        }
        if !by_class.is_empty() {
            b.push_str("<h3>Typiske sitater</h3>\n");
        }
        for (class, rows) in by_class.values() {
            let _ = writeln!(b, "<h4>{}</h4>", esc(group_label(class)));
            for &i in rows {
                let _ = writeln!(
                    b,
                    "<blockquote><p>{}</p><footer>— <a href=\"{}\">{}</a></footer></blockquote>",
                    esc(&q_text[i]),
                    esc(&respondent_href(&q_doc[i])),
                    esc(&q_cit[i])
                );
            }
        }
        b.push_str("</section>\n");
    }
    demands(&mut b, f, &labels)?;
    keyness(&mut b, f)?;
    shared_text(&mut b, f)?;
    if by_year {
        year_over_year(&mut b, f, &labels, input.codebooks)?;
    }
    respondents(&mut b, f, &labels, input.pages)?;
    b.push_str(&review_section(input.reviews, &labels));
    method(&mut b, &by_size);
    Ok(page(input.title, &b))
}

/// One row of `themes_by_year`.
struct YearRow {
    from: u64,
    to: u64,
    theme: String,
    sub: Option<String>,
    group: String,
    n_from: u64,
    r_from: u64,
    s_from: Option<f64>,
    n_to: u64,
    r_to: u64,
    s_to: Option<f64>,
    change: Option<f64>,
    p: Option<f64>,
    q: Option<f64>,
}

fn year_rows(t: Table<'_>) -> Result<Vec<YearRow>, Error> {
    let (from, to) = (t.counts("year_from")?, t.counts("year_to")?);
    let (theme, sub, group) = (t.text("theme")?, t.strings("sub")?, t.text("group")?);
    let (n_from, r_from, s_from) = (
        t.counts("respondents_from")?,
        t.counts("raising_from")?,
        t.floats("share_from")?,
    );
    let (n_to, r_to, s_to) = (
        t.counts("respondents_to")?,
        t.counts("raising_to")?,
        t.floats("share_to")?,
    );
    let (change, p, q) = (t.floats("change")?, t.floats("p")?, t.floats("q")?);
    Ok((0..t.height())
        .map(|i| YearRow {
            from: from[i],
            to: to[i],
            theme: theme[i].clone(),
            sub: sub[i].clone().filter(|s| !s.is_empty()),
            group: group[i].clone(),
            n_from: n_from[i],
            r_from: r_from[i],
            s_from: s_from[i],
            n_to: n_to[i],
            r_to: r_to[i],
            s_to: s_to[i],
            change: change[i],
            p: p[i],
            q: q[i],
        })
        .collect())
}

/// A change of share in percentage points with its sign (`+12 pp`).
fn points(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => {
            let pp = (x * 100.0).round();
            let sign = if pp > 0.0 {
                "+"
            } else if pp < 0.0 {
                "−"
            } else {
                "±"
            };
            format!("{sign}{}\u{A0}pp", pp.abs())
        }
        _ => "–".to_string(),
    }
}

/// `Fra år til år`: the share of members raising each theme, one booklet year against the
/// next (`themes_by_year`), the sub-themes that changed, and the codebook of each year.
fn year_over_year(
    b: &mut String,
    f: &Frames<'_>,
    labels: &ThemeLabels<'_>,
    codebooks: &[(Option<u16>, String, usize)],
) -> Result<(), Error> {
    let rows = year_rows(f.get("themes_by_year")?)?;
    b.push_str("<section id=\"aar-til-aar\">\n<h2>Fra år til år</h2>\n");
    b.push_str(
        "<p class=\"lead\">Lageret har uttalelser til flere års debatthefter. Her er andelen \
medlemmer som tar opp hvert tema, ett år mot det neste, per størrelse og for alle; \
undertemaene som endret seg står under. Testen er Fishers eksakte test, og q-verdien er \
justert etter Benjamini–Hochberg over alle radene i tabellen.</p>\n",
    );
    // Which codebook tagged which year.
    if !codebooks.is_empty() {
        b.push_str("<p>Temamerket med: ");
        let parts: Vec<String> = codebooks
            .iter()
            .map(|(y, cb, n)| {
                format!(
                    "{}: kodebok <code>{}</code> ({} dokumenter)",
                    y.map_or("uten år".to_string(), |y| y.to_string()),
                    esc(cb),
                    int(*n as u64)
                )
            })
            .collect();
        b.push_str(&parts.join("; "));
        let mut ids: Vec<&str> = codebooks.iter().map(|(_, cb, _)| cb.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() > 1 {
            b.push_str(
                ". <strong>Årene er merket med ulike kodebøker</strong>: en endring kan \
komme av kodeboken og ikke av uttalelsene. Kjør <code>innspill run</code> på nytt for å \
merke alle år med samme kodebok",
            );
        }
        b.push_str(".</p>\n");
    }
    let mut pairs: Vec<(u64, u64)> = rows.iter().map(|r| (r.from, r.to)).collect();
    pairs.dedup();
    let line = |r: &YearRow, what: String| -> (String, Vec<String>) {
        let class = if r.group == ALL {
            "total"
        } else if !stars(r.q).is_empty() {
            "sig"
        } else {
            ""
        };
        (
            class.to_string(),
            vec![
                what,
                esc(group_label(&r.group)),
                format!("{} av {} ({})", int(r.r_from), int(r.n_from), pct(r.s_from)),
                format!("{} av {} ({})", int(r.r_to), int(r.n_to), pct(r.s_to)),
                points(r.change),
                pval(r.p),
                format!("{}{}", pval(r.q), stars(r.q)),
            ],
        )
    };
    for (from, to) in pairs {
        let (a, z) = (format!("Andel {from}"), format!("Andel {to}"));
        let head = [
            "Tema",
            "Gruppe",
            a.as_str(),
            z.as_str(),
            "Endring",
            "p",
            "q",
        ];
        let _ = writeln!(b, "<h3>{from} mot {to}</h3>");
        let themes: Vec<(String, Vec<String>)> = rows
            .iter()
            .filter(|r| r.from == from && r.to == to && r.sub.is_none())
            .map(|r| line(r, esc(labels.theme(&r.theme))))
            .collect();
        b.push_str(&table(&head, &themes));
        let mut changed: Vec<&YearRow> = rows
            .iter()
            .filter(|r| r.from == from && r.to == to && r.sub.is_some() && !stars(r.q).is_empty())
            .collect();
        changed.sort_by(|a, b| {
            a.q.unwrap_or(1.0)
                .total_cmp(&b.q.unwrap_or(1.0))
                .then(a.theme.cmp(&b.theme))
                .then(a.sub.cmp(&b.sub))
                .then(a.group.cmp(&b.group))
        });
        if changed.is_empty() {
            b.push_str(
                "<p>Ingen undertema endret seg så mye at det skiller seg ut (q &lt; 0,05).</p>\n",
            );
        } else {
            let _ = writeln!(
                b,
                "<p>Undertemaer som endret seg fra {from} til {to} (q &lt; 0,05), den tydeligste endringen først:</p>"
            );
            let subs: Vec<(String, Vec<String>)> = changed
                .iter()
                .map(|r| line(r, esc(&labels.tag(&r.theme, r.sub.as_deref()))))
                .collect();
            b.push_str(&table(&head, &subs));
        }
    }
    let _ = writeln!(
        b,
        "<p class=\"muted\">Alle rader, også undertemaene som ikke endret seg, står i arket «{}» i \
regnearket og i <code>tables/themes_by_year.csv</code>. Bare medlemmene telles (KS-regionene står \
utenfor), og en respondent som svarte begge år, telles hvert år. «pp» er prosentpoeng. \
Tabellene og figurene i temadelene over viser bare det siste året; her står årene side om side.</p>\n</section>",
        esc(names::sheet("themes_by_year"))
    );
    Ok(())
}

fn sub_table(b: &mut String, t: &ThemeInfo, subs: &[ThemeRow]) {
    let rows: Vec<&ThemeRow> = subs
        .iter()
        .filter(|r| r.theme == t.id && r.sub.is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    // Groups as columns, in table order; sub-themes as rows, in codebook order.
    let mut groups: Vec<&str> = Vec::new();
    for r in &rows {
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    let mut sub_ids: Vec<&str> = t.subs.iter().map(|(id, _)| id.as_str()).collect();
    for r in &rows {
        let s = r.sub.as_deref().unwrap_or_default();
        if !sub_ids.contains(&s) {
            sub_ids.push(s);
        }
    }
    let header: Vec<String> = std::iter::once("Undertema".to_string())
        .chain(groups.iter().map(|g| format!("#{}", group_label(g))))
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let body: Vec<(String, Vec<String>)> = sub_ids
        .iter()
        .filter(|s| rows.iter().any(|r| r.sub.as_deref() == Some(**s)))
        .map(|s| {
            let label = t
                .subs
                .iter()
                .find(|(id, _)| id == s)
                .map_or(*s, |(_, l)| l.as_str());
            let mut cells = vec![esc(label)];
            for g in &groups {
                let cell = rows
                    .iter()
                    .find(|r| r.sub.as_deref() == Some(*s) && r.group == *g)
                    .map_or("–".to_string(), |r| {
                        format!(
                            "{} ({}){}{}",
                            int(r.raising),
                            pct(r.share),
                            stars(r.q_value),
                            if r.small_cell && r.group != ALL {
                                small_flag()
                            } else {
                                String::new()
                            }
                        )
                    });
                cells.push(cell);
            }
            (String::new(), cells)
        })
        .collect();
    b.push_str("<h3>Undertemaer etter størrelse</h3>\n<p class=\"note\">Antall respondenter som tar opp undertemaet (andel av gruppen); * og ** som over.</p>\n");
    b.push_str(&table(&header, &body));
}

fn overview(b: &mut String, input: &IndexInput<'_>) -> Result<(), Error> {
    let f = &input.frames;
    let resp = f.get("respondents")?;
    // With several booklet years the figures are the latest year's, as in the theme
    // sections; the documents of each year are counted below them.
    let resp_year = years_of(&resp)?;
    let resp_latest = resp_year.iter().flatten().max().copied();
    let mut per_year: BTreeMap<Option<u16>, u64> = BTreeMap::new();
    for y in &resp_year {
        *per_year.entry(*y).or_default() += 1;
    }
    let of_latest = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .zip(&resp_year)
            .filter(|(_, y)| **y == resp_latest)
            .map(|(v, _)| v)
            .collect()
    };
    let kind = of_latest(resp.text("kind")?);
    let language = of_latest(resp.text("language")?);
    let n = kind.len() as u64;
    let kommuner = kind.iter().filter(|k| *k == "kommune").count() as u64;
    let fylker = kind.iter().filter(|k| *k == "fylkeskommune").count() as u64;
    let ks_regions = kind.iter().filter(|k| *k == "ks_region").count() as u64;
    let rate = f.get("response_rate")?;
    let dim = rate.text("dimension")?;
    let group = rate.text("group")?;
    let in_reg = rate.counts("in_register")?;
    let answered = rate.counts("answered")?;
    let r = rate.floats("rate")?;
    // Response rates are per year: the overview gives the latest year's (named where the
    // store holds more than one), never a sum over years.
    let rate_year = years_of(&rate)?;
    let latest = rate_year.iter().flatten().max().copied();
    let several_years = rate_year.iter().any(|y| *y != latest);
    let size_rows: Vec<usize> = (0..rate.height())
        .filter(|&i| dim[i] == "size_class" && rate_year[i] == latest)
        .collect();
    let reg_total: u64 = size_rows.iter().map(|&i| in_reg[i]).sum();
    let ans_total: u64 = size_rows.iter().map(|&i| answered[i]).sum();
    let failed: Vec<(&str, &str)> = input
        .ingest
        .map(|rep| {
            rep.inputs
                .iter()
                .filter(|e| e.outcome == IngestOutcome::Failed)
                .map(|e| {
                    (
                        e.path.as_str(),
                        e.reason.as_deref().unwrap_or("ukjent årsak"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // Read, but with a doubt the analyst should look at (no statement found, OCR,
    // unreadable text, page order); copies of another file are not doubts.
    let to_check: Vec<(&str, String)> = input
        .ingest
        .map(|rep| {
            rep.inputs
                .iter()
                .filter(|e| e.outcome == IngestOutcome::OkWithWarnings && e.duplicate_of.is_none())
                .map(|e| (e.path.as_str(), e.warnings.join(" · ")))
                .collect()
        })
        .unwrap_or_default();

    b.push_str("<section id=\"oversikt\">\n<h2>Oversikt</h2>\n");
    if per_year.len() > 1 {
        let parts: Vec<String> = per_year
            .iter()
            .map(|(y, n)| {
                format!(
                    "{} {}",
                    y.map_or("uten år:".to_string(), |y| format!("{y}:")),
                    int(*n)
                )
            })
            .collect();
        let _ = writeln!(
            b,
            "<p>Tallene under gjelder {}, det siste året i lageret. Dokumenter per år: {}.</p>",
            resp_latest.map_or("dokumentene uten år".to_string(), |y| y.to_string()),
            parts.join(", ")
        );
    }
    b.push_str("<ul class=\"figures\">\n");
    let _ = writeln!(b, "<li><b>{}</b>respondenter</li>", int(n));
    let _ = writeln!(b, "<li><b>{}</b>kommuner</li>", int(kommuner));
    let _ = writeln!(b, "<li><b>{}</b>fylkeskommuner</li>", int(fylker));
    if ks_regions > 0 {
        let _ = writeln!(b, "<li><b>{}</b>fra KS-regioner</li>", int(ks_regions));
    }
    if reg_total > 0 {
        let _ = writeln!(
            b,
            "<li><b>{}</b>svarprosent{} ({} av {} i registeret)</li>",
            pct(Some(ans_total as f64 / reg_total as f64)),
            match latest {
                Some(y) if several_years => format!(" {y}"),
                _ => String::new(),
            },
            int(ans_total),
            int(reg_total)
        );
    }
    if let Some(rep) = input.ingest {
        // Files found beside the inputs but not taken (README, manifest, …) are in the
        // ingest report with their reason; they are not inputs, so not counted here.
        let skipped = rep.inputs.len() - rep.taken().count();
        let _ = writeln!(
            b,
            "<li><b>{}</b>innleste filer, {} feilet{}</li>",
            int(rep.taken().count() as u64),
            int(failed.len() as u64),
            match skipped {
                0 => String::new(),
                1 => " (1 annen fil hoppet over, se ingest-report.json)".to_string(),
                n => format!(
                    " ({} andre filer hoppet over, se ingest-report.json)",
                    int(n as u64)
                ),
            }
        );
    }
    b.push_str("</ul>\n");
    if ks_regions > 0 {
        let _ = writeln!(
            b,
            "<p>{} av uttalelsene er fra KS' egne regionale organer (fylkesstyre eller fylkesmøte), \
ikke fra medlemmer. De står i listen over respondentene og har egne rader, «{KS_REGION_LABEL}», i tabellene, \
men telles ikke med i størrelsesgruppene, fylkene eller «alle».</p>",
            int(ks_regions)
        );
    }

    // Languages.
    let mut langs: BTreeMap<&str, u64> = BTreeMap::new();
    for l in &language {
        *langs.entry(l.as_str()).or_default() += 1;
    }
    let parts: Vec<String> = langs
        .iter()
        .map(|(l, c)| format!("{} {}", esc(language_name(l)), int(*c)))
        .collect();
    let _ = writeln!(b, "<p>Språk i uttalelsene: {}.</p>", parts.join(", "));

    // Response rate.
    let rate_bars = |rows: &[usize]| -> Vec<Bar> {
        rows.iter()
            .map(|&i| Bar {
                label: group[i].clone(),
                value: r[i].unwrap_or(0.0),
                text: format!("{} av {} ({})", int(answered[i]), int(in_reg[i]), pct(r[i])),
                style: BarStyle::Plain,
            })
            .collect()
    };
    b.push_str("<h3>Svarprosent</h3>\n<p>Andel av kommunene og fylkeskommunene i registeret som har sendt uttalelse. \
Skiller svarprosenten mye mellom gruppene, er de som svarte ikke representative for alle, og tallene per tema må leses med det i tankene.</p>\n");
    let municipalities: u64 = (0..rate.height())
        .filter(|&i| dim[i] == "kind" && group[i] == "kommune" && rate_year[i] == latest)
        .map(|i| in_reg[i])
        .max()
        .unwrap_or(0);
    if let Some(src) = input.register_source {
        b.push_str(&register_source(src));
    }
    b.push_str(&register_note(municipalities));
    for (d, title) in [("size_class", "etter størrelse"), ("fylke", "etter fylke")] {
        let rows: Vec<usize> = (0..rate.height())
            .filter(|&i| dim[i] == d && rate_year[i] == latest)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let chart = BarChart {
            title: match latest {
                Some(y) if several_years => format!("Svarprosent {title}, {y}"),
                _ => format!("Svarprosent {title}"),
            },
            x_label: "Andel som har svart".to_string(),
            bars: rate_bars(&rows),
        };
        b.push_str(&figure(&chart.to_svg()?, "Svart av alle i registeret."));
    }

    if !to_check.is_empty() {
        b.push_str("<h3>Filer som bør sjekkes</h3>\n<p>Disse filene er lest og med i tallene, men innlesingen meldte noe som kan gjøre tallene feil for dem (for eksempel ingen uttalelse funnet, tekst lest med OCR eller uleselige ord). Se merknaden og sjekk filen.</p>\n");
        let rows: Vec<(String, Vec<String>)> = to_check
            .iter()
            .map(|(p, why)| (String::new(), vec![esc(p), esc(why)]))
            .collect();
        b.push_str(&table(&["Fil", "Merknad"], &rows));
    }
    if !failed.is_empty() {
        b.push_str("<h3>Filer som ikke kunne leses</h3>\n<p>Disse filene er ikke med i tallene. Sjekk dem og les dem inn på nytt.</p>\n");
        let rows: Vec<(String, Vec<String>)> = failed
            .iter()
            .map(|(p, why)| (String::new(), vec![esc(p), esc(why)]))
            .collect();
        b.push_str(&table(&["Fil", "Årsak"], &rows));
    }
    b.push_str("</section>\n");
    Ok(())
}

/// How many recurring demand groups and keyness rows to show; the rest is in the workbook.
const MAX_GROUPS: usize = 30;
const KEYNESS_PER_GROUP: usize = 10;
const MAX_CLUSTERS: usize = 25;
const MAX_MEMBERS: usize = 100;

/// Row numbers by value of `column`, groups in order of first appearance.
fn group_rows(column: &[String]) -> Vec<(&str, Vec<usize>)> {
    let mut pos: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, v) in column.iter().enumerate() {
        let k = *pos.entry(v.as_str()).or_insert_with(|| {
            out.push((v.as_str(), Vec::new()));
            out.len() - 1
        });
        out[k].1.push(i);
    }
    out
}

fn demands(b: &mut String, f: &Frames<'_>, labels: &ThemeLabels<'_>) -> Result<(), Error> {
    let t = f.get("demands")?;
    let doc = t.text("doc_id")?;
    let name = t.text("name")?;
    let addressee = t.text("addressee")?;
    let themes = t.text("themes")?;
    let text = t.text("text")?;
    let citation = t.text("citation")?;
    let group = t.text("group")?;
    let size = t.counts("group_size")?;
    b.push_str("<section id=\"krav\">\n<h2>Krav som går igjen</h2>\n");
    let mut by_addressee: BTreeMap<&str, u64> = BTreeMap::new();
    for a in &addressee {
        *by_addressee.entry(a.as_str()).or_default() += 1;
    }
    let parts: Vec<String> = by_addressee
        .iter()
        .map(|(a, n)| format!("{} til {}", int(*n), esc(a)))
        .collect();
    let _ = writeln!(
        b,
        "<p>{} krav funnet i uttalelsene{}{}.</p>",
        int(t.height() as u64),
        if parts.is_empty() { "" } else { ": " },
        parts.join(", ")
    );
    // Groups raised by more than one respondent, most respondents first, then in table
    // order.
    let groups = group_rows(&group);
    let mut recurring: Vec<(&str, Vec<usize>)> = groups
        .into_iter()
        .filter(|(_, rows)| rows.iter().any(|&i| size[i] > 1))
        .collect();
    recurring.sort_by_key(|(_, rows)| std::cmp::Reverse(rows.iter().map(|&i| size[i]).max()));
    if recurring.is_empty() {
        b.push_str("<p>Ingen krav går igjen hos flere respondenter.</p>\n");
    }
    for (_, rows) in recurring.iter().take(MAX_GROUPS) {
        let first = rows[0];
        let mut who: Vec<String> = rows
            .iter()
            .map(|&i| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    esc(&respondent_href(&doc[i])),
                    esc(&name[i])
                )
            })
            .collect();
        who.dedup();
        let _ = writeln!(
            b,
            "<blockquote><p>{}</p><footer>Til {} · {} · {} respondenter: {} · <span class=\"muted\">{}</span></footer></blockquote>",
            esc(&text[first]),
            esc(&addressee[first]),
            esc(&labels.list(&themes[first])),
            int(who.len() as u64),
            who.join(", "),
            esc(&citation[first])
        );
    }
    if recurring.len() > MAX_GROUPS {
        let _ = writeln!(
            b,
            "<p class=\"note\">Viser de {MAX_GROUPS} største av {} grupper. Alle krav står i arket «{}» i regnearket.</p>",
            recurring.len(),
            names::sheet("demands")
        );
    }
    b.push_str("</section>\n");
    Ok(())
}

fn keyness(b: &mut String, f: &Frames<'_>) -> Result<(), Error> {
    let t = f.get("keyness")?;
    let dim = t.text("dimension")?;
    let group = t.text("group")?;
    let example = t.text("example")?;
    let cg = t.counts("count_group")?;
    let cr = t.counts("count_rest")?;
    let z = t.floats("z")?;
    let quote = t.text("example_quote")?;
    let citation = t.text("citation")?;
    b.push_str("<section id=\"saerpreg\">\n<h2>Ord som skiller gruppene</h2>\n\
<p>Ord og uttrykk som én gruppe bruker klart oftere enn resten, målt med log-odds-forholdet med et informativt Dirichlet-prior \
(Monroe, Colaresi og Quinn 2008). Ordene telles på analysatorens nøkler, så bokmål og nynorsk telles sammen; ordet som vises er den vanligste skrivemåten. \
z over 1,96 tilsvarer omtrent 5 % signifikansnivå.</p>\n");
    if t.height() == 0 {
        b.push_str("<p>Ingen ord skiller seg tydelig ut.</p>\n");
    }
    let keys: Vec<String> = (0..t.height())
        .map(|i| format!("{}\u{1F}{}", dim[i], group[i]))
        .collect();
    for (_, members) in group_rows(&keys) {
        let (d, g) = (dim[members[0]].as_str(), group[members[0]].as_str());
        let dname = if d == "size_class" { "størrelse" } else { d };
        let rows: Vec<(String, Vec<String>)> = members
            .iter()
            .copied()
            .take(KEYNESS_PER_GROUP)
            .map(|i| {
                (
                    String::new(),
                    vec![
                        format!("<b>{}</b>", esc(&example[i])),
                        int(cg[i]),
                        int(cr[i]),
                        dec(z[i], 1),
                        format!(
                            "{} <span class=\"muted\">({})</span>",
                            esc(&quote[i]),
                            esc(&citation[i])
                        ),
                    ],
                )
            })
            .collect();
        let _ = writeln!(b, "<h3>{} ({})</h3>", esc(group_label(g)), esc(dname));
        b.push_str(&table(
            &["Ord", "#I gruppen", "#Hos resten", "#z", "Eksempel"],
            &rows,
        ));
    }
    b.push_str("</section>\n");
    Ok(())
}

fn shared_text(b: &mut String, f: &Frames<'_>) -> Result<(), Error> {
    let t = f.get("shared_text")?;
    let cluster = t.text("cluster")?;
    let csize = t.counts("cluster_size")?;
    let doc = t.text("doc_id")?;
    let name = t.text("name")?;
    let para = t.strings("paragraph")?;
    let sim = t.floats("similarity")?;
    let changed = t.floats("changed_share")?;
    let text = t.text("text")?;
    b.push_str("<section id=\"felles-tekst\">\n<h2>Felles tekst</h2>\n\
<p>Avsnitt som er nesten like hos flere respondenter: et utkast fra KS' regionkontor som mange har vedtatt, eller tekst som er kopiert mellom naboer. \
Likhet måles mot gruppens mest typiske avsnitt (1 = identisk); «endret» er andelen av teksten som er byttet ut.</p>\n");
    let mut clusters: Vec<(&str, u64, Vec<usize>)> = group_rows(&cluster)
        .into_iter()
        .map(|(c, rows)| (c, csize[rows[0]], rows))
        .collect();
    clusters.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if clusters.is_empty() {
        b.push_str("<p>Ingen avsnitt går igjen hos flere respondenter.</p>\n");
    }
    for (c, size, rows) in clusters.iter().take(MAX_CLUSTERS) {
        // The medoid: the member most similar to the cluster's centre.
        let medoid = rows
            .iter()
            .copied()
            .max_by(|&x, &y| {
                sim[x]
                    .unwrap_or(0.0)
                    .total_cmp(&sim[y].unwrap_or(0.0))
                    .then(y.cmp(&x))
            })
            .unwrap_or(rows[0]);
        let _ = writeln!(
            b,
            "<h3>Gruppe {} · {} avsnitt</h3>\n<blockquote><p>{}</p></blockquote>",
            esc(c),
            int(*size),
            esc(&text[medoid])
        );
        let body: Vec<(String, Vec<String>)> = rows
            .iter()
            .take(MAX_MEMBERS)
            .map(|&i| {
                let anchor = para[i]
                    .as_deref()
                    .map_or(String::new(), |p| format!("#p{}", esc(p)));
                (
                    String::new(),
                    vec![
                        format!(
                            "<a href=\"{}{anchor}\">{}</a>",
                            esc(&respondent_href(&doc[i])),
                            esc(&name[i])
                        ),
                        dec(sim[i], 2),
                        pct(changed[i]),
                    ],
                )
            })
            .collect();
        b.push_str("<details><summary>Hvem har teksten</summary>\n");
        b.push_str(&table(&["Respondent", "#Likhet", "#Endret"], &body));
        if rows.len() > MAX_MEMBERS {
            let _ = writeln!(
                b,
                "<p class=\"note\">Viser {MAX_MEMBERS} av {} avsnitt; alle står i arket «{}».</p>",
                int(rows.len() as u64),
                names::sheet("shared_text")
            );
        }
        b.push_str("</details>\n");
    }
    if clusters.len() > MAX_CLUSTERS {
        let _ = writeln!(
            b,
            "<p class=\"note\">Viser de {MAX_CLUSTERS} største av {} grupper; alle står i arket «{}».</p>",
            clusters.len(),
            names::sheet("shared_text")
        );
    }
    b.push_str("</section>\n");
    Ok(())
}

fn respondents(
    b: &mut String,
    f: &Frames<'_>,
    labels: &ThemeLabels<'_>,
    pages: &[String],
) -> Result<(), Error> {
    let t = f.get("respondents")?;
    let doc = t.text("doc_id")?;
    let nr = t.text("kommunenummer")?;
    let name = t.text("name")?;
    let kind = t.text("kind")?;
    let fylke = t.text("fylke")?;
    let size = t.text("size_class")?;
    let language = t.text("language")?;
    let chars = t.counts("statement_chars")?;
    let themes = t.text("themes")?;
    let own = t.floats("own_text_share")?;
    b.push_str("<section id=\"respondenter\">\n<h2>Respondentene</h2>\n\
<p>Hver respondent har en egen side med uttalelsen og temaene uthevet. «Egen tekst» er andelen av uttalelsen som ikke er felles med andre.</p>\n");
    let pages: std::collections::BTreeSet<&str> = pages.iter().map(String::as_str).collect();
    let rows: Vec<(String, Vec<String>)> = (0..t.height())
        .map(|i| {
            let display = match kind[i].as_str() {
                "kommune" => format!("{} kommune", name[i]),
                "fylkeskommune" => format!("{} fylkeskommune", name[i]),
                _ if name[i].is_empty() => "ukjent avsender".to_string(),
                _ => name[i].clone(),
            };
            // A KS region has no size class: its row says what it is instead.
            let size = if kind[i] == "ks_region" {
                "KS-region".to_string()
            } else {
                size[i].clone()
            };
            let cell = if pages.contains(doc[i].as_str()) {
                format!(
                    "<a href=\"{}\">{}</a>",
                    esc(&respondent_href(&doc[i])),
                    esc(&display)
                )
            } else {
                esc(&display)
            };
            (
                String::new(),
                vec![
                    cell,
                    esc(&nr[i]),
                    esc(&fylke[i]),
                    esc(&size),
                    esc(language_name(&language[i])),
                    int(chars[i]),
                    esc(&labels.list(&themes[i])),
                    pct(own[i]),
                ],
            )
        })
        .collect();
    // The column names of the workbook's sheet «Respondenter».
    let head: Vec<String> = std::iter::once("Respondent".to_string())
        .chain(
            [
                ("kommunenummer", false),
                ("fylke", false),
                ("size_class", false),
                ("language", false),
                ("statement_chars", true),
                ("themes", false),
                ("own_text_share", true),
            ]
            .iter()
            .map(|&(c, number)| header("respondents", c, number)),
        )
        .collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    b.push_str(&table(&head, &rows));
    b.push_str("</section>\n");
    Ok(())
}

/// Where the register came from and the date it describes, in one sentence.
fn register_source(src: &RegisterSource) -> String {
    let date = src
        .as_of
        .as_deref()
        .and_then(norwegian_date)
        .map(|d| format!(" Registeret gjelder per {d}."))
        .unwrap_or_default();
    format!(
        "<p class=\"muted\">Register: {}.{date}</p>\n",
        esc(&src.name)
    )
}

/// `2026-01-01` → `1. januar 2026`.
fn norwegian_date(iso: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    let mut parts = iso.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let m: usize = m.parse().ok()?;
    let d: u8 = d.parse().ok()?;
    Some(format!("{d}. {} {y}", MONTHS.get(m.checked_sub(1)?)?))
}

/// A warning when the register holds fewer municipalities than Norway has
/// ([`MUNICIPALITIES_2026`]): the rates then describe the register, not the country.
fn register_note(municipalities: u64) -> String {
    if municipalities >= MUNICIPALITIES_2026 {
        return String::new();
    }
    let held = if municipalities == 0 {
        "ingen kommuner".to_string()
    } else {
        format!(
            "bare {} av landets {} kommuner (2026)",
            int(municipalities),
            MUNICIPALITIES_2026
        )
    };
    format!(
        "<p class=\"warning\"><b>Registeret er ufullstendig:</b> det har {held}. \
Svarprosentene gjelder bare kommunene og fylkeskommunene i registeret, ikke hele landet, \
og kommuner utenfor registeret er ikke med i noen gruppe. Importer hele registeret fra SSB \
med <code>innspill register import FILER…</code> (Klass 131 og 104 og folketallet i tabell 07459) \
og lag rapporten på nytt.</p>\n"
    )
}

/// «Gjennomgang av merkingen»: how many paragraphs analysts reviewed, Cohen's κ per theme
/// between the tagger and the reviewers, and the reviews that no longer apply.
pub(crate) fn review_section(summary: Option<&ReviewSummary>, labels: &ThemeLabels<'_>) -> String {
    let mut b = String::from("<section id=\"gjennomgang\">\n<h2>Gjennomgang av merkingen</h2>\n");
    let Some(s) = summary.filter(|s| s.reviews > 0) else {
        b.push_str("<p>Ingen avsnitt er gjennomgått: alle tall bygger på temamerkingen alene. \
Merkingen kan gjennomgås i arbeidsflaten (<code>innspill serve</code>) eller med <code>innspill review</code>.</p>\n</section>\n");
        return b;
    };
    let _ = writeln!(
        b,
        "<p class=\"lead\">{} avsnitt er gjennomgått av {} ({} vurderinger). Alle tall i rapporten bygger på merkingen etter gjennomgangen.</p>",
        int(s.paragraphs as u64),
        esc(&s.reviewers.join(", ")),
        int(s.reviews as u64)
    );
    if s.paragraphs > 0 {
        b.push_str("<p class=\"note\">Samsvar mellom temamerkingen og gjennomgangen, per tema, i de gjennomgåtte avsnittene \
(et tema som ikke ble endret, regnes som godtatt). κ er Cohens kappa: 1 er fullt samsvar, 0 er ikke bedre enn tilfeldig; \
«–» når alle avsnittene fikk samme svar.</p>\n");
        let rows: Vec<(String, Vec<String>)> = s
            .agreement
            .iter()
            .map(|a| {
                (
                    String::new(),
                    vec![
                        esc(&labels.tag(&a.theme, None)),
                        int(a.total()),
                        int(a.both),
                        int(a.tagger_only),
                        int(a.reviewer_only),
                        dec(a.kappa, 2),
                    ],
                )
            })
            .collect();
        b.push_str(&table(
            &[
                "Tema",
                "#Avsnitt",
                "#Begge",
                "#Bare merkingen",
                "#Bare gjennomgangen",
                "#κ",
            ],
            &rows,
        ));
    }
    if !s.orphans.is_empty() {
        let _ = writeln!(
            b,
            "<h3>Vurderinger som ikke lenger gjelder ({})</h3>\n<p class=\"note\">Teksten de ble gjort på, finnes ikke lenger. De er tatt vare på, men telles ikke.</p>\n<ul>",
            int(s.orphans.len() as u64)
        );
        for o in &s.orphans {
            let r = &o.review;
            let what = match (&r.theme, &r.sub) {
                (Some(t), sub) => labels.tag(t, sub.as_deref()),
                (None, _) => String::new(),
            };
            let _ = writeln!(
                b,
                "<li>{} avsnitt {}: {} {} ({}, {}): {}</li>",
                esc(&r.doc_id),
                r.paragraph,
                esc(r.action.as_str()),
                esc(&what),
                esc(&r.reviewer),
                esc(&r.time),
                esc(o.reason.label())
            );
        }
        b.push_str("</ul>\n");
    }
    b.push_str("</section>\n");
    b
}

fn method(b: &mut String, rows: &[ThemeRow]) {
    let test = rows
        .iter()
        .map(|r| r.test.as_str())
        .find(|t| !t.is_empty())
        .unwrap_or("fisher_exact_two_sided");
    let test_name = match test {
        "fisher_exact_two_sided" => "Fishers eksakte test (tosidig)".to_string(),
        "chi_square" => "kjikvadrattest".to_string(),
        other => other.to_string(),
    };
    let _ = writeln!(
        b,
        "<section id=\"metode\">\n<h2>Om tallene</h2>\n<ul>\n\
<li>Bare uttalelser og vedtak regnes som respondentens ord. Saksframlegg og sitater fra KS' debatthefte telles aldri med.</li>\n\
<li>En respondent «tar opp» et tema når minst ett avsnitt i uttalelsen er merket med temaet. Merkingen bygger på kodeboken; \
hvert treff er uthevet på respondentens side, så den kan kontrolleres.</li>\n\
<li><b>Andel</b> er andelen av gruppens respondenter som tar opp temaet; <b>befolkningsvektet</b> vekter hver respondent med innbyggertallet; \
<b>løft</b> er gruppens andel delt på andelen blant alle.</li>\n\
<li><b>p</b> er fra {} av gruppen mot resten; <b>q</b> er justert for mange sammenligninger i samme tabell (Benjamini–Hochberg). \
Forskjeller med q under 0,05 er markert med * og mørk søyle, under 0,01 med **.</li>\n\
<li>Små grupper er merket «få», ikke skjult: «få» betyr {}. Da hviler andelen på få respondenter, \
og en forskjell er usikker uansett hva testen sier.{}</li>\n\
<li>Samme data gir alltid samme rapport, byte for byte.</li>\n</ul>\n</section>",
        esc(&test_name),
        esc(&small_rule()),
        if test == "fisher_exact_two_sided" {
            " Merket gjelder gruppens størrelse, ikke testen: Fishers eksakte test holder også for små tall."
        } else {
            ""
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_register_source_is_stated_with_its_date() {
        let src = RegisterSource {
            name: "innebygd register: SSB & Kartverket".to_string(),
            as_of: Some("2026-01-01".to_string()),
            builtin: true,
        };
        assert_eq!(
            register_source(&src),
            "<p class=\"muted\">Register: innebygd register: SSB &amp; Kartverket. \
             Registeret gjelder per 1. januar 2026.</p>\n"
        );
        assert_eq!(
            norwegian_date("2027-12-31").as_deref(),
            Some("31. desember 2027")
        );
        assert_eq!(norwegian_date("2027-13-01"), None);
    }

    #[test]
    fn the_review_section_gives_counts_kappa_and_orphans_escaped() {
        use innspill_model::{Agreement, Orphan, OrphanReason, Review, ReviewAction};
        let themes = [ThemeInfo {
            id: "workforce".into(),
            label: "Arbeidskraft".into(),
            subs: vec![],
        }];
        let labels = ThemeLabels::new(&themes);
        assert!(review_section(None, &labels).contains("Ingen avsnitt er gjennomgått"));
        let summary = ReviewSummary {
            reviews: 3,
            applied: 2,
            paragraphs: 2,
            reviewers: vec!["<kari>".into()],
            agreement: vec![Agreement {
                theme: "workforce".into(),
                both: 1,
                tagger_only: 1,
                reviewer_only: 0,
                neither: 0,
                kappa: None,
            }],
            orphans: vec![Orphan {
                review: Review {
                    time: "2026-12-02T13:05:00Z".into(),
                    reviewer: "<kari>".into(),
                    doc_id: "1856-2026-aaaaaa".into(),
                    doc_sha256: "x".into(),
                    paragraph: 4,
                    text_sha256: "y".into(),
                    action: ReviewAction::Reject,
                    theme: Some("workforce".into()),
                    sub: None,
                    note: None,
                },
                reason: OrphanReason::TextChanged,
            }],
        };
        let html = review_section(Some(&summary), &labels);
        assert!(
            html.contains("2 avsnitt er gjennomgått av &lt;kari&gt; (3 vurderinger)"),
            "{html}"
        );
        assert!(html.contains("<td>Arbeidskraft</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">–</td>"), "{html}");
        assert!(
            html.contains("1856-2026-aaaaaa avsnitt 4: reject Arbeidskraft"),
            "{html}"
        );
        assert!(!html.contains("<kari>"));
    }

    #[test]
    fn a_full_register_gets_no_warning() {
        assert_eq!(register_note(MUNICIPALITIES_2026), "");
        assert!(register_note(0).contains("ingen kommuner"));
        assert!(register_note(1).contains("bare 1 av landets 357 kommuner (2026)"));
    }

    #[test]
    fn the_small_cell_rule_follows_the_constant() {
        assert_eq!(SMALL_GROUP, 10);
        assert!(small_rule().starts_with("færre enn 10 respondenter"));
        assert!(small_rule().ends_with("minst 10 prosentpoeng"));
        assert!(small_flag().contains("title=\"Færre enn 10"));
    }
}
