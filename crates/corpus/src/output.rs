//! The output folder: `corpus.jsonl`, `records/<id>.json`, `errors.jsonl`,
//! `kpis.csv`, `manifest.json`.
//!
//! Every file is written under a temporary name in the output folder and
//! renamed into place; `records/` is built as a new folder and swapped in
//! (in one step where the system can exchange two folders, Linux's
//! `renameat2(RENAME_EXCHANGE)`; elsewhere in two renames, and a run killed
//! between them has the old folder put back by the next run). A run killed
//! at any moment leaves each file either as the previous run wrote it or
//! as this run wrote it, never truncated. `manifest.json` is written last:
//! when it names this run, everything else is this run's.
//!
//! The writer reports each step to an optional [`PhaseHook`], so a test can
//! stop a run at a named [`Phase`] and kill it there (`docs/testing.md`).

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::lock::OutputLock;

/// A step of writing an output folder, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// The output folder is locked; nothing is written yet.
    Locked,
    /// A record was appended to the temporary corpus (its pretty file is
    /// in the staging folder): records are being written.
    Record,
    /// Every record is staged and synced, and the folder is marked as
    /// being replaced ([`REPLACING_MARK`]); `records/` is about to be
    /// swapped.
    RecordsStaged,
    /// `records/` is this run's; `kpis.csv` is about to be renamed.
    RecordsSwapped,
    /// `kpis.csv` is this run's; `errors.jsonl` is about to be written.
    KpisRenamed,
    /// `errors.jsonl` is this run's; `corpus.jsonl` is about to be renamed.
    ErrorsWritten,
    /// `corpus.jsonl` is this run's; `manifest.json` is about to be written.
    CorpusRenamed,
    /// The new manifest is written under its temporary name, not yet
    /// renamed.
    ManifestStaged,
    /// `manifest.json` is this run's and the mark is gone; the previous
    /// `records/` is about to be removed and the lock let go.
    ManifestWritten,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 9] = [
        Phase::Locked,
        Phase::Record,
        Phase::RecordsStaged,
        Phase::RecordsSwapped,
        Phase::KpisRenamed,
        Phase::ErrorsWritten,
        Phase::CorpusRenamed,
        Phase::ManifestStaged,
        Phase::ManifestWritten,
    ];

    /// Its name (`records-staged`).
    pub fn name(self) -> &'static str {
        match self {
            Phase::Locked => "locked",
            Phase::Record => "record",
            Phase::RecordsStaged => "records-staged",
            Phase::RecordsSwapped => "records-swapped",
            Phase::KpisRenamed => "kpis-renamed",
            Phase::ErrorsWritten => "errors-written",
            Phase::CorpusRenamed => "corpus-renamed",
            Phase::ManifestStaged => "manifest-staged",
            Phase::ManifestWritten => "manifest-written",
        }
    }

    /// The phase named `name`.
    pub fn from_name(name: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Called at each [`Phase`] (from the thread that writes).
pub type PhaseHook = Arc<dyn Fn(Phase) + Send + Sync>;

/// Present in an output folder from the moment a run starts putting its
/// files in place until its manifest is: while it is there, the folder may
/// hold some files of one run and some of another (each whole). A run
/// killed in that moment leaves it behind, and then nothing is reused from
/// the folder (`--incremental`) or merged from it, since its
/// `corpus.jsonl`, `kpis.csv` and `records/` may not belong together. The
/// next run that finishes removes it.
pub const REPLACING_MARK: &str = ".jplan.replacing";

/// Whether the output folder `out` was left halfway through being replaced
/// (see [`REPLACING_MARK`]).
pub fn is_being_replaced(out: &Path) -> bool {
    fs::symlink_metadata(out.join(REPLACING_MARK)).is_ok()
}

/// An input that gave no record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ErrorEntry {
    /// The path as given.
    pub path: String,
    /// Why it gave no record.
    pub reason: String,
}

