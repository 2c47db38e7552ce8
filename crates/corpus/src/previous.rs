//! What a previous run left in an output folder: for `--incremental`, and
//! for `jplan merge`.
//!
//! A record is reused when the previous run had the same fingerprint
//! (jplan's code, dictionaries and user dictionary, see
//! [`crate::Fingerprint`]) and a record with the same id made from the same
//! path and bytes with the same SHA-256. Reused records are never parsed or held in
//! memory as a whole: loading indexes where each record's line lies in
//! `corpus.jsonl` and its rows in `kpis.csv`; reusing one reads those byte
//! ranges and hard-links its `records/<id>.json`. Anything missing or
//! unreadable in the previous output only means more work is redone.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::fingerprint::Fingerprint;
use crate::output::csv_first_field;

/// The records of an output folder, indexed by id.
#[derive(Debug, Default)]
pub struct Previous {
    dir: PathBuf,
    corpus: Option<File>,
    kpis: Option<File>,
    records: HashMap<String, Entry>,
}

#[derive(Debug)]
struct Entry {
    path: String,
    sha256: String,
    line: (u64, usize),
    kpis: (u64, usize),
}

/// A previous record, read back.
#[derive(Clone, Debug)]
pub struct Reused {
    /// Its JSON line, without newline.
    pub json: Vec<u8>,
    /// Its rows of `kpis.csv`.
    pub kpi_rows: Vec<u8>,
    /// Its pretty file.
    pub pretty: PathBuf,
}

impl Previous {
    /// Index the output in `out`; empty when it is missing, was made under
    /// another fingerprint (or one its manifest does not record), or was
    /// left halfway through being replaced by a killed run (its files may
    /// not belong together, see [`crate::output::REPLACING_MARK`]).
    pub fn load(out: &Path, fingerprint: &Fingerprint) -> Self {
        if crate::output::is_being_replaced(out) {
            return Previous::default();
        }
        match Fingerprint::of_output(out) {
            Some(f) if f.digest == fingerprint.digest => Self::load_any(out),
            _ => Previous::default(),
        }
    }

    /// Index the output in `out` whatever made it (for `jplan merge`).
    pub fn load_any(out: &Path) -> Self {
        Self::try_load(out).unwrap_or_default()
    }

    fn try_load(out: &Path) -> io::Result<Self> {
        let corpus = File::open(out.join("corpus.jsonl"))?;
        // Without kpis.csv the KPI rows of a reused record would be lost.
        let kpis = File::open(out.join("kpis.csv"))?;
        let mut kpi_ranges: HashMap<String, (u64, usize)> = HashMap::new();
        let mut offset = 0u64;
        let mut first = true;
        for_each_line(&kpis, |line| {
            let len = line.len();
            if !first {
                let text = String::from_utf8_lossy(line);
                let id = csv_first_field(&text);
                let e = kpi_ranges.entry(id).or_insert((offset, 0));
                // A record's rows are contiguous; a stray row elsewhere
                // would break that, so such a record is redone instead.
                if e.0 + e.1 as u64 == offset {
                    e.1 += len;
                } else {
                    e.1 = usize::MAX;
                }
            }
            first = false;
            offset += len as u64;
        })?;
        let mut records = HashMap::new();
        let mut offset = 0u64;
        for_each_line(&corpus, |line| {
            let len = line.len();
            let body = line.strip_suffix(b"\n").unwrap_or(line);
            if let Some(Head { id, path, sha256 }) = head(body)
                && out.join("records").join(format!("{id}.json")).is_file()
            {
                let kpis = match kpi_ranges.get(&id) {
                    Some(&(o, l)) if l != usize::MAX => (o, l),
                    Some(_) => (0, usize::MAX),
                    None => (0, 0),
                };
                if kpis.1 != usize::MAX {
                    records.insert(
                        id,
                        Entry {
                            path,
                            sha256,
                            line: (offset, body.len()),
                            kpis,
                        },
                    );
                }
            }
            offset += len as u64;
        })?;
        Ok(Previous {
            dir: out.to_path_buf(),
            corpus: Some(corpus),
            kpis: Some(kpis),
            records,
        })
    }

    /// The previous record `id`, if it was made from the file `path` (as the
    /// record names it) with bytes of SHA-256 `sha256`. A file moved to
    /// another folder keeps its id but not its record: `source.path` says
    /// where it is.
    pub fn reuse(&self, id: &str, path: &str, sha256: &str) -> Option<Reused> {
        let e = self
            .records
            .get(id)
            .filter(|e| e.sha256 == sha256 && e.path == path)?;
        self.read(id, e)
    }

