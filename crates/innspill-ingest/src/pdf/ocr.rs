//! OCR of page images with Tesseract, when it is installed with Norwegian data.
//!
//! The images are taken from the PDF as they are (no renderer): a JPEG (`DCTDecode`) is
//! handed over as it is, an 8-bit grey or RGB image or a 1-bit one (`FlateDecode` or
//! none) is written as a PNM file. `tesseract IMAGE stdout -l nor --dpi N tsv` gives
//! every word with its box and confidence; the words become lines in page space, so the
//! layout rules for text PDFs (paragraphs from spacing, running headers and page numbers)
//! apply to scans too.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lopdf::{Document, Object};

use super::content::ImageUse;
use super::page::PageLine;

/// The Tesseract to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tesseract {
    program: PathBuf,
    /// `tesseract --version`'s first line (`tesseract 5.3.0`).
    pub(crate) version: String,
}

/// Longest time one page may take.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);
/// Largest image handed to OCR (pixels).
const MAX_PIXELS: u64 = 80_000_000;

impl Tesseract {
    /// `tesseract` on PATH with the Norwegian data (`nor`), if there is one.
    pub(crate) fn find() -> Option<Tesseract> {
        Tesseract::at(Path::new("tesseract"))
    }

    /// The Tesseract at `program`, if it runs and has the Norwegian data.
    pub(crate) fn at(program: &Path) -> Option<Tesseract> {
        let langs = Command::new(program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .ok()?;
        let list = String::from_utf8_lossy(&langs.stdout);
        if !list.lines().any(|l| l.trim() == "nor") {
            return None;
        }
        let version = Command::new(program)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .ok()
            .map(|o| {
                let all = [o.stdout, o.stderr].concat();
                String::from_utf8_lossy(&all)
                    .lines()
                    .next()
                    .unwrap_or("tesseract")
                    .trim()
                    .to_string()
            })
            .unwrap_or_else(|| "tesseract".to_string());
        Some(Tesseract {
            program: program.to_path_buf(),
            version,
        })
    }

    /// OCR one page image: its lines in page space, each with its mean word confidence
    /// (0–1).
    pub(super) fn page(&self, doc: &Document, image: &ImageUse) -> Result<Vec<PageLine>, String> {
        let (file, width, height) = write_image(doc, image)?;
        let _cleanup = Remove(file.clone());
        let points_wide = (image.bbox[2] - image.bbox[0]).max(1.0);
        let dpi = ((width as f32 / (points_wide / 72.0)).round() as u32).clamp(70, 1200);
        let mut child = Command::new(&self.program)
            .arg(&file)
            .arg("stdout")
            .args(["-l", "nor", "--psm", "3", "--dpi"])
            .arg(dpi.to_string())
            .arg("tsv")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.program.display()))?;
        let mut stdout = child.stdout.take().ok_or("no output from tesseract")?;
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
            s
        });
        let start = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if start.elapsed() > PAGE_TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "tesseract took more than {} s on a page",
                        PAGE_TIMEOUT.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(e.to_string()),
            }
        }
        let tsv = reader.join().map_err(|_| "tesseract output lost")?;
        Ok(lines_from_tsv(&tsv, image, width, height))
    }
}

/// Removes a file when dropped.
struct Remove(PathBuf);

impl Drop for Remove {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_path(ext: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("innspill-ocr-{}-{n}.{ext}", std::process::id()))
}

/// Write the image to a temporary file Tesseract reads: `(path, width, height)`.
fn write_image(doc: &Document, image: &ImageUse) -> Result<(PathBuf, u32, u32), String> {
    let stream = doc
        .get_object(image.id)
        .and_then(Object::as_stream)
        .map_err(|e| e.to_string())?;
    let d = &stream.dict;
    let int = |k: &[u8]| d.get(k).ok().and_then(|o| o.as_i64().ok()).unwrap_or(0);
    let (w, h) = (int(b"Width").max(0) as u32, int(b"Height").max(0) as u32);
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!("page image of {w}×{h} pixels"));
    }
    let filters: Vec<Vec<u8>> = match d.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    if filters.last().is_some_and(|f| f == b"DCTDecode") {
        if filters.len() > 1 {
            return Err("a JPEG page image behind another filter".to_string());
        }
        let path = temp_path("jpg");
        std::fs::write(&path, &stream.content).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok((path, w, h));
    }
    if let Some(f) = filters.iter().find(|f| f.as_slice() != b"FlateDecode") {
        return Err(format!(
            "page images in {} (OCR here reads JPEG, Flate and uncompressed images)",
            String::from_utf8_lossy(f)
        ));
    }
    let data = if filters.is_empty() {
        stream.content.clone()
    } else {
        stream
            .decompressed_content_with_limit(MAX_PIXELS as usize * 3)
            .map_err(|e| e.to_string())?
    };
    let bpc = int(b"BitsPerComponent");
    let comps = match d.get(b"ColorSpace").and_then(Object::as_name) {
        Ok(b"DeviceRGB") => 3,
        Ok(b"DeviceGray") | Err(_) => 1,
        Ok(other) => {
            return Err(format!(
                "page images in colour space {}",
                String::from_utf8_lossy(other)
            ));
        }
    };
    let (magic, row_bytes) = match (bpc, comps) {
        (8, 1) => ("P5", w as usize),
        (8, 3) => ("P6", w as usize * 3),
        (1, 1) => ("P4", (w as usize).div_ceil(8)),
        _ => return Err(format!("page images of {bpc} bits and {comps} components")),
    };
    let need = row_bytes * h as usize;
    if data.len() < need {
        return Err(format!(
            "page image data is short ({} of {need} bytes)",
            data.len()
        ));
    }
    let mut out = format!("{magic}\n{w} {h}\n").into_bytes();
    if magic != "P4" {
        out.extend_from_slice(b"255\n");
    }
    // PBM's 1 is black, PDF's DeviceGray 1 is white.
    if magic == "P4" {
        out.extend(data[..need].iter().map(|b| !b));
    } else {
        out.extend_from_slice(&data[..need]);
    }
    let path = temp_path("pnm");
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((path, w, h))
}