/// Write `bytes` to `path` atomically (temporary file, fsync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = tmp_name(path);
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn tmp_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Remove what a killed run left behind (`.*.tmp-*`, `.records.*`). A run
/// killed between the two renames that swap `records/` where the folders
/// cannot be exchanged in one step left no `records/` but the previous one
/// as `.records.old-PID`: that one is put back first, since `corpus.jsonl`
/// is still the previous run's too. Call only while holding the folder's
/// lock.
pub fn clean_stale(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    let entries: Vec<_> = entries.flatten().collect();
    let live = out.join("records");
    if fs::symlink_metadata(&live).is_err()
        && let Some(old) = entries
            .iter()
            .find(|e| e.file_name().to_string_lossy().starts_with(".records.old-"))
    {
        let _ = fs::rename(old.path(), &live);
    }
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && (name.contains(".tmp-") || name.starts_with(".records.")) {
            let p = e.path();
            let _ = if p.is_dir() {
                fs::remove_dir_all(&p)
            } else {
                fs::remove_file(&p)
            };
        }
    }
}

/// Writes one output folder, streaming: records go to disk as they are
/// made, so memory does not grow with the corpus.
///
/// Pretty files are written (or hard-linked) into a staging `records/`
/// folder by whoever makes them, possibly from several threads, through
/// [`CorpusWriter::records_dir`]; the JSON lines and KPI rows are appended in
/// id order with [`CorpusWriter::append`]; [`CorpusWriter::finish`] swaps
/// `records/` in and renames every other file into place, `manifest.json`
/// last. A writer dropped without `finish` removes what it staged, and a
/// run killed before `finish` leaves the previous output as it was (the
/// next run clears the leftovers).
pub struct CorpusWriter {
    out: PathBuf,
    staging: PathBuf,
    corpus_tmp: PathBuf,
    kpis_tmp: PathBuf,
    corpus: Option<io::BufWriter<File>>,
    kpis: Option<io::BufWriter<File>>,
    hook: Option<PhaseHook>,
}

impl CorpusWriter {
    /// Start writing the output folder that `lock` holds. Leftovers of a
    /// killed run are cleared first; holding the lock guarantees they are
    /// not another live run's.
    pub fn create(lock: &OutputLock) -> io::Result<Self> {
        let out = lock.dir();
        fs::create_dir_all(out)?;
        clean_stale(out);
        let pid = std::process::id();
        let staging = out.join(format!(".records.new-{pid}"));
        fs::create_dir_all(&staging)?;
        let corpus_tmp = tmp_name(&out.join("corpus.jsonl"));
        let kpis_tmp = tmp_name(&out.join("kpis.csv"));
        let corpus = io::BufWriter::with_capacity(1 << 20, File::create(&corpus_tmp)?);
        let mut kpis = io::BufWriter::with_capacity(1 << 16, File::create(&kpis_tmp)?);
        kpis.write_all(kpi_header().as_bytes())?;
        Ok(CorpusWriter {
            out: out.to_path_buf(),
            staging,
            corpus_tmp,
            kpis_tmp,
            corpus: Some(corpus),
            kpis: Some(kpis),
            hook: None,
        })
    }

    /// Report each [`Phase`] to `hook`.
    pub fn set_hook(&mut self, hook: Option<PhaseHook>) {
        self.hook = hook;
    }

    fn phase(&self, phase: Phase) {
        if let Some(h) = &self.hook {
            h(phase);
        }
    }

    /// The staging folder for `records/<id>.json` files.
    pub fn records_dir(&self) -> &Path {
        &self.staging
    }

    /// Append one record's JSON line (without newline) and KPI rows; call
    /// in id order.
    pub fn append(&mut self, json: &[u8], kpi_rows: &[u8]) -> io::Result<()> {
        let (Some(corpus), Some(kpis)) = (self.corpus.as_mut(), self.kpis.as_mut()) else {
            return Err(io::Error::other("the corpus writer is finished"));
        };
        corpus.write_all(json)?;
        corpus.write_all(b"\n")?;
        kpis.write_all(kpi_rows)?;
        self.phase(Phase::Record);
        Ok(())
    }

