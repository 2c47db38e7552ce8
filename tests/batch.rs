//! The nightly batch: incremental runs, shards and merge, crash safety,
//! and the record's JSON Schema.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{
    copy_dir, describe_differences, jplan, output_files, read_jsonl, root, wait_for_line,
};

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

    // Moved to a subfolder: same id, same bytes, but its record names
    // where it is now.
    fs::create_dir(input.join("sub")).unwrap();
    fs::rename(input.join("kawasaki.txt"), input.join("sub/kawasaki.txt")).unwrap();
    let moved = run();
    assert_eq!(
        (moved["redone"].as_u64(), moved["reused"].as_u64()),
        (Some(1), Some(3))
    );
    let kawasaki = read_jsonl(&out.join("corpus.jsonl"))
        .into_iter()
        .find(|r| r["id"] == "kawasaki")
        .unwrap();
    assert_eq!(kawasaki["source"]["path"], "in/sub/kawasaki.txt");
}

/// Rewrite the fingerprint the manifest of `out` records, as a jplan built
/// from other sources would have written it.
fn set_fingerprint(out: &Path, code: &str) {
    let mut m = manifest(out);
    let fp = jplan_corpus::Fingerprint::from_parts(
        m["fingerprint"]["version"].as_str().unwrap(),
        code,
        m["fingerprint"]["dictionaries"].as_str().unwrap(),
        m["fingerprint"]["user_dictionary"].as_str().unwrap(),
    );
    m["fingerprint"] = fp.to_json();
    fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&m).unwrap(),
    )
    .unwrap();
}

