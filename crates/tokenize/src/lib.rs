//! Split normalized text into tokens with IPADIC and jplan's domain user
//! dictionary (`dictionaries/user/`).
//!
//! [`Tokenizer`] is built once (the dictionary is embedded, loading takes
//! about a millisecond; the user dictionary is compiled from its CSV at
//! start-up) and shared by all threads: it is `Send + Sync`, and
//! [`Tokenizer::tokenize`] takes `&self`. lindera's types stay inside this
//! crate, so a lindera upgrade touches nothing else.
//!
//! ```no_run
//! let t = jplan_tokenize::Tokenizer::new().unwrap();
//! let words: Vec<_> = t.tokenize("重点推進事業の推進").into_iter().map(|t| t.surface).collect();
//! assert_eq!(words[0], "重点推進事業");
//! ```

#![deny(missing_docs)]

use std::fmt;

use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

/// The domain vocabulary, in lindera's simple `surface,pos,reading` form.
pub const DOMAIN_CSV: &str = include_str!("../../../dictionaries/user/jplan.csv");
/// Municipality names and kana stems, in full IPADIC form.
pub const MUNICIPALITIES_CSV: &str = include_str!("../../../dictionaries/user/municipalities.csv");

/// A token of the analysed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The surface form.
    pub surface: String,
    /// Part of speech, coarse to fine, comma-joined (`名詞,固有名詞,地域,一般`).
    pub pos: String,
    /// The base (dictionary) form; `None` for unknown words and simple
    /// user-dictionary rows.
    pub base_form: Option<String>,
    /// The reading in katakana (IPADIC's 読み, the user dictionary's
    /// reading); `None` for unknown words.
    pub reading: Option<String>,
    /// Byte offset of the token in the analysed text.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

/// Why the tokenizer could not be built.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// IPADIC plus a user dictionary; build once, share everywhere.
pub struct Tokenizer {
    segmenter: Segmenter,
    user_dictionary_hash: String,
}

impl Tokenizer {
    /// IPADIC with the built-in user dictionary.
    pub fn new() -> Result<Self, Error> {
        let csv = format!("{DOMAIN_CSV}{MUNICIPALITIES_CSV}");
        Self::with_user_csv(&csv)
    }

    /// IPADIC alone, without any user dictionary (to compare against).
    pub fn ipadic_only() -> Result<Self, Error> {
        let dictionary = jplan_ipadic::load().map_err(|e| Error(format!("IPADIC: {e}")))?;
        Ok(Tokenizer {
            segmenter: Segmenter::new(Mode::Normal, dictionary, None),
            user_dictionary_hash: String::new(),
        })
    }

    /// IPADIC with the user dictionary given as CSV (simple 3-column rows,
    /// full 13-column IPADIC rows, or a mix).
    pub fn with_user_csv(csv: &str) -> Result<Self, Error> {
        let dictionary = jplan_ipadic::load().map_err(|e| Error(format!("IPADIC: {e}")))?;
        let metadata = Metadata::load(jplan_ipadic::SOURCE_METADATA)
            .map_err(|e| Error(format!("IPADIC metadata: {e}")))?;
        let user = DictionaryBuilder::new(metadata)
            .build_user_dict_from_reader(csv.as_bytes())
            .map_err(|e| Error(format!("user dictionary: {e}")))?;
        Ok(Tokenizer {
            segmenter: Segmenter::new(Mode::Normal, dictionary, Some(user)),
            user_dictionary_hash: fnv1a_hex(csv.as_bytes()),
        })
    }

    /// A stable hash of the user dictionary's CSV, for cache keys.
    pub fn user_dictionary_hash(&self) -> &str {
        &self.user_dictionary_hash
    }

