//! Score plan records against gold records.
//!
//! Gold records are plan records made by hand (`docs/annotation.md` says
//! how): `id`, `municipality.name`, `periods`, `strategy`, `projects` and
//! `kpis`, in the fields of `docs/record.md`. [`score`] compares a set of
//! predicted records with them and gives a [`Report`]: precision, recall and
//! F1 per [`Category`] over all documents (micro averages), the same
//! tallies and F1 per document, municipality accuracy, and `overall`, the
//! mean F1 of the six categories.
//!
//! The matching rules are those of the gold scorer the project's figures
//! were first measured with, ported exactly, so figures stay comparable:
//!
//! - texts are compared in [`norm_str`] form: NFKC, `再掲` removed,
//!   whitespace, brackets, list marks and dashes removed, lower case;
//! - titles, names and indicators match one to one, greedily: equal texts
//!   first, in gold order, then the most similar remaining pairs whose
//!   similarity (Python's `difflib.SequenceMatcher(None, a, b,
//!   autojunk=False).ratio()`, see [`similarity`]) is at least 0.85 (0.6
//!   for KPI indicators); a tree edge matches when both its titles do;
//! - periods match on (start, end); a predicted period with no end is not
//!   scored; KPI values match exactly on (kind, year, value rounded to 6
//!   decimals), within matched KPI rows only;
//! - every figure is rounded to 3 decimals as Python's `round` does, and
//!   `overall` is the mean of the rounded F1s.
//!
//! ```
//! use jplan_eval::{score, Category, Records};
//! use serde_json::json;
//!
//! let gold = Records::from_values([json!({"id": "a", "projects": [{"name": "企業誘致推進事業"}]})]);
//! let pred = Records::from_values([json!({"id": "a", "projects": [
//!     {"name": "企業誘致推進事業（再掲）", "line": 7}, {"name": "広報", "line": 9}]})]);
//! let report = score(&gold, &pred);
//! let projects = report.category(Category::Projects);
//! assert_eq!((projects.tally.tp, projects.tally.gold, projects.tally.pred), (1, 1, 2));
//! assert_eq!(projects.precision, 0.5);
//! assert_eq!(report.documents[0].false_hits[0].line, Some(9));
//! ```

#![deny(missing_docs)]

mod difflib;
mod load;
mod norm;
mod output;

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

pub use load::{Error, load_gold, load_pred};
pub use norm::{norm_str, py_round};

/// The similarity threshold for titles and names.
pub const FUZZY: f64 = 0.85;
/// The similarity threshold for KPI indicators.
pub const KPI_ROW_FUZZY: f64 = 0.6;

/// What is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Plan periods, as (start, end) pairs.
    Periods,
    /// Strategy-tree nodes, by title.
    Nodes,
    /// (parent title, child title) pairs of the strategy tree.
    Edges,
    /// Distinct project names.
    Projects,
    /// KPI indicators, by name.
    KpiRows,
    /// (kind, year, value) facts of matched KPI rows.
    KpiCells,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 6] = [
        Category::Periods,
        Category::Nodes,
        Category::Edges,
        Category::Projects,
        Category::KpiRows,
        Category::KpiCells,
    ];

    /// The category's name in reports (`kpi_rows`).
    pub fn name(self) -> &'static str {
        match self {
            Category::Periods => "periods",
            Category::Nodes => "nodes",
            Category::Edges => "edges",
            Category::Projects => "projects",
            Category::KpiRows => "kpi_rows",
            Category::KpiCells => "kpi_cells",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Counts of one category: matches, gold items, predicted items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Matched pairs (true positives).
    pub tp: usize,
    /// Items in the gold records.
    pub gold: usize,
    /// Items in the predicted records.
    pub pred: usize,
}

impl Tally {
    /// Precision, recall and F1, unrounded. Nothing predicted and nothing
    /// in gold is perfect; nothing in gold gives recall 1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred > 0 {
            self.tp as f64 / self.pred as f64
        } else if self.gold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.tp as f64 / self.gold as f64
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    /// F1, rounded to 3 decimals.
    pub fn f1(&self) -> f64 {
        py_round(self.prf().2, 3)
    }

    fn add(&mut self, other: Tally) {
        self.tp += other.tp;
        self.gold += other.gold;
        self.pred += other.pred;
    }
}

