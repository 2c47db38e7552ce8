//! The IPADIC system dictionary, compiled at build time from the vendored
//! mecab-ipadic 2.7.0 sources (see `dictionaries/ipadic/README.md`) and
//! embedded in the binary.
//!
//! Loading takes about a millisecond: the tables are used in place.
//!
//! The dictionary is distributed under the NAIST/ICOT licence reproduced in
//! [`NOTICE`]; any binary that embeds it must ship that notice.

#![deny(missing_docs)]

mod embedded {
    #![allow(missing_docs)]
    lindera_dictionary::embedded_dictionary!("/ipadic", IpadicLoader);
}

pub use lindera_dictionary::LinderaResult;
pub use lindera_dictionary::dictionary::Dictionary;

/// The licence notice that must accompany every copy of the dictionary.
pub const NOTICE: &str = include_str!("../../../dictionaries/ipadic/NOTICE");

/// The metadata the dictionary was built with (also used to build user
/// dictionaries against the same schema).
pub const SOURCE_METADATA: &[u8] = include_bytes!("../../../dictionaries/ipadic/metadata.json");

/// Load the embedded IPADIC dictionary.
pub fn load() -> LinderaResult<Dictionary> {
    embedded::load()
}

#[cfg(test)]
mod tests {
    #[test]
    fn loads_and_has_entries() {
        let dict = super::load().expect("embedded dictionary loads");
        assert_eq!(dict.metadata.name, "ipadic");
        assert!(super::NOTICE.contains("NO WARRANTY") || super::NOTICE.contains("WARRANTY"));
    }
}
