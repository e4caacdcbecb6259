//! `innspill search`: search all responses, grouped by respondent, with facets.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use innspill_index::{
    Filters, Hit, HitRespondent, SearchIndex, SearchRequest, Summary, snippet_to_terminal,
};
use innspill_model::{Lang, SegmentKind, SizeClass};

use crate::cli::{self, Globals};

/// Arguments of `innspill search`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The query. Words must all occur (in any written standard and inflection; a word
    /// also finds compounds that contain it); `OR` between alternatives; `-word` excludes;
    /// "a quoted phrase" matches word for word; field:value searches a field (section,
    /// kommune, kommunenummer, fylke, size, kind, year, lang, segment, question, exact).
    /// `*` matches everything that passes the filters.
    query: String,

    /// Only paragraphs tagged with this theme (workforce, preparedness, autonomy,
    /// welfare, or a theme of your codebook). Repeat or separate by commas for any of
    /// several; all filters must hold together.
    #[arg(long, value_delimiter = ',', value_name = "THEME")]
    theme: Vec<String>,

    /// Only paragraphs tagged with this sub-theme (`sick_leave` or
    /// `workforce/sick_leave`).
    #[arg(long, value_delimiter = ',', value_name = "SUB")]
    sub: Vec<String>,

    /// Only respondents of this size class.
    #[arg(long, value_delimiter = ',', value_enum)]
    size: Vec<SizeArg>,

    /// Only respondents in this county (any case).
    #[arg(long, value_delimiter = ',', value_name = "FYLKE")]
    fylke: Vec<String>,

    /// Only this municipality or county, by number (1856) or name (Røst).
    #[arg(long, value_delimiter = ',', value_name = "KOMMUNE")]
    kommune: Vec<String>,

    /// Only responses to this booklet year.
    #[arg(long, value_delimiter = ',', value_name = "YEAR")]
    year: Vec<u16>,

    /// Only responses in this written standard.
    #[arg(long, value_delimiter = ',', value_enum)]
    lang: Vec<LangArg>,

    /// Only paragraphs answering this booklet question.
    #[arg(long, value_delimiter = ',', value_name = "N")]
    question: Vec<u8>,

    /// Which parts of the documents to search. By default the respondent's own words
    /// (statement, decision), so KS' booklet text quoted in a case never counts.
    #[arg(long, value_delimiter = ',', value_enum, default_values_t = [SegmentArg::Statement, SegmentArg::Decision])]
    segment: Vec<SegmentArg>,

    /// How many respondents (or paragraphs, with --paragraphs) to show.
    #[arg(long, default_value_t = 20)]
    limit: usize,

    /// A flat list of paragraphs, best first, instead of one entry per respondent.
    #[arg(long)]
    paragraphs: bool,

    /// One JSON object a line (a respondent with its hits, or a paragraph with
    /// --paragraphs), then a last line with facets, total_hits and respondents.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SizeArg {
    Liten,
    Mellomstor,
    Stor,
    Fylkeskommune,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Nb,
    Nn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SegmentArg {
    Statement,
    Decision,
    Case,
    Booklet,
    Other,
    /// Every segment.
    All,
}

