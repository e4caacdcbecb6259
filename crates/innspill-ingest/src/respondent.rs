//! Who sent a document: from its text, a manifest line or its file name, in that order
//! of trust.
//!
//! In the text, the council formula weighs most (`Kommunestyret i Røst kommune`,
//! `kommunestyret i Hjartdal kommune`, `Røst kommunestyre`, `Fylkestinget i Nordland`,
//! `Bystyret i Oslo`), then a letterhead in the first lines (`Røst kommune`,
//! `RØST KOMMUNE`, `Nordland fylkeskommune`), then any other `X kommune`. Names are
//! matched as runs of the analyser's tokens against every form of every register name
//! (`Porsanger - Porsáŋgu - Porsanki` gives three forms, and the whole). A name that
//! several municipalities share (Herøy, Våler) is resolved by the counties the text
//! names, or left unknown with a warning: a respondent is never guessed.
//!
//! A statement of one of KS' regional bodies (see [`crate::ks`]) is told by the body's
//! formula (`fylkesstyret i KS Agder`) or letterhead (`KS Agder`); it is taken only when
//! no municipality or county authority has a formula or a letterhead in the text, and the
//! text does not speak of its own council (`kommunestyret`): a municipality adopting «the
//! statement of fylkesmøtet i KS Agder» stays the municipality.

use std::collections::{BTreeMap, HashMap};

use innspill_model::{Register, RegisterEntry, RespondentKind};
use innspill_norsk::{Analyzer, Token};

use crate::former::{Former, former};
use crate::ks::{KsRegion, KsRegions};

/// How much a mention counts.
const FORMULA: u32 = 5;
const LETTERHEAD: u32 = 3;
const MENTION: u32 = 1;

/// Register names prepared for matching.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    /// Joined token norms of a name form → entry indices (several for Herøy).
    forms: HashMap<String, Vec<usize>>,
    /// Ascii-folded forms for file names (`rost` → Røst).
    folded: HashMap<String, Vec<usize>>,
    /// County name forms → indices of county authorities.
    counties: HashMap<String, Vec<usize>>,
    /// The longest form in tokens.
    longest: usize,
    entries: Vec<RegisterEntry>,
    /// KS' regional bodies.
    ks: KsRegions,
    /// Name keys of earlier municipalities and counties (not names of the register)
    /// → their row of [`former`]; those with one successor in the register are also in
    /// `forms` or `counties`, pointing to it.
    former_names: HashMap<String, usize>,
}

/// What detection found.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Found {
    /// The register entry.
    pub(crate) entry: Option<RegisterEntry>,
    /// A name without a register entry (no register loaded).
    pub(crate) name_only: Option<(String, RespondentKind)>,
    /// One of KS' regional bodies (never together with `entry` or `name_only`).
    pub(crate) ks_region: Option<KsRegion>,
    pub(crate) warnings: Vec<String>,
}

