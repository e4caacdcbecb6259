//! Glyphs to lines in reading order, by geometry.
//!
//! - **Words**: glyphs in the order the page shows them, a new word where a space is
//!   shown, where the next glyph starts more than 0.15 em after the last one ends, or
//!   where it jumps back or to another baseline. Never one word per text operator, never
//!   a space per glyph: Chromium (Skia) places every glyph on its own, LibreOffice and
//!   Word show whole lines with kerning in between.
//! - **Lines**: words on one baseline, in x order; pieces of a line further apart than
//!   an em are kept apart until the columns are known.
//! - **Columns**: a gutter is an x range that only a few pieces cross (running headers,
//!   a heading over both columns) with enough text on either side at the same heights.
//!   The page is read section by section between the pieces that cross it, the left
//!   column before the right, recursively (three columns, a two-column part under a
//!   full-width one). A table's cells, whose starts line up over several lines, are kept
//!   as cells; bullets (a marker, then text) are not tables.
//! - **Text not upright** (a stamp in the margin) is read on its own, line by line.

use super::content::{Glyph, PageContent};

/// A word on the page (upright text: `u` is x, `v` is the baseline's y).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    u0: f32,
    u1: f32,
    v: f32,
    size: f32,
    bold: bool,
    artifact: bool,
    dir: u8,
}

/// A piece of a line: words closer than an em.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// Bold glyphs and all glyphs (for the share of bold).
    bold_chars: usize,
    chars: usize,
    artifact: bool,
}

/// A line in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PageLine {
    pub(super) text: String,
    pub(super) x0: f32,
    pub(super) x1: f32,
    /// Baseline (y grows upwards).
    pub(super) y: f32,
    /// Largest font size on the line.
    pub(super) size: f32,
    /// Most of its characters are bold.
    pub(super) bold: bool,
    /// The extent `[x0, x1]` of the block (column or section) the line stands in.
    pub(super) column: [f32; 2],
    /// The block's number in reading order on its page: a change is a column or section
    /// break.
    pub(super) block: u32,
    /// A table cell: a paragraph of its own.
    pub(super) cell: bool,
    /// Every glyph is marked as an artifact (tagged PDFs: headers, footers).
    pub(super) artifact: bool,
    /// Not upright text (a stamp or a note along the margin).
    pub(super) rotated: bool,
    /// Read by OCR with this mean word confidence (0–1).
    pub(super) confidence: Option<f32>,
}

/// Lay out one page.
pub(super) fn lines(page: &PageContent) -> Vec<PageLine> {
    let words = words(page);
    let (upright, rotated): (Vec<Word>, Vec<Word>) = words.into_iter().partition(|w| w.dir == 0);
    let upright = pieces(upright);
    let order: Vec<usize> = (0..upright.len()).collect();
    let mut blocks = Vec::new();
    columns(&upright, order, 0, &mut blocks);
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        block_lines(&upright, block, b as u32, &mut out);
    }
    // Text in other directions: each direction on its own, lines across it.
    for dir in 1..4u8 {
        let ws: Vec<Word> = rotated.iter().filter(|w| w.dir == dir).cloned().collect();
        if ws.is_empty() {
            continue;
        }
        for mut p in pieces(ws) {
            p.text.truncate(p.text.trim_end().len());
            out.push(PageLine {
                text: p.text,
                x0: p.x0,
                x1: p.x1,
                y: p.y,
                size: p.size,
                bold: false,
                column: [p.x0, p.x1],
                block: u32::MAX - u32::from(dir),
                cell: false,
                artifact: p.artifact,
                rotated: true,
                confidence: None,
            });
        }
    }
    out
}