impl Args {
    fn request(&self) -> SearchRequest {
        let segments = if self.segment.contains(&SegmentArg::All) {
            None
        } else {
            Some(
                self.segment
                    .iter()
                    .map(|s| match s {
                        SegmentArg::Statement => SegmentKind::Statement,
                        SegmentArg::Decision => SegmentKind::Decision,
                        SegmentArg::Case => SegmentKind::Case,
                        SegmentArg::Booklet => SegmentKind::Booklet,
                        SegmentArg::Other | SegmentArg::All => SegmentKind::Other,
                    })
                    .collect(),
            )
        };
        let mut request = SearchRequest::new(self.query.clone());
        request.filters = Filters {
            themes: self.theme.clone(),
            subs: self.sub.clone(),
            sizes: self
                .size
                .iter()
                .map(|s| match s {
                    SizeArg::Liten => SizeClass::Liten,
                    SizeArg::Mellomstor => SizeClass::Mellomstor,
                    SizeArg::Stor => SizeClass::Stor,
                    SizeArg::Fylkeskommune => SizeClass::Fylkeskommune,
                })
                .collect(),
            fylker: self.fylke.clone(),
            kommuner: self.kommune.clone(),
            years: self.year.clone(),
            langs: self
                .lang
                .iter()
                .map(|l| match l {
                    LangArg::Nb => Lang::Nb,
                    LangArg::Nn => Lang::Nn,
                })
                .collect(),
            questions: self.question.clone(),
            segments,
        };
        request.limit = self.limit;
        request.group = !self.paragraphs;
        request
    }
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let index = SearchIndex::open_store(&store).with_context(|| {
        format!(
            "could not open the search index of {}",
            store.root().display()
        )
    })?;
    if index.is_stale().unwrap_or(false) {
        tracing::warn!(
            "the index was built by another version of the analyser; run `innspill index` to bring it up to date"
        );
    }
    let results = index.search(&args.request())?;
    let mut out = cli::stdout();
    if args.json {
        for group in &results.groups {
            cli::write_json_line(&mut out, group)?;
        }
        for hit in &results.paragraphs {
            cli::write_json_line(&mut out, hit)?;
        }
        cli::write_json_line(&mut out, &results.summary)?;
    } else {
        let style = Style::for_stdout();
        for (i, group) in results.groups.iter().enumerate() {
            let r = &group.respondent;
            let hits = if group.total_hits == 1 { "hit" } else { "hits" };
            writeln!(
                out,
                "{}. {}{} ({} {hits}, score {:.2})",
                i + 1,
                r.display_name(),
                details(r),
                group.total_hits,
                group.score
            )?;
            for hit in &group.hits {
                write_hit(&mut out, &style, hit, None)?;
            }
            writeln!(out)?;
        }
        for (i, p) in results.paragraphs.iter().enumerate() {
            writeln!(
                out,
                "{}. {}{}",
                i + 1,
                p.respondent.display_name(),
                details(&p.respondent)
            )?;
            write_hit(&mut out, &style, &p.hit, Some(p.score))?;
            writeln!(out)?;
        }
        write_summary(&mut out, &results.summary, style.width)?;
    }
    out.flush()?;
    if results.summary.total_hits == 0 {
        if !g.quiet && !args.json {
            eprintln!("no paragraph matches {:?} with these filters", args.query);
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// « · Nordland · liten · 2026» with what is known.
fn details(r: &HitRespondent) -> String {
    let mut s = String::new();
    for part in [
        r.fylke.clone(),
        r.size_class.clone(),
        r.year.map(|y| y.to_string()),
    ]
    .into_iter()
    .flatten()
    {
        s.push_str(" · ");
        s.push_str(&part);
    }
    s
}

/// How to show highlights and how wide to wrap.
struct Style {
    bold: bool,
    width: usize,
}

impl Style {
    fn for_stdout() -> Style {
        let tty = std::io::stdout().is_terminal();
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100usize)
            .clamp(40, 160);
        Style {
            bold: tty && std::env::var_os("NO_COLOR").is_none(),
            width,
        }
    }
}

fn write_hit(
    out: &mut impl Write,
    style: &Style,
    hit: &Hit,
    score: Option<f32>,
) -> anyhow::Result<()> {
    for line in wrap(&hit.snippet, style.width - 5) {
        writeln!(out, "   {}", snippet_to_terminal(&line, style.bold))?;
    }
    let mut source = format!(
        "     {} · {} · paragraph {}",
        hit.citation, hit.segment, hit.paragraph
    );
    if !hit.themes.is_empty() {
        source.push_str(&format!(" · {}", hit.themes.join(", ")));
    }
    if let Some(score) = score {
        source.push_str(&format!(" · score {score:.2}"));
    }
    writeln!(out, "{source}")?;
    Ok(())
}

/// How many values of each facet the plain form shows; `--json` gives them all.
const FACET_VALUES_SHOWN: usize = 8;

fn write_summary(out: &mut impl Write, summary: &Summary, width: usize) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} {} from {} {}",
        summary.total_hits,
        if summary.total_hits == 1 {
            "hit"
        } else {
            "hits"
        },
        summary.respondents,
        if summary.respondents == 1 {
            "respondent"
        } else {
            "respondents"
        }
    )?;
    let f = &summary.facets;
    for (label, counts) in [
        ("theme", &f.theme),
        ("size class", &f.size_class),
        ("county", &f.fylke),
    ] {
        if counts.is_empty() {
            continue;
        }
        for line in facet_lines(label, counts, width) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// «county: Nordland 12, Agder 9, …, … og 72 til»: the [`FACET_VALUES_SHOWN`] largest
/// values (ties by name), then how many more there are, wrapped at `width` characters
/// with the continuation lines indented under the first value.
fn facet_lines(label: &str, counts: &BTreeMap<String, u64>, width: usize) -> Vec<String> {
    let mut sorted: Vec<(&String, &u64)> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let mut items: Vec<String> = sorted
        .iter()
        .take(FACET_VALUES_SHOWN)
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    if sorted.len() > FACET_VALUES_SHOWN {
        items.push(format!("… og {} til", sorted.len() - FACET_VALUES_SHOWN));
    }
    let indent = " ".repeat(label.chars().count() + 2);
    let mut lines = Vec::new();
    let mut line = format!("{label}:");
    let mut fresh = true;
    for (i, item) in items.iter().enumerate() {
        let item = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        let len = line.chars().count();
        if !fresh && len + 1 + item.chars().count() > width {
            lines.push(std::mem::replace(&mut line, indent.clone()));
        } else {
            line.push(' ');
        }
        line.push_str(&item);
        fresh = false;
    }
    lines.push(line);
    lines
}

/// Word-wrap an HTML snippet at `width` visible characters (tags take no room; a line
/// break never falls inside a tag).
fn wrap(html: &str, width: usize) -> Vec<String> {
    let visible = |w: &str| {
        w.replace("<b>", "")
            .replace("</b>", "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .chars()
            .count()
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in html.split(' ').filter(|w| !w.is_empty()) {
        let n = visible(word);
        if len > 0 && len + 1 + n > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += n;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{BTreeMap, facet_lines, wrap};

    #[test]
    fn facets_show_the_largest_values_and_how_many_more() {
        let counts: BTreeMap<String, u64> =
            (1..=11u64).map(|i| (format!("Fylke {i:02}"), i)).collect();
        assert_eq!(
            facet_lines("county", &counts, 100),
            [
                "county: Fylke 11 11, Fylke 10 10, Fylke 09 9, Fylke 08 8, Fylke 07 7, Fylke 06 6, Fylke 05 5,",
                "        Fylke 04 4, … og 3 til",
            ]
        );
        let few: BTreeMap<String, u64> = [("stor".to_string(), 2), ("liten".to_string(), 2)].into();
        assert_eq!(
            facet_lines("size class", &few, 100),
            ["size class: liten 2, stor 2"]
        );
    }

    #[test]
    fn wrap_counts_visible_characters_only() {
        let lines = wrap("en <b>beredskap</b> for &amp; med kommunene", 14);
        assert_eq!(lines, ["en <b>beredskap</b>", "for &amp; med", "kommunene"]);
    }
}