    /// The record `id`, whatever bytes it was made from.
    pub fn take(&self, id: &str) -> Option<Reused> {
        self.read(id, self.records.get(id)?)
    }

    fn read(&self, id: &str, e: &Entry) -> Option<Reused> {
        let json = read_range(self.corpus.as_ref()?, e.line).ok()?;
        let kpi_rows = read_range(self.kpis.as_ref()?, e.kpis).ok()?;
        Some(Reused {
            json,
            kpi_rows,
            pretty: self.dir.join("records").join(format!("{id}.json")),
        })
    }

    /// Ids of the indexed records.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.records.keys().map(String::as_str)
    }

    /// How many records are indexed.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there is nothing to reuse.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

fn for_each_line(file: &File, mut f: impl FnMut(&[u8])) -> io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        f(&buf);
    }
}

fn read_range(file: &File, (offset, len): (u64, usize)) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; len];
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(&mut buf, offset)?;
    }
    #[cfg(not(unix))]
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = file.try_clone()?;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(&mut buf)?;
    }
    Ok(buf)
}

/// What a record line says about its source.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    id: String,
    path: String,
    sha256: String,
}

/// The id, source path and source sha256 of a record line, read from its
/// head without parsing the whole line. jplan writes
/// `{"schema":"plan-record/1","id":"…","source":{"path":"…","sha256":"…"`
/// first; a line that does not start so is not reused.
fn head(line: &[u8]) -> Option<Head> {
    let prefix = &line[..line.len().min(8192)];
    let text = match std::str::from_utf8(prefix) {
        Ok(t) => t,
        // The cut may fall inside a character: keep the whole ones.
        Err(e) => std::str::from_utf8(&prefix[..e.valid_up_to()]).ok()?,
    };
    let rest = text.strip_prefix("{\"schema\":\"plan-record/1\",\"id\":")?;
    let end = json_string_end(rest)?;
    let id: String = serde_json::from_str(&rest[..end]).ok()?;
    let rest = rest[end..].strip_prefix(",\"source\":{\"path\":")?;
    let end = json_string_end(rest)?;
    let path: String = serde_json::from_str(&rest[..end]).ok()?;
    let rest = rest[end..].strip_prefix(",\"sha256\":\"")?;
    let sha = rest.get(..64)?;
    (sha.bytes().all(|b| b.is_ascii_hexdigit()) && rest[64..].starts_with('"')).then(|| Head {
        id,
        path,
        sha256: sha.to_string(),
    })
}

