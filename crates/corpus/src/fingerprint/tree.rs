//! The digest of a set of file trees, shared by `crates/corpus/build.rs`
//! (which embeds the digests of jplan's code and dictionaries in the binary)
//! and the library (so a test can recompute them and see what they cover).
//!
//! Every file under the given paths is taken, sorted by its path relative to
//! the root (with `/` separators), and hashed with SHA-256 as its relative
//! path, a NUL, its length and its bytes. Hidden entries (`.name`: editor
//! swap files, `.gitignore`) and folders named `target` are skipped; a path
//! that does not exist counts as absent, so its later appearance changes the
//! digest too.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// What shapes a record besides the document itself, relative to the
/// workspace root: the code of every crate a record passes through (decode,
/// normalize, tokenize, IPADIC, extract, corpus) and the workspace's
/// dependency versions. A change to any of these files changes
/// `fingerprint.code`.
pub const CODE_INPUTS: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    "crates/corpus",
    "crates/decode",
    "crates/extract",
    "crates/ipadic",
    "crates/normalize",
    "crates/tokenize",
];

/// The data that shapes a record: every file under `dictionaries/` (IPADIC,
/// the user dictionary, the normalization tables, the municipality codes
/// and whatever is added there later). A change changes
/// `fingerprint.dictionaries`.
pub const DATA_INPUTS: &[&str] = &["dictionaries"];

/// The files `digest` reads for `inputs` under `root`, as (relative path,
/// path), sorted by relative path. Missing inputs are left out.
pub fn files(root: &Path, inputs: &[&str]) -> io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for input in inputs {
        let path = root.join(input);
        if fs::symlink_metadata(&path).is_ok() {
            collect(&path, input, &mut out)?;
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn collect(path: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    let meta = fs::metadata(path).map_err(|e| with_path(e, path))?;
    if !meta.is_dir() {
        out.push((rel.to_string(), path.to_path_buf()));
        return Ok(());
    }
    for entry in fs::read_dir(path).map_err(|e| with_path(e, path))? {
        let entry = entry.map_err(|e| with_path(e, path))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        let child = entry.path();
        // A link to a folder is not followed: no cycles.
        if fs::symlink_metadata(&child).is_ok_and(|m| m.file_type().is_symlink()) && child.is_dir()
        {
            continue;
        }
        collect(&child, &format!("{rel}/{name}"), out)?;
    }
    Ok(())
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// SHA-256 (lower-case hex) of every file under `inputs` (paths relative to
/// `root`), in the order of their relative paths.
pub fn digest(root: &Path, inputs: &[&str]) -> io::Result<String> {
    let mut h = Sha256::new();
    for input in inputs {
        if fs::symlink_metadata(root.join(input)).is_err() {
            h.update(b"absent\0");
            h.update(input.as_bytes());
            h.update(b"\0");
        }
    }
    for (rel, path) in files(root, inputs)? {
        let bytes = fs::read(&path).map_err(|e| with_path(e, &path))?;
        h.update(rel.as_bytes());
        h.update(b"\0");
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
