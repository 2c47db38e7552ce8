//! The fingerprint of everything that shapes a record besides the
//! document's bytes: jplan's version, its code (every source file of the
//! crates a record passes through, and the dependency versions), its
//! dictionaries (every file under `dictionaries/`) and the user dictionary
//! the tokenizer was built with.
//!
//! The code and dictionary digests are computed at build time by
//! `build.rs` with [`tree::digest`] over [`tree::CODE_INPUTS`] and
//! [`tree::DATA_INPUTS`], so any edit to a rule and a rebuild gives a new
//! fingerprint, whatever the version number says. The manifest records the
//! fingerprint; `--incremental` reuses nothing made under another one, and
//! `jplan merge` refuses folders made under different ones.

use std::fmt;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub mod tree;

/// The digest of jplan's code at build time ([`tree::CODE_INPUTS`]).
pub const CODE_DIGEST: &str = env!("JPLAN_CODE_DIGEST");

/// The digest of `dictionaries/` at build time ([`tree::DATA_INPUTS`]).
pub const DICTIONARIES_DIGEST: &str = env!("JPLAN_DICTIONARIES_DIGEST");

/// What a record depends on besides its document, as the manifest shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// SHA-256 of the parts below: equal digests, interchangeable records.
    pub digest: String,
    /// jplan's version.
    pub version: String,
    /// The digest of jplan's code ([`CODE_DIGEST`]).
    pub code: String,
    /// The digest of `dictionaries/` ([`DICTIONARIES_DIGEST`]).
    pub dictionaries: String,
    /// The hash of the user dictionary the tokenizer was built with, or
    /// `none` when the rules run without the tokenizer.
    pub user_dictionary: String,
}

impl Fingerprint {
    /// The fingerprint of this build with the given user dictionary hash.
    pub fn current(user_dictionary: &str) -> Self {
        Self::from_parts(
            crate::VERSION,
            CODE_DIGEST,
            DICTIONARIES_DIGEST,
            user_dictionary,
        )
    }

    /// A fingerprint from its parts; the digest is computed.
    pub fn from_parts(
        version: &str,
        code: &str,
        dictionaries: &str,
        user_dictionary: &str,
    ) -> Self {
        let mut h = Sha256::new();
        for part in [version, code, dictionaries, user_dictionary] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        Fingerprint {
            digest: h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
            version: version.to_string(),
            code: code.to_string(),
            dictionaries: dictionaries.to_string(),
            user_dictionary: user_dictionary.to_string(),
        }
    }

    /// The fingerprint the manifest of the output folder `out` records; `None`
    /// when there is no readable manifest or it has no fingerprint (made by
    /// a jplan before fingerprints, or damaged), or when the recorded digest
    /// is not the digest of the recorded parts.
    pub fn of_output(out: &Path) -> Option<Self> {
        let text = fs::read_to_string(out.join("manifest.json")).ok()?;
        let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
        let fp: Fingerprint = serde_json::from_value(manifest.get("fingerprint")?.clone()).ok()?;
        let recomputed =
            Self::from_parts(&fp.version, &fp.code, &fp.dictionaries, &fp.user_dictionary);
        (recomputed.digest == fp.digest).then_some(fp)
    }