#[test]
fn another_fingerprint_redoes_every_record() {
    // What a rule change amounts to: the code digest this build embeds
    // (`crates/corpus/src/fingerprint.rs` tests that an edit to any file of
    // crates/extract changes it, and that the embedded value is the digest
    // of the current sources) differs from the one the previous run's
    // manifest records, and nothing is reused.
    let dir = tempfile::tempdir().unwrap();
    seed_copy(dir.path());
    let out = dir.path().join("out");
    let run = || {
        let o = jplan(
            &["extract", "in", "--out", "out", "-q", "--incremental"],
            dir.path(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let c = manifest(&out)["counts"].clone();
        (c["redone"].as_u64().unwrap(), c["reused"].as_u64().unwrap())
    };
    assert_eq!(run(), (5, 0));
    let fp = &manifest(&out)["fingerprint"];
    assert_eq!(fp["code"], jplan_corpus::fingerprint::CODE_DIGEST);
    assert_eq!(
        fp["dictionaries"],
        jplan_corpus::fingerprint::DICTIONARIES_DIGEST
    );
    assert_eq!(fp["version"], jplan_corpus::VERSION);
    assert_eq!(fp["digest"].as_str().unwrap().len(), 64);
    let clean = fs::read(out.join("corpus.jsonl")).unwrap();
    assert_eq!(run(), (0, 5), "same build, same documents: all reused");

    set_fingerprint(&out, "0000-the-rules-of-an-older-build");
    assert_eq!(run(), (5, 0), "another build's records are all redone");
    assert_eq!(fs::read(out.join("corpus.jsonl")).unwrap(), clean);
    assert_eq!(
        manifest(&out)["fingerprint"]["code"],
        jplan_corpus::fingerprint::CODE_DIGEST
    );

    // A manifest of a jplan from before fingerprints (a cache_key only).
    let mut m = manifest(&out);
    m.as_object_mut().unwrap().remove("fingerprint");
    m["cache_key"] = "0.1.0+0123456789abcdef".into();
    fs::write(out.join("manifest.json"), m.to_string()).unwrap();
    assert_eq!(run(), (5, 0), "an older manifest's records are all redone");
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
    assert!(String::from_utf8_lossy(&o.stderr).contains("shards must not overlap"));

    // A shard a run is still writing is not read, nor one a killed run
    // left halfway through replacing its files.
    let busy = jplan_corpus::lock::OutputLock::try_acquire(&dir.path().join("s1"), "test").unwrap();
    let o = jplan(&["merge", "s0", "s1", "s2", "--out", "bad1"], dir.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!(
            "s1 is in use by another jplan run (pid {}",
            std::process::id()
        )),
        "{stderr}"
    );
    drop(busy);
    let mark = dir
        .path()
        .join("s1")
        .join(jplan_corpus::output::REPLACING_MARK);
    fs::write(&mark, "").unwrap();
    let o = jplan(&["merge", "s0", "s1", "s2", "--out", "bad1"], dir.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        stderr.contains("s1: a run was killed while replacing its files"),
        "{stderr}"
    );
    fs::remove_file(&mark).unwrap();

    // A shard made by another build is refused, naming both folders and
    // the part that differs.
    set_fingerprint(&dir.path().join("s2"), "another-build");
    let o = jplan(&["merge", "s0", "s1", "s2", "--out", "bad2"], dir.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        stderr.contains("s0 and s2 were made under different fingerprints (code differ"),
        "{stderr}"
    );
    assert!(!dir.path().join("bad2/corpus.jsonl").exists());
    let mut m = manifest(&dir.path().join("s1"));
    m.as_object_mut().unwrap().remove("fingerprint");
    fs::write(dir.path().join("s1/manifest.json"), m.to_string()).unwrap();
    let o = jplan(&["merge", "s0", "s1", "--out", "bad3"], dir.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        stderr.contains("s1: its manifest.json records no fingerprint"),
        "{stderr}"
    );
    let o = jplan(
        &["extract", "in", "--out", "x", "--shard", "3/3"],
        dir.path(),
    );
    assert!(!o.status.success());
}

/// Which of the previous (`old`) or the clean new (`new`) output each part
/// of `out` is: every part must be one of them, whole.
fn generation(
    out: &Path,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> BTreeMap<&'static str, &'static str> {
    let files = output_files(out);
    let mut states = BTreeMap::new();
    for name in ["kpis.csv", "errors.jsonl", "corpus.jsonl", "manifest.json"] {
        let f = files.get(name);
        let state = if f.is_some() && f == old.get(name) {
            "old"
        } else if f.is_some() && f == new.get(name) {
            "new"
        } else {
            panic!("{name} is neither the previous nor the new one")
        };
        states.insert(name, state);
    }
    let records = |m: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        m.iter()
            .filter(|(k, _)| k.starts_with("records/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let r = records(&files);
    let state = if r == records(old) {
        "old"
    } else if r == records(new) {
        "new"
    } else {
        panic!("records/ is neither the previous nor the new one")
    };
    states.insert("records/", state);
    states
}

#[cfg(unix)]
#[test]
fn a_run_killed_in_every_phase_leaves_a_whole_corpus() {
    use jplan_corpus::output::Phase;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let mut seeds: Vec<_> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    for i in 0..15 {
        fs::copy(
            &seeds[i % seeds.len()],
            input.join(format!("doc{i:02}.txt")),
        )
        .unwrap();
    }
    let o = jplan(&["extract", "in", "--out", "base", "-q"], dir.path());
    assert!(o.status.success());
    // The next run changes every file of the output: documents are edited
    // (three are left as they were), one of each seed removed (records/,
    // kpis.csv), one broken (errors.jsonl).
    for i in 0..12 {
        let p = input.join(format!("doc{i:02}.txt"));
        let mut t = fs::read_to_string(&p).unwrap();
        t.push_str("\n計画期間 令和8年度～令和12年度\n");
        fs::write(&p, t).unwrap();
    }
    for i in 0..5 {
        fs::remove_file(input.join(format!("doc{i:02}.txt"))).unwrap();
    }
    fs::write(input.join("broken.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let o = jplan(&["extract", "in", "--out", "full", "-q"], dir.path());
    assert!(o.status.success());
    let old = output_files(&dir.path().join("base"));
    let new = output_files(&dir.path().join("full"));
    for name in [
        "kpis.csv",
        "errors.jsonl",
        "corpus.jsonl",
        "manifest.json",
        "records/doc00.json",
        "records/doc05.json",
    ] {
        assert_ne!(
            old.get(name),
            new.get(name),
            "{name} must change for the test to see it"
        );
    }

    // What a kill in each phase must leave: which parts are already new.
    let expected = |phase: Phase| -> [&str; 5] {
        // records/, kpis.csv, errors.jsonl, corpus.jsonl, manifest.json
        match phase {
            Phase::Locked | Phase::Record | Phase::RecordsStaged => ["old"; 5],
            Phase::RecordsSwapped => ["new", "old", "old", "old", "old"],
            Phase::KpisRenamed => ["new", "new", "old", "old", "old"],
            Phase::ErrorsWritten => ["new", "new", "new", "old", "old"],
            Phase::CorpusRenamed | Phase::ManifestStaged => ["new", "new", "new", "new", "old"],
            Phase::ManifestWritten => ["new"; 5],
        }
    };
    let mut hit = Vec::new();
    for phase in Phase::ALL {
        let out = dir.path().join(format!("kill-{}", phase.name()));
        copy_dir(&dir.path().join("base"), &out);
        let log = dir.path().join(format!("phases-{}.log", phase.name()));
        let pause = if phase == Phase::Record {
            "record@4".to_string()
        } else {
            phase.name().to_string()
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_jplan"))
            .args(["extract", "in", "--out"])
            .arg(&out)
            .args(["-q", "--jobs", "1", "--incremental"])
            .env("JPLAN_TEST_PHASES", &log)
            .env("JPLAN_TEST_PAUSE", &pause)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let paused = format!("paused {}", phase.name());
        wait_for_line(&log, &paused, &mut child);
        let pid = child.id();
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(!status.success(), "the run was killed, not finished");
        let last = fs::read_to_string(&log).unwrap();
        assert_eq!(
            last.lines().last(),
            Some(paused.as_str()),
            "nothing ran past the pause"
        );

        let states = generation(&out, &old, &new);
        let got = [
            states["records/"],
            states["kpis.csv"],
            states["errors.jsonl"],
            states["corpus.jsonl"],
            states["manifest.json"],
        ];
        eprintln!(
            "killed pid {pid} in phase {:<16} records/ {}, kpis.csv {}, errors.jsonl {}, corpus.jsonl {}, manifest.json {}",
            phase.name(),
            got[0],
            got[1],
            got[2],
            got[3],
            got[4]
        );
        assert_eq!(got, expected(phase), "killed in {}", phase.name());
        let marked = out.join(jplan_corpus::output::REPLACING_MARK).exists();
        assert_eq!(
            marked,
            (Phase::RecordsStaged as usize..=Phase::ManifestStaged as usize)
                .contains(&(phase as usize)),
            "the folder is marked as mixed exactly while files are being put in place ({})",
            phase.name()
        );
        if phase == Phase::Record {
            // Mid-stream: this run's staged records and temporary corpus exist.
            assert!(out.join(format!(".records.new-{pid}/doc06.json")).is_file());
            assert!(out.join(format!(".corpus.jsonl.tmp-{pid}")).is_file());
        }

        // The next run notices the interrupted one, clears what it left,
        // and gives exactly the clean run's output.
        let o = jplan(
            &[
                "extract",
                "in",
                "--out",
                out.to_str().unwrap(),
                "--incremental",
            ],
            dir.path(),
        );
        assert!(o.status.success());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains(&format!("the previous run (pid {pid}"))
                && stderr.contains("was interrupted"),
            "{stderr}"
        );
        // The three unchanged documents are reused unless the kill left
        // the folder mixed; after the last phase, the killed run's records
        // all are.
        let reused = manifest(&out)["counts"]["reused"].as_u64();
        let expected_reuse = match phase {
            Phase::ManifestWritten => 10,
            _ if marked => 0,
            _ => 3,
        };
        assert_eq!(reused, Some(expected_reuse), "{}", phase.name());
        let after = output_files(&out);
        assert!(
            after == new,
            "after a kill in {} and a rerun:\n{}",
            phase.name(),
            describe_differences(&new, &after)
        );
        hit.push(phase);
    }
    assert_eq!(hit, Phase::ALL, "every phase was hit");
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