/// Tesseract's TSV words to lines in page space.
pub(super) fn lines_from_tsv(
    tsv: &str,
    image: &ImageUse,
    width: u32,
    height: u32,
) -> Vec<PageLine> {
    let sx = (image.bbox[2] - image.bbox[0]) / width.max(1) as f32;
    let sy = (image.bbox[3] - image.bbox[1]) / height.max(1) as f32;
    // (block, paragraph, line) → words with boxes and confidences.
    type Word = (String, [f32; 4], f32);
    let mut lines: Vec<((u32, u32, u32), Vec<Word>)> = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<f32>().ok();
        let (Some(left), Some(top), Some(w), Some(h), Some(conf)) = (n(6), n(7), n(8), n(9), n(10))
        else {
            continue;
        };
        let text = f[11..].join("\t");
        let text = text.trim();
        if text.is_empty() || conf < 0.0 {
            continue;
        }
        let key = (
            f[2].parse().unwrap_or(0),
            f[3].parse().unwrap_or(0),
            f[4].parse().unwrap_or(0),
        );
        let word = (
            text.to_string(),
            [left, top, left + w, top + h],
            conf.clamp(0.0, 100.0) / 100.0,
        );
        match lines.last_mut() {
            Some((k, words)) if *k == key => words.push(word),
            _ => lines.push((key, vec![word])),
        }
    }
    lines
        .into_iter()
        .map(|(_, words)| {
            let left = words.iter().map(|w| w.1[0]).fold(f32::INFINITY, f32::min);
            let right = words
                .iter()
                .map(|w| w.1[2])
                .fold(f32::NEG_INFINITY, f32::max);
            let bottom = words
                .iter()
                .map(|w| w.1[3])
                .fold(f32::NEG_INFINITY, f32::max);
            let mut heights: Vec<f32> = words.iter().map(|w| w.1[3] - w.1[1]).collect();
            heights.sort_by(f32::total_cmp);
            let height = heights[heights.len() / 2];
            let conf = words.iter().map(|w| w.2).sum::<f32>() / words.len() as f32;
            let text = words
                .iter()
                .map(|w| w.0.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let x0 = image.bbox[0] + left * sx;
            let x1 = image.bbox[0] + right * sx;
            PageLine {
                text,
                x0,
                x1,
                y: image.bbox[3] - bottom * sy,
                // The height of a word's box is about 0.7 em.
                size: (height * sy / 0.7).max(1.0),
                bold: false,
                column: [x0, x1],
                block: 0,
                cell: false,
                artifact: false,
                rotated: false,
                confidence: Some(conf),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const IMAGE: ImageUse = ImageUse {
        id: (1, 0),
        bbox: [0.0, 0.0, 595.0, 842.0],
    };

    #[test]
    fn tesseract_words_become_lines_in_page_space() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n\
            5\t1\t1\t1\t1\t1\t376\t161\t212\t32\t92.2\tMosestrand\n\
            5\t1\t1\t1\t1\t2\t602\t161\t179\t32\t93.3\tkommune\n\
            5\t1\t1\t1\t2\t1\t376\t240\t100\t40\t80.0\tInnspel\n";
        let lines = lines_from_tsv(tsv, &IMAGE, 2480, 3508);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "Mosestrand kommune");
        assert!((lines[0].confidence.unwrap() - 0.9275).abs() < 1e-4);
        // 376 px of 2480 across 595 pt; the first line above the second.
        assert!((lines[0].x0 - 376.0 * 595.0 / 2480.0).abs() < 0.01);
        assert!(lines[0].y > lines[1].y);
    }

    proptest! {
        #[test]
        fn any_tsv_gives_finite_lines(tsv in "(([0-9-]{0,3}|[a-zæøå ]{0,6})[\t\n]){0,60}") {
            for l in lines_from_tsv(&tsv, &IMAGE, 100, 100) {
                prop_assert!(l.x0.is_finite() && l.x1.is_finite() && l.y.is_finite());
                prop_assert!(!l.text.is_empty());
                prop_assert!(l.confidence.is_some_and(|c| (0.0..=1.0).contains(&c)));
            }
        }
    }
}
