//! The phrase bank: sentences, bullets, headings and demands in Bokmål and Nynorsk, each
//! with the themes it plants (see `bank/README.md` for the file format).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Error;

/// The four themes and their sub-themes, with ids as in the theme codebook.
pub const THEMES: [(&str, &[&str]); 4] = [
    (
        "workforce",
        &[
            "recruitment",
            "sick_leave",
            "full_time",
            "task_sharing",
            "senior_policy",
            "inclusion",
            "competence",
        ],
    ),
    (
        "preparedness",
        &[
            "ros_analysis",
            "emergency_council",
            "self_preparedness",
            "digital_security",
            "exercises",
            "supply",
            "total_defence",
            "transport_isolation",
        ],
    ),
    (
        "autonomy",
        &[
            "state_control",
            "reporting_burden",
            "full_funding",
            "trial_legislation",
            "generalist_principle",
            "municipal_economy",
        ],
    ),
    (
        "welfare",
        &[
            "prioritisation",
            "digitalisation",
            "cooperation",
            "volunteers",
            "prevention",
        ],
    ),
];

/// Written standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
}

impl Lang {
    /// `nb` or `nn`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
        }
    }

    /// Pick the form in this standard.
    pub fn pick<'a>(self, nb: &'a str, nn: &'a str) -> &'a str {
        match self {
            Lang::Nb => nb,
            Lang::Nn => nn,
        }
    }
}

/// A planted theme, with its sub-theme where the text is about one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ThemeTag {
    /// Theme id (`workforce`).
    pub theme: &'static str,
    /// Sub-theme id (`recruitment`), absent for a heading that names only the theme.
    pub sub: Option<&'static str>,
}

/// Who a demand is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Addressee {
    /// KS.
    Ks,
    /// The state: government, parliament, ministries.
    Staten,
    /// The municipality or county itself.
    Kommunen,
}

/// Kind of bank item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A sentence for a paragraph.
    Sentence,
    /// A bullet item.
    Bullet,
    /// A heading.
    Heading,
    /// A demand sentence (a sentence with an addressee).
    Demand,
}

/// Which respondents an item suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Fewer than 5 000 inhabitants.
    Liten,
    /// 5 000–19 999.
    Mellomstor,
    /// 20 000 or more.
    Stor,
    /// Any municipality, not a county.
    Kommune,
    /// Counties only.
    Fylke,
}

/// One item of the bank.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Index in [`Bank::items`].
    pub id: usize,
    /// Section name (`workforce.recruitment`, `frame.intro`).
    pub section: String,
    /// What it is.
    pub kind: ItemKind,
    /// Who it suits; `None` for everyone.
    pub fit: Option<Fit>,
    /// Planted themes.
    pub tags: Vec<ThemeTag>,
    /// Addressee of a demand.
    pub addressee: Option<Addressee>,
    /// Bokmål text with placeholders.
    pub nb: String,
    /// Nynorsk text with placeholders.
    pub nn: String,
}

impl Item {
    /// The text in `lang`.
    pub(crate) fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.nb, &self.nn)
    }
}

/// The parsed phrase bank.
#[derive(Debug, Clone)]
pub(crate) struct Bank {
    /// All items in file order.
    pub items: Vec<Item>,
    by_section: BTreeMap<String, Vec<usize>>,
}

const FILES: [(&str, &str); 5] = [
    ("frame.txt", include_str!("../bank/frame.txt")),
    ("workforce.txt", include_str!("../bank/workforce.txt")),
    ("preparedness.txt", include_str!("../bank/preparedness.txt")),
    ("autonomy.txt", include_str!("../bank/autonomy.txt")),
    ("welfare.txt", include_str!("../bank/welfare.txt")),
];

fn intern_tag(theme: &str, sub: Option<&str>) -> Option<ThemeTag> {
    let (t, subs) = THEMES.iter().find(|(t, _)| *t == theme)?;
    match sub {
        None => Some(ThemeTag {
            theme: t,
            sub: None,
        }),
        Some(s) => subs.iter().find(|x| **x == s).map(|x| ThemeTag {
            theme: t,
            sub: Some(x),
        }),
    }
}

fn parse_tag(spec: &str) -> Option<ThemeTag> {
    match spec.split_once('.') {
        Some((t, s)) => intern_tag(t, Some(s)),
        None => intern_tag(spec, None),
    }
}

impl Bank {
    /// The embedded bank.
    pub(crate) fn embedded() -> Result<Bank, Error> {
        let mut all = String::new();
        for (_, text) in FILES {
            all.push_str(text);
            if !all.ends_with('\n') {
                all.push('\n');
            }
        }
        Bank::parse(&all)
    }

