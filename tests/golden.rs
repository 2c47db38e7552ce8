//! Golden tests: every document of `corpus/` and `fixtures/inputs/` gives
//! exactly the record in `fixtures/golden/<id>.json` (less `source.path`).
//!
//! After a deliberate change: `JPLAN_BLESS=1 cargo test --test integration
//! golden`, then review the diff of `fixtures/golden/` like code.

use std::fs;
use std::path::PathBuf;

use serde_json::Value;

use crate::eqnice;
use crate::util::{pipeline, root};

fn documents() -> Vec<PathBuf> {
    let mut docs = Vec::new();
    for dir in ["corpus", "fixtures/inputs"] {
        for e in fs::read_dir(root().join(dir)).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                docs.push(e.path());
            }
        }
    }
    docs.sort();
    docs
}

#[test]
fn golden_records() {
    let bless = std::env::var_os("JPLAN_BLESS").is_some();
    let golden_dir = root().join("fixtures/golden");
    let mut failures = Vec::new();
    for path in documents() {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = fs::read(&path).unwrap();
        let record = pipeline().process(&id, "-", &bytes).unwrap();
        let mut got = serde_json::to_value(&record).unwrap();
        got["source"].as_object_mut().unwrap().remove("path");
        let file = golden_dir.join(format!("{id}.json"));
        if bless {
            fs::create_dir_all(&golden_dir).unwrap();
            fs::write(&file, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let expected: Value = match fs::read_to_string(&file) {
            Ok(t) => serde_json::from_str(&t).unwrap(),
            Err(_) => {
                failures.push(format!(
                    "{}: no golden record (JPLAN_BLESS=1 to create)",
                    file.display()
                ));
                continue;
            }
        };
        if expected != got {
            failures.push(id.clone());
            let result =
                std::panic::catch_unwind(|| eqnice!(&expected, &got, format!("record {id}")));
            if let Err(e) = result {
                eprintln!(
                    "{}",
                    e.downcast_ref::<String>().cloned().unwrap_or_default()
                );
            }
        }
    }
    assert!(failures.is_empty(), "golden records differ: {failures:?}");
}
