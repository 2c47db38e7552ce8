//! The `jplan` command end to end: output files, errors, exit codes.

use std::fs;

use crate::util::{jplan, read_jsonl, root};

#[test]
fn default_corpus_gives_five_records_and_all_files() {
    let out = tempfile::tempdir().unwrap();
    let o = jplan(
        &[
            "extract",
            "corpus",
            "--out",
            out.path().to_str().unwrap(),
            "--quiet",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let records = read_jsonl(&out.path().join("corpus.jsonl"));
    let ids: Vec<_> = records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        ["kashiwa", "kawasaki", "sagamihara", "tokorozawa", "tsukuba"]
    );
    for r in &records {
        assert_eq!(r["schema"], "plan-record/1");
        assert!(
            r["municipality"]["code"]
                .as_str()
                .is_some_and(|c| c.len() == 6),
            "{}",
            r["id"]
        );
        let id = r["id"].as_str().unwrap();
        let single: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(out.path().join(format!("records/{id}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(&single, r);
    }
    assert_eq!(
        fs::read_to_string(out.path().join("errors.jsonl")).unwrap(),
        ""
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["counts"]["records"], 5);
    assert!(
        fs::read_to_string(out.path().join("kpis.csv"))
            .unwrap()
            .starts_with("id,municipality,indicator")
    );
}

#[test]
fn bad_files_land_in_errors_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy(root().join("corpus/tsukuba.txt"), input.join("good.txt")).unwrap();
    fs::write(
        input.join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    fs::write(
        input.join("garbage.txt"),
        b"\x80\x81\xff\xfe\x80 abc \xff\x80\x80",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = jplan(&["extract", "in", "--out", "out", "--quiet"], dir.path());
    assert!(
        o.status.success(),
        "errors alone do not fail a run without --strict"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("binary.txt") && stderr.contains("garbage.txt"),
        "{stderr}"
    );
    assert_eq!(read_jsonl(&out.join("corpus.jsonl")).len(), 1);
    let errors = read_jsonl(&out.join("errors.jsonl"));
    let mut paths: Vec<_> = errors
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, ["in/binary.txt", "in/garbage.txt"]);
    assert!(
        errors
            .iter()
            .any(|e| e["reason"].as_str().unwrap().contains("binary"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e["reason"].as_str().unwrap().contains("not valid text"))
    );

    let o = jplan(
        &["extract", "in", "--out", "out", "--quiet", "--strict"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_explains_every_flag() {
    let o = jplan(&["extract", "--help"], &root());
    let help = String::from_utf8_lossy(&o.stdout);
    for flag in [
        "--out",
        "--ext",
        "--max-bytes",
        "--jobs",
        "--strict",
        "--quiet",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn jobs_do_not_change_the_output() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for (dir, jobs) in [(&a, "1"), (&b, "4")] {
        let o = jplan(
            &[
                "extract",
                "corpus",
                "--out",
                dir.path().to_str().unwrap(),
                "-q",
                "--jobs",
                jobs,
            ],
            &root(),
        );
        assert!(o.status.success());
    }
    assert_eq!(
        fs::read(a.path().join("corpus.jsonl")).unwrap(),
        fs::read(b.path().join("corpus.jsonl")).unwrap()
    );
}

#[test]
fn too_large_missing_and_odd_inputs_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy(root().join("corpus/tsukuba.txt"), input.join("good.txt")).unwrap();
    // 50 MB (sparse, so the test stays cheap): over the default limit.
    fs::File::create(input.join("huge.txt"))
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    fs::write(input.join("empty.txt"), b"").unwrap();
    fs::write(input.join("blank.txt"), b" \n\t\n").unwrap();
    let o = jplan(
        &["extract", "in", "missing.txt", "--out", "out", "-q"],
        dir.path(),
    );
    assert!(o.status.success());
    let errors = read_jsonl(&dir.path().join("out/errors.jsonl"));
    let reason = |name: &str| {
        errors
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .map(|e| e["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{name} not in errors.jsonl: {errors:?}"))
    };
    assert!(reason("huge.txt").contains("too large"));
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("blank.txt").contains("whitespace"));
    assert!(reason("missing.txt").contains("cannot read"));
    assert_eq!(read_jsonl(&dir.path().join("out/corpus.jsonl")).len(), 1);
}
