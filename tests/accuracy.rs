//! The accuracy gate (issue 10): the seeds, the development sets and the
//! real documents are extracted in-process, with the tokenizer as the CLI
//! uses it, scored against their gold with `jplan_eval::score` (the
//! measures of `score.py`), and every figure is compared with its floor in
//! `tests/accuracy/floors.tsv` (the format is in that file's header and in
//! `floors.rs`). A figure below its floor fails; a gold document or figure
//! without a floor is printed, not gated, until a floor is recorded.
//!
//! The seeds and the real documents live in the project's shared folder
//! beside the repository (`../shared`). Without it those sets are skipped
//! with a loud note, unless `JPLAN_REQUIRE_SHARED=1` (CI sets it), which
//! makes its absence a failure.
//!
//! After a deliberate change of the rules, rewrite the floors from the
//! current figures and review the diff like code:
//!
//!     JPLAN_BLESS_FLOORS=1 cargo test --test integration accuracy

mod floors;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jplan_corpus::walk::{WalkConfig, discover};
use jplan_corpus::{Pipeline, PipelineConfig};
use jplan_eval::{Category, Records, Report, load_gold, score};
use rayon::prelude::*;
use serde_json::Value;

use crate::util::{pipeline, root};

pub use floors::{Measure, WHOLE_SET};

/// The realdocs subset issue 10 tracks apart: without `otoineppu-*`.
const NO_OTOINEPPU: &str = "realdocs-no-otoineppu";

/// A set of documents with their gold records.
#[derive(Clone, Debug)]
pub struct GoldSet {
    /// Its name in floors and tables.
    pub name: &'static str,
    /// The folder of documents.
    pub docs: PathBuf,
    /// The folder of gold records (`<id>.json`).
    pub gold: PathBuf,
    /// The extensions taken from `docs`, as `jplan extract --ext`.
    pub extensions: &'static [&'static str],
}

/// Whether a missing `../shared` fails (`JPLAN_REQUIRE_SHARED=1`, as CI
/// sets it) rather than skips.
pub fn require_shared() -> bool {
    std::env::var("JPLAN_REQUIRE_SHARED").is_ok_and(|v| v == "1")
}

/// Say loudly that something was skipped, or fail when `require`d.
pub fn skip_or_fail(what: &str, require: bool) {
    if require {
        panic!("JPLAN_REQUIRE_SHARED=1, but {what}");
    }
    eprintln!("\n*** SKIPPED: {what}; set JPLAN_REQUIRE_SHARED=1 to make this a failure ***\n");
}

/// The gold sets present: the development sets always (they are in the
/// repository), the seeds and the real documents where `../shared` holds
/// them.
pub fn gold_sets() -> Vec<GoldSet> {
    gold_sets_in(&root().join("../shared"), require_shared())
}

/// [`gold_sets`] with the shared folder at `shared`.
fn gold_sets_in(shared: &Path, require: bool) -> Vec<GoldSet> {
    let mut sets = Vec::new();
    let seeds = GoldSet {
        name: "seeds",
        docs: shared.join("seeds"),
        gold: shared.join("eval/gold"),
        extensions: &["txt"],
    };
    let realdocs = GoldSet {
        name: "realdocs",
        docs: shared.join("realdocs/docs"),
        gold: shared.join("realdocs/gold"),
        extensions: &["txt", "md"],
    };
    let present = |s: &GoldSet| s.docs.is_dir() && s.gold.is_dir();
    if !shared.is_dir() {
        skip_or_fail(
            &format!(
                "the shared folder {} is absent: the seeds and realdocs are not scored",
                shared.display()
            ),
            require,
        );
    } else if !present(&seeds) || !present(&realdocs) {
        skip_or_fail(
            &format!(
                "{} lacks seeds/ and eval/gold/, or realdocs/docs/ and realdocs/gold/: \
                 only the sets it has are scored",
                shared.display()
            ),
            require,
        );
    }
    if present(&seeds) {
        sets.push(seeds);
    }
    for dev in ["devset", "devset2", "devset3"] {
        let dir = root().join("fixtures").join(dev);
        sets.push(GoldSet {
            name: dev,
            gold: dir.join("gold"),
            docs: dir,
            extensions: &["txt"],
        });
    }
    if present(&realdocs) {
        sets.push(realdocs);
    }
    sets
}

