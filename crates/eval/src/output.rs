//! A report as text (the layout of the Python scorer, plus lines) and as
//! JSON (the Python scorer's `--json` object, plus tallies and details).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::norm::py_float_repr;
use crate::{Category, Item, Report};

impl Report {
    /// The report as a reader wants it: documents, municipality accuracy,
    /// one line per category (P, R, F1, gold, pred, hits), per-document F1,
    /// with `detail` every miss and false hit with its document and line,
    /// then `overall`.
    pub fn to_text(&self, detail: bool) -> String {
        let mut out = String::new();
        let missing = if self.missing_records.is_empty() {
            "none".to_string()
        } else {
            self.missing_records.join(", ")
        };
        let _ = writeln!(
            out,
            "documents {}, records missing: {missing}",
            self.documents.len()
        );
        let _ = writeln!(
            out,
            "municipality accuracy {}",
            self.municipality_accuracy
                .map_or("None".to_string(), py_float_repr)
        );
        let _ = writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6}   gold  pred  hit",
            "category", "P", "R", "F1"
        );
        for c in &self.categories {
            let _ = writeln!(
                out,
                "{:<10} {:>6.3} {:>6.3} {:>6.3}   {:>4} {:>5} {:>4}",
                c.category.name(),
                c.precision,
                c.recall,
                c.f1,
                c.tally.gold,
                c.tally.pred,
                c.tally.tp
            );
        }
        let per_doc: Vec<String> = self
            .documents
            .iter()
            .map(|d| {
                let f: Vec<String> = Category::ALL
                    .iter()
                    .map(|c| format!("{:.2}", d.f1(*c)))
                    .collect();
                format!("{} {}", d.id, f.join(" "))
            })
            .collect();
        let _ = writeln!(out, "per document F1: {}", per_doc.join("; "));
        if detail {
            for c in Category::ALL {
                for (kind, pick) in [("MISS ", true), ("FALSE", false)] {
                    for d in &self.documents {
                        let items = if pick { &d.misses } else { &d.false_hits };
                        for i in items.iter().filter(|i| i.category == c) {
                            let at = i.line.map_or(String::new(), |l| format!(":{l}"));
                            let _ =
                                writeln!(out, "{kind} {:<9} {}{at}: {}", c.name(), d.id, i.text);
                        }
                    }
                }
            }
        }
        let _ = writeln!(out, "overall {}", py_float_repr(self.overall));
        out
    }

    /// The Python scorer's `--json` object (`documents`,
    /// `missing_records`, `municipality_accuracy`, `categories`,
    /// `per_document_f1`, `overall`), plus `tallies` (per document and
    /// category: tp, gold, pred) and, with `detail`, `misses` and
    /// `false_hits` (document, category, text, line).
    pub fn to_json(&self, detail: bool) -> Value {
        let mut categories = Map::new();
        for c in &self.categories {
            categories.insert(
                c.category.name().to_string(),
                json!({"precision": c.precision, "recall": c.recall, "f1": c.f1}),
            );
        }
        let mut per_doc = Map::new();
        let mut tallies = Map::new();
        for d in &self.documents {
            let mut f = Map::new();
            let mut t = Map::new();
            for c in Category::ALL {
                f.insert(c.name().to_string(), json!(d.f1(c)));
                let x = d.tally(c);
                t.insert(
                    c.name().to_string(),
                    json!({"tp": x.tp, "gold": x.gold, "pred": x.pred}),
                );
            }
            per_doc.insert(d.id.clone(), Value::Object(f));
            tallies.insert(d.id.clone(), Value::Object(t));
        }
        let mut out = Map::new();
        out.insert("documents".into(), json!(self.documents.len()));
        out.insert("missing_records".into(), json!(self.missing_records));
        out.insert(
            "municipality_accuracy".into(),
            json!(self.municipality_accuracy),
        );
        out.insert("categories".into(), Value::Object(categories));
        out.insert("per_document_f1".into(), Value::Object(per_doc));
        out.insert("overall".into(), json!(self.overall));
        out.insert("tallies".into(), Value::Object(tallies));
        if detail {
            let items = |pick: fn(&crate::DocScore) -> &Vec<Item>| -> Vec<Value> {
                self.documents
                    .iter()
                    .flat_map(|d| {
                        pick(d).iter().map(move |i| {
                            json!({"document": d.id, "category": i.category.name(), "text": i.text, "line": i.line})
                        })
                    })
                    .collect()
            };
            out.insert("misses".into(), Value::Array(items(|d| &d.misses)));
            out.insert("false_hits".into(), Value::Array(items(|d| &d.false_hits)));
        }
        Value::Object(out)
    }
}
