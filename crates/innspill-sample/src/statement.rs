//! Composing statements from the phrase bank: own statements with size-dependent themes,
//! regional drafts, and drafts adopted unchanged or edited.

use serde::Serialize;

use crate::bank::{Addressee, Bank, Fit, Item, ItemKind, Lang, THEMES, ThemeTag};
use crate::rng::Rng;
use crate::world::Size;

/// Where a paragraph of a statement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Copied from the regional draft.
    Draft,
    /// A draft paragraph with changes.
    Edited,
    /// The respondent's own text.
    Own,
}

/// Kind of statement paragraph (as in the document contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParaKind {
    /// A heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// A bullet or numbered list item.
    Bullet,
}

/// Fixed words of the statement frame, in both standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// Innledning.
    Intro,
    /// Avslutning.
    Closing,
}

impl Label {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Label::Intro, Lang::Nb) => "Innledning",
            (Label::Intro, Lang::Nn) => "Innleiing",
            (Label::Closing, _) => "Avslutning",
        }
    }
}

/// One paragraph of a statement, as bank items with placeholders still in them.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    /// Heading, paragraph or bullet.
    pub kind: ParaKind,
    /// Bank items whose texts make the paragraph, joined by spaces.
    pub items: Vec<usize>,
    /// A fixed label instead of items.
    pub label: Option<Label>,
    /// Section number shown before a heading (`2. …`).
    pub number: Option<u32>,
    /// Planted themes.
    pub tags: Vec<ThemeTag>,
    /// Addressee if the paragraph is a demand.
    pub demand: Option<Addressee>,
    /// Where it came from.
    pub origin: Origin,
    /// Openers (`Kommunestyret mener at …`) put before some sentences: (position in
    /// `items`, opener item).
    pub openers: Vec<(usize, usize)>,
}

/// A statement: a title and paragraphs.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    /// The title item.
    pub title: usize,
    /// Paragraphs in order.
    pub paras: Vec<Para>,
}

/// Who a statement is written for, which decides which bank items fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audience {
    /// A respondent of this size class.
    Member(Size),
    /// A regional draft for any municipality: only size-neutral items.
    Draft,
}

impl Audience {
    fn fits(self, item: &Item) -> bool {
        match (item.fit, self) {
            (None, _) => true,
            (Some(_), Audience::Draft) => false,
            (Some(Fit::Fylke), Audience::Member(s)) => s == Size::Fylkeskommune,
            (Some(Fit::Kommune), Audience::Member(s)) => s != Size::Fylkeskommune,
            (Some(Fit::Liten), Audience::Member(s)) => s == Size::Liten,
            (Some(Fit::Mellomstor), Audience::Member(s)) => s == Size::Mellomstor,
            (Some(Fit::Stor), Audience::Member(s)) => s == Size::Stor,
        }
    }
}

/// A planted difference between size classes: the probability that an own statement
/// raises the sub-theme, by size class.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Planted {
    /// Theme id.
    pub theme: &'static str,
    /// Sub-theme id.
    pub sub: &'static str,
    /// The size class that writes more about it.
    pub higher: &'static str,
    /// The size class that writes less about it.
    pub lower: &'static str,
    /// Probability of raising it in an own statement: liten, mellomstor, stor.
    pub p_liten: f64,
    /// See `p_liten`.
    pub p_mellomstor: f64,
    /// See `p_liten`.
    pub p_stor: f64,
}

/// The planted size-class differences of the sample world.
pub const PLANTED: [Planted; 5] = [
    Planted {
        theme: "workforce",
        sub: "recruitment",
        higher: "liten",
        lower: "stor",
        p_liten: 0.85,
        p_mellomstor: 0.55,
        p_stor: 0.15,
    },
    Planted {
        theme: "preparedness",
        sub: "transport_isolation",
        higher: "liten",
        lower: "stor",
        p_liten: 0.7,
        p_mellomstor: 0.3,
        p_stor: 0.05,
    },
    Planted {
        theme: "welfare",
        sub: "cooperation",
        higher: "liten",
        lower: "stor",
        p_liten: 0.55,
        p_mellomstor: 0.3,
        p_stor: 0.1,
    },
    Planted {
        theme: "welfare",
        sub: "digitalisation",
        higher: "stor",
        lower: "liten",
        p_liten: 0.15,
        p_mellomstor: 0.4,
        p_stor: 0.8,
    },
    Planted {
        theme: "workforce",
        sub: "inclusion",
        higher: "stor",
        lower: "liten",
        p_liten: 0.1,
        p_mellomstor: 0.3,
        p_stor: 0.75,
    },
];