#[test]
fn a_missing_shared_folder_skips_its_sets_or_fails_when_required() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("shared");
    let names = |sets: Vec<GoldSet>| sets.iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(
        names(gold_sets_in(&nowhere, false)),
        ["devset", "devset2", "devset3"]
    );
    let refused = std::panic::catch_unwind(|| gold_sets_in(&nowhere, true));
    assert!(
        refused.is_err(),
        "a missing ../shared passed under JPLAN_REQUIRE_SHARED=1"
    );
    // Only the seeds: they are scored, and the missing realdocs still fail
    // when required.
    for sub in ["seeds", "eval/gold"] {
        fs::create_dir_all(nowhere.join(sub)).unwrap();
    }
    assert_eq!(
        names(gold_sets_in(&nowhere, false)),
        ["seeds", "devset", "devset2", "devset3"]
    );
    assert!(std::panic::catch_unwind(|| gold_sets_in(&nowhere, true)).is_err());
    for sub in ["realdocs/docs", "realdocs/gold"] {
        fs::create_dir_all(nowhere.join(sub)).unwrap();
    }
    assert_eq!(gold_sets_in(&nowhere, true).len(), 5);
}

/// A gold set, its gold records and what the pipeline made of its documents.
pub struct Extracted {
    /// The set.
    pub set: GoldSet,
    /// Its gold records.
    pub gold: Records,
    /// The records extracted from its documents.
    pub pred: Records,
}

/// Extract the documents of several sets with one pipeline, all documents
/// in parallel. Ids are those `jplan extract` gives (`walk::discover`).
pub fn extract(pipeline: &Pipeline, sets: &[GoldSet]) -> Vec<Records> {
    let mut jobs = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let config = WalkConfig {
            extensions: set.extensions.iter().map(|e| e.to_string()).collect(),
        };
        let (docs, errors) = discover(std::slice::from_ref(&set.docs), &config);
        assert!(errors.is_empty(), "{}: {errors:?}", set.name);
        jobs.extend(docs.into_iter().map(|d| (i, d)));
    }
    let done: Vec<(usize, String, Option<Value>)> = jobs
        .par_iter()
        .map(|(i, d)| {
            let bytes = fs::read(&d.path).unwrap_or_else(|e| panic!("{}: {e}", d.display));
            let record = match pipeline.process(&d.id, &d.display, &bytes) {
                Ok(r) => Some(serde_json::to_value(&r).unwrap()),
                Err(e) => {
                    eprintln!("{}: no record: {e}", d.display);
                    None
                }
            };
            (*i, d.id.clone(), record)
        })
        .collect();
    let mut out = vec![Records::new(); sets.len()];
    for (i, id, record) in done {
        if let Some(r) = record {
            out[i].insert(id, r);
        }
    }
    out
}

/// Every gold set present, extracted once with the tokenizer (shared by
/// the tests of this module and of `synonyms`).
pub fn tokenized() -> &'static [Extracted] {
    static DONE: OnceLock<Vec<Extracted>> = OnceLock::new();
    DONE.get_or_init(|| {
        let sets = gold_sets();
        let preds = extract(pipeline(), &sets);
        sets.into_iter()
            .zip(preds)
            .map(|(set, pred)| {
                let gold = load_gold(&set.gold).unwrap_or_else(|e| panic!("{}: {e}", set.name));
                assert!(!gold.is_empty(), "{}: no gold records", set.name);
                Extracted { set, gold, pred }
            })
            .collect()
    })
}

/// The set-wide figures of a report and, with `per_document`, each
/// document's.
pub fn measures(set: &str, report: &Report, per_document: bool) -> Vec<Measure> {
    let mut out: Vec<Measure> = Category::ALL
        .iter()
        .map(|c| Measure::new(set, WHOLE_SET, c.name(), report.category(*c).f1))
        .collect();
    out.push(Measure::new(
        set,
        WHOLE_SET,
        "municipality",
        report.municipality_accuracy.unwrap_or(0.0),
    ));
    out.push(Measure::new(set, WHOLE_SET, "overall", report.overall));
    if per_document {
        for d in &report.documents {
            for c in Category::ALL {
                out.push(Measure::new(set, &d.id, c.name(), d.f1(c)));
            }
            let m = if d.municipality_match { 1.0 } else { 0.0 };
            out.push(Measure::new(set, &d.id, "municipality", m));
        }
    }
    out
}

