//! What a previous run left in the output folder, for `--incremental`.
//!
//! A record is reused when the previous run had the same cache key (jplan's
//! version and the user dictionary's hash, see
//! [`crate::Pipeline::cache_key`]) and a record with the same id made from
//! bytes with the same SHA-256. Reused records are not parsed as a whole:
//! their line of `corpus.jsonl`, their `records/<id>.json` (hard-linked) and
//! their rows of `kpis.csv` are carried over as they are. Anything missing
//! or unreadable in the previous output only means more work is redone.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::output::{OutRecord, Pretty, csv_first_field};

/// The previous run's records, by id.
#[derive(Debug, Default)]
pub struct Previous {
    records: HashMap<String, Entry>,
}

#[derive(Debug)]
struct Entry {
    sha256: String,
    json: String,
    kpi_rows: String,
}

#[derive(Deserialize)]
struct Head {
    id: String,
    source: HeadSource,
}

#[derive(Deserialize)]
struct HeadSource {
    sha256: String,
}

impl Previous {
    /// Read the previous output in `out`; empty when it was made with
    /// another cache key or is missing.
    pub fn load(out: &Path, cache_key: &str) -> Self {
        if manifest_key(out).as_deref() != Some(cache_key) {
            return Previous::default();
        }
        Self::load_any(out)
    }

    /// Read the output in `out` whatever made it (for `jplan merge`).
    pub fn load_any(out: &Path) -> Self {
        let Ok(corpus) = fs::read_to_string(out.join("corpus.jsonl")) else {
            return Previous::default();
        };
        // Without kpis.csv the KPI rows of a reused record would be lost.
        let Ok(csv) = fs::read_to_string(out.join("kpis.csv")) else {
            return Previous::default();
        };
        let mut rows: HashMap<String, String> = HashMap::new();
        for line in csv.lines().skip(1) {
            let entry = rows.entry(csv_first_field(line)).or_default();
            entry.push_str(line);
            entry.push('\n');
        }
        let mut records = HashMap::new();
        for line in corpus.lines() {
            let Ok(head) = serde_json::from_str::<Head>(line) else {
                continue;
            };
            if !out
                .join("records")
                .join(format!("{}.json", head.id))
                .is_file()
            {
                continue;
            }
            let kpi_rows = rows.remove(&head.id).unwrap_or_default();
            records.insert(
                head.id,
                Entry {
                    sha256: head.source.sha256,
                    json: line.to_string(),
                    kpi_rows,
                },
            );
        }
        Previous { records }
    }

    /// The record `id`, whatever bytes it was made from.
    pub fn take(&self, out: &Path, id: &str) -> Option<OutRecord> {
        let e = self.records.get(id)?;
        self.reuse(out, id, &e.sha256)
    }

    /// The previous record `id`, if it was made from bytes with `sha256`.
    pub fn reuse(&self, out: &Path, id: &str, sha256: &str) -> Option<OutRecord> {
        let e = self.records.get(id).filter(|e| e.sha256 == sha256)?;
        Some(OutRecord {
            id: id.to_string(),
            json: e.json.clone(),
            pretty: Pretty::Reuse(out.join("records").join(format!("{id}.json"))),
            kpi_rows: e.kpi_rows.clone(),
        })
    }

    /// Ids of the previous run.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.records.keys().map(String::as_str)
    }

    /// How many records the previous run left.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there is nothing to reuse.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// The cache key a manifest in `out` names, if any.
pub fn manifest_key(out: &Path) -> Option<String> {
    let manifest = fs::read_to_string(out.join("manifest.json")).ok()?;
    let m: serde_json::Value = serde_json::from_str(&manifest).ok()?;
    m.get("cache_key")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{OutRecord, write_all};
    use serde_json::json;

    fn rec(id: &str, sha: &str) -> OutRecord {
        OutRecord::new(
            id,
            &json!({"schema": "plan-record/1", "id": id, "source": {"sha256": sha},
                    "kpis": [{"indicator": "件数", "targets": [{"year": 2025, "value": 3}]}]}),
        )
        .unwrap()
    }

    #[test]
    fn reuses_only_same_key_and_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write_all(
            out,
            &[rec("a", "s1"), rec("b", "s2")],
            &[],
            &json!({"cache_key": "k1"}),
        )
        .unwrap();
        let prev = Previous::load(out, "k1");
        assert_eq!(prev.len(), 2);
        let a = prev.reuse(out, "a", "s1").unwrap();
        assert_eq!(a.json, rec("a", "s1").json);
        assert_eq!(a.kpi_rows, rec("a", "s1").kpi_rows);
        assert!(prev.reuse(out, "a", "changed").is_none());
        assert!(
            Previous::load(out, "k2").is_empty(),
            "another version redoes all"
        );
        // Reused records survive the swap of records/.
        write_all(out, &[a], &[], &json!({"cache_key": "k1"})).unwrap();
        assert!(out.join("records/a.json").is_file());
        assert!(!out.join("records/b.json").exists());
    }
}
