//! `respondents`, `themes_by_size`, `themes_by_county` and `subthemes_by_size`.

use std::collections::{BTreeMap, HashMap};

use innspill_model::SizeClass;
use polars::prelude::*;

use crate::frame::FrameBuilder;
use crate::prep::{Corpus, KS_REGION_GROUP, UNKNOWN_GROUP, kind_name};
use crate::stats::{LogFactorials, benjamini_hochberg, fisher_exact_two_sided};
use crate::{Error, ThemeInfo};

/// Name of the extra row that holds all respondents in the theme tables.
pub(crate) const ALL_GROUP: &str = "alle";
/// The test named in the `test` column.
pub(crate) const FISHER: &str = "fisher_exact_two_sided";

/// The `respondents` table: one row per document.
pub(crate) fn respondents(
    c: &Corpus<'_>,
    themes: &[ThemeInfo],
    own_text_share: &[Option<f64>],
    draft: &[Option<u32>],
) -> Result<DataFrame, Error> {
    let n = c.docs.len();
    let mut doc_id = Vec::with_capacity(n);
    let mut nr = Vec::with_capacity(n);
    let mut name = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut fylke = Vec::with_capacity(n);
    let mut population = Vec::with_capacity(n);
    let mut size = Vec::with_capacity(n);
    let mut year = Vec::with_capacity(n);
    let mut language = Vec::with_capacity(n);
    let mut chars = Vec::with_capacity(n);
    let mut raised = Vec::with_capacity(n);
    let mut shares: Vec<Vec<f64>> = vec![Vec::with_capacity(n); themes.len()];
    for (i, d) in c.docs.iter().enumerate() {
        doc_id.push(d.doc.id.as_str());
        nr.push(d.kommunenummer.as_deref());
        name.push(d.name.as_deref());
        kind.push(kind_name(d.kind));
        fylke.push(d.fylke.as_deref());
        population.push(d.population);
        size.push(d.size_class.map(|s| s.as_str()));
        year.push(d.doc.year.map(u32::from));
        language.push(d.doc.language.map(|l| l.as_str()));
        let paras = c.paras_of(i);
        let total: usize = paras.iter().map(|p| p.chars).sum();
        chars.push(total as u64);
        let mut ids = Vec::new();
        for (t, share) in themes.iter().zip(shares.iter_mut()) {
            let tagged: usize = paras
                .iter()
                .filter(|p| p.has(&t.id, None))
                .map(|p| p.chars)
                .sum();
            if tagged > 0 {
                ids.push(t.id.as_str());
            }
            share.push(if total == 0 {
                0.0
            } else {
                tagged as f64 / total as f64
            });
        }
        raised.push(ids.join(", "));
    }
    let mut f = FrameBuilder::new("respondents")
        .col("doc_id", doc_id)
        .col("kommunenummer", nr)
        .col("name", name)
        .col("kind", kind)
        .col("fylke", fylke)
        .col("population", population)
        .col("size_class", size)
        .col("year", year)
        .col("language", language)
        .col("statement_chars", chars)
        .col("themes", raised);
    for (t, s) in themes.iter().zip(shares) {
        f = f.col(&format!("share_{}", t.id), s);
    }
    f.col("own_text_share", own_text_share.to_vec())
        .col("draft", draft.to_vec())
        .build()
}

/// Which grouping a theme table uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dimension {
    Size,
    Fylke,
}

/// One response: a respondent's documents of one year, merged.
struct Unit {
    year: Option<u16>,
    size: String,
    fylke: String,
    population: Option<u64>,
    /// (theme index, sub index or None) raised anywhere in the unit's own text.
    raised: Vec<(usize, Option<usize>)>,
}

fn units(c: &Corpus<'_>, themes: &[ThemeInfo]) -> Vec<Unit> {
    // One response per respondent and year: documents of the same respondent and year are
    // merged (a case and a separate letter), years are not.
    let mut by_key: BTreeMap<(&str, Option<u16>), Unit> = BTreeMap::new();
    for (i, d) in c.docs.iter().enumerate() {
        let u = by_key
            .entry((d.unit.as_str(), d.doc.year))
            .or_insert_with(|| Unit {
                year: d.doc.year,
                size: d.size_group().to_string(),
                fylke: d.fylke_group().to_string(),
                population: d.population,
                raised: Vec::new(),
            });
        for p in c.paras_of(i) {
            let Some(pt) = p.tags else { continue };
            for tag in &pt.tags {
                let Some(ti) = themes.iter().position(|t| t.id == tag.theme) else {
                    continue;
                };
                u.raised.push((ti, None));
                if let Some(sub) = &tag.sub
                    && let Some(si) = themes[ti].subs.iter().position(|(id, _)| id == sub)
                {
                    u.raised.push((ti, Some(si)));
                }
            }
        }
        u.raised.sort_unstable();
        u.raised.dedup();
    }
    by_key.into_values().collect()
}