/// A planted change from one year to the next: from `year` on, own statements of the
/// size classes in `classes` raise the sub-theme with probability `p` (regional drafts with
/// `p_draft` where the change is in every class, since a draft is for every size).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct YearChange {
    /// The first year of the change.
    pub year: u16,
    /// Theme id.
    pub theme: &'static str,
    /// Sub-theme id.
    pub sub: &'static str,
    /// The size classes it changes in.
    pub classes: &'static [&'static str],
    /// `rises` or `falls`.
    pub direction: &'static str,
    /// The new probability of raising it in an own statement of those classes.
    pub p: f64,
    /// The new probability in a regional draft, where the change reaches drafts.
    pub p_draft: Option<f64>,
}

/// The planted year-over-year changes of the sample world (only a world of two or more
/// years shows them): the 2027 booklet asks about total defence, so more write about it
/// in every class, and the reporting burden falls out of the statements everywhere; small
/// municipalities write more about sick leave and less about cooperation between
/// municipalities, middle-sized ones more about exercises. (No change is planted in the
/// large class alone: with some 33 respondents a year, only a very large change in it
/// would stand out after the Benjamini–Hochberg correction.)
pub const YEAR_CHANGES: [YearChange; 5] = [
    YearChange {
        year: 2027,
        theme: "preparedness",
        sub: "total_defence",
        classes: &["liten", "mellomstor", "stor"],
        direction: "rises",
        p: 0.8,
        p_draft: Some(0.8),
    },
    YearChange {
        year: 2027,
        theme: "autonomy",
        sub: "reporting_burden",
        classes: &["liten", "mellomstor", "stor"],
        direction: "falls",
        p: 0.0,
        p_draft: Some(0.0),
    },
    YearChange {
        year: 2027,
        theme: "workforce",
        sub: "sick_leave",
        classes: &["liten"],
        direction: "rises",
        p: 0.85,
        p_draft: None,
    },
    YearChange {
        year: 2027,
        theme: "welfare",
        sub: "cooperation",
        classes: &["liten"],
        direction: "falls",
        p: 0.05,
        p_draft: None,
    },
    YearChange {
        year: 2027,
        theme: "preparedness",
        sub: "exercises",
        classes: &["mellomstor"],
        direction: "rises",
        p: 0.85,
        p_draft: None,
    },
];

/// The planted change of `sub` for `aud` in `year`, if any.
fn changed_prob(sub: &str, aud: Audience, year: u16) -> Option<f64> {
    YEAR_CHANGES
        .iter()
        .filter(|c| c.sub == sub && year >= c.year)
        .find_map(|c| match aud {
            Audience::Draft => c.p_draft,
            Audience::Member(s) => c.classes.contains(&s.as_str()).then_some(c.p),
        })
}

/// Probability that a statement for `aud` in `year` raises `sub`.
fn sub_prob(sub: &str, aud: Audience, year: u16) -> f64 {
    if let Some(p) = changed_prob(sub, aud, year) {
        return p;
    }
    if let Some(p) = PLANTED.iter().find(|p| p.sub == sub) {
        return match aud {
            Audience::Member(Size::Liten) => p.p_liten,
            Audience::Member(Size::Mellomstor) => p.p_mellomstor,
            Audience::Member(Size::Stor) => p.p_stor,
            Audience::Member(Size::Fylkeskommune) => 0.35,
            // Drafts are for every size: they carry the size-marked sub-themes less.
            Audience::Draft => 0.2,
        };
    }
    0.24
}

/// Composer of statements over a bank, for one booklet year.
#[derive(Debug)]
pub(crate) struct Composer<'a> {
    bank: &'a Bank,
    /// The year: planted changes apply from their year on.
    year: u16,
    /// Theme sections in the booklet's order of questions.
    order: Vec<(&'static str, usize)>,
}