/// One category over all scored documents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CategoryScore {
    /// Which category.
    pub category: Category,
    /// Summed counts.
    pub tally: Tally,
    /// Micro-averaged precision, rounded to 3 decimals.
    pub precision: f64,
    /// Micro-averaged recall, rounded to 3 decimals.
    pub recall: f64,
    /// F1 of the two, rounded to 3 decimals.
    pub f1: f64,
}

/// A gold item that was not found, or a predicted item that matched
/// nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Its category.
    pub category: Category,
    /// What it is, for a reader (a title, `2018–2027`, `parent → child`,
    /// `indicator: target 2027 = 9186`).
    pub text: String,
    /// The source line the record gives for it (predicted records carry
    /// lines, gold records usually do not).
    pub line: Option<usize>,
}

/// One document's score.
#[derive(Clone, Debug, PartialEq)]
pub struct DocScore {
    /// The document's id.
    pub id: String,
    /// Whether a predicted record with this id exists (a missing one
    /// scores as an empty record).
    pub has_record: bool,
    /// The municipality names are equal (and the gold one is not empty).
    pub municipality_match: bool,
    /// Counts per category, in [`Category::ALL`] order.
    pub tallies: [Tally; 6],
    /// Gold items not found, in category order.
    pub misses: Vec<Item>,
    /// Predicted items that matched nothing, in category order.
    pub false_hits: Vec<Item>,
}

impl DocScore {
    /// The counts of one category.
    pub fn tally(&self, category: Category) -> Tally {
        self.tallies[category.index()]
    }

    /// The F1 of one category, rounded to 3 decimals.
    pub fn f1(&self, category: Category) -> f64 {
        self.tally(category).f1()
    }

    /// The mean of the six rounded F1s (unrounded).
    pub fn mean_f1(&self) -> f64 {
        Category::ALL.iter().map(|c| self.f1(*c)).sum::<f64>() / 6.0
    }
}

/// The score of a set of predicted records against gold.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Every gold document, in gold order.
    pub documents: Vec<DocScore>,
    /// Every category, in [`Category::ALL`] order.
    pub categories: [CategoryScore; 6],
    /// The share of gold documents whose municipality name was found,
    /// rounded to 3 decimals; `None` when there is no gold document.
    pub municipality_accuracy: Option<f64>,
    /// The mean of the six categories' rounded F1, rounded to 3 decimals.
    pub overall: f64,
    /// Gold ids without a predicted record, sorted.
    pub missing_records: Vec<String>,
}

impl Report {
    /// The score of one category.
    pub fn category(&self, category: Category) -> &CategoryScore {
        &self.categories[category.index()]
    }

    /// The score of one document.
    pub fn document(&self, id: &str) -> Option<&DocScore> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// Records keyed by id, in insertion order; inserting an id again replaces
/// the record in place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    items: Vec<(String, Value)>,
    index: HashMap<String, usize>,
}

impl Records {
    /// No records.
    pub fn new() -> Self {
        Records::default()
    }

    /// Records keyed by their `id` field (as text; a record without one
    /// is keyed `None`, as the Python scorer keys it).
    pub fn from_values(values: impl IntoIterator<Item = Value>) -> Self {
        let mut out = Records::new();
        for v in values {
            let id = record_id(&v).unwrap_or_else(|| "None".to_string());
            out.insert(id, v);
        }
        out
    }

    /// Add or replace the record `id`.
    pub fn insert(&mut self, id: String, record: Value) {
        match self.index.get(&id) {
            Some(&i) => self.items[i].1 = record,
            None => {
                self.index.insert(id.clone(), self.items.len());
                self.items.push((id, record));
            }
        }
    }

    /// The record `id`.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.index.get(id).map(|&i| &self.items[i].1)
    }

    /// Whether there is a record `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Ids and records, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.items.iter().map(|(id, v)| (id.as_str(), v))
    }

    /// Ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|(id, _)| id.as_str())
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The records whose id passes `keep`, in order (to score a subset of
    /// the gold documents: `score(&gold.filter(|id| id.starts_with("d2-")), &pred)`).
    pub fn filter(&self, mut keep: impl FnMut(&str) -> bool) -> Records {
        let mut out = Records::new();
        for (id, v) in &self.items {
            if keep(id) {
                out.insert(id.clone(), v.clone());
            }
        }
        out
    }
}

/// A record's `id` as Python's `str()` writes it, if it has a non-empty one.
fn record_id(v: &Value) -> Option<String> {
    match v.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::Bool(false)) => None,
        Some(Value::Number(n)) if n.as_f64() == Some(0.0) => None,
        Some(other) => Some(norm::py_str(other)),
    }
}