/// `themes_by_year`: where the store holds statements of two or more booklet years, the
/// share of members raising each theme and sub-theme per size class (and `alle`), one
/// year against the next, with Fisher's exact test and Benjamini–Hochberg q over all
/// rows. `None` with fewer than two years.
pub(crate) fn year_table(c: &Corpus<'_>, themes: &[ThemeInfo]) -> Result<Option<DataFrame>, Error> {
    let units = units(c, themes);
    let years: Vec<u16> = {
        let mut y: Vec<u16> = units.iter().filter_map(|u| u.year).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    if years.len() < 2 {
        return Ok(None);
    }
    let members: Vec<&Unit> = units.iter().filter(|u| u.size != KS_REGION_GROUP).collect();
    let mut groups: Vec<String> = members.iter().map(|u| u.size.clone()).collect();
    groups.sort_by_key(|g| group_rank(Dimension::Size, g));
    groups.dedup();
    groups.push(ALL_GROUP.to_string());
    let items: Vec<(usize, Option<usize>)> = themes
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| {
            std::iter::once((ti, None)).chain((0..t.subs.len()).map(move |si| (ti, Some(si))))
        })
        .collect();
    // (respondents, raising) of a group in a year.
    let count = |year: u16, group: &str, item: &(usize, Option<usize>)| -> (u64, u64) {
        let mut n = 0;
        let mut r = 0;
        for u in members
            .iter()
            .filter(|u| u.year == Some(year) && (group == ALL_GROUP || u.size == group))
        {
            n += 1;
            r += u64::from(u.raised.binary_search(item).is_ok());
        }
        (n, r)
    };
    let share = |n: u64, r: u64| (n > 0).then(|| r as f64 / n as f64);
    let mut lf = LogFactorials::new();
    let (mut y_from, mut y_to, mut theme, mut sub, mut group) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut n_from, mut r_from, mut s_from, mut n_to, mut r_to, mut s_to, mut diff, mut p) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for pair in years.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        for item in &items {
            for g in &groups {
                let (na, ra) = count(a, g, item);
                let (nb, rb) = count(b, g, item);
                if na == 0 && nb == 0 {
                    continue;
                }
                y_from.push(u32::from(a));
                y_to.push(u32::from(b));
                theme.push(themes[item.0].id.clone());
                sub.push(item.1.map(|si| themes[item.0].subs[si].0.clone()));
                group.push(g.clone());
                n_from.push(na);
                r_from.push(ra);
                s_from.push(share(na, ra));
                n_to.push(nb);
                r_to.push(rb);
                s_to.push(share(nb, rb));
                diff.push(share(na, ra).zip(share(nb, rb)).map(|(x, y)| y - x));
                p.push(
                    (na > 0 && nb > 0)
                        .then(|| fisher_exact_two_sided(&mut lf, rb, nb - rb, ra, na - ra)),
                );
            }
        }
    }
    let q = benjamini_hochberg(&p);
    FrameBuilder::new("themes_by_year")
        .col("year_from", y_from)
        .col("year_to", y_to)
        .col("theme", theme)
        .col("sub", sub)
        .col("group", group)
        .col("respondents_from", n_from)
        .col("raising_from", r_from)
        .col("share_from", s_from)
        .col("respondents_to", n_to)
        .col("raising_to", r_to)
        .col("share_to", s_to)
        .col("change", diff)
        .col("p", p)
        .col("q", q)
        .build()
        .map(Some)
}

/// Group order: size classes in their order, then unknown; counties alphabetically, then
/// unknown; then KS' regions, and the all-members row last.
fn group_rank(dim: Dimension, g: &str) -> (usize, String) {
    if g == ALL_GROUP {
        return (usize::MAX, String::new());
    }
    if g == KS_REGION_GROUP {
        return (usize::MAX - 1, String::new());
    }
    if g == UNKNOWN_GROUP {
        return (usize::MAX - 2, String::new());
    }
    match dim {
        Dimension::Size => (
            SizeClass::parse(g).map_or(usize::MAX - 3, |s| s as usize),
            g.to_string(),
        ),
        Dimension::Fylke => (0, g.to_string()),
    }
}

