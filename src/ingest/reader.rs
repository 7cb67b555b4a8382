//! Readers: turning a file of some format into its text.
//!
//! | reader         | handles | rejects (as [`Error::BadFile`]) |
//! |----------------|---------|---------------------------------|
//! | [`TextReader`] | `.txt`  | unreadable, binary (NUL byte), invalid UTF-8 |
//!
//! Why a trait: .docx, .pdf and .html arrive later; each becomes one more `Reader` in
//! [`readers`], and discovery, metadata and segmentation stay as they are. The text is returned
//! byte for byte (a byte-order mark included), so unit offsets are offsets in the file.

use crate::error::{Error, Result};
use std::path::Path;

/// Reads one file format into text.
pub trait Reader: Send + Sync {
    /// Whether this reader reads `path` (judged by its name, without opening it).
    fn handles(&self, path: &Path) -> bool;
    /// The text of `path`, or [`Error::BadFile`] saying why it cannot be had.
    fn read(&self, path: &Path) -> Result<String>;
}

/// Plain UTF-8 text files (`.txt`).
#[derive(Debug, Default, Clone, Copy)]
pub struct TextReader;

impl Reader for TextReader {
    fn handles(&self, path: &Path) -> bool {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
    }

    fn read(&self, path: &Path) -> Result<String> {
        let bad = |reason: String| Error::BadFile {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot be read: {e}")))?;
        if let Some(at) = memchr_nul(&bytes) {
            return Err(bad(format!("binary file (NUL byte at offset {at})")));
        }
        String::from_utf8(bytes).map_err(|e| {
            bad(format!(
                "not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Every reader sabiqa knows, in the order they are asked.
pub fn readers() -> &'static [&'static dyn Reader] {
    &[&TextReader]
}

/// The reader for `path`, if any reader handles it.
pub fn reader_for(path: &Path) -> Option<&'static dyn Reader> {
    readers().iter().copied().find(|r| r.handles(path))
}
