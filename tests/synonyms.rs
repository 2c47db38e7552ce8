//! The synonym test (issue 10): the rules must read a plan's layout, not
//! the seeds' words. The seeds and the development sets are rewritten,
//! documents and gold alike, with synonyms of the words their layouts are
//! built from ([`SYNONYMS`]), extracted again and scored; every category's
//! F1 must stay within [`TOLERANCE`] of its F1 on the same documents
//! unchanged (both computed here).

use std::fs;

use jplan_eval::{Category, Records, score};
use serde_json::Value;

use crate::accuracy::{GoldSet, extract, table, tokenized};
use crate::util::pipeline;

/// Each layout word and the synonym it is replaced with, in this order,
/// in documents and gold alike, everywhere it occurs (`施策の柱` becomes
/// `方策の軸`, `基本方針` `基本指針`, `施策の方向性` `方策の方向`). The
/// first three are issue 10's, and so are the KPI header words `現況値` and
/// `目標数値`; the others are variants plans use as often: `取組` written
/// out (`取組み` first, so that it does not become `取り組みみ`), the 事業
/// column header, the period label. `重点` → `主要` (edges 0.031, projects
/// 0.035 today) is left out: 重点 marks priority, which `主要` does not say;
/// docs/testing.md lists it.
pub const SYNONYMS: [(&str, &str); 10] = [
    ("施策", "方策"),
    ("方針", "指針"),
    ("柱", "軸"),
    ("取組み", "取り組み"),
    ("取組", "取り組み"),
    ("主な事業", "主要事業"),
    ("方向性", "方向"),
    ("計画期間", "計画の期間"),
    ("現状値", "現況値"),
    ("目標値", "目標数値"),
];

/// How far a category's F1 may move.
pub const TOLERANCE: f64 = 0.05;

fn rewrite(text: &str) -> String {
    rewrite_counting(text).0
}

/// The text rewritten, and how many words were replaced.
fn rewrite_counting(text: &str) -> (String, usize) {
    SYNONYMS
        .iter()
        .fold((text.to_string(), 0), |(t, n), (from, to)| {
            (t.replace(from, to), n + t.matches(from).count())
        })
}

/// Every string of a gold record rewritten, its `id` aside.
fn rewrite_value(v: &mut Value) {
    match v {
        Value::String(s) => *s = rewrite(s),
        Value::Array(items) => items.iter_mut().for_each(rewrite_value),
        Value::Object(fields) => {
            for (k, x) in fields.iter_mut() {
                if k != "id" {
                    rewrite_value(x);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn rewrite_replaces_every_layout_word() {
    assert_eq!(
        rewrite("基本方針1 施策の柱 (1) 施策の方向性"),
        "基本指針1 方策の軸 (1) 方策の方向"
    );
    assert_eq!(
        rewrite("主な取組み・主な事業・取組・計画期間"),
        "主な取り組み・主要事業・取り組み・計画の期間"
    );
    let mut gold = serde_json::json!({"id": "施策", "strategy": [{"title": "柱と方針"}]});
    rewrite_value(&mut gold);
    assert_eq!(
        gold,
        serde_json::json!({"id": "施策", "strategy": [{"title": "軸と指針"}]})
    );
}

#[test]
fn synonyms_of_layout_words_leave_every_category_within_tolerance() {
    let sets: Vec<_> = tokenized()
        .iter()
        .filter(|e| e.set.name != "realdocs")
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut rewritten_sets = Vec::new();
    let mut gold = Records::new();
    let mut rewritten_gold = Records::new();
    let mut pred = Records::new();
    let mut words = 0;
    for e in &sets {
        // The documents the set's extraction read, rewritten into a folder
        // of their own; ids stay the same.
        let docs = dir.path().join(e.set.name);
        fs::create_dir_all(&docs).unwrap();
        for entry in fs::read_dir(&e.set.docs).unwrap().flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|x| x == "txt") {
                let (text, n) = rewrite_counting(&fs::read_to_string(&path).unwrap());
                words += n;
                fs::write(docs.join(entry.file_name()), text).unwrap();
            }
        }
        rewritten_sets.push(GoldSet {
            name: e.set.name,
            docs,
            gold: e.set.gold.clone(),
            extensions: e.set.extensions,
        });
        for (id, record) in e.gold.iter() {
            gold.insert(id.to_string(), record.clone());
            let mut r = record.clone();
            rewrite_value(&mut r);
            rewritten_gold.insert(id.to_string(), r);
        }
        for (id, record) in e.pred.iter() {
            pred.insert(id.to_string(), record.clone());
        }
    }
    assert!(words > 100, "only {words} layout words to rewrite");
    let mut rewritten_pred = Records::new();
    for records in extract(pipeline(), &rewritten_sets) {
        for (id, record) in records.iter() {
            rewritten_pred.insert(id.to_string(), record.clone());
        }
    }
    let before = score(&gold, &pred);
    let after = score(&rewritten_gold, &rewritten_pred);
    let names: Vec<&str> = sets.iter().map(|e| e.set.name).collect();
    eprintln!(
        "\n{} ({} documents, {words} layout words rewritten: {})\n{}",
        names.join(" + "),
        before.documents.len(),
        SYNONYMS
            .iter()
            .map(|(a, b)| format!("{a}→{b}"))
            .collect::<Vec<_>>()
            .join(" "),
        table(
            &[
                ("as written".to_string(), &before),
                ("with synonyms".to_string(), &after),
            ],
            false
        )
    );
    let mut moved = Vec::new();
    for c in Category::ALL {
        let (b, a) = (before.category(c).f1, after.category(c).f1);
        eprintln!("  {:<9} {:+.3}", c.name(), a - b);
        if (a - b).abs() > TOLERANCE + 1e-9 {
            moved.push(format!("{}: {b:.3} → {a:.3}", c.name()));
        }
    }
    assert!(
        moved.is_empty(),
        "synonyms of layout words moved F1 by more than {TOLERANCE}: {}\n{}",
        moved.join(", "),
        table(&[("with synonyms".to_string(), &after)], true)
    );
}
