//! The rules' vocabulary, loaded once from the data files under
//! `dictionaries/vocab/` (embedded at build time).
//!
//! Every word list a rule uses is defined in exactly one of these files;
//! the files' headers say what each list is for and what may enter it.
//! To add a word, edit the file: no code changes.

use std::sync::LazyLock;

use crate::document::FurnitureSet;

/// Page furniture patterns.
pub const FURNITURE_TXT: &str = include_str!("../../../dictionaries/vocab/furniture.txt");

/// All vocabulary files, by name, in a fixed order (for fingerprints and
/// tests).
pub const FILES: &[(&str, &str)] = &[("furniture.txt", FURNITURE_TXT)];

/// The parsed vocabulary.
pub struct Vocab {
    /// Page furniture.
    pub(crate) furniture: FurnitureSet,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| Vocab::parse().unwrap_or_else(|e| panic!("{e}")));

impl Vocab {
    /// Parse the embedded files; an error names the file and line.
    pub fn parse() -> Result<Self, String> {
        Ok(Vocab {
            furniture: FurnitureSet::parse(FURNITURE_TXT)?,
        })
    }
}

/// The vocabulary, parsed on first use.
pub fn get() -> &'static Vocab {
    &VOCAB
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_file_parses() {
        super::Vocab::parse().unwrap();
    }
}
