//! Reading the xz-compressed tar archives of `../shared/data/nlp` (the Norwegian
//! Dependency Treebank): shared by the gates (`tests/gates_words.rs`) and the lexicon's
//! build script (`examples/build_lemmas.rs`), each of which includes this file as a
//! module.

use std::io::BufReader;
use std::path::Path;

/// The decompressed bytes of the xz file at `path` (panics naming it when it cannot).
pub(crate) fn read_xz(path: &Path) -> Vec<u8> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    lzma_rs::xz_decompress(&mut BufReader::new(file), &mut out)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    out
}

/// The files of a tar archive: (name, contents). 512-byte headers (name at 0, octal size
/// at 124), data padded to 512 bytes; an all-zero header ends it.
pub(crate) fn tar_files(tar: &[u8]) -> Vec<(String, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 512 <= tar.len() {
        let header = &tar[at..at + 512];
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let name = String::from_utf8_lossy(&header[..100])
            .trim_end_matches('\0')
            .to_string();
        let size_field = String::from_utf8_lossy(&header[124..136]);
        let size =
            usize::from_str_radix(size_field.trim_matches(|c: char| c == '\0' || c == ' '), 8)
                .unwrap_or(0);
        out.push((name, &tar[at + 512..(at + 512 + size).min(tar.len())]));
        at += 512 + size.div_ceil(512) * 512;
    }
    out
}