/// A theme table: `themes_by_size`, `themes_by_county` (`subs = false`) or
/// `subthemes_by_size` (`subs = true`).
///
/// The table is counted per booklet year (column `year`; documents without a year form
/// their own null year): a respondent that answered two years is one respondent in each
/// year, never two in one pool, so no share, lift, test or q-value mixes years. The
/// Benjamini–Hochberg q-values are taken over each year's rows. Years come in ascending
/// order, the unknown year first (as in `response_rate`).
///
/// Counting is done by polars (`group_by` over one row per respondent × theme); the
/// tests, lifts and q-values are computed here from the counts.
pub(crate) fn theme_table(
    c: &Corpus<'_>,
    themes: &[ThemeInfo],
    dim: Dimension,
    subs: bool,
    table: &'static str,
) -> Result<DataFrame, Error> {
    let units = units(c, themes);
    // The themes (or sub-themes) that form rows, in codebook order.
    let items: Vec<(usize, Option<usize>)> = themes
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| {
            if subs {
                (0..t.subs.len())
                    .map(|si| (ti, Some(si)))
                    .collect::<Vec<_>>()
            } else {
                vec![(ti, None)]
            }
        })
        .collect();
    let mut years: Vec<Option<u16>> = units.iter().map(|u| u.year).collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        // No respondents: the `alle` rows with zero counts, under the unknown year.
        years.push(None);
    }
    let mut out = Rows::default();
    for year in years {
        let of_year: Vec<&Unit> = units.iter().filter(|u| u.year == year).collect();
        year_rows(&of_year, year, themes, &items, dim, table, &mut out)?;
    }
    FrameBuilder::new(table)
        .col("year", out.year)
        .col("group", out.group)
        .col("theme", out.theme)
        .col("sub", out.sub)
        .col("respondents", out.resp)
        .col("raising", out.rais)
        .col("share", out.share)
        .col("pop_weighted_share", out.pop)
        .col("lift", out.lift)
        .col("p_value", out.p)
        .col("q_value", out.q)
        .col("small_cell", out.small)
        .col("test", out.test)
        .build()
}

/// The columns of a theme table, filled year by year.
#[derive(Default)]
struct Rows {
    year: Vec<Option<u32>>,
    group: Vec<String>,
    theme: Vec<String>,
    sub: Vec<Option<String>>,
    resp: Vec<u64>,
    rais: Vec<u64>,
    share: Vec<Option<f64>>,
    pop: Vec<Option<f64>>,
    lift: Vec<Option<f64>>,
    p: Vec<Option<f64>>,
    q: Vec<Option<f64>>,
    small: Vec<bool>,
    test: Vec<Option<String>>,
}