    /// The names of the parts in which `other` differs from `self`
    /// (`version`, `code`, `dictionaries`, `user_dictionary`).
    pub fn differences(&self, other: &Fingerprint) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.version != other.version {
            out.push("version");
        }
        if self.code != other.code {
            out.push("code");
        }
        if self.dictionaries != other.dictionaries {
            out.push("dictionaries");
        }
        if self.user_dictionary != other.user_dictionary {
            out.push("user_dictionary");
        }
        out
    }

    /// The manifest's form.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl fmt::Display for Fingerprint {
    /// `digest[..12] (version V, code C[..12], dictionaries D[..12], user
    /// dictionary U)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let short = |s: &str| s.get(..12).unwrap_or(s).to_string();
        write!(
            f,
            "{} (version {}, code {}, dictionaries {}, user dictionary {})",
            short(&self.digest),
            self.version,
            short(&self.code),
            short(&self.dictionaries),
            short(&self.user_dictionary)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn the_embedded_digests_are_those_of_the_sources_in_the_tree() {
        // The build script hashed exactly these inputs: recomputing them
        // now over the same checkout gives the embedded values. (Cargo
        // reruns the script whenever one of the files changes, so this
        // holds after any edit and rebuild.)
        assert_eq!(
            tree::digest(&root(), tree::CODE_INPUTS).unwrap(),
            CODE_DIGEST
        );
        assert_eq!(
            tree::digest(&root(), tree::DATA_INPUTS).unwrap(),
            DICTIONARIES_DIGEST
        );
    }

    #[test]
    fn the_code_digest_covers_every_crate_a_record_passes_through() {
        let files = tree::files(&root(), tree::CODE_INPUTS).unwrap();
        let has = |p: &str| files.iter().any(|(rel, _)| rel == p);
        for f in [
            "crates/extract/src/strategy.rs",
            "crates/extract/src/kpi.rs",
            "crates/extract/src/period.rs",
            "crates/decode/src/lib.rs",
            "crates/normalize/src/lib.rs",
            "crates/tokenize/src/lib.rs",
            "crates/ipadic/build.rs",
            "crates/corpus/src/pipeline.rs",
            "crates/corpus/src/output.rs",
            "Cargo.lock",
        ] {
            assert!(has(f), "{f} is not hashed into fingerprint.code");
        }
        assert!(
            files.iter().all(|(rel, _)| !rel.contains("/target/")),
            "build output is not hashed"
        );
        let data = tree::files(&root(), tree::DATA_INPUTS).unwrap();
        for f in [
            "dictionaries/user/jplan.csv",
            "dictionaries/normalize/rewrite.tsv",
            "dictionaries/ipadic/mecab-ipadic-2.7.0-20070801.tar.xz",
            "dictionaries/municipalities/municipalities.csv",
        ] {
            assert!(
                data.iter().any(|(rel, _)| rel == f),
                "{f} is not hashed into fingerprint.dictionaries"
            );
        }
    }

    /// Copy `src` (a folder) to `dst`, recursively.
    fn copy_tree(src: &Path, dst: &Path) {
        fs::create_dir_all(dst).unwrap();
        for e in fs::read_dir(src).unwrap().flatten() {
            let to = dst.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy_tree(&e.path(), &to);
            } else {
                fs::copy(e.path(), &to).unwrap();
            }
        }
    }

    #[test]
    fn any_edit_to_the_rules_changes_the_code_digest() {
        // A temporary copy of crates/extract stands for the checkout: an edit
        // to any rule file, a new file, a removed file or a rename changes
        // the digest; touching nothing keeps it.
        let dir = tempfile::tempdir().unwrap();
        copy_tree(
            &root().join("crates/extract"),
            &dir.path().join("crates/extract"),
        );
        let digest = || tree::digest(dir.path(), tree::CODE_INPUTS).unwrap();
        let original = digest();
        assert_eq!(digest(), original, "the digest is stable");
        let strategy = dir.path().join("crates/extract/src/strategy.rs");
        let text = fs::read_to_string(&strategy).unwrap();
        fs::write(&strategy, text.replacen("基本方針", "基本方向", 1)).unwrap();
        let edited = digest();
        assert_ne!(edited, original, "an edited rule");
        fs::write(&strategy, &text).unwrap();
        assert_eq!(digest(), original, "the edit undone");
        let new = dir.path().join("crates/extract/src/new_rule.rs");
        fs::write(&new, "// a new rule\n").unwrap();
        assert_ne!(digest(), original, "a new file");
        fs::rename(&new, dir.path().join("crates/extract/src/other_rule.rs")).unwrap();
        let renamed = digest();
        assert_ne!(renamed, original, "a renamed file");
        fs::remove_file(dir.path().join("crates/extract/src/other_rule.rs")).unwrap();
        assert_eq!(digest(), original);
        fs::write(dir.path().join("crates/extract/src/.strategy.rs.swp"), "x").unwrap();
        assert_eq!(digest(), original, "hidden editor files do not count");
    }

    #[test]
    fn new_files_anywhere_under_dictionaries_change_the_data_digest() {
        let dir = tempfile::tempdir().unwrap();
        let dicts = dir.path().join("dictionaries");
        fs::create_dir_all(dicts.join("user")).unwrap();
        fs::write(
            dicts.join("user/jplan.csv"),
            "産業振興,名詞,サンギョウシンコウ\n",
        )
        .unwrap();
        let digest = || tree::digest(dir.path(), tree::DATA_INPUTS).unwrap();
        let original = digest();
        fs::create_dir_all(dicts.join("vocab/deep")).unwrap();
        fs::write(dicts.join("vocab/deep/words.toml"), "a = 1\n").unwrap();
        let with_vocab = digest();
        assert_ne!(with_vocab, original, "a vocabulary file two levels down");
        fs::write(dicts.join("vocab/deep/words.toml"), "a = 2\n").unwrap();
        assert_ne!(digest(), with_vocab, "its content");
        fs::rename(
            dicts.join("vocab/deep/words.toml"),
            dicts.join("vocab/words.toml"),
        )
        .unwrap();
        assert_ne!(digest(), with_vocab, "its place");
        // Two files whose contents swap are not the same tree.
        fs::write(dicts.join("a.tsv"), "1").unwrap();
        fs::write(dicts.join("b.tsv"), "2").unwrap();
        let ab = digest();
        fs::write(dicts.join("a.tsv"), "2").unwrap();
        fs::write(dicts.join("b.tsv"), "1").unwrap();
        assert_ne!(digest(), ab);
    }

    #[test]
    fn every_part_counts_and_differences_are_named() {
        let a = Fingerprint::from_parts("0.1.0", "c1", "d1", "u1");
        assert_eq!(a, Fingerprint::from_parts("0.1.0", "c1", "d1", "u1"));
        let b = Fingerprint::from_parts("0.1.0", "c2", "d1", "u1");
        assert_ne!(a.digest, b.digest);
        assert_eq!(a.differences(&b), ["code"]);
        let c = Fingerprint::from_parts("0.2.0", "c1", "d1", "none");
        assert_eq!(a.differences(&c), ["version", "user_dictionary"]);
        assert_ne!(
            a.digest,
            Fingerprint::from_parts("0.1.0", "c1", "d2", "u1").digest
        );
        // Parts cannot be shifted into one another.
        assert_ne!(
            Fingerprint::from_parts("a", "bc", "d", "e").digest,
            Fingerprint::from_parts("ab", "c", "d", "e").digest
        );
        let current = Fingerprint::current("u1");
        assert_eq!(current.code, CODE_DIGEST);
        assert_eq!(current.code.len(), 64);
    }

    #[test]
    fn a_manifest_fingerprint_is_read_back_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Fingerprint::of_output(dir.path()), None, "no manifest");
        let fp = Fingerprint::from_parts("0.1.0", "c", "d", "u");
        let write = |v: serde_json::Value| {
            fs::write(dir.path().join("manifest.json"), v.to_string()).unwrap()
        };
        write(serde_json::json!({"fingerprint": fp.to_json()}));
        assert_eq!(Fingerprint::of_output(dir.path()), Some(fp.clone()));
        write(serde_json::json!({"cache_key": "0.1.0+abc"}));
        assert_eq!(Fingerprint::of_output(dir.path()), None, "an old manifest");
        let mut forged = fp.to_json();
        forged["code"] = "other".into();
        write(serde_json::json!({ "fingerprint": forged }));
        assert_eq!(
            Fingerprint::of_output(dir.path()),
            None,
            "a part edited without its digest"
        );
    }
}