impl Names {
    pub(crate) fn new(analyzer: &Analyzer, register: &Register) -> Names {
        let mut names = Names {
            entries: register.entries.clone(),
            ks: KsRegions::new(analyzer, register),
            ..Names::default()
        };
        for (i, e) in register.entries.iter().enumerate() {
            let mut forms: Vec<&str> = e.name.split(" - ").map(str::trim).collect();
            forms.push(e.name.as_str());
            for form in forms {
                let key = key_of(analyzer, form);
                if key.is_empty() {
                    continue;
                }
                names.longest = names.longest.max(key.split(' ').count());
                let map = if e.kind == RespondentKind::Fylkeskommune {
                    &mut names.counties
                } else {
                    &mut names.forms
                };
                push_unique(map.entry(key.clone()).or_default(), i);
                if e.kind == RespondentKind::Kommune {
                    push_unique(names.folded.entry(fold(&key)).or_default(), i);
                }
            }
        }
        // Earlier names whose successors are in the register, unless the name is one of
        // the register's own (Sande, Bø, Os and Nes live on elsewhere).
        let index: HashMap<&str, usize> = register
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.kommunenummer.as_str(), i))
            .collect();
        for (row, f) in former().iter().enumerate() {
            if !f.successors.iter().all(|s| index.contains_key(s.as_str())) {
                continue;
            }
            let key = key_of(analyzer, &f.name);
            let map = if f.is_county() {
                &mut names.counties
            } else {
                &mut names.forms
            };
            if key.is_empty() || map.contains_key(&key) && !names.former_names.contains_key(&key) {
                continue;
            }
            names.former_names.entry(key.clone()).or_insert(row);
            if let Some(s) = f.successor() {
                push_unique(map.entry(key.clone()).or_default(), index[s]);
                if !f.is_county() {
                    push_unique(names.folded.entry(fold(&key)).or_default(), index[s]);
                }
            }
        }
        names
    }

    /// The row of [`former`] of the earlier unit named by `key`, if it is one.
    fn former_row(&self, key: &str) -> Option<usize> {
        self.former_names.get(key).copied()
    }

    /// The successor in the register of an earlier number (`1228` Odda → 4618
    /// Ullensvang), with a warning that names both; a number divided among several
    /// successors gives only the warning.
    pub(crate) fn successor_by_number(&self, nr: &str) -> Option<(Option<&RegisterEntry>, String)> {
        let f = former().iter().find(|f| f.nr == nr)?;
        let successors: Vec<&RegisterEntry> = f
            .successors
            .iter()
            .filter_map(|s| self.by_number(s))
            .collect();
        if successors.len() != f.successors.len() {
            return None;
        }
        Some(match successors.as_slice() {
            [one] => (Some(*one), former_warning(f, one)),
            many => (None, split_warning(f, many)),
        })
    }

    /// Detect the respondent in `text` (the document without quoted booklet text).
    pub(crate) fn in_text(&self, analyzer: &Analyzer, text: &str) -> Found {
        let tokens = analyzer.analyze(text);
        let letterhead = letterhead(text);
        // Scores of single entries and of ambiguous name groups.
        let mut scores: BTreeMap<usize, u32> = BTreeMap::new();
        let mut ambiguous: BTreeMap<Vec<usize>, u32> = BTreeMap::new();
        let mut unregistered: BTreeMap<(String, bool), u32> = BTreeMap::new();
        // The weight of the strongest single finding of a municipality or county.
        let mut strongest = 0;
        // Whether the text speaks of its own council without naming it.
        let mut own_council = false;
        // Rows of [`former`]: earlier names found (mapped to their successor), and
        // names of units divided among several successors (not mapped).
        let mut earlier: Vec<usize> = Vec::new();
        let mut divided: Vec<usize> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let norm = t.norm.as_str();
            own_council |= matches!(
                norm,
                "kommunestyret" | "kommunestyrets" | "bystyret" | "heradsstyret" | "fylkestinget"
            );
            let kommune_word = matches!(
                norm,
                "kommune" | "kommunes" | "kommunestyre" | "kommunestyres" | "kommunestyret"
            );
            let fylke_word = matches!(norm, "fylkeskommune" | "fylkeskommunes");
            if kommune_word || fylke_word {
                let map = if fylke_word {
                    &self.counties
                } else {
                    &self.forms
                };
                // A unit divided among several successors is named, never guessed, even
                // when its name ends in a name of today («Troms og Finnmark»).
                let divided_here = self.form_before(&tokens, i, |k| {
                    self.former_names.get(k).filter(|&&r| {
                        let f = &former()[r];
                        f.successor().is_none() && f.is_county() == fylke_word
                    })
                });
                let hit = self.name_before(&tokens, i, map);
                if let Some((start, &row)) = divided_here
                    && hit.is_none_or(|(s, _)| start < s)
                {
                    push_unique(&mut divided, row);
                    continue;
                }
                let Some((start, idx)) = hit else {
                    if kommune_word && let Some(name) = formula_name(text, &tokens, i) {
                        *unregistered.entry((name, false)).or_default() += FORMULA;
                        strongest = FORMULA;
                    }
                    continue;
                };
                if let Some(row) = self.former_row(&join_norms(&tokens[start..i])) {
                    push_unique(&mut earlier, row);
                }
                let formula = norm.starts_with("kommunestyre")
                    || council_before(&tokens, start)
                    || fylke_word
                        && tokens
                            .get(start.wrapping_sub(1))
                            .is_some_and(|t| t.norm == "i");
                let weight = if formula {
                    FORMULA
                } else if letterhead.iter().any(|&(a, b)| t.start >= a && t.start < b) {
                    LETTERHEAD
                } else {
                    MENTION
                };
                strongest = strongest.max(weight);
                add(&mut scores, &mut ambiguous, idx, weight);
            } else if matches!(norm, "fylkestinget" | "bystyret")
                && tokens.get(i + 1).is_some_and(|t| t.norm == "i")
            {
                let map = if norm == "bystyret" {
                    &self.forms
                } else {
                    &self.counties
                };
                let hit = self.name_after(&tokens, i + 2, map);
                // «Fylkestinget i Troms og Finnmark»: divided, not Troms.
                let divided_here = (i + 2..tokens.len().min(i + 2 + self.longest))
                    .rev()
                    .find_map(|end| {
                        self.former_row(&join_norms(&tokens[i + 2..=end]))
                            .map(|r| (end + 1, r))
                    })
                    .filter(|&(end, r)| {
                        former()[r].successor().is_none() && hit.is_none_or(|(e, _)| end > e)
                    });
                if let Some((_, row)) = divided_here {
                    push_unique(&mut divided, row);
                    strongest = FORMULA;
                } else if let Some((end, idx)) = hit {
                    if let Some(row) = self.former_row(&join_norms(&tokens[i + 2..end])) {
                        push_unique(&mut earlier, row);
                    }
                    add(&mut scores, &mut ambiguous, idx, FORMULA);
                    strongest = FORMULA;
                } else if norm == "fylkestinget"
                    && let Some(t) = tokens.get(i + 2).filter(|t| starts_upper(&t.text))
                {
                    *unregistered.entry((t.text.clone(), true)).or_default() += FORMULA;
                    strongest = FORMULA;
                }
            }
        }
        let mut found = Found::default();
        // One of KS' regional bodies, unless a municipality or county has a formula or a
        // letterhead, or the text speaks of its own council.
        let ks = self.ks.in_text(&tokens, &letterhead);
        if strongest < LETTERHEAD {
            if let Some((region, _)) = ks.best {
                if !own_council {
                    found.ks_region = Some(region);
                    return found;
                }
                found.warnings.push(format!(
                    "the text reads like a statement of {} but also speaks of its own council \
                     («kommunestyret»); not taken as KS' (give the number in manifest.csv)",
                    region.name
                ));
            } else if !ks.tied.is_empty() {
                found.warnings.push(format!(
                    "the text names {} equally often as the body that adopted it; none is taken",
                    ks.tied.join(" and ")
                ));
            }
        }
        // Resolve shared names by the counties the text names.
        for (group, weight) in std::mem::take(&mut ambiguous) {
            match self.resolve_by_county(analyzer, &tokens, &group) {
                Some(i) => *scores.entry(i).or_default() += weight,
                None => {
                    ambiguous.insert(group, weight);
                }
            }
        }
        let best = scores
            .iter()
            .max_by_key(|&(i, s)| (*s, std::cmp::Reverse(*i)));
        let best_ambiguous = ambiguous.iter().max_by_key(|(_, s)| **s);
        match (best, best_ambiguous) {
            (_, Some((group, s))) if best.is_none_or(|(_, b)| s >= b) => {
                found.warnings.push(format!(
                    "respondent unknown: «{}» is the name of {}; the text names no county that \
                     tells them apart (give the number in manifest.csv)",
                    self.entries[group[0]].short_name(),
                    group
                        .iter()
                        .map(|&i| describe(&self.entries[i]))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ));
            }
            (Some((&i, &s)), _) => {
                let ties: Vec<usize> = scores
                    .iter()
                    .filter(|&(_, v)| *v == s)
                    .map(|(k, _)| *k)
                    .collect();
                if ties.len() > 1 {
                    found.warnings.push(format!(
                        "respondent unknown: the text names {} equally often",
                        ties.iter()
                            .map(|&k| describe(&self.entries[k]))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                } else {
                    found.entry = Some(self.entries[i].clone());
                }
            }
            (None, _) => {
                if let Some(((name, county), _)) = unregistered.iter().max_by_key(|(_, s)| **s) {
                    match self.former_row(&key_of(analyzer, name)) {
                        // «Fylkestinget i Viken»: a county since divided.
                        Some(row) if former()[row].successor().is_none() => {
                            push_unique(&mut divided, row);
                        }
                        _ => {
                            let kind = if *county {
                                RespondentKind::Fylkeskommune
                            } else {
                                RespondentKind::Kommune
                            };
                            found.name_only = Some((name.clone(), kind));
                        }
                    }
                }
            }
        }
        match &found.entry {
            Some(e) => {
                for &row in &earlier {
                    let f = &former()[row];
                    if f.successor() == Some(e.kommunenummer.as_str()) {
                        found.warnings.push(former_warning(f, e));
                    }
                }
            }
            None => {
                for &row in &divided {
                    let f = &former()[row];
                    let successors: Vec<&RegisterEntry> = f
                        .successors
                        .iter()
                        .filter_map(|s| self.by_number(s))
                        .collect();
                    found.warnings.push(split_warning(f, &successors));
                }
            }
        }
        found
    }

    /// A municipality named in a file name (`rost-2026.pdf`, `1856_uttalelse.docx`).
    pub(crate) fn in_file_name(&self, analyzer: &Analyzer, stem: &str) -> Found {
        let mut found = Found::default();
        for part in stem.split(|c: char| !c.is_ascii_digit()) {
            if part.len() != 4 {
                continue;
            }
            if let Some(e) = self.by_number(part) {
                found.entry = Some(e.clone());
                return found;
            }
            // Earlier Troms and Finnmark numbers (19xx, 20xx) read like years here.
            let year_like = part.starts_with("19") || part.starts_with("20");
            if !year_like && let Some((e, warning)) = self.successor_by_number(part) {
                found.entry = e.cloned();
                found.warnings.push(warning);
                return found;
            }
        }
        let spaced: String = stem
            .chars()
            .map(|c| {
                if c == '_' || c == '-' || c == '.' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let tokens = analyzer.analyze(&spaced);
        let norms: Vec<String> = tokens.iter().map(|t| fold(&t.norm)).collect();
        for len in (1..=self.longest.min(norms.len())).rev() {
            for w in norms.windows(len) {
                if let Some(idx) = self.folded.get(&w.join(" ")) {
                    if idx.len() == 1 {
                        found.entry = Some(self.entries[idx[0]].clone());
                    } else {
                        found.warnings.push(format!(
                            "file name names «{}», which is the name of {}; not used",
                            w.join(" "),
                            idx.iter()
                                .map(|&i| describe(&self.entries[i]))
                                .collect::<Vec<_>>()
                                .join(" and ")
                        ));
                    }
                    return found;
                }
            }
        }
        found
    }

    /// The entry with number `nr`.
    pub(crate) fn by_number(&self, nr: &str) -> Option<&RegisterEntry> {
        self.entries.iter().find(|e| e.kommunenummer == nr)
    }

    /// The longest name form ending just before token `i`, starting with a capital.
    fn name_before<'a>(
        &'a self,
        tokens: &[Token],
        i: usize,
        map: &'a HashMap<String, Vec<usize>>,
    ) -> Option<(usize, &'a Vec<usize>)> {
        self.form_before(tokens, i, |key| map.get(key))
    }

    /// The longest key ending just before token `i`, starting with a capital, that
    /// `lookup` knows.
    fn form_before<'a, T>(
        &'a self,
        tokens: &[Token],
        i: usize,
        lookup: impl Fn(&str) -> Option<&'a T>,
    ) -> Option<(usize, &'a T)> {
        for len in (1..=self.longest.min(i)).rev() {
            let start = i - len;
            if !starts_upper(&tokens[start].text) {
                continue;
            }
            if let Some(found) = lookup(&join_norms(&tokens[start..i])) {
                return Some((start, found));
            }
        }
        None
    }

    /// The longest name form starting at token `i`.
    fn name_after<'a>(
        &'a self,
        tokens: &[Token],
        i: usize,
        map: &'a HashMap<String, Vec<usize>>,
    ) -> Option<(usize, &'a Vec<usize>)> {
        if !tokens.get(i).is_some_and(|t| starts_upper(&t.text)) {
            return None;
        }
        for len in (1..=self.longest.min(tokens.len().saturating_sub(i))).rev() {
            if let Some(idx) = map.get(&join_norms(&tokens[i..i + len])) {
                return Some((i + len, idx));
            }
        }
        None
    }

    fn resolve_by_county(
        &self,
        analyzer: &Analyzer,
        tokens: &[Token],
        group: &[usize],
    ) -> Option<usize> {
        let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
        let mut counts: Vec<(usize, usize)> = group
            .iter()
            .map(|&i| {
                let key = key_of(analyzer, &self.entries[i].fylke);
                let words: Vec<&str> = key.split(' ').collect();
                let n = if key.is_empty() {
                    0
                } else {
                    norms
                        .windows(words.len())
                        .filter(|w| *w == words.as_slice())
                        .count()
                };
                (i, n)
            })
            .collect();
        counts.sort_by_key(|&(i, n)| (std::cmp::Reverse(n), i));
        match counts.as_slice() {
            [(i, n), rest @ ..] if *n > 0 && rest.iter().all(|(_, m)| m < n) => Some(*i),
            _ => None,
        }
    }
}

