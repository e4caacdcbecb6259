//! Paragraphs to segments: case, booklet, statement, decision and other.
//!
//! The order of evidence:
//!
//! 1. **booklet**: paragraphs quoted from a reference text ([`crate::References`]),
//!    found by overlap wherever they stand;
//! 2. **other**: page numbers and labels, header and footer lines repeated on many pages,
//!    meeting metadata (`Arkivsak:`, `Møtedato:`…);
//! 3. **case**, **statement**, **decision** by the headings the text walks through:
//!    `Bakgrunn`, `Saksopplysninger`, `Vurdering`, `Innstilling`, `Forslag til vedtak`
//!    open the case (the proposal is part of the case); `Uttalelse`, `Innspill`,
//!    `Høringssvar`, `Fråsegn` open the statement; `Vedtak`, `Kommunestyrets vedtak`
//!    open the decision, and so does a paragraph like «Kommunestyret vedtok …» (or
//!    «… vedtar …» outside a proposal). A document without case headings is a
//!    statement from its first line.

use std::collections::HashMap;

use innspill_model::{ParagraphKind, SegmentKind};

use crate::layout::{Para, is_page_label};
use crate::raw::{Hint, RawText};

/// What a heading (or a leading phrase) says about the text under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Opens the case whatever came before.
    Case,
    /// Opens the case unless a statement is under way (`Bakgrunn`, `Vurdering`).
    CaseWeak,
    /// The proposal (`Innstilling`, `Forslag til vedtak`): case text.
    Proposal,
    /// The statement.
    Statement,
    /// The adopted decision.
    Decision,
}

fn strip_numbering(s: &str) -> &str {
    s.trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')')
        .trim()
}

fn heading_role(text: &str) -> Option<Role> {
    let lower = strip_numbering(text).to_lowercase();
    let h = lower.trim_end_matches([':', ' ']);
    const PROPOSAL: &[&str] = &[
        "innstilling",
        "forslag til vedtak",
        "framlegg til vedtak",
        "kommunedirektørens forslag",
        "rådmannens forslag",
        "kommunedirektøren sitt forslag",
        "kommunedirektøren si innstilling",
        "tilråding",
        "tilrådning",
    ];
    if PROPOSAL.iter().any(|p| h.contains(p)) {
        return Some(Role::Proposal);
    }
    const CASE: &[&str] = &[
        "saksopplysning",
        "saksutgreiing",
        "saksutredning",
        "saksframlegg",
        "saksfremlegg",
        "sakens bakgrunn",
        "saka sin bakgrunn",
        "bakgrunn for saken",
        "bakgrunn for saka",
        "saken gjelder",
        "saka gjeld",
        "dokumenter i saken",
        "dokument i saka",
        "vedlegg",
        "økonomiske konsekvenser",
        "økonomiske og administrative",
        "administrasjonens vurdering",
        "kommunedirektørens vurdering",
        "kommunedirektøren si vurdering",
        "rådmannens vurdering",
        "sammendrag",
        "samandrag",
        "konklusjon og anbefaling",
    ];
    if CASE.iter().any(|p| h.starts_with(p)) {
        return Some(Role::Case);
    }
    const CASE_WEAK: &[&str] = &[
        "bakgrunn",
        "vurdering",
        "konklusjon",
        "drøfting",
        "anbefaling",
    ];
    if CASE_WEAK.iter().any(|p| h.starts_with(p)) {
        return Some(Role::CaseWeak);
    }
    const STATEMENT: &[&str] = &[
        "uttalelse",
        "uttale",
        "fråsegn",
        "innspill",
        "innspel",
        "høringssvar",
        "høyringssvar",
        "høringsuttalelse",
        "høyringsuttale",
    ];
    if STATEMENT.iter().any(|p| h.contains(p)) {
        return Some(Role::Statement);
    }
    let decision = h == "vedtak"
        || h.ends_with(" vedtak")
        || h.starts_with("vedtak ")
        || h.ends_with("vedtak")
            && [
                "kommunestyret",
                "bystyret",
                "fylkestinget",
                "heradsstyret",
                "formannskapet",
            ]
            .iter()
            .any(|o| h.starts_with(o))
        || h.starts_with("behandling")
        || h.ends_with(" behandling");
    decision.then_some(Role::Decision)
}

/// Whether a paragraph is a heading that opens the respondent's statement or decision
/// (`Høringsinnspill`, `Uttalelse`, `Vedtak`): a booklet quote does not run over it.
pub(crate) fn opens_own_text(p: &Para) -> bool {
    p.kind == ParagraphKind::Heading
        && matches!(
            heading_role(&p.text),
            Some(Role::Statement | Role::Decision)
        )
}

