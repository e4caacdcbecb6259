//! A page's content stream to positioned glyphs.
//!
//! The text operators are interpreted as the PDF specification (ISO 32000-1, 9.4) lays
//! them out: the graphics state's matrix (`cm`, `q`, `Q`), the text and line matrices
//! (`Tm`, `Td`, `TD`, `T*`), character and word spacing, horizontal scaling, rise and
//! leading (`Tc`, `Tw`, `Tz`, `Ts`, `TL`), and every shown code advanced by its font's
//! width (`Tj`, `TJ` with its adjustments, `'`, `"`). Form XObjects are followed (`Do`,
//! with their own matrix and resources); image XObjects are noted for OCR. Each glyph
//! keeps its text, its extent along the line and its baseline, in page space, so that
//! words, lines and columns can be found by geometry whatever order or chunks the
//! producer wrote them in.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId, content::Content};

use super::font::Font;

/// Most glyphs read from one page; more is a damaged or hostile file.
const MAX_GLYPHS: usize = 1 << 20;
/// How deep Form XObjects may nest.
const MAX_FORM_DEPTH: usize = 8;
/// Largest decompressed content of one page or form (bytes).
pub(super) const MAX_CONTENT: usize = 64 << 20;

/// An affine matrix `[a b c d e f]`, row-vector convention as in PDF.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix(pub(super) [f32; 6]);

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`: first `self`, then `other`.
    pub(super) fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub(super) fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(o: &[Object]) -> Option<Matrix> {
        if o.len() != 6 {
            return None;
        }
        let mut m = [0.0f32; 6];
        for (k, v) in o.iter().enumerate() {
            m[k] = num(v)?;
        }
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

pub(super) fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// One shown glyph (or the text a code maps to, which may be several characters).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Glyph {
    /// Byte range of its text in [`PageContent::text`].
    pub(super) start: u32,
    pub(super) end: u32,
    /// Extent along the text direction and the baseline across it (page space, points).
    /// For upright text, `u` is x and `v` is y (growing upwards).
    pub(super) u0: f32,
    pub(super) u1: f32,
    pub(super) v: f32,
    /// Font size in page space (points).
    pub(super) size: f32,
    /// Extra space after each glyph from the character spacing (`Tc`), in page space:
    /// letter-spaced text widens every gap by it, so a word space is measured on top.
    pub(super) spacing: f32,
    /// Direction in quarter turns counter-clockwise: 0 is upright.
    pub(super) dir: u8,
    /// A space character (a word break whatever the geometry says).
    pub(super) space: bool,
    /// From a bold font.
    pub(super) bold: bool,
    /// Inside marked content tagged `/Artifact` (headers, footers, page numbers in tagged
    /// PDFs).
    pub(super) artifact: bool,
}

/// An image drawn on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ImageUse {
    pub(super) id: ObjectId,
    /// The image's box on the page: `[x0, y0, x1, y1]`.
    pub(super) bbox: [f32; 4],
}

/// What the content of one page shows.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    pub(super) text: String,
    pub(super) glyphs: Vec<Glyph>,
    pub(super) images: Vec<ImageUse>,
}

impl PageContent {
    pub(super) fn glyph_text(&self, g: &Glyph) -> &str {
        &self.text[g.start as usize..g.end as usize]
    }
}

/// Fonts shared by the pages of one document (LibreOffice and Word reuse font objects).
#[derive(Debug, Default)]
pub(super) struct Fonts<'a> {
    by_id: HashMap<ObjectId, Font<'a>>,
}

/// Resource dictionaries to look names up in: the nearest first.
#[derive(Debug, Clone, Default)]
struct Resources<'a> {
    dicts: Vec<&'a Dictionary>,
}

impl<'a> Resources<'a> {
    fn for_page(doc: &'a Document, page: ObjectId) -> Resources<'a> {
        let mut dicts = Vec::new();
        if let Ok((direct, ids)) = doc.get_page_resources(page) {
            dicts.extend(direct);
            dicts.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
        }
        Resources { dicts }
    }

    /// The entry `name` of the resource category `kind` (`Font`, `XObject`).
    fn get(&self, doc: &'a Document, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        self.dicts.iter().find_map(|d| {
            let cat = d.get(kind).ok()?;
            let cat = doc.dereference(cat).ok()?.1.as_dict().ok()?;
            cat.get(name).ok()
        })
    }
}

/// The text state (ISO 32000-1, 9.3).
#[derive(Debug, Clone, Copy)]
struct TextState {
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    size: f32,
    font: Option<FontKey>,
}

/// Which font: a shared object or a direct dictionary of some resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    /// A font written directly into a resource dictionary (rare): by its address.
    Direct(usize),
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            size: 0.0,
            font: None,
        }
    }
}

struct Interpreter<'a, 'f> {
    doc: &'a Document,
    fonts: &'f mut Fonts<'a>,
    direct_fonts: HashMap<usize, Font<'a>>,
    out: PageContent,
    /// Marked-content stack: whether each level is an artifact.
    marked: Vec<bool>,
    forms_seen: Vec<ObjectId>,
}

/// Read one page's glyphs and images.
pub(super) fn read_page<'a>(
    doc: &'a Document,
    page: ObjectId,
    fonts: &mut Fonts<'a>,
) -> Result<PageContent, String> {
    let data = doc
        .get_page_content_with_limit(page, MAX_CONTENT)
        .map_err(|e| e.to_string())?;
    let resources = Resources::for_page(doc, page);
    let mut it = Interpreter {
        doc,
        fonts,
        direct_fonts: HashMap::new(),
        out: PageContent::default(),
        marked: Vec::new(),
        forms_seen: Vec::new(),
    };
    it.run(&data, &resources, Matrix::IDENTITY, 0)?;
    Ok(it.out)
}

impl<'a> Interpreter<'a, '_> {
    fn run(
        &mut self,
        data: &[u8],
        resources: &Resources<'a>,
        ctm0: Matrix,
        depth: usize,
    ) -> Result<(), String> {
        let content = Content::decode(data).map_err(|e| e.to_string())?;
        let mut ctm = ctm0;
        let mut stack: Vec<(Matrix, TextState)> = Vec::new();
        let mut ts = TextState::default();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in &content.operations {
            let o = &op.operands;
            let n0 = || o.first().and_then(num);
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push((ctm, ts)),
                "Q" => {
                    if let Some((m, t)) = stack.pop() {
                        ctm = m;
                        ts = t;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        ctm = m.then(ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = tm;
                }
                "Tc" => ts.char_spacing = n0().unwrap_or(0.0),
                "Tw" => ts.word_spacing = n0().unwrap_or(0.0),
                "Tz" => ts.scale = n0().unwrap_or(100.0) / 100.0,
                "TL" => ts.leading = n0().unwrap_or(0.0),
                "Ts" => ts.rise = n0().unwrap_or(0.0),
                "Tf" => {
                    ts.font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| self.font_key(resources, n));
                    ts.size = o.get(1).and_then(num).unwrap_or(0.0);
                }
                "Td" | "TD" => {
                    let tx = n0().unwrap_or(0.0);
                    let ty = o.get(1).and_then(num).unwrap_or(0.0);
                    if op.operator == "TD" {
                        ts.leading = -ty;
                    }
                    tlm = Matrix::translate(tx, ty).then(tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -ts.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    if op.operator == "\"" {
                        ts.word_spacing = n0().unwrap_or(ts.word_spacing);
                        ts.char_spacing = o.get(1).and_then(num).unwrap_or(ts.char_spacing);
                    }
                    if matches!(op.operator.as_str(), "'" | "\"") {
                        tlm = Matrix::translate(0.0, -ts.leading).then(tlm);
                        tm = tlm;
                    }
                    let shown: &[Object] = match op.operator.as_str() {
                        "\"" => o.get(2..).unwrap_or(&[]),
                        _ => o,
                    };
                    for obj in shown {
                        match obj {
                            Object::String(bytes, _) => {
                                self.show(bytes, &ts, &mut tm, ctm);
                            }
                            Object::Array(items) => {
                                for item in items {
                                    match item {
                                        Object::String(bytes, _) => {
                                            self.show(bytes, &ts, &mut tm, ctm);
                                        }
                                        other => {
                                            if let Some(k) = num(other) {
                                                let tx = -k / 1000.0 * ts.size * ts.scale;
                                                tm = Matrix::translate(tx, 0.0).then(tm);
                                            }
                                        }
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "BMC" | "BDC" => {
                    let artifact = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .is_some_and(|n| n == b"Artifact");
                    if self.marked.len() < 256 {
                        self.marked.push(artifact);
                    }
                }
                "EMC" => {
                    self.marked.pop();
                }
                "Do" => {
                    if let Some(name) = o.first().and_then(|n| n.as_name().ok()) {
                        self.xobject(resources, name, ctm, depth);
                    }
                }
                _ => {}
            }
            if self.out.glyphs.len() > MAX_GLYPHS {
                return Err(format!("more than {MAX_GLYPHS} glyphs on one page"));
            }
        }
        Ok(())
    }

    fn font_key(&mut self, resources: &Resources<'a>, name: &[u8]) -> Option<FontKey> {
        let obj = resources.get(self.doc, b"Font", name)?;
        match obj {
            Object::Reference(id) => {
                if !self.fonts.by_id.contains_key(id) {
                    let dict = self.doc.get_dictionary(*id).ok()?;
                    self.fonts.by_id.insert(*id, Font::new(self.doc, dict));
                }
                Some(FontKey::Object(*id))
            }
            Object::Dictionary(dict) => {
                let key = dict as *const Dictionary as usize;
                self.direct_fonts
                    .entry(key)
                    .or_insert_with(|| Font::new(self.doc, dict));
                Some(FontKey::Direct(key))
            }
            _ => None,
        }
    }

    fn xobject(&mut self, resources: &Resources<'a>, name: &[u8], ctm: Matrix, depth: usize) {
        let doc = self.doc;
        let Some(Object::Reference(id)) = resources.get(doc, b"XObject", name) else {
            return;
        };
        let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                let corners =
                    [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| ctm.apply(x, y));
                let xs = corners.map(|c| c.0);
                let ys = corners.map(|c| c.1);
                let min = |v: [f32; 4]| v.iter().copied().fold(f32::INFINITY, f32::min);
                let max = |v: [f32; 4]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                if self.out.images.len() < 4096 {
                    self.out.images.push(ImageUse {
                        id: *id,
                        bbox: [min(xs), min(ys), max(xs), max(ys)],
                    });
                }
            }
            Ok(b"Form") => {
                if depth >= MAX_FORM_DEPTH || self.forms_seen.contains(id) {
                    return;
                }
                let Ok(data) = stream
                    .decompressed_content_with_limit(MAX_CONTENT)
                    .or_else(|_| {
                        // Uncompressed streams have nothing to decompress.
                        if stream.dict.has(b"Filter") {
                            Err(())
                        } else {
                            Ok(stream.content.clone())
                        }
                    })
                else {
                    return;
                };
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| m.as_array().ok())
                    .and_then(|m| Matrix::from_operands(m))
                    .unwrap_or(Matrix::IDENTITY);
                let mut inner = resources.clone();
                if let Some(own) = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| doc.dereference(r).ok())
                    .and_then(|(_, r)| r.as_dict().ok())
                {
                    inner.dicts.insert(0, own);
                }
                self.forms_seen.push(*id);
                // A damaged form loses its own text, not the page's.
                let _ = self.run(&data, &inner, matrix.then(ctm), depth + 1);
                self.forms_seen.pop();
            }
            _ => {}
        }
    }

    fn show(&mut self, bytes: &[u8], ts: &TextState, tm: &mut Matrix, ctm: Matrix) {
        let Some(key) = ts.font else { return };
        let font = match key {
            FontKey::Object(id) => self.fonts.by_id.get_mut(&id),
            FontKey::Direct(k) => self.direct_fonts.get_mut(&k),
        };
        let Some(font) = font else { return };
        let artifact = self.marked.iter().any(|&a| a);
        let step = if font.two_byte { 2 } else { 1 };
        let bold = font.bold;
        for chunk in bytes.chunks(step) {
            let code = chunk.iter().fold(0u32, |c, &b| (c << 8) | u32::from(b));
            let (text, w0) = font.glyph(code);
            // A glyph its font maps to nothing is kept as a soft hyphen: at a line end it
            // is the hyphen of a split word (Word's optional hyphen), elsewhere the
            // layout drops it.
            let text = if text.is_empty() && w0 > 0.0 {
                "\u{AD}"
            } else {
                text
            };
            let space = text == " " || text == "\u{A0}";
            let single_space = step == 1 && code == 32;
            let m = tm.then(ctm);
            let (x0, y0) = m.apply(0.0, ts.rise);
            let advance_glyph = w0 * ts.size * ts.scale;
            let (x1, y1) = m.apply(advance_glyph, ts.rise);
            // Size across the baseline, in page space.
            let (cx, cy) = (m.0[2], m.0[3]);
            let size = (cx * cx + cy * cy).sqrt() * ts.size.abs();
            let spacing = (ts.char_spacing * ts.scale).max(0.0) * m.0[0].hypot(m.0[1]);
            let (dx, dy) = (x1 - x0, y1 - y0);
            let (dir, u0, u1, v) = if dx.abs() >= dy.abs() {
                if dx >= 0.0 {
                    (0, x0, x1, y0)
                } else {
                    (2, -x0, -x1, -y0)
                }
            } else if dy >= 0.0 {
                (1, y0, y1, -x0)
            } else {
                (3, -y0, -y1, x0)
            };
            if !text.is_empty() && size.is_finite() && u0.is_finite() && v.is_finite() {
                let start = self.out.text.len() as u32;
                self.out.text.push_str(text);
                self.out.glyphs.push(Glyph {
                    start,
                    end: self.out.text.len() as u32,
                    u0,
                    u1: u1.max(u0),
                    v,
                    size,
                    spacing: if spacing.is_finite() { spacing } else { 0.0 },
                    dir,
                    space,
                    bold,
                    artifact,
                });
            }
            let tx =
                (w0 * ts.size + ts.char_spacing + if single_space { ts.word_spacing } else { 0.0 })
                    * ts.scale;
            *tm = Matrix::translate(tx, 0.0).then(*tm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 5.0);
        // First scale, then shift.
        assert_eq!(scale.then(shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(scale).apply(1.0, 1.0), (22.0, 12.0));
    }
}