fn add(
    scores: &mut BTreeMap<usize, u32>,
    ambiguous: &mut BTreeMap<Vec<usize>, u32>,
    idx: &[usize],
    weight: u32,
) {
    if idx.len() == 1 {
        *scores.entry(idx[0]).or_default() += weight;
    } else {
        *ambiguous.entry(idx.to_vec()).or_default() += weight;
    }
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
    }
}

/// «Odda» (1228) is a former municipality: …; counted as its successor 4618 Ullensvang.
fn former_warning(f: &Former, successor: &RegisterEntry) -> String {
    format!(
        "«{}» ({}) is a former {}: {} ({}); counted as its successor {} {}",
        f.name,
        f.nr,
        f.kind(),
        f.change,
        f.date,
        successor.kommunenummer,
        successor.short_name()
    )
}

/// «Viken» (30) was divided among …; not guessed.
fn split_warning(f: &Former, successors: &[&RegisterEntry]) -> String {
    format!(
        "respondent unknown: «{}» ({}) is a former {} divided among {} ({}: {}); not guessed \
         (give the number in manifest.csv)",
        f.name,
        f.nr,
        f.kind(),
        successors
            .iter()
            .map(|e| format!("{} {}", e.kommunenummer, e.short_name()))
            .collect::<Vec<_>>()
            .join(", "),
        f.date,
        f.change
    )
}