fn words(page: &PageContent) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut last: Option<&Glyph> = None;
    for g in &page.glyphs {
        let text = page.glyph_text(g);
        if g.space || text.chars().all(char::is_whitespace) {
            out.extend(cur.take());
            last = None;
            continue;
        }
        // The same glyph drawn again on top of itself (fake bold, shadows).
        if let Some(l) = last
            && page.glyph_text(l) == text
            && (l.u0 - g.u0).abs() < 0.2 * g.size.max(1.0)
            && (l.v - g.v).abs() < 0.2 * g.size.max(1.0)
            && l.dir == g.dir
        {
            continue;
        }
        let joins = cur.as_ref().is_some_and(|w| {
            let em = w.size.max(g.size).max(1.0);
            w.dir == g.dir
                && (w.v - g.v).abs() <= 0.35 * em
                && g.u0 >= w.u1 - 0.5 * em
                && g.u0 - w.u1 <= 0.15 * em + last.map_or(0.0, |l| l.spacing)
        });
        match (&mut cur, joins) {
            (Some(w), true) => {
                w.text.push_str(text);
                w.u1 = w.u1.max(g.u1);
                w.size = w.size.max(g.size);
                w.bold &= g.bold;
                w.artifact &= g.artifact;
            }
            _ => {
                out.extend(cur.take());
                cur = Some(Word {
                    text: text.to_string(),
                    u0: g.u0,
                    u1: g.u1,
                    v: g.v,
                    size: g.size,
                    bold: g.bold,
                    artifact: g.artifact,
                    dir: g.dir,
                });
            }
        }
        last = Some(g);
    }
    out.extend(cur);
    out
}

/// Words to pieces: baselines top to bottom, x order, split where words are more than
/// an em apart.
fn pieces(mut words: Vec<Word>) -> Vec<Piece> {
    words.sort_by(|a, b| b.v.total_cmp(&a.v).then(a.u0.total_cmp(&b.u0)));
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // One baseline: words within 0.4 em of the first one's.
        let anchor = words[i].v;
        let em = words[i].size.max(1.0);
        let mut j = i + 1;
        while j < words.len() && (anchor - words[j].v).abs() <= 0.4 * em.max(words[j].size) {
            j += 1;
        }
        let mut line: Vec<&Word> = words[i..j].iter().collect();
        line.sort_by(|a, b| a.u0.total_cmp(&b.u0));
        // A word drawn twice at the same place.
        line.dedup_by(|b, a| a.text == b.text && (a.u0 - b.u0).abs() < 0.3 * a.size.max(1.0));
        let mut piece: Option<Piece> = None;
        for w in line {
            let chars = w.text.chars().count();
            let gap_ok = piece
                .as_ref()
                .is_some_and(|p| w.u0 - p.x1 <= 1.0 * p.size.max(w.size).max(1.0));
            match (&mut piece, gap_ok) {
                (Some(p), true) => {
                    p.text.push(' ');
                    p.text.push_str(&w.text);
                    p.x1 = p.x1.max(w.u1);
                    p.size = p.size.max(w.size);
                    p.chars += chars;
                    p.bold_chars += if w.bold { chars } else { 0 };
                    p.artifact &= w.artifact;
                }
                _ => {
                    out.extend(piece.take());
                    piece = Some(Piece {
                        text: w.text.clone(),
                        x0: w.u0,
                        x1: w.u1,
                        y: w.v,
                        size: w.size,
                        bold_chars: if w.bold { chars } else { 0 },
                        chars,
                        artifact: w.artifact,
                    });
                }
            }
        }
        out.extend(piece);
        i = j;
    }
    out
}

/// Split `set` (indices into `pieces`) into blocks in reading order.
fn columns(pieces: &[Piece], mut set: Vec<usize>, depth: usize, out: &mut Vec<Vec<usize>>) {
    let by_reading = |set: &mut Vec<usize>| {
        set.sort_by(|&a, &b| {
            pieces[b]
                .y
                .total_cmp(&pieces[a].y)
                .then(pieces[a].x0.total_cmp(&pieces[b].x0))
        });
    };
    let Some((g0, g1)) = (depth < 4 && set.len() >= 6)
        .then(|| gutter(pieces, &set))
        .flatten()
    else {
        by_reading(&mut set);
        if !set.is_empty() {
            out.push(set);
        }
        return;
    };
    let mut spanning: Vec<usize> = set
        .iter()
        .copied()
        .filter(|&i| pieces[i].x0 < g0 - 1.0 && pieces[i].x1 > g1 + 1.0)
        .collect();
    by_reading(&mut spanning);
    // Sections between the spanning pieces, top to bottom.
    let mut upper = f32::INFINITY;
    for k in 0..=spanning.len() {
        let lower = spanning.get(k).map_or(f32::NEG_INFINITY, |&s| pieces[s].y);
        let in_section = |i: &usize| {
            let p = &pieces[*i];
            p.y < upper && p.y >= lower && !spanning.contains(i)
        };
        let left: Vec<usize> = set
            .iter()
            .copied()
            .filter(|i| in_section(i) && pieces[*i].x1 <= g0 + 1.0)
            .collect();
        let right: Vec<usize> = set
            .iter()
            .copied()
            .filter(|i| in_section(i) && pieces[*i].x1 > g0 + 1.0)
            .collect();
        columns(pieces, left, depth + 1, out);
        columns(pieces, right, depth + 1, out);
        if let Some(&s) = spanning.get(k) {
            out.push(vec![s]);
            upper = pieces[s].y;
        }
    }
}