/// Score every gold record against the predicted record with its id.
pub fn score(gold: &Records, pred: &Records) -> Report {
    let documents: Vec<DocScore> = gold
        .iter()
        .map(|(id, g)| score_document(id, g, pred.get(id)))
        .collect();
    let mut totals = [Tally::default(); 6];
    for d in &documents {
        for c in Category::ALL {
            totals[c.index()].add(d.tally(c));
        }
    }
    let categories = Category::ALL.map(|c| {
        let tally = totals[c.index()];
        let (p, r, f) = tally.prf();
        CategoryScore {
            category: c,
            tally,
            precision: py_round(p, 3),
            recall: py_round(r, 3),
            f1: py_round(f, 3),
        }
    });
    let hits = documents.iter().filter(|d| d.municipality_match).count();
    let municipality_accuracy =
        (!documents.is_empty()).then(|| py_round(hits as f64 / documents.len() as f64, 3));
    let overall = py_round(categories.iter().map(|c| c.f1).sum::<f64>() / 6.0, 3);
    let mut missing_records: Vec<String> = gold
        .ids()
        .filter(|id| !pred.contains(id))
        .map(str::to_string)
        .collect();
    missing_records.sort();
    missing_records.dedup();
    Report {
        documents,
        categories,
        municipality_accuracy,
        overall,
        missing_records,
    }
}

/// A JSON scalar as Python compares it: `2019 == 2019.0`, `True == 1`.
#[derive(Clone, Debug)]
enum Scalar {
    None,
    Num(f64, String),
    Str(String),
    Other(String),
}

impl PartialEq for Scalar {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Scalar::None, Scalar::None) => true,
            (Scalar::Num(a, _), Scalar::Num(b, _)) => a == b,
            (Scalar::Str(a), Scalar::Str(b)) => a == b,
            (Scalar::Other(a), Scalar::Other(b)) => a == b,
            _ => false,
        }
    }
}

impl Scalar {
    fn of(v: Option<&Value>) -> Scalar {
        match v {
            None | Some(Value::Null) => Scalar::None,
            Some(Value::Bool(b)) => {
                Scalar::Num(f64::from(u8::from(*b)), norm::py_str(&Value::Bool(*b)))
            }
            Some(Value::Number(n)) => Scalar::Num(
                n.as_f64().unwrap_or(f64::NAN),
                norm::py_str(&Value::Number(n.clone())),
            ),
            Some(Value::String(s)) => Scalar::Str(s.clone()),
            Some(other) => Scalar::Other(norm::py_repr(other)),
        }
    }

    /// Python's `repr()`, for sorting as `sorted(key=str)` does.
    fn repr(&self) -> String {
        match self {
            Scalar::None => "None".to_string(),
            Scalar::Num(_, r) => r.clone(),
            Scalar::Str(s) => norm::py_repr(&Value::String(s.clone())),
            Scalar::Other(r) => r.clone(),
        }
    }

    fn show(&self) -> String {
        match self {
            Scalar::None => "?".to_string(),
            Scalar::Num(_, r) => r.clone(),
            Scalar::Str(s) | Scalar::Other(s) => s.clone(),
        }
    }
}

/// A KPI value as compared: a number rounded to 6 decimals, or the
/// normalized text where it is no number.
#[derive(Clone, Debug, PartialEq)]
enum CellValue {
    Num(f64),
    Text(String),
}

impl CellValue {
    fn of(v: &Value) -> CellValue {
        match norm::py_float(v) {
            Some(f) => CellValue::Num(py_round(f, 6)),
            None => CellValue::Text(norm::norm(Some(v))),
        }
    }

    fn show(&self) -> String {
        match self {
            CellValue::Num(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            CellValue::Num(f) => format!("{f}"),
            CellValue::Text(t) => t.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Cell {
    kind: &'static str,
    year: Scalar,
    value: CellValue,
}

/// The similarity of two normalized texts: 1 when equal, 0 when one is
/// empty, else Python's `SequenceMatcher(None, a, b, autojunk=False).ratio()`
/// over code points.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    difflib::ratio(&a, &b)
}

/// Greedy one-to-one matching: equal items first (each gold item takes
/// the first unused equal prediction), then the remaining pairs at or
/// above `threshold`, best first; ties go to the later gold item, then
/// the later prediction (Python's `sort(reverse=True)` of `(s, gi, pi)`).
fn match_greedy<T: PartialEq>(
    gold: &[T],
    pred: &[T],
    threshold: f64,
    sim: impl Fn(&T, &T) -> f64,
) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut done = vec![false; gold.len()];
    let mut matched = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && pred[pi] == *g) {
            used[pi] = true;
            done[gi] = true;
            matched.push((gi, pi));
        }
    }
    let mut candidates = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if done[gi] {
            continue;
        }
        for (pi, p) in pred.iter().enumerate() {
            if used[pi] {
                continue;
            }
            let s = sim(g, p);
            if s >= threshold {
                candidates.push((s, gi, pi));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.1.cmp(&a.1))
            .then(b.2.cmp(&a.2))
    });
    for (_, gi, pi) in candidates {
        if done[gi] || used[pi] {
            continue;
        }
        done[gi] = true;
        used[pi] = true;
        matched.push((gi, pi));
    }
    matched
}