fn describe(e: &RegisterEntry) -> String {
    format!("{} {} ({})", e.kommunenummer, e.short_name(), e.fylke)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn join_norms(tokens: &[Token]) -> String {
    let mut s = String::new();
    for t in tokens {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.norm);
    }
    s
}

/// A name's matching key: its token norms joined by spaces.
fn key_of(analyzer: &Analyzer, name: &str) -> String {
    join_norms(&analyzer.analyze(name))
}

/// `røst` → `rost`, `hå` → `ha`, `bærum` → `baerum`: how names look in file names.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' | 'ö' => out.push('o'),
            'å' | 'á' | 'à' | 'ä' => out.push('a'),
            'ŋ' => out.push('n'),
            'č' => out.push('c'),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            'đ' => out.push('d'),
            'ŧ' => out.push('t'),
            'é' | 'è' => out.push('e'),
            c => out.push(c),
        }
    }
    out
}

/// Whether `kommunestyret i`, `heradsstyret i` or `bystyret i` stands before token `start`.
fn council_before(tokens: &[Token], start: usize) -> bool {
    start >= 2
        && tokens[start - 1].norm == "i"
        && matches!(
            tokens[start - 2].norm.as_str(),
            "kommunestyret" | "heradsstyret" | "bystyret" | "kommunestyre"
        )
}