/// Pick an unused item of `section` that fits; marks it used.
fn pick_item(
    bank: &Bank,
    rng: &mut Rng,
    section: &str,
    kind: ItemKind,
    aud: Audience,
    used: &mut Vec<usize>,
) -> Option<usize> {
    let cands: Vec<usize> = bank
        .section(section)
        .into_iter()
        .filter(|i| i.kind == kind && aud.fits(i) && !used.contains(&i.id))
        .map(|i| i.id)
        .collect();
    if cands.is_empty() {
        return None;
    }
    // Prefer items written for this size class: they are what makes the classes differ.
    let sized: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&i| bank.items[i].fit.is_some())
        .collect();
    let id = if !sized.is_empty() && rng.chance(0.6) {
        *rng.pick(&sized)
    } else {
        *rng.pick(&cands)
    };
    used.push(id);
    Some(id)
}

fn union_tags(bank: &Bank, items: &[usize]) -> Vec<ThemeTag> {
    let mut tags: Vec<ThemeTag> = items
        .iter()
        .flat_map(|&i| bank.items[i].tags.iter().cloned())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

impl<'a> Composer<'a> {
    /// A composer over `bank` for the 2026 booklet.
    #[cfg(test)]
    pub(crate) fn new(bank: &'a Bank) -> Composer<'a> {
        let booklets = crate::booklet::booklets();
        Composer::for_year(bank, 2026, &booklets[0])
    }

    /// A composer over `bank` for the statements of `year`, which answer `booklet`.
    pub(crate) fn for_year(
        bank: &'a Bank,
        year: u16,
        booklet: &crate::booklet::Booklet,
    ) -> Composer<'a> {
        Composer {
            bank,
            year,
            order: THEMES
                .iter()
                .map(|(t, _)| (*t, booklet.theme_rank(t)))
                .collect(),
        }
    }

    fn para(&self, kind: ParaKind, items: Vec<usize>, origin: Origin) -> Para {
        let tags = union_tags(self.bank, &items);
        let demand = items.iter().find_map(|&i| self.bank.items[i].addressee);
        Para {
            kind,
            items,
            label: None,
            number: None,
            tags,
            demand,
            origin,
            openers: Vec::new(),
        }
    }

    /// Put an opener before some of the sentences of `p` that can take one, so that own
    /// statements do not repeat the bank word for word.
    fn add_openers(&self, rng: &mut Rng, p: &mut Para) {
        let openers: Vec<usize> = self
            .bank
            .section("frame.opener")
            .into_iter()
            .map(|i| i.id)
            .collect();
        for (pos, &id) in p.items.iter().enumerate() {
            let item = &self.bank.items[id];
            if item.kind == ItemKind::Sentence && takes_opener(item) && rng.chance(0.3) {
                p.openers.push((pos, *rng.pick(&openers)));
            }
        }
    }

    /// Choose the sub-themes a statement raises, grouped by theme in booklet order.
    fn choose_subs(&self, rng: &mut Rng, aud: Audience) -> Vec<(&'static str, Vec<&'static str>)> {
        loop {
            let mut out = Vec::new();
            for (theme, subs) in THEMES {
                let mut chosen: Vec<&'static str> = subs
                    .iter()
                    .copied()
                    .filter(|s| rng.chance(sub_prob(s, aud, self.year)))
                    .collect();
                // At most three sub-themes per section, keeping the planted ones first.
                chosen.sort_by_key(|s| !PLANTED.iter().any(|p| p.sub == *s));
                chosen.truncate(3);
                if !chosen.is_empty() {
                    out.push((theme, chosen));
                }
            }
            let total: usize = out.iter().map(|(_, s)| s.len()).sum();
            if out.len() >= 2 && total >= 3 {
                // The booklet's order of questions (2026: welfare, workforce,
                // preparedness, with autonomy last), sometimes another order.
                let rank = |t: &str| {
                    self.order
                        .iter()
                        .find(|(x, _)| *x == t)
                        .map_or(usize::MAX, |(_, r)| *r)
                };
                out.sort_by_key(|(t, _)| rank(t));
                if rng.chance(0.25) {
                    rng.shuffle(&mut out);
                }
                return out;
            }
        }
    }

    /// Compose a statement for `aud`.
    pub(crate) fn compose(&self, rng: &mut Rng, aud: Audience) -> Statement {
        let bank = self.bank;
        let mut used = Vec::new();
        let title =
            pick_item(bank, rng, "frame.title", ItemKind::Heading, aud, &mut used).expect("titles");
        let mut paras = Vec::new();
        // Introduction.
        if rng.chance(0.6) {
            paras.push(Para {
                label: Some(Label::Intro),
                ..self.para(ParaKind::Heading, vec![], Origin::Own)
            });
        }
        let intro_generic: Vec<usize> = bank
            .section("frame.intro")
            .into_iter()
            .filter(|i| i.fit.is_none() && i.tags.is_empty())
            .map(|i| i.id)
            .collect();
        let first = vec![intro_generic[0]];
        let mut intro = first;
        if rng.chance(0.6) {
            intro.push(intro_generic[1 + rng.below(intro_generic.len() as u64 - 1) as usize]);
        }
        paras.push(self.para(ParaKind::Paragraph, intro, Origin::Own));
        let sized_intro: Vec<usize> = bank
            .section("frame.intro")
            .into_iter()
            .filter(|i| i.fit.is_some() && aud.fits(i))
            .map(|i| i.id)
            .collect();
        if !sized_intro.is_empty() && rng.chance(0.7) {
            paras.push(self.para(
                ParaKind::Paragraph,
                vec![*rng.pick(&sized_intro)],
                Origin::Own,
            ));
        }
        // Theme sections.
        let numbered = rng.chance(0.75);
        let subs = self.choose_subs(rng, aud);
        for (n, (theme, chosen)) in subs.iter().enumerate() {
            let heading =
                pick_item(bank, rng, theme, ItemKind::Heading, aud, &mut used).expect("headings");
            let mut h = self.para(ParaKind::Heading, vec![heading], Origin::Own);
            h.number = numbered.then_some(n as u32 + 1);
            paras.push(h);
            paras.extend(self.section_body(rng, theme, chosen, aud, &mut used));
        }
        // Closing.
        if rng.chance(0.7) {
            paras.push(Para {
                label: Some(Label::Closing),
                ..self.para(ParaKind::Heading, vec![], Origin::Own)
            });
            let mut items = Vec::new();
            for _ in 0..1 + rng.below(2) {
                if let Some(i) = pick_item(
                    bank,
                    rng,
                    "frame.closing",
                    ItemKind::Sentence,
                    aud,
                    &mut used,
                ) {
                    items.push(i);
                }
            }
            paras.push(self.para(ParaKind::Paragraph, items, Origin::Own));
            if rng.chance(0.4)
                && let Some(d) =
                    pick_item(bank, rng, "frame.closing", ItemKind::Demand, aud, &mut used)
            {
                paras.push(self.para(ParaKind::Paragraph, vec![d], Origin::Own));
            }
        }
        Statement { title, paras }
    }

    /// The paragraphs, bullets and demands of one theme section.
    fn section_body(
        &self,
        rng: &mut Rng,
        theme: &str,
        chosen: &[&str],
        aud: Audience,
        used: &mut Vec<usize>,
    ) -> Vec<Para> {
        let bank = self.bank;
        let mut out = Vec::new();
        let mut sentences = Vec::new();
        for sub in chosen {
            let sec = format!("{theme}.{sub}");
            let n = if rng.chance(0.4) { 2 } else { 1 };
            for _ in 0..n {
                if let Some(i) = pick_item(bank, rng, &sec, ItemKind::Sentence, aud, used) {
                    sentences.push(i);
                }
            }
        }
        if sentences.len() >= 3 && rng.chance(0.6) {
            let cut = sentences.len() / 2;
            let rest = sentences.split_off(cut);
            for part in [sentences, rest] {
                let mut p = self.para(ParaKind::Paragraph, part, Origin::Own);
                self.add_openers(rng, &mut p);
                out.push(p);
            }
        } else if !sentences.is_empty() {
            let mut p = self.para(ParaKind::Paragraph, sentences, Origin::Own);
            self.add_openers(rng, &mut p);
            out.push(p);
        }
        if rng.chance(0.65) {
            let lead_sec = match rng.below(20) {
                0..=9 => "lead.prio",
                10..=14 => "lead.ks",
                15..=17 => "lead.staten",
                _ => "lead.self",
            };
            let kind = if lead_sec == "lead.prio" {
                ItemKind::Sentence
            } else {
                ItemKind::Demand
            };
            let lead = pick_item(bank, rng, lead_sec, kind, aud, used);
            let mut bullets = Vec::new();
            for sub in chosen {
                let sec = format!("{theme}.{sub}");
                let n = 1 + rng.below(2);
                for _ in 0..n {
                    if let Some(i) = pick_item(bank, rng, &sec, ItemKind::Bullet, aud, used) {
                        bullets.push(i);
                    }
                }
            }
            if let (Some(lead), true) = (lead, bullets.len() >= 2) {
                let lead_para = self.para(ParaKind::Paragraph, vec![lead], Origin::Own);
                let addressee = lead_para.demand;
                out.push(lead_para);
                for b in bullets {
                    let mut p = self.para(ParaKind::Bullet, vec![b], Origin::Own);
                    p.demand = addressee;
                    out.push(p);
                }
            }
        }
        if rng.chance(0.35) {
            let sub = rng.pick(chosen);
            if let Some(d) = pick_item(
                bank,
                rng,
                &format!("{theme}.{sub}"),
                ItemKind::Demand,
                aud,
                used,
            ) {
                out.push(self.para(ParaKind::Paragraph, vec![d], Origin::Own));
            }
        }
        out
    }

    /// A draft adopted with light edits by a respondent of size class `size`: a paragraph
    /// or bullet dropped, a sentence replaced, and a paragraph of the respondent's own
    /// (on a sub-theme that suits its size) added.
    pub(crate) fn edit(&self, rng: &mut Rng, draft: &Statement, size: Size) -> Statement {
        let bank = self.bank;
        let aud = Audience::Member(size);
        let mut st = draft.clone();
        for p in &mut st.paras {
            p.origin = Origin::Draft;
        }
        let mut used: Vec<usize> = st
            .paras
            .iter()
            .flat_map(|p| p.items.iter().copied())
            .collect();
        // Drop one bullet or body paragraph (never a lead-in of a list).
        if rng.chance(0.6) {
            let cands: Vec<usize> = (0..st.paras.len())
                .filter(|&i| {
                    let p = &st.paras[i];
                    let next_is_bullet = st
                        .paras
                        .get(i + 1)
                        .is_some_and(|n| n.kind == ParaKind::Bullet);
                    (p.kind == ParaKind::Bullet
                        && i > 0
                        && st.paras[i - 1].kind == ParaKind::Bullet)
                        || (p.kind == ParaKind::Paragraph && !next_is_bullet && !p.tags.is_empty())
                })
                .collect();
            if !cands.is_empty() {
                st.paras.remove(*rng.pick(&cands));
            }
        }
        // Replace one sentence with another on the same sub-theme.
        let multi: Vec<usize> = (0..st.paras.len())
            .filter(|&i| st.paras[i].kind == ParaKind::Paragraph && st.paras[i].items.len() >= 2)
            .collect();
        if !multi.is_empty() && rng.chance(0.7) {
            let pi = *rng.pick(&multi);
            let si = rng.below(st.paras[pi].items.len() as u64) as usize;
            let old = &bank.items[st.paras[pi].items[si]];
            if let Some(new) = pick_item(
                bank,
                rng,
                &old.section.clone(),
                ItemKind::Sentence,
                aud,
                &mut used,
            ) {
                st.paras[pi].items[si] = new;
                let origin_items = st.paras[pi].items.clone();
                let mut p = self.para(ParaKind::Paragraph, origin_items, Origin::Edited);
                p.number = st.paras[pi].number;
                st.paras[pi] = p;
            }
        }
        // Add a paragraph of its own on a sub-theme that its size class writes more about.
        let weights: Vec<(&Planted, f64)> = PLANTED
            .iter()
            .map(|p| {
                let w = match size {
                    _ if size != Size::Fylkeskommune => sub_prob(p.sub, aud, self.year),
                    _ => 0.3,
                };
                (p, w)
            })
            .collect();
        let total: f64 = weights.iter().map(|(_, w)| w).sum();
        let mut x = rng.unit() * total;
        let mut planted = weights[0].0;
        for (p, w) in &weights {
            if x < *w {
                planted = p;
                break;
            }
            x -= w;
        }
        self.add_own(rng, &mut st, planted.theme, planted.sub, aud, &mut used);
        // A sub-theme that rises in its size class this year gets a paragraph of its own
        // as often as own statements raise it.
        for c in YEAR_CHANGES.iter().filter(|c| {
            self.year >= c.year && c.direction == "rises" && c.classes.contains(&size.as_str())
        }) {
            if c.sub != planted.sub && rng.chance(c.p) {
                self.add_own(rng, &mut st, c.theme, c.sub, aud, &mut used);
            }
        }
        st
    }

    /// Add a paragraph of the respondent's own on `theme.sub` to an adopted draft: after
    /// the last paragraph of that theme's section, else before the closing.
    fn add_own(
        &self,
        rng: &mut Rng,
        st: &mut Statement,
        theme: &str,
        sub: &str,
        aud: Audience,
        used: &mut Vec<usize>,
    ) {
        let bank = self.bank;
        let sec = format!("{theme}.{sub}");
        let mut items = Vec::new();
        for _ in 0..2 {
            if let Some(i) = pick_item(bank, rng, &sec, ItemKind::Sentence, aud, used) {
                items.push(i);
            }
        }
        if !items.is_empty() {
            let mut new = self.para(ParaKind::Paragraph, items, Origin::Own);
            self.add_openers(rng, &mut new);
            let at = section_end(bank, st, theme).unwrap_or_else(|| {
                st.paras
                    .iter()
                    .position(|p| p.label == Some(Label::Closing))
                    .unwrap_or(st.paras.len())
            });
            st.paras.insert(at, new);
        }
    }
}

/// Index just after the last paragraph of the section whose heading is on `theme`.
fn section_end(bank: &Bank, st: &Statement, theme: &str) -> Option<usize> {
    let start = st.paras.iter().position(|p| {
        p.kind == ParaKind::Heading
            && p.items
                .first()
                .is_some_and(|&i| bank.items[i].section == theme)
    })?;
    let end = st.paras[start + 1..]
        .iter()
        .position(|p| p.kind == ParaKind::Heading)
        .map_or(st.paras.len(), |k| start + 1 + k);
    Some(end)
}

/// First words after which a sentence reads right as an `at`-clause (a subject, not an
/// adverbial that inverts the word order).
const SUBJECT_STARTS: [&str; 44] = [
    "Det",
    "Vi",
    "Mange",
    "Flere",
    "Fleire",
    "Kommunene",
    "Kommunane",
    "Innbyggerne",
    "Innbyggjarane",
    "Lederne",
    "Leiarane",
    "Nye",
    "Digitale",
    "Felles",
    "Samarbeid",
    "Små",
    "En",
    "Et",
    "Ein",
    "Eit",
    "Ei",
    "Eldre",
    "Unge",
    "Totalforsvaret",
    "Kriseledelsen",
    "Kriseleiinga",
    "Beredskapsrådet",
    "Egenberedskap",
    "Eigenberedskap",
    "Folkehelsearbeid",
    "Tidlig",
    "Tidleg",
    "Interkommunalt",
    "Risikobildet",
    "Risikobiletet",
    "Merkantile",
    "Kompetanseutvikling",
    "Systematisk",
    "Avtaleverket",
    "Inntektssystemet",
    "Velferdsteknologi",
    "Datadeling",
    "Digitalisering",
    "Integrering",
];

/// Words that stand after the verb in a main clause but before it in an `at`-clause
/// (`blir ikke` / `ikke blir`): sentences with them get no opener.
const CLAUSE_ADVERBS: [&str; 12] = [
    "ikke", "ikkje", "aldri", "alltid", "allerede", "allereie", "også", "fortsatt", "derfor",
    "heller", "stadig", "bare",
];

/// True when a sentence can follow an opener like `Kommunestyret mener at`.
fn takes_opener(item: &Item) -> bool {
    [&item.nb, &item.nn].iter().all(|t| {
        let first = t.split_whitespace().next().unwrap_or("");
        SUBJECT_STARTS.contains(&first)
            && !t
                .split(|c: char| !c.is_alphabetic())
                .any(|w| CLAUSE_ADVERBS.contains(&w))
    })
}

/// The sentence with its first letter in lower case (it now follows `… at`).
fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// How a respondent's name and organs are written in one document.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    /// `Nordvik kommune`, or None where the body must not name the respondent.
    pub full: Option<String>,
    /// True for a county authority.
    pub county: bool,
    /// Written standard.
    pub lang: Lang,
    /// Year of the booklet (2026 in the committed world).
    pub year: u16,
    /// The booklet's title where it is not the 2026 one («Tid for taktskifte»), which the
    /// bank's titles name.
    pub title: Option<String>,
}