    /// Parse a bank in the format of `bank/README.md`.
    pub(crate) fn parse(text: &str) -> Result<Bank, Error> {
        let err = |line: usize, message: String| Error::PhraseBank { line, message };
        let mut items: Vec<Item> = Vec::new();
        let mut section = String::new();
        let mut section_tags: Vec<ThemeTag> = Vec::new();
        let mut pending_nn = false;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix(" | ") {
                let item = match items.last_mut() {
                    Some(it) if pending_nn => it,
                    _ => {
                        return Err(err(
                            line_no,
                            "Nynorsk line without a Bokmål line before it".into(),
                        ));
                    }
                };
                item.nn = rest.trim().to_string();
                pending_nn = false;
                continue;
            }
            if pending_nn {
                return Err(err(
                    line_no,
                    "expected the Nynorsk line ` | …` of the previous item".into(),
                ));
            }
            if let Some(name) = line.strip_prefix("== ") {
                section = name.trim().to_string();
                let top = section.split('.').next().unwrap_or("");
                section_tags = if THEMES.iter().any(|(t, _)| *t == top) {
                    let tag = parse_tag(&section).ok_or_else(|| {
                        err(line_no, format!("unknown theme or sub-theme {section:?}"))
                    })?;
                    vec![tag]
                } else {
                    Vec::new()
                };
                continue;
            }
            let (head, body) = line
                .split_once(": ")
                .ok_or_else(|| err(line_no, format!("expected `kind: text`, got {line:?}")))?;
            if section.is_empty() {
                return Err(err(
                    line_no,
                    "item before the first `== section` line".into(),
                ));
            }
            let mut parts = head.split_whitespace();
            let kind = match parts.next() {
                Some("s") => ItemKind::Sentence,
                Some("b") => ItemKind::Bullet,
                Some("h") => ItemKind::Heading,
                Some("d") => ItemKind::Demand,
                other => {
                    return Err(err(
                        line_no,
                        format!("unknown item kind {other:?} (expected one of: s, b, h, d)"),
                    ));
                }
            };
            let mut fit = None;
            let mut tags = section_tags.clone();
            let mut addressee = None;
            for p in parts {
                if let Some(f) = p.strip_prefix('@') {
                    fit = Some(match f {
                        "liten" => Fit::Liten,
                        "mellomstor" => Fit::Mellomstor,
                        "stor" => Fit::Stor,
                        "kommune" => Fit::Kommune,
                        "fylke" => Fit::Fylke,
                        _ => return Err(err(line_no, format!("unknown size filter {p:?}"))),
                    });
                } else if let Some(t) = p.strip_prefix('+') {
                    let tag =
                        parse_tag(t).ok_or_else(|| err(line_no, format!("unknown tag {p:?}")))?;
                    if !tags.contains(&tag) {
                        tags.push(tag);
                    }
                } else if let Some(a) = p.strip_prefix('>') {
                    addressee = Some(match a {
                        "KS" => Addressee::Ks,
                        "staten" => Addressee::Staten,
                        "kommunen" => Addressee::Kommunen,
                        _ => return Err(err(line_no, format!("unknown addressee {p:?}"))),
                    });
                } else {
                    return Err(err(line_no, format!("unknown item option {p:?}")));
                }
            }
            if kind == ItemKind::Demand && addressee.is_none() {
                return Err(err(
                    line_no,
                    "a demand (d) needs an addressee like >KS".into(),
                ));
            }
            items.push(Item {
                id: items.len(),
                section: section.clone(),
                kind,
                fit,
                tags,
                addressee,
                nb: body.trim().to_string(),
                nn: String::new(),
            });
            pending_nn = true;
        }
        if pending_nn {
            return Err(err(
                text.lines().count(),
                "last item has no Nynorsk line".into(),
            ));
        }
        let mut by_section: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for it in &items {
            by_section
                .entry(it.section.clone())
                .or_default()
                .push(it.id);
        }
        Ok(Bank { items, by_section })
    }

    /// Items of a section, in file order.
    pub(crate) fn section(&self, name: &str) -> Vec<&Item> {
        self.by_section
            .get(name)
            .map(|ids| ids.iter().map(|&i| &self.items[i]).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_bank_parses_and_covers_every_sub_theme_in_both_standards() {
        let bank = Bank::embedded().unwrap();
        for (theme, subs) in THEMES {
            assert!(
                bank.section(theme)
                    .iter()
                    .filter(|i| i.kind == ItemKind::Heading)
                    .count()
                    >= 3,
                "{theme}: headings"
            );
            for sub in subs {
                let items = bank.section(&format!("{theme}.{sub}"));
                let sentences = items
                    .iter()
                    .filter(|i| i.kind == ItemKind::Sentence && i.fit.is_none())
                    .count();
                let bullets = items
                    .iter()
                    .filter(|i| i.kind == ItemKind::Bullet && i.fit.is_none())
                    .count();
                assert!(
                    sentences >= 2,
                    "{theme}.{sub}: {sentences} size-neutral sentences\nhelp: add more"
                );
                assert!(
                    bullets >= 1,
                    "{theme}.{sub}: {bullets} size-neutral bullets\nhelp: add more"
                );
            }
        }
        for it in &bank.items {
            assert!(
                !it.nb.is_empty() && !it.nn.is_empty(),
                "item {} in {}",
                it.id,
                it.section
            );
            assert_ne!(it.nb, "", "{}", it.section);
        }
        assert!(bank.items.len() > 250, "{} items", bank.items.len());
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = Bank::parse("== workforce.nope\ns: x\n | y\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "phrase bank line 1: unknown theme or sub-theme \"workforce.nope\""
        );
        let e = Bank::parse("== frame.intro\nq: x\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("phrase bank line 2: unknown item kind"),
            "{e}"
        );
        let e = Bank::parse("== frame.intro\ns: x\ns: y\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("phrase bank line 3: expected the Nynorsk line"),
            "{e}"
        );
    }

    #[test]
    fn extra_tags_and_addressees_are_read() {
        let b = Bank::parse(
            "== preparedness.total_defence\nd >staten +autonomy.full_funding: a\n | b\n",
        )
        .unwrap();
        let it = &b.items[0];
        assert_eq!(it.addressee, Some(Addressee::Staten));
        assert_eq!(it.tags.len(), 2);
        assert_eq!(
            it.tags[1],
            ThemeTag {
                theme: "autonomy",
                sub: Some("full_funding")
            }
        );
    }
}