/// What a document contributes to one category: the compared keys, how
/// each is shown, and which pairs matched.
struct Scored<T> {
    gold: Vec<T>,
    pred: Vec<T>,
    gold_shown: Vec<Item>,
    pred_shown: Vec<Item>,
    matched: Vec<(usize, usize)>,
}

impl<T> Scored<T> {
    fn record(self, category: Category, doc: &mut DocScore) {
        let t = &mut doc.tallies[category.index()];
        t.tp += self.matched.len();
        t.gold += self.gold.len();
        t.pred += self.pred.len();
        let mut gm = vec![false; self.gold.len()];
        let mut pm = vec![false; self.pred.len()];
        for &(g, p) in &self.matched {
            gm[g] = true;
            pm[p] = true;
        }
        doc.misses.extend(
            self.gold_shown
                .into_iter()
                .zip(gm)
                .filter(|(_, m)| !m)
                .map(|(i, _)| i),
        );
        doc.false_hits.extend(
            self.pred_shown
                .into_iter()
                .zip(pm)
                .filter(|(_, m)| !m)
                .map(|(i, _)| i),
        );
    }
}

fn list<'a>(record: &'a Value, key: &str) -> &'a [Value] {
    record
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn line_of(v: &Value) -> Option<usize> {
    v.get("line").and_then(Value::as_u64).map(|l| l as usize)
}

fn text_of(v: &Value, key: &str) -> String {
    match v.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => norm::py_str(other),
    }
}

fn item(category: Category, text: String, line: Option<usize>) -> Item {
    Item {
        category,
        text,
        line,
    }
}

/// Score one gold record against its prediction (`None`: no record).
pub fn score_document(id: &str, gold: &Value, pred: Option<&Value>) -> DocScore {
    let empty = Value::Object(Default::default());
    let p = pred.unwrap_or(&empty);
    let mut doc = DocScore {
        id: id.to_string(),
        has_record: pred.is_some(),
        municipality_match: false,
        tallies: [Tally::default(); 6],
        misses: Vec::new(),
        false_hits: Vec::new(),
    };
    periods(gold, p).record(Category::Periods, &mut doc);
    let (nodes, edges) = tree(gold, p);
    nodes.record(Category::Nodes, &mut doc);
    edges.record(Category::Edges, &mut doc);
    projects(gold, p).record(Category::Projects, &mut doc);
    kpis(gold, p, &mut doc);
    // The misses and false hits were added category by category.
    let gm = match gold.get("municipality") {
        Some(m @ Value::Object(_)) => norm::norm(m.get("name")),
        _ => String::new(),
    };
    let pm = match p.get("municipality") {
        Some(m @ Value::Object(_)) => norm::norm(m.get("name")),
        _ => String::new(),
    };
    doc.municipality_match = !gm.is_empty() && gm == pm;
    doc
}