impl Names {
    /// Fill the placeholders of `template`.
    pub(crate) fn fill(&self, template: &str) -> String {
        let org = if self.county {
            "fylkeskommunen"
        } else {
            "kommunen"
        };
        let organ = if self.county {
            "fylkestinget"
        } else {
            "kommunestyret"
        };
        let dir = if self.county {
            "fylkesdirektøren"
        } else {
            "kommunedirektøren"
        };
        let navn = self.full.clone().unwrap_or_else(|| org.to_string());
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            out.push_str(&rest[..start]);
            let key = &rest[start + 1..start + len];
            let value = match key {
                "navn" => navn.as_str(),
                "org" => org,
                "organ" => organ,
                "dir" => dir,
                _ => &rest[start..=start + len],
            };
            let at_start =
                out.trim_end().is_empty() || out.trim_end().ends_with(['.', ':', '!', '?']);
            if at_start {
                let mut cs = value.chars();
                if let Some(c) = cs.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(cs.as_str());
                }
            } else {
                out.push_str(value);
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        // Organ names in the bank are written for municipalities.
        if self.county {
            out = out
                .replace("Kommunestyret", "Fylkestinget")
                .replace("kommunestyret", "fylkestinget");
        }
        if self.year != 2026 {
            out = out.replace("2026", &self.year.to_string());
        }
        if let Some(title) = &self.title {
            out = out.replace("Tid for taktskifte", title);
        }
        out
    }

