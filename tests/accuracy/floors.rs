//! The floors file (`tests/accuracy/floors.tsv`) and the comparison of
//! measured figures with it: pure functions, tested here on fabricated
//! figures so that the gate is known to fail when it should.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What a floor line's document column holds for a figure of the whole set.
pub const WHOLE_SET: &str = "*";

/// How far below the measured figure a blessed floor lies.
pub const MARGIN: f64 = 0.02;

/// The header of the floors file, written by [`render`].
const HEADER: &str = "\
# Accuracy floors: the gate of tests/accuracy.rs (docs/testing.md).
#
# One line per figure: set <TAB> document <TAB> measure <TAB> floor.
# - set: seeds, devset, devset2, devset3, realdocs, or realdocs-no-otoineppu
#   (realdocs without the otoineppu-* documents; set-wide lines only).
# - document: a gold id, or * for the whole set.
# - measure: periods, nodes, edges, projects, kpi_rows, kpi_cells (F1; for
#   * the micro F1 over the set), municipality (1 or 0 for a document, the
#   accuracy for *), overall (* only: the mean of the six F1s).
# - floor: the figure measured when the file was blessed, less 0.02,
#   rounded down to 3 decimals, never below 0.
# A figure below its floor fails the test. A gold document or figure with
# no line here is reported, not gated; a line whose figure is no longer
# measured (its gold document is gone) is reported too.
# Rewrite from the current figures, then review the diff like code:
#   JPLAN_BLESS_FLOORS=1 cargo test --test integration accuracy
#set\tdocument\tmeasure\tfloor
";

/// Which figure: (set, document or `*`, measure).
pub type Key = (String, String, String);

/// One measured figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// The gold set's name.
    pub set: String,
    /// A gold id, or [`WHOLE_SET`].
    pub doc: String,
    /// A category's name, `municipality` or `overall`.
    pub measure: String,
    /// The figure, 0 to 1.
    pub value: f64,
}

impl Measure {
    /// A figure.
    pub fn new(set: &str, doc: &str, measure: &str, value: f64) -> Measure {
        Measure {
            set: set.to_string(),
            doc: doc.to_string(),
            measure: measure.to_string(),
            value,
        }
    }

    fn key(&self) -> Key {
        (self.set.clone(), self.doc.clone(), self.measure.clone())
    }

    fn name(&self) -> String {
        name(&self.key())
    }
}

fn name((set, doc, measure): &Key) -> String {
    if doc == WHOLE_SET {
        format!("{set} {measure}")
    } else {
        format!("{set}/{doc} {measure}")
    }
}

/// The floor blessed for a measured figure: less [`MARGIN`], rounded down
/// to 3 decimals, never below 0.
pub fn floor_of(value: f64) -> f64 {
    // In thousandths; the small epsilon keeps 0.98 from becoming 0.979.
    let thousandths = ((value - MARGIN) * 1000.0 + 1e-6).floor();
    thousandths.max(0.0) / 1000.0
}

/// Parse the floors file. A malformed line is an error naming its line.
pub fn parse(text: &str) -> Result<BTreeMap<Key, f64>, String> {
    let mut floors = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [set, doc, measure, floor] = fields[..] else {
            return Err(format!(
                "floors.tsv:{line_no}: expected 4 tab-separated fields, got {}: {line:?}",
                fields.len()
            ));
        };
        let floor: f64 = floor
            .parse()
            .ok()
            .filter(|f: &f64| (0.0..=1.0).contains(f))
            .ok_or_else(|| {
                format!("floors.tsv:{line_no}: floor {floor:?} is no number in 0..=1")
            })?;
        let key = (set.to_string(), doc.to_string(), measure.to_string());
        if floors.insert(key, floor).is_some() {
            return Err(format!(
                "floors.tsv:{line_no}: a second floor for {set} {doc} {measure}"
            ));
        }
    }
    Ok(floors)
}

/// The floors file for the measured figures, in their order.
pub fn render(measured: &[Measure]) -> String {
    let mut out = HEADER.to_string();
    for m in measured {
        writeln!(
            out,
            "{}\t{}\t{}\t{:.3}",
            m.set,
            m.doc,
            m.measure,
            floor_of(m.value)
        )
        .unwrap();
    }
    out
}

/// What the comparison found.
#[derive(Debug, Default, PartialEq)]
pub struct Verdict {
    /// Figures below their floor: these fail the gate.
    pub below: Vec<String>,
    /// Figures with no floor: reported, not gated.
    pub ungated: Vec<String>,
    /// Floors of a measured set whose figure was not measured (the gold
    /// document is gone): reported.
    pub stale: Vec<String>,
    /// How many figures were compared with a floor.
    pub gated: usize,
}

impl Verdict {
    /// Whether the gate passes.
    pub fn passes(&self) -> bool {
        self.below.is_empty()
    }
}

