//! The scorer agrees with the Python gold scorer it ports.
//!
//! - `difflib_cases.tsv`: 400 random string pairs over a small alphabet
//!   (so that ties and repeated characters abound) with the ratio Python's
//!   `difflib.SequenceMatcher(None, a, b, autojunk=False)` gave.
//! - `fixtures/eval/*/`: gold folders, predicted records and the JSON the
//!   Python scorer printed for them (`score.py --json`), committed, so the
//!   check needs nothing outside the repository. `cases/` holds crafted
//!   edge cases; the `devset*` entries hold frozen extractions of the
//!   development sets scored against their gold (nearly perfect, as the
//!   rules were tuned on them); `perturbed/` the same extractions with
//!   titles, names, values and periods mangled at random and some records
//!   dropped, so that fuzzy matching decides hundreds of pairs.

use std::fs;
use std::path::{Path, PathBuf};

use jplan_eval::{Records, load_gold, load_pred, score, similarity};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn similarity_is_python_difflib_ratio() {
    let text = include_str!("difflib_cases.tsv");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let expected: f64 = f[2].parse().unwrap();
        assert_eq!(similarity(f[0], f[1]), expected, "{:?} vs {:?}", f[0], f[1]);
        n += 1;
    }
    assert_eq!(n, 400);
}

/// Compare everything the Python scorer prints: counts, missing records,
/// municipality accuracy, P/R/F1 per category, per-document F1, overall.
fn assert_agrees(case: &str, gold_dirs: &[PathBuf], pred: &Path, expected: &Path) {
    let mut gold = Records::new();
    for dir in gold_dirs {
        for (id, record) in load_gold(dir).unwrap().iter() {
            gold.insert(id.to_string(), record.clone());
        }
    }
    let pred = load_pred(pred).unwrap();
    let got = score(&gold, &pred).to_json(false);
    let expected: Value = serde_json::from_str(&fs::read_to_string(expected).unwrap()).unwrap();
    for key in [
        "documents",
        "missing_records",
        "municipality_accuracy",
        "categories",
        "per_document_f1",
        "overall",
    ] {
        assert_eq!(got[key], expected[key], "{key} differs in {case}");
    }
}

#[test]
fn agrees_with_the_python_scorer_on_committed_fixtures() {
    let dir = repo().join("fixtures/eval");
    let mut checked = Vec::new();
    for e in fs::read_dir(&dir).unwrap().flatten() {
        let case = e.path();
        let expected = case.join("expected.json");
        if !expected.is_file() {
            continue;
        }
        // The gold folder is the case's own, or the ones `gold-dir` names,
        // one a line (development sets' gold, relative to the repository;
        // read in this order as one folder, as the Python scorer was run
        // on a copy of them in one folder).
        let gold: Vec<PathBuf> = match fs::read_to_string(case.join("gold-dir")) {
            Ok(list) => list.lines().map(|l| repo().join(l.trim())).collect(),
            Err(_) => vec![case.join("gold")],
        };
        let name = e.file_name().to_string_lossy().into_owned();
        assert_agrees(&name, &gold, &case.join("pred.jsonl"), &expected);
        checked.push(name);
    }
    checked.sort();
    assert_eq!(
        checked,
        ["cases", "devset", "devset2", "devset3", "perturbed"]
    );
}