/// The byte length of the JSON string literal at the start of `s`.
fn json_string_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lock::OutputLock;
    use crate::output::{CorpusWriter, link_record, make_record};
    use serde_json::json;
    use std::fs;

    const PATH: &str = "in/p\"sha256\":\"x.txt";

    fn rec(id: &str, path: &str, sha: &str) -> serde_json::Value {
        json!({"schema": "plan-record/1", "id": id, "source": {"path": path, "sha256": sha},
               "kpis": [{"indicator": "件数", "targets": [{"year": 2025, "value": 3}]}]})
    }

    fn sha(c: char) -> String {
        c.to_string().repeat(64)
    }

    fn fp(code: &str) -> Fingerprint {
        Fingerprint::from_parts("0.1.0", code, "d", "u")
    }

    /// Write `recs` (id, sha) as a run would, reusing from `prev`; returns
    /// how many were reused.
    fn write(
        out: &Path,
        recs: &[(&str, String)],
        prev: Option<&Previous>,
        fp: &Fingerprint,
    ) -> usize {
        let lock = OutputLock::try_acquire(out, "test").unwrap();
        let mut w = CorpusWriter::create(&lock).unwrap();
        let mut reused = 0;
        for (id, sha) in recs {
            if let Some(r) = prev.and_then(|p| p.reuse(id, PATH, sha)) {
                link_record(w.records_dir(), id, &r.pretty).unwrap();
                w.append(&r.json, &r.kpi_rows).unwrap();
                reused += 1;
            } else {
                let m = make_record(w.records_dir(), id, &rec(id, PATH, sha)).unwrap();
                w.append(m.json.as_bytes(), m.kpi_rows.as_bytes()).unwrap();
            }
        }
        w.finish(&[], &json!({ "fingerprint": fp.to_json() }))
            .unwrap();
        reused
    }

    #[test]
    fn head_reads_id_path_and_sha_without_parsing_the_rest() {
        let line = serde_json::to_string(&rec("a\"b", PATH, &sha('f'))).unwrap();
        assert_eq!(
            head(line.as_bytes()),
            Some(Head {
                id: "a\"b".into(),
                path: PATH.into(),
                sha256: sha('f')
            })
        );
        assert_eq!(head(b"{\"id\":\"a\"}"), None);
        // A long path cut inside a character at the prefix limit.
        let long = rec("x", &"あ".repeat(3000), &sha('e'));
        let line = serde_json::to_string(&long).unwrap();
        assert_eq!(head(line.as_bytes()), None, "the sha is past the prefix");
        let long = rec("x", &"あ".repeat(2000), &sha('e'));
        let line = serde_json::to_string(&long).unwrap() + &"い".repeat(5000);
        assert_eq!(head(line.as_bytes()).map(|h| h.sha256), Some(sha('e')));
        assert_eq!(head(b"{\"schema\":\"plan-record/1\",\"id\":\"a"), None);
        let short = rec("x", "p", "abc");
        assert_eq!(
            head(serde_json::to_string(&short).unwrap().as_bytes()),
            None,
            "a short sha"
        );
    }

    #[test]
    fn reuses_only_same_fingerprint_same_path_and_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let f1 = fp("c1");
        assert_eq!(
            write(out, &[("a", sha('1')), ("b", sha('2'))], None, &f1),
            0
        );
        let before = fs::read(out.join("corpus.jsonl")).unwrap();
        let before_csv = fs::read(out.join("kpis.csv")).unwrap();
        let prev = Previous::load(out, &f1);
        assert_eq!(prev.len(), 2);
        assert!(prev.reuse("a", PATH, &sha('9')).is_none(), "other bytes");
        assert!(
            prev.reuse("a", "elsewhere/x.txt", &sha('1')).is_none(),
            "moved"
        );
        assert!(prev.reuse("a", PATH, &sha('1')).is_some());
        assert!(
            Previous::load(out, &fp("c2")).is_empty(),
            "another build redoes all"
        );
        assert_eq!(
            write(out, &[("a", sha('1')), ("b", sha('2'))], Some(&prev), &f1),
            2
        );
        assert_eq!(
            fs::read(out.join("corpus.jsonl")).unwrap(),
            before,
            "reuse is byte-identical"
        );
        assert_eq!(fs::read(out.join("kpis.csv")).unwrap(), before_csv);
        let prev = Previous::load(out, &f1);
        assert_eq!(write(out, &[("a", sha('1'))], Some(&prev), &f1), 1);
        assert!(out.join("records/a.json").is_file());
        assert!(!out.join("records/b.json").exists());
        // A manifest without a fingerprint (an older jplan's) reuses nothing.
        fs::write(out.join("manifest.json"), "{\"cache_key\": \"0.1.0+x\"}").unwrap();
        assert!(Previous::load(out, &f1).is_empty());
    }

    #[test]
    fn a_damaged_previous_output_only_means_more_work() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let f1 = fp("c1");
        write(out, &[("a", sha('1')), ("b", sha('2'))], None, &f1);
        let mut corpus = fs::read_to_string(out.join("corpus.jsonl")).unwrap();
        corpus.insert_str(0, "garbage\n");
        fs::write(out.join("corpus.jsonl"), corpus).unwrap();
        fs::remove_file(out.join("records/b.json")).unwrap();
        let prev = Previous::load(out, &f1);
        assert!(prev.reuse("a", PATH, &sha('1')).is_some());
        assert!(prev.reuse("b", PATH, &sha('2')).is_none());
        fs::remove_file(out.join("kpis.csv")).unwrap();
        assert!(Previous::load(out, &f1).is_empty());
    }

    #[test]
    fn a_folder_left_halfway_through_being_replaced_reuses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let f1 = fp("c1");
        write(out, &[("a", sha('1'))], None, &f1);
        assert_eq!(Previous::load(out, &f1).len(), 1);
        fs::write(out.join(crate::output::REPLACING_MARK), "").unwrap();
        assert!(Previous::load(out, &f1).is_empty());
        // The next run that finishes clears the mark.
        write(out, &[("a", sha('1'))], None, &f1);
        assert_eq!(Previous::load(out, &f1).len(), 1);
    }
}