/// The rows of one year of a theme table, from that year's `units`.
fn year_rows(
    units: &[&Unit],
    year: Option<u16>,
    themes: &[ThemeInfo],
    items: &[(usize, Option<usize>)],
    dim: Dimension,
    table: &'static str,
    out: &mut Rows,
) -> Result<(), Error> {
    // Long frame: one row per unit × item.
    let mut g_col = Vec::new();
    let mut item_col = Vec::new();
    let mut raised_col = Vec::new();
    let mut pop_col = Vec::new();
    for u in units {
        for (k, it) in items.iter().enumerate() {
            g_col.push(match dim {
                Dimension::Size => u.size.clone(),
                Dimension::Fylke => u.fylke.clone(),
            });
            item_col.push(k as u32);
            raised_col.push(u.raised.binary_search(it).is_ok());
            pop_col.push(u.population);
        }
    }
    let long = FrameBuilder::new(table)
        .col("group", g_col)
        .col("item", item_col)
        .col("raised", raised_col)
        .col("population", pop_col)
        .build()?;
    let raised_u = col("raised").cast(DataType::UInt64);
    let pop_f = col("population").cast(DataType::Float64);
    let counts = long
        .lazy()
        .group_by([col("group"), col("item")])
        .agg([
            len().cast(DataType::UInt64).alias("respondents"),
            raised_u.clone().sum().alias("raising"),
            pop_f.clone().sum().alias("pop_all"),
            (pop_f.clone() * raised_u.cast(DataType::Float64))
                .sum()
                .alias("pop_raising"),
            pop_f.count().cast(DataType::UInt64).alias("pop_known"),
        ])
        .collect()
        .map_err(Error::polars(table))?;

    struct Cell {
        respondents: u64,
        raising: u64,
        pop_all: f64,
        pop_raising: f64,
        pop_known: u64,
    }
    // Every count column read back as f64 (exact for counts below 2^53).
    let get_f = |name: &str| -> Result<Vec<f64>, Error> {
        counts
            .column(name)
            .and_then(|c| c.cast(&DataType::Float64))
            .and_then(|c| Ok(c.f64()?.iter().map(|v| v.unwrap_or(0.0)).collect()))
            .map_err(Error::polars(table))
    };
    let get_u = |name: &str| -> Result<Vec<u64>, Error> {
        Ok(get_f(name)?.into_iter().map(|v| v as u64).collect())
    };
    let groups: Vec<String> = counts
        .column("group")
        .and_then(|c| {
            c.str()
                .map(|ca| ca.iter().map(|v| v.unwrap_or("").to_string()).collect())
        })
        .map_err(Error::polars(table))?;
    let item_idx: Vec<u32> = get_u("item")?.into_iter().map(|v| v as u32).collect();
    let (resp, rais, pk) = (
        get_u("respondents")?,
        get_u("raising")?,
        get_u("pop_known")?,
    );
    let (pa, pr) = (get_f("pop_all")?, get_f("pop_raising")?);
    let mut cells: HashMap<(String, u32), Cell> = HashMap::new();
    for i in 0..groups.len() {
        cells.insert(
            (groups[i].clone(), item_idx[i]),
            Cell {
                respondents: resp[i],
                raising: rais[i],
                pop_all: pa[i],
                pop_raising: pr[i],
                pop_known: pk[i],
            },
        );
    }
    let mut group_names: Vec<String> = groups.clone();
    group_names.sort_by_key(|g| group_rank(dim, g));
    group_names.dedup();

    let mut lf = LogFactorials::new();
    let mut out_group = Vec::new();
    let mut out_theme = Vec::new();
    let mut out_sub: Vec<Option<String>> = Vec::new();
    let mut out_resp = Vec::new();
    let mut out_rais = Vec::new();
    let mut out_share = Vec::new();
    let mut out_pop = Vec::new();
    let mut out_lift = Vec::new();
    let mut out_p = Vec::new();
    let mut out_small = Vec::new();
    let mut out_test: Vec<Option<String>> = Vec::new();
    // The members' groups: `alle` sums them, and a group is tested against the other
    // members; KS' regions are a group of their own, tested against all members.
    let members = || group_names.iter().filter(|g| *g != KS_REGION_GROUP);
    for (k, &(ti, si)) in items.iter().enumerate() {
        let k = k as u32;
        let total_n: u64 = members()
            .filter_map(|g| cells.get(&(g.clone(), k)))
            .map(|c| c.respondents)
            .sum();
        let total_r: u64 = members()
            .filter_map(|g| cells.get(&(g.clone(), k)))
            .map(|c| c.raising)
            .sum();
        let (tot_pa, tot_pr, tot_pk) = members()
            .filter_map(|g| cells.get(&(g.clone(), k)))
            .fold((0.0, 0.0, 0), |(a, b, n), c| {
                (a + c.pop_all, b + c.pop_raising, n + c.pop_known)
            });
        let overall = ratio(total_r, total_n);
        let mut push =
            |g: &str, n: u64, r: u64, pa: f64, pr: f64, pk: u64, p: Option<f64>, small: bool| {
                out_group.push(g.to_string());
                out_theme.push(themes[ti].id.clone());
                out_sub.push(si.map(|s| themes[ti].subs[s].0.clone()));
                out_resp.push(n);
                out_rais.push(r);
                let share = ratio(r, n);
                out_share.push(share);
                out_pop.push(if pk > 0 && pa > 0.0 {
                    Some(pr / pa)
                } else {
                    None
                });
                out_lift.push(match (share, overall) {
                    (Some(s), Some(o)) if o > 0.0 => Some(s / o),
                    _ => None,
                });
                out_p.push(p);
                out_small.push(small);
                out_test.push(p.map(|_| FISHER.to_string()));
            };
        for g in &group_names {
            let Some(cell) = cells.get(&(g.clone(), k)) else {
                continue;
            };
            let (a, b) = (cell.raising, cell.respondents - cell.raising);
            // The rest: the other members (all members for KS' regions).
            let (rest_n, rest_r) = if g == KS_REGION_GROUP {
                (total_n, total_r)
            } else {
                (total_n - cell.respondents, total_r - cell.raising)
            };
            let (cc, d) = (rest_r, rest_n - rest_r);
            let testable = rest_n > 0;
            let p = testable.then(|| fisher_exact_two_sided(&mut lf, a, b, cc, d));
            let small = cell.respondents < crate::SMALL_GROUP;
            push(
                g,
                cell.respondents,
                cell.raising,
                cell.pop_all,
                cell.pop_raising,
                cell.pop_known,
                p,
                small,
            );
        }
        push(
            ALL_GROUP,
            total_n,
            total_r,
            tot_pa,
            tot_pr,
            tot_pk,
            None,
            total_n < crate::SMALL_GROUP,
        );
    }
    let q = benjamini_hochberg(&out_p);
    let n = out_group.len();
    out.year.extend(std::iter::repeat_n(year.map(u32::from), n));
    out.group.extend(out_group);
    out.theme.extend(out_theme);
    out.sub.extend(out_sub);
    out.resp.extend(out_resp);
    out.rais.extend(out_rais);
    out.share.extend(out_share);
    out.pop.extend(out_pop);
    out.lift.extend(out_lift);
    out.p.extend(out_p);
    out.q.extend(q);
    out.small.extend(out_small);
    out.test.extend(out_test);
    Ok(())
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}
