//! The items the rules produce, serialized as the plan record's fields
//! (`../shared/contract/plan-record.md`).

use serde::{Serialize, Serializer};

/// Whether a period counts fiscal years (年度) or calendar years (年).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 年度: April to March.
    FiscalYear,
    /// 年: calendar year.
    Year,
}

/// A plan period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The plan the period belongs to, normalized.
    pub subject: Option<String>,
    /// First year (Gregorian).
    pub start: i32,
    /// Last year (Gregorian); `None` for an open end (以降).
    pub end: Option<i32>,
    /// Fiscal or calendar years.
    pub unit: Unit,
    /// The phrase as normalized.
    pub text: String,
    /// 1-based source line.
    pub line: usize,
    /// Whether this is the document's own plan period.
    #[serde(skip_serializing_if = "is_false")]
    pub own: bool,
}

/// A node of the strategy tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Path of numbers from the root, joined with `.`.
    pub id: String,
    /// The kind word as written (`基本方針`, `施策の柱`, …), if any.
    pub kind: Option<String>,
    /// The title, joined across lines.
    pub title: String,
    /// 1-based source line.
    pub line: usize,
    /// Child nodes.
    pub children: Vec<Node>,
}

/// A project (事業 / 取組 / プロジェクト).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    /// The name, markers stripped.
    pub name: String,
    /// The document's own label (`重点推進事業1`), if any.
    pub label: Option<String>,
    /// Strategy ids it is listed under; the first is its home, later ones
    /// are 再掲.
    pub nodes: Vec<String>,
    /// 重点 / 重点推進事業 / 重点プロジェクト.
    pub priority: bool,
    /// 1-based source line of its first mention.
    pub line: usize,
}

/// A value for a year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearValue {
    /// Gregorian year (fiscal or calendar as the table says), if known.
    pub year: Option<i32>,
    /// The value; integral values serialize as JSON integers.
    #[serde(serialize_with = "number")]
    pub value: f64,
}

/// An indicator with its baseline, targets and results.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kpi {
    /// The indicator's name.
    pub indicator: String,
    /// Unit (`億円`, `件`, `%`), if stated.
    pub unit: Option<String>,
    /// The strategy node the table belongs to.
    pub node: Option<String>,
    /// 現状 value.
    pub baseline: Option<YearValue>,
    /// Target values by year.
    pub targets: Vec<YearValue>,
    /// Measured values by year.
    pub actuals: Vec<YearValue>,
    /// A target that is a rate or has no year (`10件/年`).
    pub target_text: Option<String>,
    /// Status word (`未達成`, `概ね達成`, `達成`).
    pub status: Option<String>,
    /// 1-based source line.
    pub line: usize,
}

/// Something a rule could not resolve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// 1-based source line.
    pub line: usize,
    /// What happened, for a human.
    pub message: String,
}

impl Warning {
    /// A warning at `line`.
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Warning {
            line,
            message: message.into(),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Integral values as integers (`9095`, not `9095.0`).
fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_values_are_integers() {
        let v = YearValue {
            year: Some(2019),
            value: 9095.0,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"year":2019,"value":9095}"#
        );
        let v = YearValue {
            year: None,
            value: 84.6,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"year":null,"value":84.6}"#
        );
    }
}
