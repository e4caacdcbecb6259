//! HTML pages (meeting systems: Elements, ACOS, Innsyn) to lines, with the html5gum
//! tokenizer: navigation, scripts, styles, forms and page chrome are dropped; headings,
//! paragraphs and list items are kept as lines with their hints.

use html5gum::{Token, Tokenizer};

use crate::raw::{Hint, RawText};

/// Elements whose whole content is dropped.
const SKIP: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "form", "button",
    "select", "svg", "iframe", "aside", "menu",
];

/// `class`/`id` words of page chrome in meeting systems.
const CHROME: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "cookie",
    "skip-link",
    "sidebar",
];

/// Elements that end a line.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "body",
    "address",
    "figure",
    "figcaption",
    "caption",
];

/// Void elements never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

struct State {
    raw: RawText,
    current: String,
    hint: Hint,
    /// The element being skipped and how deep inside it we are.
    skipping: Option<(String, usize)>,
    pre: usize,
}

impl State {
    fn flush(&mut self, blank: bool) {
        let text = std::mem::take(&mut self.current);
        if !text.trim().is_empty() {
            for (i, line) in text.split('\n').enumerate() {
                if !line.trim().is_empty() {
                    let hint = if i == 0 { self.hint } else { Hint::None };
                    self.raw.push_line(line.trim(), None, hint);
                }
            }
        }
        self.hint = Hint::None;
        if blank {
            self.raw.push_blank(None);
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.pre > 0 {
            self.current.push_str(s);
            return;
        }
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }
}

/// Read an HTML page. Never fails: HTML is parsed leniently.
pub(crate) fn read_html(html: &str) -> RawText {
    let mut st = State {
        raw: RawText::default(),
        current: String::new(),
        hint: Hint::None,
        skipping: None,
        pre: 0,
    };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_lowercase();
                if let Some((skip, depth)) = st.skipping.as_mut() {
                    if *skip == name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                let chrome = ["class", "id", "role"].iter().any(|a| {
                    tag.attributes
                        .get(a.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).to_lowercase())
                        .is_some_and(|v| {
                            v.split(|c: char| !c.is_alphanumeric() && c != '-')
                                .any(|w| CHROME.contains(&w) || w == "navigation")
                        })
                });
                if (SKIP.contains(&name.as_str()) || chrome)
                    && !tag.self_closing
                    && !VOID.contains(&name.as_str())
                {
                    st.skipping = Some((name, 1));
                    continue;
                }
                match name.as_str() {
                    "br" => st.current.push('\n'),
                    "pre" => {
                        st.flush(true);
                        st.pre += 1;
                    }
                    n if BLOCK.contains(&n) => {
                        st.flush(true);
                        st.hint = match n {
                            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
                            "li" | "dt" => Hint::ListItem,
                            "p" => Hint::Paragraph,
                            _ => Hint::None,
                        };
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_lowercase();
                if let Some((skip, depth)) = st.skipping.as_mut() {
                    if *skip == name {
                        *depth -= 1;
                        if *depth == 0 {
                            st.skipping = None;
                        }
                    }
                    continue;
                }
                if name == "pre" {
                    st.pre = st.pre.saturating_sub(1);
                }
                if BLOCK.contains(&name.as_str()) {
                    st.flush(true);
                }
            }
            Token::String(s) if st.skipping.is_none() => {
                st.push_text(&String::from_utf8_lossy(&s));
            }
            _ => {}
        }
    }
    st.flush(true);
    st.raw.trim_trailing_blank_lines();
    st.raw
}

/// Whether bytes look like HTML (for files without a telling extension).
pub(crate) fn sniff(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(raw: &RawText) -> Vec<(&str, Hint)> {
        (0..raw.lines.len())
            .filter(|&i| !raw.line(i).is_empty())
            .map(|i| (raw.line(i), raw.lines[i].hint))
            .collect()
    }

    #[test]
    fn meeting_page_keeps_content_and_drops_chrome() {
        let html = r#"<!DOCTYPE html><html><head><title>Møte</title><style>p{}</style></head>
<body><nav><ul><li>Hjem</li><li>Politikk</li></ul></nav>
<div class="breadcrumb">Hjem &gt; Møter</div>
<script>var x = "<p>nei</p>";</script>
<main><h1>Uttalelse fra Bø kommune</h1>
<p>Kommunestyret i Bø kommune
   vedtok &laquo;Tid for taktskifte&raquo;.</p>
<ul><li>arbeidskraft</li><li>beredskap<br>og tryggleik</li></ul>
</main><footer>Kontakt oss</footer></body></html>"#;
        let raw = read_html(html);
        assert_eq!(
            lines(&raw),
            [
                ("Uttalelse fra Bø kommune", Hint::Heading),
                (
                    "Kommunestyret i Bø kommune vedtok «Tid for taktskifte».",
                    Hint::Paragraph
                ),
                ("arbeidskraft", Hint::ListItem),
                ("beredskap", Hint::ListItem),
                ("og tryggleik", Hint::None),
            ]
        );
    }

    #[test]
    fn sniffing() {
        assert!(sniff(b"  <!DOCTYPE html><p>x"));
        assert!(sniff(b"<HTML>"));
        assert!(!sniff("Kommunestyret i <Bø> kommune".as_bytes()));
    }
}