/// Each set scored: (name, report, whether its documents get floors).
fn reports() -> Vec<(String, Report, bool)> {
    let mut out = Vec::new();
    for e in tokenized() {
        out.push((e.set.name.to_string(), score(&e.gold, &e.pred), true));
        if e.set.name == "realdocs" {
            let gold = e.gold.filter(|id| !id.starts_with("otoineppu-"));
            out.push((NO_OTOINEPPU.to_string(), score(&gold, &e.pred), false));
        }
    }
    out
}

/// A compact table: per set each category's F1, municipality accuracy and
/// overall; then, with `documents`, each document below 1.0 somewhere.
pub fn table(reports: &[(String, &Report)], documents: bool) -> String {
    let mut out = String::new();
    write!(out, "{:<22} {:>4}", "set", "docs").unwrap();
    for c in Category::ALL {
        write!(out, " {:>9}", c.name()).unwrap();
    }
    writeln!(out, " {:>6} {:>7}", "munic.", "overall").unwrap();
    for (name, r) in reports {
        write!(out, "{name:<22} {:>4}", r.documents.len()).unwrap();
        for c in Category::ALL {
            write!(out, " {:>9.3}", r.category(c).f1).unwrap();
        }
        writeln!(
            out,
            " {:>6.3} {:>7.3}",
            r.municipality_accuracy.unwrap_or(0.0),
            r.overall
        )
        .unwrap();
        if !r.missing_records.is_empty() {
            writeln!(out, "  no record for: {}", r.missing_records.join(", ")).unwrap();
        }
    }
    if documents {
        writeln!(out, "documents below 1.0:").unwrap();
        for (name, r) in reports {
            for d in &r.documents {
                let mut low: Vec<String> = Category::ALL
                    .iter()
                    .filter(|c| d.f1(**c) < 1.0)
                    .map(|c| format!("{} {:.3}", c.name(), d.f1(*c)))
                    .collect();
                if !d.municipality_match {
                    low.push("municipality 0".to_string());
                }
                if !low.is_empty() {
                    writeln!(out, "  {name}/{}: {}", d.id, low.join(", ")).unwrap();
                }
            }
        }
    }
    out
}

fn floors_path() -> PathBuf {
    root().join("tests/accuracy/floors.tsv")
}