/// «Kommunestyret vedtok …», «Vedtak: …», «Fylkestinget vedtar …»: `Some(adopted)`,
/// where `adopted` is false for the present tense (which a proposal also uses).
fn decision_phrase(text: &str) -> Option<bool> {
    let lower = text.trim().to_lowercase();
    if lower.starts_with("vedtak:") {
        return Some(true);
    }
    const ORGANS: &[&str] = &[
        "kommunestyret",
        "bystyret",
        "fylkestinget",
        "heradsstyret",
        "formannskapet",
    ];
    let organ = ORGANS.iter().find(|o| lower.starts_with(**o))?;
    // The verb within the first few words ("Kommunestyret i Røst kommune vedtok …").
    let head: Vec<&str> = lower[organ.len()..].split_whitespace().take(6).collect();
    if head
        .iter()
        .any(|w| w.starts_with("vedtok") || *w == "gjorde" || *w == "fatta")
    {
        Some(true)
    } else if head
        .iter()
        .any(|w| w.starts_with("vedtar") || w.starts_with("vedtek"))
    {
        Some(false)
    } else {
        None
    }
}

/// Meeting metadata at the start of a line.
fn is_metadata(text: &str) -> bool {
    const KEYS: &[&str] = &[
        "arkivsak",
        "arkiv:",
        "arkivkode",
        "saksnr",
        "sak nr",
        "saksmappe",
        "journalpost",
        "møtedato",
        "møtestad",
        "møtested",
        "utvalgssak",
        "utvalssak",
        "vår ref",
        "deres ref",
        "dykkar ref",
        "vår dato",
        "løpenr",
        "saksgang",
        "dokumentet er elektronisk godkjent",
    ];
    let lower = text.trim().to_lowercase();
    KEYS.iter().any(|k| lower.starts_with(k))
}

