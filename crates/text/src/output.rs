//! `OUT/text/<id>.jsonl` and `OUT/terms.csv`, written whole.
//!
//! As with the records, the folder is built beside the old one
//! (`.text.new-<pid>`) and swapped in, and `terms.csv` is written under a
//! temporary name and renamed: a run killed at any moment leaves each of
//! them as the previous run or this run wrote it. The folder holds an index
//! (`text/.index.json`: the cache key, each document's SHA-256 and the byte
//! range of its rows in `terms.csv`, and the SHA-256 of that `terms.csv`),
//! swapped in with the files it describes, so an `--incremental` run reuses
//! a document's text file and terms rows only when they were made from the
//! same bytes by the same jplan and dictionary, and only when `terms.csv`
//! is the one the index was written with.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The header of `terms.csv`.
pub const TERMS_HEADER: &str = "id,node,term,count,node_line\n";

const INDEX: &str = ".index.json";

/// Quote a CSV field where it needs it.
pub fn csv_quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[derive(Serialize, Deserialize)]
struct Index {
    cache_key: String,
    terms_sha256: String,
    /// `[id, source sha256, offset, length]` of each document's rows.
    docs: Vec<(String, String, u64, u64)>,
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Remove what a killed run left (`.text.new-*`, `.text.old-*`,
/// `.terms.csv.tmp-*`).
fn clean_stale(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".text.new-")
            || name.starts_with(".text.old-")
            || name.starts_with(".terms.csv.tmp-")
        {
            let p = e.path();
            let _ = if p.is_dir() {
                fs::remove_dir_all(&p)
            } else {
                fs::remove_file(&p)
            };
        }
    }
}

/// Remove the text layer of an output folder (a run without `--text`
/// must not leave one that no longer matches its records).
pub fn remove(out: &Path) -> io::Result<()> {
    clean_stale(out);
    let live = out.join("text");
    if live.exists() {
        let old = out.join(format!(".text.old-{}", std::process::id()));
        fs::rename(&live, &old)?;
        fs::remove_dir_all(&old)?;
    }
    match fs::remove_file(out.join("terms.csv")) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes the text layer of one output folder, streaming.
///
/// Workers write `<id>.jsonl` into [`TextWriter::dir`] ([`write_doc`],
/// [`link_doc`]); the batch appends each document's terms rows in id
/// order with [`TextWriter::append`]; [`TextWriter::finish`] puts it all in
/// place. Dropped unfinished, it removes what it staged.
pub struct TextWriter {
    out: PathBuf,
    staging: PathBuf,
    terms_tmp: PathBuf,
    terms: Option<BufWriter<File>>,
    hash: Sha256,
    offset: u64,
    index: Index,
    finished: bool,
}

impl TextWriter {
    /// Start the text layer of `out` (which must exist) for a run with
    /// `cache_key` ((`jplan_corpus::Pipeline::cache_key`)).
    pub fn create(out: &Path, cache_key: &str) -> io::Result<Self> {
        clean_stale(out);
        let pid = std::process::id();
        let staging = out.join(format!(".text.new-{pid}"));
        fs::create_dir_all(&staging)?;
        let terms_tmp = out.join(format!(".terms.csv.tmp-{pid}"));
        let mut terms = BufWriter::with_capacity(1 << 16, File::create(&terms_tmp)?);
        terms.write_all(TERMS_HEADER.as_bytes())?;
        let mut hash = Sha256::new();
        hash.update(TERMS_HEADER.as_bytes());
        Ok(TextWriter {
            out: out.to_path_buf(),
            staging,
            terms_tmp,
            terms: Some(terms),
            hash,
            offset: TERMS_HEADER.len() as u64,
            index: Index {
                cache_key: cache_key.to_string(),
                terms_sha256: String::new(),
                docs: Vec::new(),
            },
            finished: false,
        })
    }

    /// The staging folder for `<id>.jsonl` files.
    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Append one document's terms rows; call in id order. `sha256` is the
    /// source's, for reuse by later runs.
    pub fn append(&mut self, id: &str, sha256: &str, rows: &[u8]) -> io::Result<()> {
        let Some(terms) = self.terms.as_mut() else {
            return Err(io::Error::other("the text writer is finished"));
        };
        terms.write_all(rows)?;
        self.hash.update(rows);
        self.index.docs.push((
            id.to_string(),
            sha256.to_string(),
            self.offset,
            rows.len() as u64,
        ));
        self.offset += rows.len() as u64;
        Ok(())
    }

    /// Put `text/` and `terms.csv` in place.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(w) = self.terms.take() {
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
        }
        self.index.terms_sha256 = hex(&std::mem::take(&mut self.hash).finalize());
        let index = serde_json::to_vec(&self.index).map_err(io::Error::other)?;
        let mut f = File::create(self.staging.join(INDEX))?;
        f.write_all(&index)?;
        f.sync_all()?;
        if let Ok(d) = File::open(&self.staging) {
            let _ = d.sync_all();
        }
        // terms.csv first: if a crash comes before the folder is swapped,
        // the old index no longer matches terms.csv and nothing is reused.
        fs::rename(&self.terms_tmp, self.out.join("terms.csv"))?;
        let live = self.out.join("text");
        let old = self.out.join(format!(".text.old-{}", std::process::id()));
        if live.exists() {
            fs::rename(&live, &old)?;
        }
        fs::rename(&self.staging, &live)?;
        let _ = fs::remove_dir_all(&old);
        if let Ok(d) = File::open(&self.out) {
            let _ = d.sync_all();
        }
        self.finished = true;
        Ok(())
    }
}