/// The widest gutter of `set`, if it has one: `(x0, x1)`.
fn gutter(pieces: &[Piece], set: &[usize]) -> Option<(f32, f32)> {
    let min = set
        .iter()
        .map(|&i| pieces[i].x0)
        .fold(f32::INFINITY, f32::min);
    let max = set
        .iter()
        .map(|&i| pieces[i].x1)
        .fold(f32::NEG_INFINITY, f32::max);
    if !(max - min).is_finite() || max - min < 20.0 || max - min > 5000.0 {
        return None;
    }
    let mut sizes: Vec<f32> = set.iter().map(|&i| pieces[i].size).collect();
    sizes.sort_by(f32::total_cmp);
    let em = sizes[sizes.len() / 2].max(1.0);
    let bins = (max - min).ceil() as usize + 1;
    let mut cover = vec![0u32; bins];
    for &i in set {
        let a = ((pieces[i].x0 - min).max(0.0) as usize).min(bins - 1);
        let b = ((pieces[i].x1 - min).max(0.0) as usize).min(bins - 1);
        for c in &mut cover[a..=b] {
            *c += 1;
        }
    }
    let allow = (set.len() / 12).max(1) as u32;
    let mut best: Option<(f32, f32)> = None;
    let mut k = 0;
    while k < bins {
        if cover[k] > allow {
            k += 1;
            continue;
        }
        let start = k;
        while k < bins && cover[k] <= allow {
            k += 1;
        }
        let (g0, g1) = (min + start as f32, min + k as f32 - 1.0);
        if start == 0 || k >= bins || g1 - g0 < 0.8 * em {
            continue;
        }
        let left: Vec<usize> = set
            .iter()
            .copied()
            .filter(|&i| pieces[i].x1 <= g0 + 1.0)
            .collect();
        // Disjoint from `left` even for a piece narrower than the tolerance.
        let right: Vec<usize> = set
            .iter()
            .copied()
            .filter(|&i| pieces[i].x0 >= g1 - 1.0 && pieces[i].x1 > g0 + 1.0)
            .collect();
        let spanning = set.len().saturating_sub(left.len() + right.len());
        if left.len() < 3 || right.len() < 3 || spanning as u32 > allow {
            continue;
        }
        // The two sides must stand beside each other, not one above the other.
        let span = |s: &[usize]| {
            let top = s
                .iter()
                .map(|&i| pieces[i].y)
                .fold(f32::NEG_INFINITY, f32::max);
            let bottom = s.iter().map(|&i| pieces[i].y).fold(f32::INFINITY, f32::min);
            (bottom, top)
        };
        let (lb, lt) = span(&left);
        let (rb, rt) = span(&right);
        let overlap = lt.min(rt) - lb.max(rb);
        if overlap < 0.5 * (lt - lb).min(rt - rb) || overlap < 2.0 * em {
            continue;
        }
        // Bullets and numbers before their text are not columns.
        let markers = left
            .iter()
            .filter(|&&i| {
                pieces[i]
                    .text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
                    < 2
            })
            .count();
        if markers * 2 > left.len() {
            continue;
        }
        if best.is_none_or(|(b0, b1)| g1 - g0 > b1 - b0) {
            best = Some((g0, g1));
        }
    }
    best
}