fn committed_floors() -> BTreeMap<floors::Key, f64> {
    let path = floors_path();
    let text = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (JPLAN_BLESS_FLOORS=1 cargo test --test integration accuracy writes it)",
            path.display()
        )
    });
    floors::parse(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_gold_set_is_at_or_above_its_floors() {
    let reports = reports();
    let mut measured = Vec::new();
    for (name, report, per_document) in &reports {
        measured.extend(measures(name, report, *per_document));
    }
    // Documents of the subset are the realdocs documents: listed once.
    let shown: Vec<(String, &Report)> = reports
        .iter()
        .filter(|(n, _, _)| n != NO_OTOINEPPU)
        .map(|(n, r, _)| (n.clone(), r))
        .collect();
    eprintln!("\naccuracy (F1):\n{}", table(&shown, true));
    if let Some((n, r, _)) = reports.iter().find(|(n, _, _)| n == NO_OTOINEPPU) {
        eprintln!("{}", table(&[(n.clone(), r)], false));
    }

    if std::env::var_os("JPLAN_BLESS_FLOORS").is_some() {
        // Blessing without ../shared would drop the floors of its sets.
        let names: Vec<&str> = reports.iter().map(|(n, _, _)| n.as_str()).collect();
        for needed in ["seeds", "realdocs"] {
            assert!(
                names.contains(&needed),
                "JPLAN_BLESS_FLOORS needs every gold set; {needed} is missing (is ../shared there?)"
            );
        }
        let path = floors_path();
        let tmp = path.with_extension("tsv.tmp");
        fs::write(&tmp, floors::render(&measured)).unwrap();
        fs::rename(&tmp, &path).unwrap();
        eprintln!(
            "blessed {} floors into {}; review the diff",
            measured.len(),
            path.display()
        );
        return;
    }

    let verdict = floors::compare(&committed_floors(), &measured);
    for line in &verdict.ungated {
        eprintln!("NOT GATED {line}");
    }
    for line in &verdict.stale {
        eprintln!("STALE FLOOR {line}");
    }
    eprintln!(
        "{} figures compared with their floors, {} not gated, {} stale floors",
        verdict.gated,
        verdict.ungated.len(),
        verdict.stale.len()
    );
    assert!(
        verdict.passes(),
        "accuracy fell below its floors (tests/accuracy/floors.tsv):\n  {}\n\
         If the change is deliberate: JPLAN_BLESS_FLOORS=1 cargo test --test integration accuracy",
        verdict.below.join("\n  ")
    );
}

/// The gate is not toothless: the committed floors, with one development
/// document's strategy tree taken out of its record, fail.
#[test]
fn the_gate_fails_when_a_document_loses_its_strategy_tree() {
    let devset = tokenized()
        .iter()
        .find(|e| e.set.name == "devset")
        .expect("fixtures/devset is in the repository");
    // While blessing, the floors file is being rewritten: use the floors
    // it will hold.
    let floors = if std::env::var_os("JPLAN_BLESS_FLOORS").is_some() {
        let now = measures("devset", &score(&devset.gold, &devset.pred), true);
        floors::parse(&floors::render(&now)).unwrap()
    } else {
        committed_floors()
    };
    let floor = |id: &str| {
        floors
            .get(&("devset".to_string(), id.to_string(), "nodes".to_string()))
            .copied()
            .unwrap_or(0.0)
    };
    let id = devset
        .gold
        .ids()
        .find(|id| floor(id) > 0.0)
        .expect("a devset document with a nodes floor above 0")
        .to_string();
    let mut pred = devset.pred.clone();
    let mut record = pred.get(&id).expect("a record for it").clone();
    record["strategy"] = Value::Array(Vec::new());
    pred.insert(id.clone(), record);
    let verdict = floors::compare(
        &floors,
        &measures("devset", &score(&devset.gold, &pred), true),
    );
    let line = format!("devset/{id} nodes: 0.000 is below its floor");
    assert!(
        verdict.below.iter().any(|b| b.starts_with(&line)),
        "{line} not in {:?}",
        verdict.below
    );
}

/// The morphological analyzer does work: without it, the records of the
/// real documents differ.
#[test]
fn the_analyzer_changes_the_records_of_realdocs() {
    let Some(realdocs) = tokenized().iter().find(|e| e.set.name == "realdocs") else {
        skip_or_fail(
            "the realdocs are absent: the analyzer check did not run",
            require_shared(),
        );
        return;
    };
    let plain = Pipeline::new(PipelineConfig { tokenize: false }).expect("pipeline builds");
    let without = extract(&plain, std::slice::from_ref(&realdocs.set))
        .pop()
        .unwrap();
    let content = |r: Option<&Value>| {
        r.cloned().map(|mut r| {
            r.as_object_mut().unwrap().remove("warnings");
            r
        })
    };
    let differing: Vec<&str> = realdocs
        .pred
        .ids()
        .filter(|id| content(realdocs.pred.get(id)) != content(without.get(id)))
        .collect();
    let with_report = score(&realdocs.gold, &realdocs.pred);
    let without_report = score(&realdocs.gold, &without);
    eprintln!(
        "\nrealdocs with and without the analyzer (F1):\n{}",
        table(
            &[
                ("tokenizer".to_string(), &with_report),
                ("no tokenizer".to_string(), &without_report),
            ],
            false
        )
    );
    eprintln!(
        "{} of {} records differ without the analyzer (warnings aside): {}",
        differing.len(),
        realdocs.pred.len(),
        differing.join(", ")
    );
    assert!(
        !differing.is_empty(),
        "every realdocs record is the same without the tokenizer: the analyzer does no work"
    );
}
