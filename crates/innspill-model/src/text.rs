/// Converts byte offsets of a text into character offsets (Unicode scalar values).
///
/// The analyser works in byte offsets (cheap slicing); documents and tags store
/// character offsets (stable across languages and tools). Building the index is O(n) once;
/// each lookup is a binary search.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `(byte start, char offset, byte length)` of every multi-byte character. Between
    /// two of them every character is one byte, so offsets follow by subtraction.
    wide: Vec<(usize, usize, usize)>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharIndex {
    /// Index `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut chars = 0usize;
        for (b, c) in text.char_indices() {
            if c.len_utf8() > 1 {
                wide.push((b, chars, c.len_utf8()));
            }
            chars += 1;
        }
        CharIndex {
            wide,
            len_bytes: text.len(),
            len_chars: chars,
        }
    }

    /// The character offset of byte offset `byte`. A byte offset inside a character maps
    /// to that character's start; one past the end maps to the number of characters.
    pub fn char_offset(&self, byte: usize) -> usize {
        if byte >= self.len_bytes {
            return self.len_chars;
        }
        let i = self.wide.partition_point(|&(b, _, _)| b <= byte);
        if i == 0 {
            return byte;
        }
        let (b, c, len) = self.wide[i - 1];
        if byte < b + len {
            c
        } else {
            c + 1 + (byte - (b + len))
        }
    }

    /// Number of characters in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices_everywhere() {
        for text in [
            "",
            "abc",
            "Røst kommune – «KS’»",
            "æøå",
            "a\u{00AD}b",
            "😀x😀",
        ] {
            let idx = CharIndex::new(text);
            for (ci, (b, _)) in text.char_indices().enumerate() {
                assert_eq!(idx.char_offset(b), ci, "text {text:?} byte {b}");
            }
            assert_eq!(idx.char_offset(text.len()), text.chars().count());
        }
    }

    #[test]
    fn inside_a_char_maps_to_its_start() {
        let text = "aøb";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_offset(2), 1);
        assert_eq!(idx.char_offset(3), 2);
    }
}