    /// Tokenize `text`. Whitespace is skipped; on an internal error of the
    /// analyser the result is empty rather than a panic.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let Ok(tokens) = self.segmenter.segment(std::borrow::Cow::Borrowed(text)) else {
            return Vec::new();
        };
        tokens
            .into_iter()
            .map(|mut t| {
                let details: Vec<String> = t.details().iter().map(|s| s.to_string()).collect();
                let pos: Vec<&str> = details
                    .iter()
                    .take(4)
                    .map(String::as_str)
                    .filter(|s| *s != "*")
                    .collect();
                let field = |i: usize| details.get(i).filter(|b| b.as_str() != "*").cloned();
                Token {
                    surface: t.surface.to_string(),
                    pos: pos.join(","),
                    base_form: field(6),
                    reading: field(7),
                    start: t.byte_start,
                    end: t.byte_end,
                }
            })
            .collect()
    }

    /// Just the surfaces, for a quick look.
    pub fn surfaces(&self, text: &str) -> Vec<String> {
        self.tokenize(text).into_iter().map(|t| t.surface).collect()
    }
}

/// FNV-1a, 64 bit: small, stable across platforms and releases (cache
/// keys, shard assignment).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// [`fnv1a`] as 16 hex digits.
pub fn fnv1a_hex(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn both() -> &'static (Tokenizer, Tokenizer) {
        static T: OnceLock<(Tokenizer, Tokenizer)> = OnceLock::new();
        T.get_or_init(|| (Tokenizer::new().unwrap(), Tokenizer::ipadic_only().unwrap()))
    }

    #[test]
    fn domain_terms_stay_whole() {
        let (user, plain) = both();
        for term in [
            "施策の方向性",
            "重点推進事業",
            "実行プログラム",
            "アクションプラン",
        ] {
            let text = format!("{term}を定める");
            assert_eq!(user.surfaces(&text)[0], term, "with user dictionary");
            assert_ne!(plain.surfaces(&text)[0], term, "IPADIC alone splits {term}");
        }
    }

    #[test]
    fn kana_city_name_is_a_place_not_a_verb() {
        let (user, plain) = both();
        let t = user.tokenize("かわさき産業振興プラン");
        assert_eq!(t[0].surface, "かわさき");
        assert!(t[0].pos.starts_with("名詞,固有名詞,地域"), "{:?}", t[0]);
        assert_ne!(plain.surfaces("かわさき産業振興プラン")[0], "かわさき");
        // 13-column rows keep IPADIC's features, base form included.
        assert_eq!(t[0].base_form.as_deref(), Some("かわさき"));
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        let (user, plain) = both();
        for text in [
            "攻撃をかわさずに受け止める。",
            "本市では、地域経済の活性化に向けて取り組んできました。",
            "令和5年度から令和9年度までの5年間を計画期間とします",
            "市内の事業者を対象としたアンケート調査を実施した",
        ] {
            let u = user.surfaces(text);
            let p = plain.surfaces(text);
            // Only the domain compounds may differ: 計画期間 joins two words.
            let joined_u: String = u.concat();
            assert_eq!(joined_u, p.concat());
            if !text.contains("計画期間") {
                assert_eq!(u, p, "{text}");
            }
        }
    }

    #[test]
    fn readings_from_ipadic_and_both_user_row_forms() {
        let (user, _) = both();
        let t = user.tokenize("重点推進事業を所沢市で推進する");
        let reading = |s: &str| {
            t.iter()
                .find(|t| t.surface == s)
                .and_then(|t| t.reading.clone())
        };
        assert_eq!(
            reading("重点推進事業").as_deref(),
            Some("ジュウテンスイシンジギョウ")
        );
        assert_eq!(reading("所沢市").as_deref(), Some("トコロザワシ"));
        assert_eq!(reading("推進").as_deref(), Some("スイシン"));
        let unknown = user.tokenize("ピクセルガバメント");
        assert_eq!(unknown[0].reading, None, "{unknown:?}");
    }

    #[test]
    fn offsets_point_into_the_text() {
        let (user, _) = both();
        let text = "所沢市の重点推進事業";
        for t in user.tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.surface);
        }
    }
}