    /// Put everything in place, `manifest.json` last.
    pub fn finish(mut self, errors: &[ErrorEntry], manifest: &Value) -> io::Result<()> {
        for w in [self.corpus.take(), self.kpis.take()].into_iter().flatten() {
            let f = w.into_inner().map_err(|e| e.into_error())?;
            f.sync_all()?;
        }
        sync_dir(&self.staging);
        let mark = self.out.join(REPLACING_MARK);
        File::create(&mark)?.sync_all()?;
        sync_dir(&self.out);
        self.phase(Phase::RecordsStaged);
        let pid = std::process::id();
        let live = self.out.join("records");
        // After the swap the previous records are in `old` (if there were any).
        let old = if fs::symlink_metadata(&live).is_err() {
            fs::rename(&self.staging, &live)?;
            None
        } else if exchange(&self.staging, &live)? {
            Some(self.staging.clone())
        } else {
            let old = self.out.join(format!(".records.old-{pid}"));
            fs::rename(&live, &old)?;
            fs::rename(&self.staging, &live)?;
            Some(old)
        };
        self.phase(Phase::RecordsSwapped);
        fs::rename(&self.kpis_tmp, self.out.join("kpis.csv"))?;
        self.phase(Phase::KpisRenamed);
        let mut errs = Vec::new();
        for e in errors {
            serde_json::to_writer(&mut errs, e).map_err(io::Error::other)?;
            errs.push(b'\n');
        }
        write_atomic(&self.out.join("errors.jsonl"), &errs)?;
        self.phase(Phase::ErrorsWritten);
        fs::rename(&self.corpus_tmp, self.out.join("corpus.jsonl"))?;
        self.phase(Phase::CorpusRenamed);
        let mut m = serde_json::to_string_pretty(manifest).map_err(io::Error::other)?;
        m.push('\n');
        let manifest_path = self.out.join("manifest.json");
        let tmp = tmp_name(&manifest_path);
        let staged = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(m.as_bytes())?;
            f.sync_all()
        })();
        if let Err(e) = staged {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        self.phase(Phase::ManifestStaged);
        fs::rename(&tmp, &manifest_path)?;
        sync_dir(&self.out);
        fs::remove_file(&mark)?;
        sync_dir(&self.out);
        self.phase(Phase::ManifestWritten);
        if let Some(old) = old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for CorpusWriter {
    /// Removes what this writer staged and did not put in place (after a
    /// finish, at most the previous `records/` left by a failed step; the
    /// names carry this process's id, and the folder's lock is held).
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.staging);
        let _ = fs::remove_file(&self.corpus_tmp);
        let _ = fs::remove_file(&self.kpis_tmp);
    }
}

/// A record made in this run, as the writer needs it.
#[derive(Clone, Debug)]
pub struct MadeRecord {
    /// The compact JSON line, without newline.
    pub json: String,
    /// Its rows of `kpis.csv`.
    pub kpi_rows: String,
}

/// Write `records/<id>.json` for a new record into `records_dir` and
/// return its line and KPI rows.
pub fn make_record(records_dir: &Path, id: &str, record: &Value) -> io::Result<MadeRecord> {
    let mut pretty = serde_json::to_string_pretty(record).map_err(io::Error::other)?;
    pretty.push('\n');
    fs::write(records_dir.join(format!("{id}.json")), pretty)?;
    Ok(MadeRecord {
        json: serde_json::to_string(record).map_err(io::Error::other)?,
        kpi_rows: kpi_rows(id, record),
    })
}

/// Hard-link (or copy) an unchanged `records/<id>.json` of a previous run
/// into `records_dir`.
pub fn link_record(records_dir: &Path, id: &str, old: &Path) -> io::Result<()> {
    let dest = records_dir.join(format!("{id}.json"));
    if fs::hard_link(old, &dest).is_err() {
        fs::copy(old, &dest)?;
    }
    Ok(())
}

/// Exchange the folders `a` and `b` in one step; `Ok(false)` where the
/// system or file system cannot (the caller then renames twice).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE as _,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP | libc::EXDEV) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

