//! Fonts of a PDF page: character codes to text and advance widths.
//!
//! A code is read through the font's `/ToUnicode` CMap where it has one (LibreOffice,
//! Chromium and Word embed font subsets whose codes mean nothing without it), else through
//! its `/Encoding` (WinAnsi, MacRoman, Standard, `/Differences` with glyph names). Simple
//! fonts take one byte a code, composite (`Type0`) fonts two. Widths come from `/Widths`
//! (simple), `/W` and `/DW` (composite), or, for the standard Type 1 fonts that PDFs may
//! use without widths, from their metrics ([`super::std14`]).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::std14;

/// Largest decompressed `/ToUnicode` stream (bytes).
const MAX_CMAP: usize = 4 << 20;

/// What one font needs for reading text.
pub(super) struct Font<'a> {
    /// Two bytes a code (composite font) or one.
    pub(super) two_byte: bool,
    /// Always [`Encoding::UnicodeMapEncoding`] (lopdf does not export the CMap type).
    to_unicode: Option<Encoding<'static>>,
    base: Option<Encoding<'a>>,
    /// Widths by code, in text space units per unit of font size (already scaled).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Standard-font metrics by character, when the font has no widths of its own.
    std: Option<&'static [(u32, u16)]>,
    /// `BaseFont` names a bold face.
    pub(super) bold: bool,
    /// Decoded codes: text and width.
    cache: HashMap<u32, (Box<str>, f32)>,
}

impl std::fmt::Debug for Font<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Font")
            .field("two_byte", &self.two_byte)
            .field("bold", &self.bold)
            .finish_non_exhaustive()
    }
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Vec<Object>> {
    dict.get(key)
        .ok()
        .and_then(|o| deref(doc, o).as_array().ok())
}

impl<'a> Font<'a> {
    /// Read a font dictionary. Never fails: what cannot be read falls back to defaults.
    pub(super) fn new(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let two_byte = subtype == b"Type0";
        let base_name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        // Subset fonts are named `ABCDEF+Name`.
        let name = base_name
            .split_once('+')
            .map_or(base_name.as_str(), |(_, n)| n);
        let lower = name.to_ascii_lowercase();
        let bold = lower.contains("bold") || lower.contains("black") || lower.contains("heavy");

        let to_unicode = dict.get(b"ToUnicode").ok().and_then(|tu| {
            let mut tmp = Dictionary::new();
            tmp.set("Type", Object::Name(b"Font".to_vec()));
            tmp.set("ToUnicode", tu.clone());
            match tmp.get_font_encoding_with_limit(doc, MAX_CMAP) {
                Ok(Encoding::UnicodeMapEncoding(cmap)) => Some(Encoding::UnicodeMapEncoding(cmap)),
                _ => None,
            }
        });
        let base = if two_byte {
            None
        } else {
            match dict.get_font_encoding_with_limit(doc, MAX_CMAP) {
                Ok(Encoding::UnicodeMapEncoding(_)) | Err(_) => None,
                Ok(e) => Some(e),
            }
        };

        let mut widths = HashMap::new();
        let default_width;
        let mut std = None;
        if two_byte {
            let descendant = array(doc, dict, b"DescendantFonts")
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).as_dict().ok());
            if let Some(cid) = descendant {
                default_width = cid
                    .get(b"DW")
                    .ok()
                    .and_then(|o| num(deref(doc, o)))
                    .unwrap_or(1000.0)
                    / 1000.0;
                if let Some(w) = array(doc, cid, b"W") {
                    read_w_array(doc, w, &mut widths);
                }
            } else {
                default_width = 1.0;
            }
        } else {
            // Type 3 glyph space is given by the font matrix; others are in 1/1000 em.
            let scale = if subtype == b"Type3" {
                array(doc, dict, b"FontMatrix")
                    .and_then(|m| m.first())
                    .and_then(num)
                    .unwrap_or(0.001)
            } else {
                0.001
            };
            let first = dict
                .get(b"FirstChar")
                .ok()
                .and_then(|o| num(deref(doc, o)))
                .unwrap_or(0.0) as u32;
            let missing = dict
                .get(b"FontDescriptor")
                .ok()
                .and_then(|o| deref(doc, o).as_dict().ok())
                .and_then(|d| d.get(b"MissingWidth").ok())
                .and_then(|o| num(deref(doc, o)));
            match array(doc, dict, b"Widths") {
                Some(w) => {
                    for (i, o) in w.iter().enumerate().take(256) {
                        if let (Some(v), Some(c)) =
                            (num(deref(doc, o)), first.checked_add(i as u32))
                        {
                            widths.insert(c, v * scale);
                        }
                    }
                    default_width = missing.map_or(0.5, |m| m * scale);
                }
                None => {
                    std = standard_metrics(&lower);
                    default_width = if lower.contains("courier") { 0.6 } else { 0.5 };
                }
            }
        }
        Font {
            two_byte,
            to_unicode,
            base,
            widths,
            default_width,
            std,
            bold,
            cache: HashMap::new(),
        }
    }

    /// The text and advance width (per unit of font size) of one code.
    pub(super) fn glyph(&mut self, code: u32) -> (&str, f32) {
        if !self.cache.contains_key(&code) {
            let text = self.decode(code);
            let width = match self.widths.get(&code) {
                Some(&w) => w,
                None => self
                    .std
                    .and_then(|table| {
                        let c = text.chars().next()? as u32;
                        let i = table.binary_search_by_key(&c, |&(k, _)| k).ok()?;
                        Some(f32::from(table[i].1) / 1000.0)
                    })
                    .unwrap_or(self.default_width),
            };
            self.cache.insert(code, (text.into_boxed_str(), width));
        }
        let (t, w) = &self.cache[&code];
        (t, *w)
    }

    fn decode(&self, code: u32) -> String {
        let len = if self.two_byte { 2 } else { 1 };
        if let Some(Encoding::UnicodeMapEncoding(cmap)) = &self.to_unicode
            && let Some(units) = cmap.get(code, len)
        {
            return String::from_utf16_lossy(&units);
        }
        if let Some(enc) = &self.base {
            let mut s = String::new();
            if enc.write_to_string(&[code as u8], &mut s).is_ok() && !s.is_empty() {
                return s;
            }
        }
        if !self.two_byte && self.to_unicode.is_none() && (32..127).contains(&code) {
            // No encoding that could be read: ASCII is the best guess.
            return char::from(code as u8).to_string();
        }
        '\u{FFFD}'.to_string()
    }
}