/// Compare measured figures with their floors. Floors of sets that were not
/// measured at all (`../shared` absent) are neither compared nor stale.
pub fn compare(floors: &BTreeMap<Key, f64>, measured: &[Measure]) -> Verdict {
    let mut verdict = Verdict::default();
    let sets: BTreeSet<&str> = measured.iter().map(|m| m.set.as_str()).collect();
    let keys: BTreeSet<Key> = measured.iter().map(Measure::key).collect();
    for m in measured {
        match floors.get(&m.key()) {
            Some(&floor) => {
                verdict.gated += 1;
                // Figures and floors have 3 decimals; the epsilon absorbs
                // binary representation only.
                if m.value < floor - 1e-9 {
                    verdict.below.push(format!(
                        "{}: {:.3} is below its floor {floor:.3}",
                        m.name(),
                        m.value
                    ));
                }
            }
            None => {
                verdict
                    .ungated
                    .push(format!("{}: {:.3} (no floor recorded)", m.name(), m.value))
            }
        }
    }
    for (key, floor) in floors {
        if sets.contains(key.0.as_str()) && !keys.contains(key) {
            verdict.stale.push(format!(
                "{}: floor {floor:.3}, but nothing of that name was measured",
                name(key)
            ));
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures() -> Vec<Measure> {
        vec![
            Measure::new("devset", WHOLE_SET, "nodes", 0.95),
            Measure::new("devset", WHOLE_SET, "overall", 0.9),
            Measure::new("devset", "dev-a", "nodes", 1.0),
            Measure::new("devset", "dev-a", "municipality", 1.0),
            Measure::new("devset", "dev-b", "nodes", 0.5),
            Measure::new("devset", "dev-b", "kpi_cells", 0.0),
        ]
    }

    #[test]
    fn floor_is_the_figure_less_the_margin_rounded_down() {
        assert_eq!(floor_of(1.0), 0.98);
        assert_eq!(floor_of(0.5), 0.48);
        assert_eq!(floor_of(0.857), 0.837);
        assert_eq!(floor_of(0.8576), 0.837);
        assert_eq!(floor_of(0.02), 0.0);
        assert_eq!(floor_of(0.01), 0.0);
        assert_eq!(floor_of(0.0), 0.0);
    }

    #[test]
    fn blessed_floors_parse_back_and_pass_their_own_figures() {
        let text = render(&figures());
        let floors = parse(&text).unwrap();
        assert_eq!(floors.len(), 6);
        let key = |d: &str, m: &str| ("devset".to_string(), d.to_string(), m.to_string());
        assert_eq!(floors[&key(WHOLE_SET, "nodes")], 0.93);
        assert_eq!(floors[&key("dev-b", "nodes")], 0.48);
        assert_eq!(floors[&key("dev-b", "kpi_cells")], 0.0);
        let verdict = compare(&floors, &figures());
        assert!(verdict.passes(), "{verdict:?}");
        assert_eq!(verdict.gated, 6);
        assert!(verdict.ungated.is_empty() && verdict.stale.is_empty());
    }

    #[test]
    fn a_figure_below_its_floor_fails_the_gate() {
        let floors = parse(&render(&figures())).unwrap();
        // Within the margin: passes. Exactly at the floor: passes.
        let mut within = figures();
        within[2].value = 0.985;
        within[4].value = 0.48;
        assert!(compare(&floors, &within).passes());
        // One document's nodes fall by more than the margin.
        let mut worse = figures();
        worse[4].value = 0.479;
        let verdict = compare(&floors, &worse);
        assert!(!verdict.passes());
        assert_eq!(
            verdict.below,
            vec!["devset/dev-b nodes: 0.479 is below its floor 0.480".to_string()]
        );
        // A set-wide figure, and a municipality lost.
        let mut worse = figures();
        worse[1].value = 0.85;
        worse[3].value = 0.0;
        let verdict = compare(&floors, &worse);
        assert_eq!(verdict.below.len(), 2, "{verdict:?}");
        assert!(verdict.below[0].starts_with("devset overall: 0.850"));
        assert!(verdict.below[1].starts_with("devset/dev-a municipality: 0.000"));
    }

    #[test]
    fn new_documents_and_stale_floors_are_reported_not_gated() {
        let floors = parse(&render(&figures())).unwrap();
        let mut now = figures();
        // dev-b's gold was removed, dev-c's added (with a poor score), and a
        // set with no floors at all appeared.
        now.retain(|m| m.doc != "dev-b");
        now.push(Measure::new("devset", "dev-c", "nodes", 0.1));
        now.push(Measure::new("devset4", WHOLE_SET, "nodes", 0.2));
        let verdict = compare(&floors, &now);
        assert!(verdict.passes(), "{verdict:?}");
        assert_eq!(
            verdict.ungated,
            vec![
                "devset/dev-c nodes: 0.100 (no floor recorded)".to_string(),
                "devset4 nodes: 0.200 (no floor recorded)".to_string(),
            ]
        );
        assert_eq!(verdict.stale.len(), 2, "{verdict:?}");
        assert!(verdict.stale.iter().all(|s| s.starts_with("devset/dev-b ")));
        // A set that was not measured at all (../shared absent) is not stale.
        let only_other: Vec<Measure> = vec![Measure::new("devset4", WHOLE_SET, "nodes", 0.2)];
        assert!(compare(&floors, &only_other).stale.is_empty());
    }

    #[test]
    fn a_malformed_floors_file_is_refused_with_its_line() {
        assert!(parse("# c\n\nseeds\t*\tnodes\t0.5\n").is_ok());
        let e = parse("# c\nseeds\t*\tnodes\n").unwrap_err();
        assert!(e.starts_with("floors.tsv:2: expected 4"), "{e}");
        let e = parse("seeds\t*\tnodes\t1.5\n").unwrap_err();
        assert!(e.contains("floors.tsv:1: floor \"1.5\""), "{e}");
        let e = parse("seeds\t*\tnodes\t0.5\nseeds\t*\tnodes\t0.4\n").unwrap_err();
        assert!(e.contains("a second floor"), "{e}");
    }
}