    /// The text of a paragraph.
    pub(crate) fn para_text(&self, bank: &Bank, p: &Para) -> String {
        let body = match p.label {
            Some(l) => l.text(self.lang).to_string(),
            None => {
                let parts: Vec<String> = p
                    .items
                    .iter()
                    .enumerate()
                    .map(|(pos, &i)| {
                        let sentence = self.fill(bank.items[i].text(self.lang));
                        match p.openers.iter().find(|(at, _)| *at == pos) {
                            Some((_, o)) => format!(
                                "{} {}",
                                self.fill(bank.items[*o].text(self.lang)),
                                lower_first(&sentence)
                            ),
                            None => sentence,
                        }
                    })
                    .collect();
                parts.join(" ")
            }
        };
        match p.number {
            Some(n) => format!("{n}. {body}"),
            None => body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(full: Option<&str>, county: bool) -> Names {
        Names {
            full: full.map(str::to_string),
            county,
            lang: Lang::Nb,
            year: 2026,
            title: None,
        }
    }

    #[test]
    fn placeholders_fill_and_capitalise_at_sentence_start() {
        let n = names(Some("Nordvik kommune"), false);
        assert_eq!(
            n.fill("{navn} er liten. {org} vil."),
            "Nordvik kommune er liten. Kommunen vil."
        );
        let anon = names(None, false);
        assert_eq!(
            anon.fill("For {navn} innebærer dette:"),
            "For kommunen innebærer dette:"
        );
        assert_eq!(
            anon.fill("{navn} må selv ta ansvar for:"),
            "Kommunen må selv ta ansvar for:"
        );
        let fk = names(Some("Havbygda fylkeskommune"), true);
        assert_eq!(
            fk.fill("Kommunestyret ber KS arbeide for:"),
            "Fylkestinget ber KS arbeide for:"
        );
    }

    #[test]
    fn openers_go_only_before_sentences_that_read_right_after_them() {
        let bank = Bank::embedded().unwrap();
        let find = |start: &str| bank.items.iter().find(|i| i.nb.starts_with(start)).unwrap();
        assert!(takes_opener(find("Mange står utenfor arbeidslivet")));
        assert!(
            !takes_opener(find("For en liten kommune")),
            "inverted word order"
        );
        assert!(
            !takes_opener(find("Prinsippet om fullfinansiering")),
            "not a listed subject"
        );
        assert!(
            !takes_opener(find("Det blir stadig vanskeligere")),
            "adverb moves in an at-clause"
        );
        let item = find("Mange står utenfor arbeidslivet").id;
        let opener = bank.section("frame.opener")[0].id;
        let mut p = Composer::new(&bank).para(ParaKind::Paragraph, vec![item], Origin::Own);
        p.openers.push((0, opener));
        let text = names(Some("Nordvik kommune"), false).para_text(&bank, &p);
        assert_eq!(
            text,
            "Kommunestyret mener at mange står utenfor arbeidslivet i dag, samtidig som tjenestene mangler folk."
        );
        let fk = names(Some("Havbygda fylkeskommune"), true).para_text(&bank, &p);
        assert!(fk.starts_with("Fylkestinget mener at mange"), "{fk}");
    }

    #[test]
    fn statements_have_sections_tags_and_no_unfilled_placeholders() {
        let bank = Bank::embedded().unwrap();
        let c = Composer::new(&bank);
        let mut rng = Rng::new(3);
        for size in [
            Size::Liten,
            Size::Mellomstor,
            Size::Stor,
            Size::Fylkeskommune,
        ] {
            for _ in 0..20 {
                let st = c.compose(&mut rng, Audience::Member(size));
                let themed = st.paras.iter().filter(|p| !p.tags.is_empty()).count();
                assert!(themed >= 3, "{size:?}: {themed}");
                let n = names(Some("Nordvik kommune"), size == Size::Fylkeskommune);
                for p in &st.paras {
                    let t = n.para_text(&bank, p);
                    assert!(!t.contains('{') && !t.is_empty(), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn planted_differences_show_in_own_statements() {
        let bank = Bank::embedded().unwrap();
        let c = Composer::new(&bank);
        let mut rng = Rng::new(11);
        let share = |size: Size, sub: &str, rng: &mut Rng| {
            let hits = (0..200)
                .filter(|_| {
                    let st = c.compose(rng, Audience::Member(size));
                    st.paras
                        .iter()
                        .any(|p| p.tags.iter().any(|t| t.sub == Some(sub)))
                })
                .count();
            hits as f64 / 200.0
        };
        for p in PLANTED {
            let (hi, lo) = if p.higher == "liten" {
                (Size::Liten, Size::Stor)
            } else {
                (Size::Stor, Size::Liten)
            };
            let a = share(hi, p.sub, &mut rng);
            let b = share(lo, p.sub, &mut rng);
            assert!(a > b + 0.25, "{}: {a} vs {b}", p.sub);
        }
    }

    #[test]
    fn edited_drafts_keep_most_of_the_draft() {
        let bank = Bank::embedded().unwrap();
        let c = Composer::new(&bank);
        let mut rng = Rng::new(5);
        let draft = c.compose(&mut rng, Audience::Draft);
        assert!(
            draft
                .paras
                .iter()
                .all(|p| p.items.iter().all(|&i| bank.items[i].fit.is_none()))
        );
        let ed = c.edit(&mut rng, &draft, Size::Liten);
        let kept = ed
            .paras
            .iter()
            .filter(|p| p.origin == Origin::Draft)
            .count();
        assert!(
            kept + 2 >= draft.paras.len(),
            "{kept} of {}",
            draft.paras.len()
        );
        assert!(ed.paras.iter().any(|p| p.origin == Origin::Own));
    }
}
