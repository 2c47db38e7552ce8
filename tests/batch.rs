//! The nightly batch: incremental runs, shards and merge, crash safety,
//! and the record's JSON Schema.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{jplan, read_jsonl, root};

fn manifest(out: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

fn seed_copy(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    for e in fs::read_dir(root().join("corpus")).unwrap().flatten() {
        fs::copy(e.path(), input.join(e.file_name())).unwrap();
    }
    input
}

#[test]
fn incremental_reuses_unchanged_and_redoes_exactly_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let input = seed_copy(dir.path());
    let out = dir.path().join("out");
    let run = || {
        let o = jplan(
            &["extract", "in", "--out", "out", "-q", "--incremental"],
            dir.path(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        manifest(&out)["counts"].clone()
    };
    let first = run();
    assert_eq!(
        (first["redone"].as_u64(), first["reused"].as_u64()),
        (Some(5), Some(0))
    );
    let clean = fs::read(out.join("corpus.jsonl")).unwrap();
    let clean_csv = fs::read(out.join("kpis.csv")).unwrap();

    let again = run();
    assert_eq!(
        (again["redone"].as_u64(), again["reused"].as_u64()),
        (Some(0), Some(5))
    );
    assert_eq!(
        fs::read(out.join("corpus.jsonl")).unwrap(),
        clean,
        "reuse is byte-identical"
    );
    assert_eq!(fs::read(out.join("kpis.csv")).unwrap(), clean_csv);
    assert!(out.join("records/kawasaki.json").is_file());

    let mut t = fs::read_to_string(input.join("tsukuba.txt")).unwrap();
    t.push_str("\n追記\n");
    fs::write(input.join("tsukuba.txt"), t).unwrap();
    fs::remove_file(input.join("kashiwa.txt")).unwrap();
    let changed = run();
    assert_eq!(changed["redone"].as_u64(), Some(1));
    assert_eq!(changed["reused"].as_u64(), Some(3));
    assert_eq!(changed["removed"].as_u64(), Some(1));
    assert!(!out.join("records/kashiwa.json").exists());
    assert_eq!(read_jsonl(&out.join("corpus.jsonl")).len(), 4);
}

#[test]
fn shards_merge_into_the_whole_corpus() {
    let dir = tempfile::tempdir().unwrap();
    seed_copy(dir.path());
    let o = jplan(&["extract", "in", "--out", "all", "-q"], dir.path());
    assert!(o.status.success());
    let mut counts = 0;
    for k in 0..3 {
        let shard = format!("{k}/3");
        let out = format!("s{k}");
        let o = jplan(
            &["extract", "in", "--out", &out, "-q", "--shard", &shard],
            dir.path(),
        );
        assert!(o.status.success());
        counts += read_jsonl(&dir.path().join(&out).join("corpus.jsonl")).len();
    }
    assert_eq!(counts, 5, "every document is in exactly one shard");
    let o = jplan(&["merge", "s0", "s1", "s2", "--out", "merged"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "corpus.jsonl",
        "kpis.csv",
        "errors.jsonl",
        "records/tokorozawa.json",
    ] {
        assert_eq!(
            fs::read(dir.path().join("all").join(f)).unwrap(),
            fs::read(dir.path().join("merged").join(f)).unwrap(),
            "{f}"
        );
    }
    let o = jplan(&["merge", "s0", "s0", "--out", "bad"], dir.path());
    assert!(!o.status.success(), "overlapping shards are refused");
    let o = jplan(
        &["extract", "in", "--out", "x", "--shard", "3/3"],
        dir.path(),
    );
    assert!(!o.status.success());
}

/// Every output file must parse completely, and the corpus must be whole:
/// either the old one or the new one.
fn assert_intact(out: &Path, old: &[u8], new: &[u8]) {
    let corpus = fs::read(out.join("corpus.jsonl")).unwrap();
    assert!(
        corpus == old || corpus == new,
        "corpus.jsonl is neither the old nor the new corpus"
    );
    let m: Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert!(m["counts"]["records"].as_u64().is_some());
    for line in fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .lines()
    {
        serde_json::from_str::<Value>(line).unwrap();
    }
    let records: Vec<_> = fs::read_dir(out.join("records"))
        .unwrap()
        .flatten()
        .collect();
    assert!(!records.is_empty());
    for r in records {
        serde_json::from_str::<Value>(&fs::read_to_string(r.path()).unwrap()).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_run_killed_at_any_moment_leaves_a_whole_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let seeds: Vec<_> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .collect();
    for i in 0..120 {
        let e = &seeds[i % seeds.len()];
        fs::copy(e.path(), input.join(format!("doc{i:03}.txt"))).unwrap();
    }
    let out = dir.path().join("out");
    let o = jplan(
        &["extract", "in", "--out", "out", "-q", "--jobs", "1"],
        dir.path(),
    );
    assert!(o.status.success());
    let old = fs::read(out.join("corpus.jsonl")).unwrap();
    // Change every document so that the next run writes a different corpus.
    for e in fs::read_dir(&input).unwrap().flatten() {
        let mut t = fs::read_to_string(e.path()).unwrap();
        t.push_str("\n計画期間 令和8年度～令和12年度\n");
        fs::write(e.path(), t).unwrap();
    }
    let full = dir.path().join("full");
    let started = Instant::now();
    let o = jplan(
        &["extract", "in", "--out", "full", "-q", "--jobs", "1"],
        dir.path(),
    );
    assert!(o.status.success());
    let run_time = started.elapsed();
    let new = fs::read(full.join("corpus.jsonl")).unwrap();
    assert_ne!(old, new);

    // Kill at moments spread over a whole run, the writing phase included.
    for step in 0..10u32 {
        let delay = run_time.mul_f64(f64::from(step) / 9.0 * 1.1);
        let mut child = Command::new(env!("CARGO_BIN_EXE_jplan"))
            .args(["extract", "in", "--out", "out", "-q", "--jobs", "1"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert_intact(&out, &old, &new);
    }
    // A rerun after the kills gives exactly the clean run's output.
    let o = jplan(&["extract", "in", "--out", "out", "-q"], dir.path());
    assert!(o.status.success());
    assert_eq!(fs::read(out.join("corpus.jsonl")).unwrap(), new);
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files are cleaned up");
    let _ = Duration::ZERO;
}

#[test]
fn every_record_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("schemas/plan-record.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let out = tempfile::tempdir().unwrap();
    let o = jplan(
        &[
            "extract",
            "corpus",
            "fixtures",
            "--out",
            out.path().to_str().unwrap(),
            "-q",
        ],
        &root(),
    );
    assert!(o.status.success());
    let records = read_jsonl(&out.path().join("corpus.jsonl"));
    assert!(records.len() >= 5);
    for r in &records {
        let errors: Vec<String> = validator
            .iter_errors(r)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {}", r["id"], errors.join("; "));
    }
    // And the schema is not vacuous: a broken record fails.
    let mut bad = records[0].clone();
    bad["periods"] = serde_json::json!([{"start": "2020"}]);
    assert!(!validator.is_valid(&bad));
}