impl Drop for TextWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
            let _ = fs::remove_file(&self.terms_tmp);
        }
    }
}

/// Write a document's `<id>.jsonl` into the staging folder `dir`. A file
/// already there may be a hard link to the previous run's: it is
/// unlinked, never written through.
pub fn write_doc(dir: &Path, id: &str, jsonl: &str) -> io::Result<()> {
    let path = dir.join(format!("{id}.jsonl"));
    let _ = fs::remove_file(&path);
    fs::write(path, jsonl)
}

/// Hard-link (or copy) an earlier run's `<id>.jsonl` into `dir`.
pub fn link_doc(dir: &Path, id: &str, old: &Path) -> io::Result<()> {
    let dest = dir.join(format!("{id}.jsonl"));
    if fs::hard_link(old, &dest).is_err() {
        fs::copy(old, &dest)?;
    }
    Ok(())
}

/// The text layer an earlier run left in an output folder.
#[derive(Debug, Default)]
pub struct PreviousText {
    dir: PathBuf,
    terms: Vec<u8>,
    docs: HashMap<String, (String, u64, u64)>,
}

/// A document's text layer from an earlier run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReusedText {
    /// Its `<id>.jsonl`.
    pub jsonl: PathBuf,
    /// Its rows of `terms.csv`.
    pub terms_rows: Vec<u8>,
}

impl PreviousText {
    /// The text layer of `out`, if it was made with `cache_key` and is
    /// whole; empty otherwise (then everything is redone).
    pub fn load(out: &Path, cache_key: &str) -> Self {
        Self::try_load(out, cache_key).unwrap_or_default()
    }

    fn try_load(out: &Path, cache_key: &str) -> Option<Self> {
        let dir = out.join("text");
        let index: Index = serde_json::from_slice(&fs::read(dir.join(INDEX)).ok()?).ok()?;
        if index.cache_key != cache_key {
            return None;
        }
        let mut terms = Vec::new();
        File::open(out.join("terms.csv"))
            .ok()?
            .read_to_end(&mut terms)
            .ok()?;
        if hex(&Sha256::digest(&terms)) != index.terms_sha256 {
            return None;
        }
        let docs = index
            .docs
            .into_iter()
            .map(|(id, sha, off, len)| (id, (sha, off, len)))
            .collect();
        Some(PreviousText { dir, terms, docs })
    }

    /// Document `id`'s text layer, if it was made from bytes with `sha256`.
    pub fn reuse(&self, id: &str, sha256: &str) -> Option<ReusedText> {
        let (sha, off, len) = self.docs.get(id)?;
        if sha != sha256 {
            return None;
        }
        let jsonl = self.dir.join(format!("{id}.jsonl"));
        if !jsonl.is_file() {
            return None;
        }
        let start = usize::try_from(*off).ok()?;
        let end = start.checked_add(usize::try_from(*len).ok()?)?;
        Some(ReusedText {
            jsonl,
            terms_rows: self.terms.get(start..end)?.to_vec(),
        })
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(out: &Path, docs: &[(&str, &str, &str)], prev: Option<&PreviousText>) {
        let mut w = TextWriter::create(out, "k1").unwrap();
        for (id, sha, rows) in docs {
            match prev.and_then(|p| p.reuse(id, sha)) {
                Some(r) => {
                    link_doc(w.dir(), id, &r.jsonl).unwrap();
                    w.append(id, sha, &r.terms_rows).unwrap();
                }
                None => {
                    write_doc(w.dir(), id, &format!("{{\"id\":\"{id}\"}}\n")).unwrap();
                    w.append(id, sha, rows.as_bytes()).unwrap();
                }
            }
        }
        w.finish().unwrap();
    }

    #[test]
    fn reuse_needs_the_same_bytes_key_and_terms_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        run(
            out,
            &[("a", "s1", "a,1,DX,2,3\n"), ("b", "s2", "b,,人材,1,\n")],
            None,
        );
        let terms = fs::read_to_string(out.join("terms.csv")).unwrap();
        assert_eq!(terms, format!("{TERMS_HEADER}a,1,DX,2,3\nb,,人材,1,\n"));
        let prev = PreviousText::load(out, "k1");
        assert_eq!(prev.reuse("a", "s1").unwrap().terms_rows, b"a,1,DX,2,3\n");
        assert!(prev.reuse("a", "other").is_none());
        assert!(PreviousText::load(out, "k2").is_empty());
        // Rerun with b gone: its file goes, a's is carried over whole.
        run(out, &[("a", "s1", "unused")], Some(&prev));
        assert!(!out.join("text/b.jsonl").exists());
        assert_eq!(
            fs::read_to_string(out.join("terms.csv")).unwrap(),
            format!("{TERMS_HEADER}a,1,DX,2,3\n")
        );
        // A terms.csv that is not the one indexed: nothing is reused.
        fs::write(out.join("terms.csv"), "changed").unwrap();
        assert!(PreviousText::load(out, "k1").is_empty());
        remove(out).unwrap();
        assert!(!out.join("text").exists() && !out.join("terms.csv").exists());
        let left: Vec<_> = fs::read_dir(out).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn an_unfinished_writer_leaves_the_old_layer() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        run(out, &[("a", "s1", "a,,x,1,\n")], None);
        {
            let mut w = TextWriter::create(out, "k1").unwrap();
            write_doc(w.dir(), "z", "{}\n").unwrap();
            w.append("z", "s9", b"z,,y,1,\n").unwrap();
        }
        assert!(out.join("text/a.jsonl").is_file());
        assert!(!out.join("text/z.jsonl").exists());
        let names: Vec<String> = fs::read_dir(out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