fn periods(gold: &Value, pred: &Value) -> Scored<(Scalar, Scalar)> {
    let key = |x: &Value| (Scalar::of(x.get("start")), Scalar::of(x.get("end")));
    // Gold records a period only with both ends; a predicted open end
    // (end null) is extra, not wrong, and is not scored.
    let g: Vec<(Scalar, Scalar)> = list(gold, "periods").iter().map(key).collect();
    let p_all: Vec<(&Value, (Scalar, Scalar))> = list(pred, "periods")
        .iter()
        .filter(|x| !matches!(x.get("end"), None | Some(Value::Null)))
        .map(|x| (x, key(x)))
        .collect();
    let p: Vec<(Scalar, Scalar)> = p_all.iter().map(|(_, k)| k.clone()).collect();
    // `sorted(set(…), key=str)`
    let unique = |items: Vec<(Scalar, Scalar)>| {
        let mut out: Vec<(Scalar, Scalar)> = Vec::new();
        for x in items {
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out.sort_by_cached_key(|(a, b)| format!("({}, {})", a.repr(), b.repr()));
        out
    };
    let (g, p) = (unique(g), unique(p));
    let matched: Vec<(usize, usize)> = g
        .iter()
        .enumerate()
        .filter_map(|(gi, x)| p.iter().position(|y| y == x).map(|pi| (gi, pi)))
        .collect();
    let show = |(a, b): &(Scalar, Scalar)| format!("{}–{}", a.show(), b.show());
    let gold_shown = g
        .iter()
        .map(|x| item(Category::Periods, show(x), None))
        .collect();
    let pred_shown = p
        .iter()
        .map(|x| {
            let line = p_all
                .iter()
                .find(|(_, k)| k == x)
                .and_then(|(v, _)| line_of(v));
            item(Category::Periods, show(x), line)
        })
        .collect();
    Scored {
        gold: g,
        pred: p,
        gold_shown,
        pred_shown,
        matched,
    }
}

/// A node in walk order: its parent's normalized title, its own, how it is
/// shown and its line.
struct Walked {
    parent: Option<String>,
    title: String,
    parent_shown: String,
    shown: String,
    line: Option<usize>,
}

fn walk(nodes: &[Value], parent: Option<(&str, &str)>, out: &mut Vec<Walked>) {
    for node in nodes {
        let title = norm::norm(node.get("title"));
        let shown = text_of(node, "title");
        out.push(Walked {
            parent: parent.map(|(t, _)| t.to_string()),
            title: title.clone(),
            parent_shown: parent.map(|(_, s)| s.to_string()).unwrap_or_default(),
            shown: shown.clone(),
            line: line_of(node),
        });
        walk(list(node, "children"), Some((&title, &shown)), out);
    }
}

fn tree(gold: &Value, pred: &Value) -> (Scored<String>, Scored<(String, String)>) {
    let mut gw = Vec::new();
    let mut pw = Vec::new();
    walk(list(gold, "strategy"), None, &mut gw);
    walk(list(pred, "strategy"), None, &mut pw);
    let gn: Vec<String> = gw.iter().map(|w| w.title.clone()).collect();
    let pn: Vec<String> = pw.iter().map(|w| w.title.clone()).collect();
    let matched = match_greedy(&gn, &pn, FUZZY, |a, b| similarity(a, b));
    let nodes = Scored {
        gold_shown: gw
            .iter()
            .map(|w| item(Category::Nodes, w.shown.clone(), w.line))
            .collect(),
        pred_shown: pw
            .iter()
            .map(|w| item(Category::Nodes, w.shown.clone(), w.line))
            .collect(),
        gold: gn,
        pred: pn,
        matched,
    };
    let edges_of = |w: &[Walked]| -> (Vec<(String, String)>, Vec<Item>) {
        w.iter()
            .filter_map(|w| {
                let parent = w.parent.as_ref()?;
                Some((
                    (parent.clone(), w.title.clone()),
                    item(
                        Category::Edges,
                        format!("{} → {}", w.parent_shown, w.shown),
                        w.line,
                    ),
                ))
            })
            .unzip()
    };
    let (ge, gold_shown) = edges_of(&gw);
    let (pe, pred_shown) = edges_of(&pw);
    let matched = match_greedy(&ge, &pe, FUZZY, |a, b| {
        similarity(&a.0, &b.0).min(similarity(&a.1, &b.1))
    });
    let edges = Scored {
        gold: ge,
        pred: pe,
        gold_shown,
        pred_shown,
        matched,
    };
    (nodes, edges)
}

fn projects(gold: &Value, pred: &Value) -> Scored<String> {
    // `sorted({norm(name)} - {""})`; code-point order is UTF-8 byte order.
    let names = |r: &Value| -> (Vec<String>, Vec<Item>) {
        let mut seen: Vec<(String, Item)> = Vec::new();
        for x in list(r, "projects") {
            let n = norm::norm(x.get("name"));
            if n.is_empty() || seen.iter().any(|(k, _)| *k == n) {
                continue;
            }
            seen.push((n, item(Category::Projects, text_of(x, "name"), line_of(x))));
        }
        seen.sort_by(|a, b| a.0.cmp(&b.0));
        seen.into_iter().unzip()
    };
    let (g, gold_shown) = names(gold);
    let (p, pred_shown) = names(pred);
    let matched = match_greedy(&g, &p, FUZZY, |a, b| similarity(a, b));
    Scored {
        gold: g,
        pred: p,
        gold_shown,
        pred_shown,
        matched,
    }
}

fn cells(kpi: &Value) -> Vec<Cell> {
    let mut out = Vec::new();
    if let Some(base) = kpi.get("baseline").filter(|b| b.is_object())
        && !matches!(base.get("value"), None | Some(Value::Null))
    {
        out.push(Cell {
            kind: "baseline",
            year: Scalar::of(base.get("year")),
            value: CellValue::of(&base["value"]),
        });
    }
    for (kind, key) in [("target", "targets"), ("actual", "actuals")] {
        for x in list(kpi, key) {
            if x.is_object() && !matches!(x.get("value"), None | Some(Value::Null)) {
                out.push(Cell {
                    kind,
                    year: Scalar::of(x.get("year")),
                    value: CellValue::of(&x["value"]),
                });
            }
        }
    }
    out
}

fn cell_item(indicator: &str, c: &Cell, line: Option<usize>) -> Item {
    item(
        Category::KpiCells,
        format!(
            "{indicator}: {} {} = {}",
            c.kind,
            c.year.show(),
            c.value.show()
        ),
        line,
    )
}

fn kpis(gold: &Value, pred: &Value, doc: &mut DocScore) {
    let gk: Vec<&Value> = list(gold, "kpis")
        .iter()
        .filter(|x| x.is_object())
        .collect();
    let pk: Vec<&Value> = list(pred, "kpis")
        .iter()
        .filter(|x| x.is_object())
        .collect();
    let gi: Vec<String> = gk.iter().map(|x| norm::norm(x.get("indicator"))).collect();
    let pi: Vec<String> = pk.iter().map(|x| norm::norm(x.get("indicator"))).collect();
    let rows = match_greedy(&gi, &pi, KPI_ROW_FUZZY, |a, b| similarity(a, b));
    let partner: HashMap<usize, usize> = rows.iter().copied().collect();
    Scored {
        gold_shown: gk
            .iter()
            .map(|x| item(Category::KpiRows, text_of(x, "indicator"), line_of(x)))
            .collect(),
        pred_shown: pk
            .iter()
            .map(|x| item(Category::KpiRows, text_of(x, "indicator"), line_of(x)))
            .collect(),
        gold: gi,
        pred: pi,
        matched: rows,
    }
    .record(Category::KpiRows, doc);

    let t = &mut doc.tallies[Category::KpiCells.index()];
    let mut misses = Vec::new();
    let mut false_hits = Vec::new();
    for (g_idx, kpi) in gk.iter().enumerate() {
        let gc = cells(kpi);
        let partner_kpi = partner.get(&g_idx).map(|&p| pk[p]);
        let pc = partner_kpi.map(cells).unwrap_or_default();
        // Cells match exactly, each gold cell the first unused equal one.
        let mut used = vec![false; pc.len()];
        let mut hit = vec![false; gc.len()];
        for (gi, g) in gc.iter().enumerate() {
            if let Some(pi) = (0..pc.len()).find(|&pi| !used[pi] && pc[pi] == *g) {
                used[pi] = true;
                hit[gi] = true;
            }
        }
        t.tp += hit.iter().filter(|h| **h).count();
        t.gold += gc.len();
        t.pred += pc.len();
        let g_name = text_of(kpi, "indicator");
        for (c, h) in gc.iter().zip(&hit) {
            if !h {
                misses.push(cell_item(&g_name, c, line_of(kpi)));
            }
        }
        if let Some(pkpi) = partner_kpi {
            let p_name = text_of(pkpi, "indicator");
            for (c, u) in pc.iter().zip(&used) {
                if !u {
                    false_hits.push(cell_item(&p_name, c, line_of(pkpi)));
                }
            }
        }
    }
    let matched_pred: Vec<usize> = partner.values().copied().collect();
    for (p_idx, kpi) in pk.iter().enumerate() {
        if matched_pred.contains(&p_idx) {
            continue;
        }
        let pc = cells(kpi);
        t.pred += pc.len();
        let p_name = text_of(kpi, "indicator");
        false_hits.extend(pc.iter().map(|c| cell_item(&p_name, c, line_of(kpi))));
    }
    doc.misses.extend(misses);
    doc.false_hits.extend(false_hits);
}

#[cfg(test)]
mod tests;