/// The lines of one block: pieces on one baseline joined, unless they are table cells.
fn block_lines(pieces: &[Piece], block: &[usize], b: u32, out: &mut Vec<PageLine>) {
    let x0 = block
        .iter()
        .map(|&i| pieces[i].x0)
        .fold(f32::INFINITY, f32::min);
    let x1 = block
        .iter()
        .map(|&i| pieces[i].x1)
        .fold(f32::NEG_INFINITY, f32::max);
    // Baselines.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for &i in block {
        match rows.last_mut() {
            Some(r)
                if (pieces[r[0]].y - pieces[i].y).abs()
                    <= 0.4 * pieces[r[0]].size.max(pieces[i].size).max(1.0) =>
            {
                r.push(i)
            }
            _ => rows.push(vec![i]),
        }
    }
    let cellish = |r: &Vec<usize>| {
        r.len() >= 2
            && r.iter().all(|&i| {
                pieces[i]
                    .text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
                    >= 2
            })
    };
    let aligned = |a: &Vec<usize>, c: &Vec<usize>| {
        a.iter()
            .filter(|&&i| c.iter().any(|&k| (pieces[i].x0 - pieces[k].x0).abs() < 2.0))
            .count()
            >= 2
    };
    let table: Vec<bool> = (0..rows.len())
        .map(|r| {
            cellish(&rows[r])
                && (r.saturating_sub(3)..(r + 4).min(rows.len()))
                    .any(|k| k != r && cellish(&rows[k]) && aligned(&rows[r], &rows[k]))
        })
        .collect();
    for (r, row) in rows.iter().enumerate() {
        let mut row = row.clone();
        row.sort_by(|&a, &c| pieces[a].x0.total_cmp(&pieces[c].x0));
        let groups: Vec<Vec<usize>> = if table[r] {
            row.iter().map(|&i| vec![i]).collect()
        } else {
            vec![row]
        };
        for g in groups {
            let mut text = g
                .iter()
                .map(|&i| pieces[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            // Soft hyphens (unmapped glyphs) count only at the end of a line.
            if text.trim_end_matches('\u{AD}').contains('\u{AD}') {
                let end = text.trim_end_matches('\u{AD}').len();
                let (body, tail) = text.split_at(end);
                text = body.replace('\u{AD}', "") + &tail[..tail.len().min(2)];
            }
            let chars: usize = g.iter().map(|&i| pieces[i].chars).sum();
            let bold: usize = g.iter().map(|&i| pieces[i].bold_chars).sum();
            out.push(PageLine {
                text,
                x0: g
                    .iter()
                    .map(|&i| pieces[i].x0)
                    .fold(f32::INFINITY, f32::min),
                x1: g
                    .iter()
                    .map(|&i| pieces[i].x1)
                    .fold(f32::NEG_INFINITY, f32::max),
                y: pieces[g[0]].y,
                size: g.iter().map(|&i| pieces[i].size).fold(0.0, f32::max),
                bold: bold * 2 > chars,
                column: [x0, x1],
                block: b,
                cell: table[r],
                artifact: g.iter().all(|&i| pieces[i].artifact),
                rotated: false,
                confidence: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with `runs` of text `(text, x, baseline)`, each character its own glyph
    /// 0.5 em wide at 10 pt (as Chromium places them), a space a word break.
    fn page(runs: &[(&str, f32, f32)]) -> PageContent {
        let mut p = PageContent::default();
        for (text, x, y) in runs {
            let mut x = *x;
            for c in text.chars() {
                let start = p.text.len() as u32;
                p.text.push(c);
                p.glyphs.push(Glyph {
                    start,
                    end: p.text.len() as u32,
                    u0: x,
                    u1: x + 5.0,
                    v: *y,
                    size: 10.0,
                    spacing: 0.0,
                    dir: 0,
                    space: c == ' ',
                    bold: false,
                    artifact: false,
                });
                x += 5.0;
            }
        }
        p
    }

    fn texts(lines: &[PageLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn glyphs_placed_one_by_one_make_words() {
        let lines = lines(&page(&[("Kommunestyret i Røst", 50.0, 700.0)]));
        assert_eq!(texts(&lines), ["Kommunestyret i Røst"]);
    }

    #[test]
    fn letter_spaced_text_keeps_its_words() {
        // `Tc` 3 pt: every glyph 3 pt further on, a word space 2.5 pt more.
        let mut p = PageContent::default();
        let mut x = 50.0;
        for c in "Saks framlegg".chars() {
            if c == ' ' {
                x += 2.5;
                continue;
            }
            let start = p.text.len() as u32;
            p.text.push(c);
            p.glyphs.push(Glyph {
                start,
                end: p.text.len() as u32,
                u0: x,
                u1: x + 5.0,
                v: 700.0,
                size: 10.0,
                spacing: 3.0,
                dir: 0,
                space: false,
                bold: false,
                artifact: false,
            });
            x += 8.0;
        }
        assert_eq!(texts(&lines(&p)), ["Saks framlegg"]);
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut runs = vec![("Overskrift over begge spaltene her", 50.0, 760.0)];
        let left = ["venstre en", "venstre to", "venstre tre", "venstre fire"];
        let right = ["høyre en", "høyre to", "høyre tre", "høyre fire"];
        for (k, (l, r)) in left.iter().zip(&right).enumerate() {
            let y = 720.0 - 12.0 * k as f32;
            runs.push((l, 50.0, y));
            runs.push((r, 200.0, y));
        }
        let got = lines(&page(&runs));
        let order: Vec<&str> = texts(&got);
        assert_eq!(
            order,
            [
                "Overskrift over begge spaltene her",
                "venstre en",
                "venstre to",
                "venstre tre",
                "venstre fire",
                "høyre en",
                "høyre to",
                "høyre tre",
                "høyre fire"
            ]
        );
        assert_ne!(got[1].block, got[5].block);
    }

    #[test]
    fn table_cells_are_cells_and_bullets_are_not() {
        let got = lines(&page(&[
            ("Tiltak", 50.0, 700.0),
            ("Ansvar", 200.0, 700.0),
            ("Frist", 350.0, 700.0),
            ("Heltid", 50.0, 686.0),
            ("Kommunedirektøren", 200.0, 686.0),
            ("Juni 2026", 350.0, 686.0),
        ]));
        assert!(got.iter().all(|l| l.cell), "{got:#?}");
        assert_eq!(got.len(), 6);
        let got = lines(&page(&[
            ("•", 50.0, 700.0),
            ("arbeidskraft og kompetanse", 70.0, 700.0),
            ("•", 50.0, 686.0),
            ("beredskap i hele landet", 70.0, 686.0),
        ]));
        assert_eq!(
            texts(&got),
            ["• arbeidskraft og kompetanse", "• beredskap i hele landet"]
        );
        assert!(got.iter().all(|l| !l.cell));
    }

    /// Found by the `pdf_fonts` fuzz target: a piece narrower than the tolerance at the
    /// gutter counted on both sides, and the count of pieces crossing it underflowed.
    #[test]
    fn a_piece_in_the_gutter_is_counted_once() {
        let piece = |x0: f32, x1: f32, y: f32| Piece {
            text: "ord".into(),
            x0,
            x1,
            y,
            size: 1.0,
            bold_chars: 0,
            chars: 3,
            artifact: false,
        };
        let mut pieces: Vec<Piece> = (0..3)
            .flat_map(|k| {
                let y = 100.0 - 2.0 * k as f32;
                [piece(0.0, 10.0, y), piece(13.0, 23.0, y)]
            })
            .collect();
        // The gutter is x 11–12; this piece is within a point of both sides.
        pieces.push(piece(12.0, 12.0, 98.0));
        let set: Vec<usize> = (0..pieces.len()).collect();
        let _ = gutter(&pieces, &set);
        let mut blocks = Vec::new();
        columns(&pieces, set, 0, &mut blocks);
        assert_eq!(blocks.iter().map(Vec::len).sum::<usize>(), pieces.len());
    }

    #[test]
    fn text_along_the_margin_is_apart() {
        let mut p = page(&[("Brødtekst på siden", 50.0, 700.0)]);
        let start = p.text.len() as u32;
        p.text.push_str("Godkjent");
        p.glyphs.push(Glyph {
            start,
            end: p.text.len() as u32,
            u0: 100.0,
            u1: 140.0,
            v: -20.0,
            size: 8.0,
            spacing: 0.0,
            dir: 1,
            space: false,
            bold: false,
            artifact: false,
        });
        let got = lines(&p);
        assert_eq!(texts(&got), ["Brødtekst på siden", "Godkjent"]);
        assert!(got[1].rotated && !got[0].rotated);
    }
}
