use std::path::PathBuf;

/// Errors that stop an operation as a whole (reading reference texts, importing the
/// register, writing the store). A single bad input never gives one of these: it gives
/// an [`InputError`] in the ingest report instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written (the message names the path).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] innspill_model::Error),
    /// A CSV file (register, manifest) had a line that could not be understood.
    #[error("{path}: line {line}: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A register file was none of the known shapes.
    #[error(
        "{path}: unknown register format (header {header:?}; expected SSB Klass 131 with code/name, \
         SSB table 07459 with region and population, or kommunenummer,navn,fylkesnummer,fylke,folketall)"
    )]
    RegisterFormat {
        /// The file.
        path: PathBuf,
        /// The header line found.
        header: String,
    },
    /// No input path was given.
    #[error("no input given (expected one or more files or folders)")]
    NoInput,
}

/// Why one input could not be read. The `Display` text is the `reason` in the ingest
/// report, so every variant says specifically what is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The file has no bytes.
    #[error("empty file (0 bytes)")]
    Empty,
    /// The file has only whitespace.
    #[error("no text: the file holds only whitespace")]
    NoText,
    /// The file is larger than the configured limit.
    #[error("file is {size} bytes, over the size limit of {limit} bytes (setting max_file_size)")]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file could not be opened or read.
    #[error("cannot read file: {0}")]
    Unreadable(std::io::Error),
    /// The path is a symbolic link whose target does not exist.
    #[error("broken symbolic link (target {target:?} does not exist)")]
    BrokenLink {
        /// Where the link points.
        target: PathBuf,
    },
    /// The path is neither a file nor a folder (a socket, a device…).
    #[error("not a regular file")]
    NotAFile,
    /// A file named like text holds binary data.
    #[error("binary data, not text (NUL bytes or control characters)")]
    Binary,
    /// A UTF-8 file (with BOM) has an invalid byte sequence.
    #[error("invalid UTF-8 at byte {offset} after a UTF-8 byte order mark")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The format could not be told from the name or the content.
    #[error("unsupported format {ext:?} (expected pdf, docx, html or txt)")]
    Unsupported {
        /// The extension (or a description of the content).
        ext: String,
    },
    /// A PDF whose pages have no text layer, and no OCR engine to read their images.
    #[error(
        "PDF without a text layer ({pages} pages, no text): probably scanned; reading it needs OCR \
         by Tesseract with Norwegian data, which is not installed (Debian/Ubuntu: \
         `apt-get install tesseract-ocr tesseract-ocr-nor`), or give the text version"
    )]
    PdfNoText {
        /// Number of pages.
        pages: u32,
    },
    /// A PDF with neither text nor page images (text drawn as shapes, blank pages).
    #[error(
        "PDF without a text layer ({pages} pages): no text and no page images to read by OCR \
         (text drawn as outlines, or blank pages); give the text version"
    )]
    PdfNoTextNoImages {
        /// Number of pages.
        pages: u32,
    },
    /// A PDF of page images that OCR could not read.
    #[error("PDF without a text layer ({pages} pages): OCR could not read it ({detail})")]
    PdfOcrFailed {
        /// Number of pages.
        pages: u32,
        /// What went wrong, or how little was read.
        detail: String,
    },
    /// An encrypted PDF that cannot be opened without a password.
    #[error("encrypted PDF: cannot be read without its password ({detail})")]
    PdfEncrypted {
        /// What the PDF library said.
        detail: String,
    },
    /// A PDF that is truncated or damaged.
    #[error("truncated or corrupt PDF: {detail}")]
    PdfCorrupt {
        /// What the PDF library said.
        detail: String,
    },
    /// The PDF library panicked on the file.
    #[error("corrupt PDF: the PDF reader failed on it ({detail})")]
    PdfPanic {
        /// The panic message.
        detail: String,
    },
    /// A `.docx` that is not a zip archive.
    #[error("DOCX is not a zip archive ({detail})")]
    DocxNotZip {
        /// What the zip reader said.
        detail: String,
    },
    /// A `.docx` zip without `word/document.xml`.
    #[error("DOCX has no word/document.xml (not a Word document)")]
    DocxNoDocument,
    /// A `.docx` whose document part inflates beyond the limit.
    #[error(
        "DOCX looks like a zip bomb: word/document.xml inflates to more than {limit} bytes \
         ({compressed} bytes compressed)"
    )]
    DocxZipBomb {
        /// Compressed size of the part.
        compressed: u64,
        /// The limit it exceeded.
        limit: u64,
    },
    /// The XML of a `.docx` is broken.
    #[error("DOCX word/document.xml is not well-formed XML: {detail}")]
    DocxXml {
        /// What the XML reader said.
        detail: String,
    },
    /// Text was extracted but none of it is words.
    #[error("no text found in the {format} file")]
    NoTextIn {
        /// The format.
        format: &'static str,
    },
}