/// Lines that repeat at the top or bottom of many pages (digits ignored), as headers and
/// footers do.
fn running_lines(raw: &RawText) -> HashMap<String, usize> {
    let mut firsts: HashMap<u32, (usize, usize)> = HashMap::new();
    for (i, l) in raw.lines.iter().enumerate() {
        let Some(page) = l.page else { continue };
        if raw.line(i).trim().is_empty() {
            continue;
        }
        let e = firsts.entry(page).or_insert((i, i));
        e.1 = i;
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (first, last) in firsts.values() {
        let mut seen = Vec::new();
        for i in [*first, first + 1, last.saturating_sub(1), *last] {
            if i < raw.lines.len() && i >= *first && i <= *last && !seen.contains(&i) {
                seen.push(i);
                *counts.entry(shape(raw.line(i))).or_default() += 1;
            }
        }
    }
    let pages = firsts.len();
    // On every page of a short document, on a third of the pages of a long one.
    let need = if pages >= 6 { pages / 3 } else { pages.max(2) };
    counts.retain(|k, n| *n >= need && !k.is_empty());
    counts
}

/// A line with its digits replaced, for comparing headers across pages.
fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The segment kind of every paragraph.
pub(crate) fn classify(raw: &RawText, paras: &[Para], quoted: &[bool]) -> Vec<SegmentKind> {
    let running = running_lines(raw);
    // Running headers and footers are the document's own, even inside a quote; page
    // labels and metadata in a quote are the quoted text's.
    let is_running = |p: &Para| {
        raw.lines[p.first_line].hint == Hint::Furniture
            || !running.is_empty()
                && (p.first_line..=p.last_line).all(|i| {
                    raw.line(i).trim().is_empty() || running.contains_key(&shape(raw.line(i)))
                })
    };
    let is_other = |p: &Para| {
        let single = p.first_line == p.last_line;
        let text = raw.line(p.first_line);
        (single && (is_page_label(text) || is_metadata(text))) || is_running(p)
    };
    let roles: Vec<Option<Role>> = paras
        .iter()
        .map(|p| {
            if p.kind == ParagraphKind::Heading {
                heading_role(&p.text)
            } else {
                None
            }
        })
        .collect();
    // A document opens as a case when a case heading comes before any statement heading.
    let opens_as_case = roles
        .iter()
        .zip(quoted)
        .filter(|(_, q)| !**q)
        .find_map(|(r, _)| *r)
        .is_some_and(|r| matches!(r, Role::Case | Role::CaseWeak | Role::Proposal));
    let mut state = if opens_as_case {
        SegmentKind::Case
    } else {
        SegmentKind::Statement
    };
    let mut proposal = false;
    let mut out = Vec::with_capacity(paras.len());
    // A decision opened by a phrase lasts for that paragraph and the bullets after it.
    let mut phrase_decision: Option<SegmentKind> = None;
    for (i, p) in paras.iter().enumerate() {
        if is_running(p) {
            out.push(SegmentKind::Other);
            continue;
        }
        if quoted[i] {
            out.push(SegmentKind::Booklet);
            continue;
        }
        if is_other(p) {
            out.push(SegmentKind::Other);
            continue;
        }
        if let Some(prev) = phrase_decision {
            if p.kind == ParagraphKind::Bullet {
                out.push(SegmentKind::Decision);
                continue;
            }
            state = prev;
            phrase_decision = None;
        }
        match roles[i] {
            Some(Role::Case) => {
                state = SegmentKind::Case;
                proposal = false;
            }
            Some(Role::CaseWeak) if state != SegmentKind::Statement => {
                state = SegmentKind::Case;
                proposal = false;
            }
            Some(Role::Proposal) => {
                state = SegmentKind::Case;
                proposal = true;
            }
            Some(Role::Statement) => {
                state = SegmentKind::Statement;
                proposal = false;
            }
            Some(Role::Decision) => {
                state = SegmentKind::Decision;
                proposal = false;
            }
            _ => {}
        }
        if p.kind != ParagraphKind::Heading && state != SegmentKind::Decision {
            let adopted = decision_phrase(&p.text);
            if adopted == Some(true) || (adopted == Some(false) && !proposal) {
                phrase_decision = Some(state);
                out.push(SegmentKind::Decision);
                continue;
            }
        }
        out.push(state);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::paragraphs;
    use innspill_norsk::Lexicon;

    fn kinds(text: &str) -> Vec<(SegmentKind, String)> {
        let raw = RawText::from_plain(text);
        let paras = paragraphs(&raw, &Lexicon::default());
        let quoted = vec![false; paras.len()];
        classify(&raw, &paras, &quoted)
            .into_iter()
            .zip(paras)
            .map(|(k, p)| (k, p.text))
            .collect()
    }

    #[test]
    fn roles_of_headings() {
        assert_eq!(heading_role("Bakgrunn for saken"), Some(Role::Case));
        assert_eq!(heading_role("Vurderinger"), Some(Role::CaseWeak));
        assert_eq!(
            heading_role("Kommunedirektørens innstilling"),
            Some(Role::Proposal)
        );
        assert_eq!(heading_role("Forslag til vedtak:"), Some(Role::Proposal));
        assert_eq!(
            heading_role("Uttalelsene fra Røst kommune – KS debatthefte 2026"),
            Some(Role::Statement)
        );
        assert_eq!(
            heading_role("Fråsegn frå Hjartdal kommune"),
            Some(Role::Statement)
        );
        assert_eq!(heading_role("Vedtak"), Some(Role::Decision));
        assert_eq!(heading_role("Kommunestyrets vedtak"), Some(Role::Decision));
        assert_eq!(heading_role("Tid for taktskifte"), None);
    }

    #[test]
    fn decision_is_told_from_the_proposal() {
        use SegmentKind::*;
        let got = kinds(
            "Saksopplysninger\n\nKS har sendt ut heftet.\n\nInnstilling\n\n\
             Kommunestyret vedtar uttalelsen slik den foreligger.\n\n\
             Kommunestyrets behandling\n\nEnstemmig.\n\nVedtak\n\n\
             Kommunestyret vedtar uttalelsen slik den foreligger.\n\n\
             Uttalelse\n\nVi mener kommunene trenger mer handlingsrom.\n",
        );
        let k: Vec<SegmentKind> = got.iter().map(|g| g.0).collect();
        assert_eq!(
            k,
            [
                Case, Case, Case, Case, Decision, Decision, Decision, Decision, Statement,
                Statement
            ],
            "{got:#?}"
        );
    }

    #[test]
    fn a_plain_statement_is_a_statement() {
        let got = kinds(
            "Hjartdal kommune\n\nKommunestyret i Hjartdal kommune meiner at \
            kommunane treng meir handlingsrom.\n\nSide 1 av 2\n",
        );
        assert_eq!(got[0].0, SegmentKind::Statement);
        assert_eq!(got[1].0, SegmentKind::Statement);
        assert_eq!(got[2].0, SegmentKind::Other);
    }

    #[test]
    fn a_vedtok_paragraph_is_a_decision_with_its_bullets() {
        let got = kinds(
            "Kommunestyret i Røst kommune vedtok 12. mai:\n\n• å slutte seg til uttalelsen\n\n\
             Vi mener dette er viktig.\n",
        );
        let k: Vec<SegmentKind> = got.iter().map(|g| g.0).collect();
        assert_eq!(
            k,
            [
                SegmentKind::Decision,
                SegmentKind::Decision,
                SegmentKind::Statement
            ]
        );
    }

    #[test]
    fn running_headers_are_other() {
        let mut text = String::new();
        for page in 1..=4 {
            text.push_str(&format!(
                "Røst kommune – Saksframlegg 2025/{page}\n\nTekst på side {page} om beredskap og arbeidskraft.\n\nSide {page} av 4\n\u{0C}"
            ));
        }
        let got = kinds(&text);
        assert_eq!(got[0].0, SegmentKind::Other, "{got:#?}");
        assert_eq!(got[1].0, SegmentKind::Statement);
        assert_eq!(got[2].0, SegmentKind::Other);
    }
}
