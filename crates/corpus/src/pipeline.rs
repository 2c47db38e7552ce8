//! One document's bytes to its plan record.

use std::fmt;

use jplan_decode::DecodeError;
use jplan_extract::{Doc, Extractor, Morph, Morpheme, NoMorph, Warning};
use jplan_normalize::{NormalizedText, Normalizer};
use jplan_tokenize::Tokenizer;
use sha2::{Digest, Sha256};

use crate::fingerprint::Fingerprint;
use crate::record::{PlanRecord, SCHEMA, Source};

/// How the pipeline is set up.
#[derive(Clone, Debug)]
pub struct PipelineConfig {
    /// Load the tokenizer (IPADIC + user dictionary). Without it the rules
    /// decide from characters alone.
    pub tokenize: bool,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig { tokenize: true }
    }
}

/// Why one document gave no record.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocError {
    /// The bytes are not text in a supported encoding.
    Decode(DecodeError),
    /// The text has nothing but whitespace.
    Blank,
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::Decode(e) => e.fmt(f),
            DocError::Blank => f.write_str("no text: the file holds only whitespace"),
        }
    }
}

impl std::error::Error for DocError {}

/// Why the pipeline could not be built.
#[derive(Debug)]
pub struct SetupError(String);

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetupError {}

/// The whole pipeline, built once and shared (`Send + Sync`).
pub struct Pipeline {
    normalizer: Normalizer,
    tokenizer: Option<Tokenizer>,
    extractor: Extractor,
}

struct TokenizerMorph<'a>(&'a Tokenizer);

impl Morph for TokenizerMorph<'_> {
    fn analyse(&self, text: &str) -> Vec<Morpheme> {
        morphemes(self.0.tokenize(text))
    }
}

/// The tokenizer's tokens as the extraction rules see them.
pub fn morphemes(tokens: Vec<jplan_tokenize::Token>) -> Vec<Morpheme> {
    tokens
        .into_iter()
        .map(|t| Morpheme {
            surface: t.surface,
            pos: t.pos,
            base: t.base_form,
            start: t.start,
            end: t.end,
        })
        .collect()
}

impl Pipeline {
    /// Load dictionaries and tables; fails early if any is broken.
    pub fn new(config: PipelineConfig) -> Result<Self, SetupError> {
        let tokenizer = if config.tokenize {
            Some(Tokenizer::new().map_err(|e| SetupError(format!("tokenizer: {e}")))?)
        } else {
            None
        };
        Ok(Pipeline {
            normalizer: Normalizer::new(),
            tokenizer,
            extractor: Extractor::new(),
        })
    }

    /// What, besides a document's bytes, its record depends on: this
    /// build's code and dictionaries, and the user dictionary the tokenizer
    /// was built with (`none` without the tokenizer). Records made under
    /// another fingerprint are never reused.
    pub fn fingerprint(&self) -> Fingerprint {
        let dict = self
            .tokenizer
            .as_ref()
            .map_or("none", |t| t.user_dictionary_hash());
        Fingerprint::current(dict)
    }

    /// The tokenizer, if loaded.
    pub fn tokenizer(&self) -> Option<&Tokenizer> {
        self.tokenizer.as_ref()
    }

    /// What the strategy outline made of each unit of a document's
    /// normalized lines (for `jplan normalize --outline`).
    pub fn explain(&self, lines: &[jplan_normalize::Line]) -> String {
        match &self.tokenizer {
            Some(t) => self.extractor.explain(lines, &TokenizerMorph(t)),
            None => self.extractor.explain(lines, &NoMorph),
        }
    }

    /// Turn one document into its record. `path` is how the record names
    /// its source; `id` must be unique in the corpus.
    pub fn process(&self, id: &str, path: &str, bytes: &[u8]) -> Result<PlanRecord, DocError> {
        self.process_with_text(id, path, bytes)
            .map(|(record, _)| record)
    }

    /// Decode and normalize a document as [`Pipeline::process`] does, for
    /// the text layer of a record made earlier.
    pub fn normalize(&self, bytes: &[u8]) -> Result<NormalizedText, DocError> {
        let decoded = jplan_decode::decode(bytes).map_err(DocError::Decode)?;
        if decoded.text.trim().is_empty() {
            return Err(DocError::Blank);
        }
        Ok(self.normalizer.normalize(&decoded.text))
    }

    /// [`Pipeline::process`], also giving the normalized text the rules
    /// read (for the text layer).
    pub fn process_with_text(
        &self,
        id: &str,
        path: &str,
        bytes: &[u8],
    ) -> Result<(PlanRecord, NormalizedText), DocError> {
        let decoded = jplan_decode::decode(bytes).map_err(DocError::Decode)?;
        if decoded.text.trim().is_empty() {
            return Err(DocError::Blank);
        }
        let normalized = self.normalizer.normalize(&decoded.text);
        let doc = Doc::new(&normalized.lines);
        let extraction = match &self.tokenizer {
            Some(t) => self.extractor.extract(doc, &TokenizerMorph(t)),
            None => self.extractor.extract(doc, &NoMorph),
        };
        let mut warnings: Vec<Warning> = decoded
            .warnings
            .iter()
            .map(|m| Warning::new(0, m.clone()))
            .collect();
        warnings.extend(extraction.warnings);
        let record = PlanRecord {
            schema: SCHEMA,
            id: id.to_string(),
            source: Source {
                path: path.to_string(),
                sha256: sha256_hex(bytes),
                bytes: bytes.len() as u64,
                encoding: decoded.encoding.name().to_string(),
            },
            municipality: extraction.municipality,
            title: extraction.title,
            vision: extraction.vision,
            periods: extraction.periods,
            strategy: extraction.strategy,
            projects: extraction.projects,
            kpis: extraction.kpis,
            warnings,
        };
        Ok((record, normalized))
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Pipeline {
        Pipeline::new(PipelineConfig { tokenize: false }).unwrap()
    }

    #[test]
    fn record_basics() {
        let text = "所沢市 産業振興ビジョン\n令和5年度～令和9年度\n所沢市\n";
        let r = pipeline()
            .process("t", "corpus/t.txt", text.as_bytes())
            .unwrap();
        assert_eq!(r.title.as_deref(), Some("所沢市産業振興ビジョン"));
        assert_eq!(r.municipality.unwrap().code.as_deref(), Some("112089"));
        assert_eq!(r.source.encoding, "UTF-8");
        assert_eq!(r.source.bytes, text.len() as u64);
        assert_eq!(r.source.sha256.len(), 64);
    }

    #[test]
    fn blank_and_binary_are_errors() {
        let p = pipeline();
        assert_eq!(
            p.process("a", "a", b" \n\t\r\n").unwrap_err(),
            DocError::Blank
        );
        assert!(matches!(
            p.process("b", "b", b"\x89PNG\r\n\x1a\n\0\0").unwrap_err(),
            DocError::Decode(_)
        ));
    }

    #[test]
    fn sha256_known_value() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