/// `/W` of a CIDFont: `c [w1 w2 …]` or `c_first c_last w`.
fn read_w_array(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    // A hostile array could name billions of codes; real fonts have at most 65,536.
    let mut budget = 1usize << 17;
    while i < w.len() && budget > 0 {
        let Some(first) = num(deref(doc, &w[i])) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate().take(budget) {
                    if let (Some(v), Some(c)) = (num(deref(doc, o)), first.checked_add(k as u32)) {
                        out.insert(c, v / 1000.0);
                    }
                }
                budget = budget.saturating_sub(list.len());
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| num(deref(doc, o)))
                    .unwrap_or(1000.0);
                let n = last.saturating_sub(first).saturating_add(1) as usize;
                for c in (first..=last).take(budget.min(n)) {
                    out.insert(c, v / 1000.0);
                }
                budget = budget.saturating_sub(n);
                i += 3;
            }
            None => break,
        }
    }
}

/// Metrics of a standard Type 1 font (or its usual substitutes) by its lower-case name.
fn standard_metrics(name: &str) -> Option<&'static [(u32, u16)]> {
    let bold = name.contains("bold");
    let italic = name.contains("italic") || name.contains("oblique");
    if name.contains("helvetica") || name.contains("arial") || name.contains("sans") {
        Some(if bold {
            std14::HELVETICA_BOLD
        } else {
            std14::HELVETICA
        })
    } else if name.contains("times") || name.contains("roman") || name.contains("serif") {
        Some(match (bold, italic) {
            (true, true) => std14::TIMES_BOLD_ITALIC,
            (true, false) => std14::TIMES_BOLD,
            (false, true) => std14::TIMES_ITALIC,
            (false, false) => std14::TIMES,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w_arrays_in_both_forms_and_at_the_end_of_the_code_range() {
        let doc = Document::new();
        let mut out = HashMap::new();
        let w = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(520), Object::Integer(480)]),
            Object::Integer(16),
            Object::Integer(18),
            Object::Integer(500),
            // Found by the pdf_fonts fuzz target: a first code at the top of u32.
            Object::Real(4.3e9),
            Object::Array(vec![Object::Integer(1), Object::Integer(2)]),
        ];
        read_w_array(&doc, &w, &mut out);
        assert_eq!(out[&1], 0.52);
        assert_eq!(out[&2], 0.48);
        assert_eq!(out[&17], 0.5);
        assert_eq!(out[&u32::MAX], 0.001);
        assert_eq!(out.len(), 6);
    }
}