/// Byte ranges of the letterhead: short lines (six words at most) among the first
/// three non-empty lines.
fn letterhead(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut seen = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if line.split_whitespace().count() <= 6 {
            out.push((start, pos));
        }
        seen += 1;
        if seen == 3 {
            break;
        }
    }
    out
}

/// Without a register: the capitalised words of «Kommunestyret i X kommune».
fn formula_name(text: &str, tokens: &[Token], i: usize) -> Option<String> {
    for len in 1..=4.min(i) {
        let start = i - len;
        if !council_before(tokens, start) {
            continue;
        }
        if tokens[start..i].iter().all(|t| starts_upper(&t.text)) {
            return Some(text[tokens[start].start..tokens[i - 1].end].to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RegisterImport;

    fn names() -> Names {
        let mut imp = RegisterImport::new();
        imp.add_csv(
            "k.csv",
            "kommunenummer,navn,fylkesnummer,fylke,folketall\n\
             0301,Oslo,03,Oslo,728714\n\
             1515,Herøy,15,Møre og Romsdal,9003\n\
             1818,Herøy,18,Nordland,1874\n\
             1804,Bodø,18,Nordland,53000\n\
             1856,Røst,18,Nordland,471\n\
             4024,Hjartdal,40,Telemark,1638\n\
             4219,Evje og Hornnes,42,Agder,3842\n\
             5622,Porsanger - Porsáŋgu - Porsanki,56,Finnmark,3866\n",
        )
        .unwrap();
        Names::new(&Analyzer::default(), &imp.finish())
    }

    fn nr(text: &str) -> Option<String> {
        names()
            .in_text(&Analyzer::default(), text)
            .entry
            .map(|e| e.kommunenummer)
    }

    #[test]
    fn council_formula_letterhead_and_forms() {
        assert_eq!(
            nr("Kommunestyret i Røst kommune viser til heftet."),
            Some("1856".into())
        );
        assert_eq!(nr("RØST KOMMUNE\n\nSaksframlegg"), Some("1856".into()));
        assert_eq!(
            nr("kommunestyret i Hjartdal kommune meiner at"),
            Some("4024".into())
        );
        assert_eq!(nr("Hjartdal kommunestyre vedtok"), Some("4024".into()));
        assert_eq!(
            nr("Kommunestyret i Evje og Hornnes kommune vedtok"),
            Some("4219".into())
        );
        assert_eq!(
            nr("Kommunestyret i Porsáŋgu kommune vedtok"),
            Some("5622".into())
        );
        assert_eq!(
            nr("Kommunestyret i Porsanger - Porsáŋgu - Porsanki kommune vedtok"),
            Some("5622".into())
        );
        assert_eq!(nr("Fylkestinget i Nordland vedtok"), Some("18".into()));
        assert_eq!(nr("Nordland fylkeskommune\n\nUttalelse"), Some("18".into()));
        assert_eq!(nr("Bystyret i Oslo vedtok"), Some("0301".into()));
    }

    #[test]
    fn the_formula_outweighs_other_mentions() {
        assert_eq!(
            nr(
                "Notat\n\nVi samarbeider med Bodø kommune og Bodø kommune.\n\n\
                Kommunestyret i Røst kommune vedtok uttalelsen."
            ),
            Some("1856".into())
        );
    }

    #[test]
    fn shared_names_are_resolved_by_county_or_left_unknown() {
        let n = names();
        let a = Analyzer::default();
        let f = n.in_text(&a, "Kommunestyret i Herøy kommune vedtok uttalelsen.");
        assert_eq!(f.entry, None);
        assert!(
            f.warnings[0].contains("1515 Herøy (Møre og Romsdal) and 1818 Herøy (Nordland)"),
            "{:?}",
            f.warnings
        );
        let f = n.in_text(
            &a,
            "Kommunestyret i Herøy kommune vedtok. Herøy er en øykommune i Nordland.",
        );
        assert_eq!(f.entry.unwrap().kommunenummer, "1818");
        let f = n.in_text(
            &a,
            "Kommunestyret i Herøy kommune vedtok. Vi ligg i Møre og Romsdal.",
        );
        assert_eq!(f.entry.unwrap().kommunenummer, "1515");
    }

    #[test]
    fn nothing_is_guessed() {
        assert_eq!(nr("Vi mener kommunene trenger handlingsrom."), None);
        assert_eq!(nr("i vår kommune"), None);
        let f = names().in_text(
            &Analyzer::default(),
            "Kommunestyret i Fantasia kommune vedtok.",
        );
        assert_eq!(f.entry, None);
        assert_eq!(
            f.name_only,
            Some(("Fantasia".into(), RespondentKind::Kommune))
        );
    }

    #[test]
    fn ks_regional_bodies_against_municipalities() {
        let n = names();
        let a = Analyzer::default();
        let ks = |text: &str| n.in_text(&a, text).ks_region.map(|r| (r.name, r.fylke));
        let nordland = Some(("KS Nordland".to_string(), "Nordland".to_string()));
        assert_eq!(
            ks(
                "Uttalelse\n\nFylkesstyret i KS Nordland vedtok uttalelsen. \
                Bodø kommune og Røst kommune har bidratt."
            ),
            nordland
        );
        assert_eq!(
            ks("KS Nordland\n\nUttalelse til KS' debatthefte 2026"),
            nordland
        );
        // A municipality that adopts the KS body's statement stays the municipality.
        let f = n.in_text(
            &a,
            "Notat\n\nKommunestyret i Røst kommune slutter seg til uttalelsen fra \
             fylkesstyret i KS Nordland.",
        );
        assert_eq!(
            (f.entry.unwrap().kommunenummer, f.ks_region),
            ("1856".into(), None)
        );
        let f = n.in_text(
            &a,
            "RØST KOMMUNE\n\nKommunestyret støtter KS Nordland sitt fylkesstyre.",
        );
        assert_eq!(
            (f.entry.unwrap().kommunenummer, f.ks_region),
            ("1856".into(), None)
        );
        // A council that is not named: not taken as KS', said in a warning.
        let f = n.in_text(
            &a,
            "Notat\n\nKommunestyret slutter seg til uttalelsen fra fylkesmøtet i KS Nordland.",
        );
        assert_eq!(f.ks_region, None);
        assert!(f.warnings[0].contains("KS Nordland"), "{:?}", f.warnings);
    }

    #[test]
    fn file_names() {
        let n = names();
        let a = Analyzer::default();
        assert_eq!(
            n.in_file_name(&a, "rost-2026").entry.unwrap().kommunenummer,
            "1856"
        );
        assert_eq!(
            n.in_file_name(&a, "1856_uttalelse").entry.unwrap().name,
            "Røst"
        );
        assert_eq!(
            n.in_file_name(&a, "evje_og_hornnes")
                .entry
                .unwrap()
                .kommunenummer,
            "4219"
        );
        let f = n.in_file_name(&a, "heroy-uttale");
        assert_eq!(f.entry, None);
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(n.in_file_name(&a, "uttalelse-2026").entry, None);
    }

    /// Detection against the built-in register: the number found and the warnings.
    fn builtin(text: &str) -> (Option<String>, Vec<String>) {
        let a = Analyzer::default();
        let f = Names::new(&a, &crate::builtin_register()).in_text(&a, text);
        (f.entry.map(|e| e.kommunenummer), f.warnings)
    }

    #[test]
    fn earlier_names_map_to_their_successor_with_a_warning_naming_both() {
        for (text, want, earlier) in [
            (
                "Kommunestyret i Odda kommune vedtok uttalen.",
                "4618",
                "«Odda» (1228)",
            ),
            ("Jondal kommune\n\nUttale til KS", "4618", "«Jondal» (1227)"),
            (
                "Kommunestyret i Klæbu kommune mener dette.",
                "5001",
                "«Klæbu» (5030)",
            ),
            (
                "Kommunestyret i Førde kommune mener dette.",
                "4647",
                "«Førde» (1432)",
            ),
            (
                "Kommunestyret i Skedsmo kommune mener dette.",
                "3205",
                "«Skedsmo» (0231)",
            ),
            (
                "Kommunestyret i Lenvik kommune mener dette.",
                "5530",
                "«Lenvik» (1931)",
            ),
            (
                "Kommunestyret i Ballangen kommune mener dette.",
                "1806",
                "«Ballangen» (1854)",
            ),
            (
                "Kommunestyret i Søgne kommune mener dette.",
                "4204",
                "«Søgne» (1018)",
            ),
            (
                "Kommunestyret i Hornindal kommune meiner dette.",
                "1577",
                "«Hornindal» (1444)",
            ),
            (
                "Fylkestinget i Hordaland mener dette.",
                "46",
                "«Hordaland» (12)",
            ),
            (
                "Nord-Trøndelag fylkeskommune\n\nUttalelse",
                "50",
                "«Nord-Trøndelag» (17)",
            ),
            (
                "Fylkestinget i Sogn og Fjordane meiner dette.",
                "46",
                "«Sogn og Fjordane» (14)",
            ),
            (
                "Aust-Agder fylkeskommune\n\nUttalelse",
                "42",
                "«Aust-Agder» (09)",
            ),
        ] {
            let (nr, warnings) = builtin(text);
            assert_eq!(nr.as_deref(), Some(want), "{text}: {warnings:?}");
            let w = warnings
                .iter()
                .find(|w| w.starts_with(earlier))
                .unwrap_or_else(|| panic!("{text}: no warning on {earlier}: {warnings:?}"));
            assert!(
                w.contains(&format!("counted as its successor {want} ")),
                "{w}"
            );
        }
    }

    #[test]
    fn current_names_are_never_taken_for_earlier_ones() {
        // Sande (Vestfold) merged into Holmestrand, but Sande in Møre og Romsdal lives on;
        // Bergen and Asker changed number only.
        for (text, want) in [
            ("Kommunestyret i Sande kommune meiner dette.", "1514"),
            ("Bystyret i Bergen mener dette.", "4601"),
            ("Kommunestyret i Asker kommune mener dette.", "3203"),
            ("Kommunestyret i Røst kommune mener dette.", "1856"),
        ] {
            let (nr, warnings) = builtin(text);
            assert_eq!(nr.as_deref(), Some(want), "{text}: {warnings:?}");
            assert!(warnings.is_empty(), "{text}: {warnings:?}");
        }
    }

    #[test]
    fn a_unit_divided_among_successors_is_named_and_not_guessed() {
        for (text, earlier) in [
            ("Fylkestinget i Viken mener dette.", "«Viken» (30)"),
            (
                "Fylkestinget i Troms og Finnmark mener dette.",
                "«Troms og Finnmark» (54)",
            ),
            (
                "Troms og Finnmark fylkeskommune\n\nUttalelse",
                "«Troms og Finnmark» (54)",
            ),
            (
                "Kommunestyret i Snillfjord kommune mener dette.",
                "«Snillfjord» (5012)",
            ),
        ] {
            let (nr, warnings) = builtin(text);
            assert_eq!(nr, None, "{text}");
            assert!(
                warnings
                    .iter()
                    .any(|w| w.starts_with(&format!("respondent unknown: {earlier}"))),
                "{text}: {warnings:?}"
            );
        }
    }

    #[test]
    fn earlier_numbers_in_file_names_and_manifests() {
        let a = Analyzer::default();
        let names = Names::new(&a, &crate::builtin_register());
        let f = names.in_file_name(&a, "1228_uttale");
        assert_eq!(f.entry.map(|e| e.kommunenummer).as_deref(), Some("4618"));
        assert!(
            f.warnings[0].starts_with("«Odda» (1228) is a former municipality"),
            "{:?}",
            f.warnings
        );
        for (old, new) in [
            ("1201", "4601"),
            ("5401", "5501"),
            ("3030", "3205"),
            ("0722", "3911"),
            ("1507", "1508"),
            ("1534", "1580"),
            ("17", "50"),
        ] {
            let (e, w) = names.successor_by_number(old).unwrap();
            assert_eq!(e.map(|e| e.kommunenummer.as_str()), Some(new), "{old}: {w}");
        }
        let (e, w) = names.successor_by_number("30").unwrap();
        assert!(e.is_none());
        assert!(w.contains("31 Østfold, 32 Akershus, 33 Buskerud"), "{w}");
        assert!(names.successor_by_number("1856").is_none());
        // 2017 was Kvalsund's number, but in a file name it is a year.
        let f = names.in_file_name(&a, "uttale-2017");
        assert!(f.entry.is_none() && f.warnings.is_empty(), "{f:?}");
    }
}