fn sync_dir(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

/// The columns of `kpis.csv`, one row per value.
pub const KPI_COLUMNS: &[&str] = &[
    "id",
    "municipality",
    "indicator",
    "unit",
    "node",
    "kind",
    "year",
    "value",
    "target_text",
    "status",
    "line",
];

/// The header line of `kpis.csv`.
pub fn kpi_header() -> String {
    let mut out = KPI_COLUMNS.join(",");
    out.push('\n');
    out
}

/// One record's rows of `kpis.csv`, the tidy form of its KPIs: one row per
/// value (baseline, target or actual); a KPI with no values but a
/// `target_text` gets one row of kind `target` with an empty value.
pub fn kpi_rows(id: &str, rec: &Value) -> String {
    let mut out = String::new();
    let muni = rec
        .pointer("/municipality/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let Some(kpis) = rec.get("kpis").and_then(Value::as_array) else {
        return out;
    };
    for k in kpis {
        let s = |key: &str| k.get(key).map(cell).unwrap_or_default();
        let mut values: Vec<(&str, &Value)> = Vec::new();
        if let Some(b) = k.get("baseline").filter(|b| !b.is_null()) {
            values.push(("baseline", b));
        }
        for (kind, key) in [("target", "targets"), ("actual", "actuals")] {
            for v in k.get(key).and_then(Value::as_array).into_iter().flatten() {
                values.push((kind, v));
            }
        }
        let mut row = |kind: &str, year: String, value: String| {
            let fields = [
                id.to_string(),
                muni.to_string(),
                s("indicator"),
                s("unit"),
                s("node"),
                kind.to_string(),
                year,
                value,
                s("target_text"),
                s("status"),
                s("line"),
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_quote(f)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        };
        if values.is_empty() {
            if k.get("target_text").is_some_and(|t| !t.is_null()) {
                row("target", String::new(), String::new());
            }
            continue;
        }
        for (kind, v) in values {
            row(
                kind,
                v.get("year").map(cell).unwrap_or_default(),
                v.get("value").map(cell).unwrap_or_default(),
            );
        }
    }
    out
}

/// The first field of a CSV line (the record id in `kpis.csv`).
pub fn csv_first_field(line: &str) -> String {
    if let Some(rest) = line.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    out.push('"');
                } else {
                    break;
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        line.split(',').next().unwrap_or("").to_string()
    }
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn csv_quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kpis_csv_one_row_per_value() {
        let rec = json!({
            "municipality": {"name": "所沢市"},
            "kpis": [{
                "indicator": "総生産額, 市内", "unit": "億円", "node": "1",
                "baseline": {"year": 2019, "value": 9095},
                "targets": [{"year": 2023, "value": 9186}],
                "actuals": [], "target_text": null, "status": null, "line": 95
            }, {
                "indicator": "件数", "unit": "件", "node": null, "baseline": null,
                "targets": [], "actuals": [], "target_text": "10件/年", "status": "達成", "line": 9
            }]
        });
        let csv = kpi_header() + &kpi_rows("t", &rec);
        let lines: Vec<_> = csv.lines().collect();
        assert_eq!(lines[0], KPI_COLUMNS.join(","));
        assert_eq!(csv_first_field(lines[1]), "t");
        assert_eq!(csv_first_field("\"a,\"\"b\",x"), "a,\"b");
        assert_eq!(
            lines[1],
            "t,所沢市,\"総生産額, 市内\",億円,1,baseline,2019,9095,,,95"
        );
        assert_eq!(
            lines[2],
            "t,所沢市,\"総生産額, 市内\",億円,1,target,2023,9186,,,95"
        );
        assert_eq!(lines[3], "t,所沢市,件数,件,,target,,,10件/年,達成,9");
        assert_eq!(lines.len(), 4);
    }

    fn write(out: &Path, ids: &[&str], errors: &[ErrorEntry], run: u32) {
        let lock = OutputLock::try_acquire(out, "test").unwrap();
        let mut w = CorpusWriter::create(&lock).unwrap();
        for id in ids {
            let rec = json!({"id": id, "run": run});
            let made = make_record(w.records_dir(), id, &rec).unwrap();
            w.append(made.json.as_bytes(), made.kpi_rows.as_bytes())
                .unwrap();
        }
        w.finish(errors, &json!({"run": run})).unwrap();
    }

    #[test]
    fn writer_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write(out, &["a", "b"], &[], 1);
        assert!(out.join("records/b.json").exists());
        let errs = vec![ErrorEntry {
            path: "x.txt".into(),
            reason: "binary".into(),
        }];
        write(out, &["a"], &errs, 2);
        assert!(
            !out.join("records/b.json").exists(),
            "a record that disappeared is dropped"
        );
        assert_eq!(
            fs::read_to_string(out.join("corpus.jsonl")).unwrap(),
            "{\"id\":\"a\",\"run\":2}\n"
        );
        assert!(
            fs::read_to_string(out.join("errors.jsonl"))
                .unwrap()
                .contains("binary")
        );
        assert_eq!(hidden(out), [crate::lock::LOCK_FILE], "no leftovers");
    }

    fn hidden(out: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_unfinished_writer_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write(out, &["a"], &[], 1);
        {
            let lock = OutputLock::try_acquire(out, "test").unwrap();
            let mut w = CorpusWriter::create(&lock).unwrap();
            let made = make_record(w.records_dir(), "z", &json!({"id": "z"})).unwrap();
            w.append(made.json.as_bytes(), b"").unwrap();
        }
        assert_eq!(
            fs::read_to_string(out.join("corpus.jsonl")).unwrap(),
            "{\"id\":\"a\",\"run\":1}\n"
        );
        assert_eq!(hidden(out), [crate::lock::LOCK_FILE], "no leftovers");
        assert_eq!(fs::read_dir(out).unwrap().count(), 6);
    }

    #[test]
    fn every_phase_is_reported_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        for run in 0..2 {
            seen.lock().unwrap().clear();
            let lock = OutputLock::try_acquire(dir.path(), "test").unwrap();
            let mut w = CorpusWriter::create(&lock).unwrap();
            let log = seen.clone();
            w.set_hook(Some(Arc::new(move |p| log.lock().unwrap().push(p))));
            for id in ["a", "b"] {
                let made =
                    make_record(w.records_dir(), id, &json!({"id": id, "run": run})).unwrap();
                w.append(made.json.as_bytes(), b"").unwrap();
            }
            w.finish(&[], &json!({})).unwrap();
            // The first run has no records/ to swap with; the second does.
            let mut expected = vec![Phase::Record, Phase::Record];
            expected.extend_from_slice(&Phase::ALL[2..]);
            assert_eq!(*seen.lock().unwrap(), expected, "run {run}");
            assert_eq!(
                fs::read_to_string(dir.path().join("records/b.json")).unwrap(),
                format!("{{\n  \"id\": \"b\",\n  \"run\": {run}\n}}\n")
            );
            assert_eq!(hidden(dir.path()), [crate::lock::LOCK_FILE], "run {run}");
        }
        for p in Phase::ALL {
            assert_eq!(Phase::from_name(p.name()), Some(p));
        }
        assert_eq!(Phase::from_name("nope"), None);
    }

    #[test]
    fn exchange_swaps_two_folders_or_leaves_both() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "from a").unwrap();
        fs::write(b.join("y"), "from b").unwrap();
        let swapped = exchange(&a, &b).unwrap();
        if swapped {
            assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "from a");
            assert_eq!(fs::read_to_string(a.join("y")).unwrap(), "from b");
        } else {
            assert!(a.join("x").exists() && b.join("y").exists());
        }
        #[cfg(target_os = "linux")]
        eprintln!(
            "renameat2(RENAME_EXCHANGE) in {}: {swapped}",
            dir.path().display()
        );
    }

    #[test]
    fn records_moved_aside_by_a_killed_run_are_put_back() {
        // What a run killed between the two renames of the fallback swap
        // leaves: no records/, the previous one aside, its own staged one.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write(out, &["a", "b"], &[], 1);
        let before = fs::read(out.join("records/b.json")).unwrap();
        fs::rename(out.join("records"), out.join(".records.old-77")).unwrap();
        fs::create_dir(out.join(".records.new-77")).unwrap();
        fs::write(out.join(".records.new-77/c.json"), "{").unwrap();
        fs::write(out.join(".corpus.jsonl.tmp-77"), "{").unwrap();
        let lock = OutputLock::try_acquire(out, "test").unwrap();
        clean_stale(out);
        assert_eq!(fs::read(out.join("records/b.json")).unwrap(), before);
        assert_eq!(hidden(out), [crate::lock::LOCK_FILE]);
        drop(lock);
    }
}
